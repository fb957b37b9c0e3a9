"""Student half of the numerical_gradient checks: call student code, return plain data only.

Judges cannot receive Python functions, so the test functions live here: a probe
differentiates them with the student's code and returns the arrays; the judge knows the same
functions by name and their analytic gradients.

Each task is probed on its own, so a check fails only because of the function it names:

* ``_gradient_at`` (Task 3.1) is called directly, on a float64 copy of each point.
* ``numerical_gradient`` (Task 3.2) runs with :class:`GradientAtStandIn` in place of the
  student's ``_gradient_at``: the stand-in evaluates ``f`` the way the docstring of
  ``_gradient_at`` says (2 evaluations per coordinate, writing into the point it is handed),
  records what it was handed, and returns the exact central difference of the known test
  function. A broken ``_gradient_at`` therefore costs no ``numerical_gradient`` points.
* ``gradient_field`` (Task 3.3) runs with :class:`NumericalGradientStandIn` in place of the
  student's ``numerical_gradient`` (it records the points and ``h`` it was handed).

The stand-ins return the exact central difference of the known test function (closed forms
below) when the ``f`` they are handed is that function, its negative when it is the negated
function (``-∇f`` as ``∇(-f)`` is a correct way to draw the arrows), and otherwise the central
difference they measured of whatever ``f`` they were handed: they honour ``f`` and never
substitute the test function for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import ERROR_KEY, ProbeContext, ProbeRegistry, attempt

PROBES = ProbeRegistry()

DEFAULT_H = 1e-4
"""``numerical_gradient``'s and ``gradient_field``'s documented default."""


def sq(x: np.ndarray) -> float:
    return x[0] ** 2 + x[1] ** 2


def xy(x: np.ndarray) -> float:
    return x[0] * x[1]


def sin_xy(x: np.ndarray) -> float:
    return np.sin(x[0] * x[1])


def xy_plus_sq(x: np.ndarray) -> float:
    return x[0] * x[1] + x[0] ** 2


def d3(x: np.ndarray) -> float:
    return x[0] * x[1] * x[2] + x[0] * np.sin(x[2])


def cubic(x: np.ndarray) -> float:
    return x[0] ** 3 + x[0] ** 2 * x[1] - 2 * x[0] * x[1] ** 2 - 0.5 * x[1] ** 3


def cubic3(x: np.ndarray) -> float:
    return x[0] ** 3 + x[0] * x[1] * x[2] + 2 * x[1] ** 2 * x[2] - x[2] ** 3


FUNCTIONS = {
    "sq": (sq, 2),
    "xy": (xy, 2),
    "sin_xy": (sin_xy, 2),
    "xy_plus_sq": (xy_plus_sq, 2),
    "d3": (d3, 3),
    "cubic": (cubic, 2),
    "cubic3": (cubic3, 3),
}
NON_SEPARABLE = ("xy", "sin_xy", "xy_plus_sq", "d3")
H_VISIBLE = ("sin_xy", "d3", "cubic", "cubic3")
"""Functions whose central difference depends on h (a term in h², or sin(h·x1)/h)."""


def _padded(x: np.ndarray, parts: list[Any]) -> np.ndarray:
    out = np.zeros(x.shape, dtype=np.float64)
    out[: len(parts)] = parts
    return out


CENTRAL: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    # (f(x + h e_i) - f(x - h e_i)) / (2h) in closed form; coordinates the function does not use
    # (a row of a (2, N) array treated as one point) get 0.
    "sq": lambda x, h: _padded(x, [2 * x[0], 2 * x[1]]),
    "xy": lambda x, h: _padded(x, [x[1], x[0]]),
    "sin_xy": lambda x, h: _padded(
        x, [np.cos(x[0] * x[1]) * np.sin(h * x[1]) / h, np.cos(x[0] * x[1]) * np.sin(h * x[0]) / h]
    ),
    "xy_plus_sq": lambda x, h: _padded(x, [x[1] + 2 * x[0], x[0]]),
    "d3": lambda x, h: _padded(
        x,
        [
            x[1] * x[2] + np.sin(x[2]),
            x[0] * x[2],
            x[0] * x[1] + x[0] * np.cos(x[2]) * np.sin(h) / h,
        ],
    ),
    "cubic": lambda x, h: _padded(
        x,
        [
            3 * x[0] ** 2 + h**2 + 2 * x[0] * x[1] - 2 * x[1] ** 2,
            x[0] ** 2 - 4 * x[0] * x[1] - 1.5 * x[1] ** 2 - 0.5 * h**2,
        ],
    ),
    "cubic3": lambda x, h: _padded(
        x,
        [
            3 * x[0] ** 2 + h**2 + x[1] * x[2],
            x[0] * x[2] + 4 * x[1] * x[2],
            x[0] * x[1] + 2 * x[1] ** 2 - 3 * x[2] ** 2 - h**2,
        ],
    ),
}


def exact_central(name: str, x: np.ndarray, h: float) -> np.ndarray:
    """The exact central difference of test function ``name`` with step ``h``: at one point
    (1-D ``x``) or at each row (2-D ``x``)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        return CENTRAL[name](x, h)
    return np.array([CENTRAL[name](row, h) for row in x], dtype=np.float64).reshape(x.shape)


def _points(rng: np.random.Generator, name: str, n: int) -> np.ndarray:
    """n points of U(-2, 2)^D; for sin(x0·x1) only points where |cos(x0·x1)| > 0.2 (gradient not
    ~0)."""
    dim = FUNCTIONS[name][1]
    out = np.empty((0, dim))
    while len(out) < n:
        cand = np.round(rng.uniform(-2.0, 2.0, (n, dim)), 6)
        if name == "sin_xy":
            cand = cand[np.abs(np.cos(cand[:, 0] * cand[:, 1])) > 0.2]
        out = np.concatenate([out, cand])
    return out[:n]


def _result(g: Any) -> Any:
    """What a student function returned, as plain data (or the error payload it raised)."""
    if isinstance(g, dict):  # an error payload from attempt()
        return g
    arr = np.asarray(g)
    return {
        "type": "ndarray" if isinstance(g, np.ndarray) else type(g).__name__,
        "shape": list(arr.shape),
        "dtype": str(arr.dtype),
        "value": arr.astype(np.float64) if arr.dtype.kind in "biuf" else None,
    }


def _outcome(result: Any, returned: str = "returned", *, kind: bool = False) -> Any:
    """``returned`` when ``result`` is a returned value, else its error payload (or only the
    exception's type name, with ``kind``)."""
    if not (isinstance(result, dict) and ERROR_KEY in result):
        return returned
    return result[ERROR_KEY]["kind"] if kind else result


def _raised_text(result: dict[str, Any]) -> str:
    """``Kind: message`` of an error payload (the message names the task for a stub)."""
    info = result[ERROR_KEY]
    return f"{info['kind']}: {info['message']}" if info.get("message") else str(info["kind"])


def _ended(result: Any) -> str:
    """``returned``, ``_Boom`` (the test function's own exception got through) or ``Kind:
    message`` of what else was raised."""
    kind = _outcome(result, "returned", kind=True)
    return kind if kind in ("returned", "_Boom") else _raised_text(result)


class _Boom(Exception):
    """Raised by the test function on purpose."""


class _Halt(BaseException):
    """Raised by the test function on purpose, as KeyboardInterrupt or SystemExit would be: not
    an Exception (``except Exception`` does not see it; ``finally`` does)."""


class WatchedF:
    """A test function as the caller hands it: counts its evaluations, notes the arguments'
    dtypes and whether it was ever handed the caller's own array (``np.shares_memory``), and
    raises ``exc`` (:class:`_Boom` unless given) on evaluation ``raise_on`` (if given)."""

    def __init__(
        self,
        name: str,
        caller: np.ndarray | None = None,
        raise_on: int | None = None,
        exc: type[BaseException] | None = None,
    ) -> None:
        self.fn = FUNCTIONS[name][0]
        self.caller, self.raise_on, self.exc = caller, raise_on, exc or _Boom
        self.calls = 0
        self.aliased = 0
        self.dtypes: set[str] = set()
        self.args: list[np.ndarray] = []

    def __call__(self, x: np.ndarray) -> float:
        self.calls += 1
        arr = np.asarray(x)
        self.dtypes.add(str(arr.dtype))
        self.args.append(np.array(arr, dtype=np.float64, copy=True))
        if self.caller is not None and np.shares_memory(arr, self.caller):
            self.aliased += 1
        if self.raise_on is not None and self.calls >= self.raise_on:
            raise self.exc("raised on purpose by the test function")
        return float(self.fn(arr))

    def report(self) -> dict[str, Any]:
        return {"f_calls": self.calls, "f_aliased": self.aliased, "f_dtypes": sorted(self.dtypes)}


class NotOnePoint(Exception):
    """Raised by the grader's stand-in for _gradient_at when it is handed more than one point."""


class GradientAtStandIn:
    """The grader's stand-in for ``_gradient_at(f, point, h)`` while ``numerical_gradient`` runs.

    It records what it was handed, then does what the docstring of ``_gradient_at`` asks of the
    point: for each coordinate it writes ``v + h`` and ``v - h`` into ``point`` and evaluates
    ``f`` (so a read-only or aliased point shows), puts ``v`` back when ``restore`` (not when
    ``f`` raises), and returns the exact central difference of the test function ``name``.
    """

    def __init__(self, name: str, caller: np.ndarray, *, restore: bool = True) -> None:
        self.name, self.caller, self.restore = name, caller, restore
        self.calls: list[dict[str, Any]] = []

    def __call__(self, f: Any, point: Any, h: Any) -> np.ndarray:
        arr = np.asarray(point)
        self.calls.append(
            {
                "dtype": str(arr.dtype),
                "handed": np.array(arr, dtype=np.float64, copy=True),
                "h_handed": float(h),
                "shares_caller": bool(np.shares_memory(arr, self.caller)),
            }
        )
        dim = FUNCTIONS[self.name][1]
        if arr.shape != (dim,):
            raise NotOnePoint(
                f"the grader's stand-in for _gradient_at was handed an array of shape "
                f"{arr.shape}; one point of this f is 1-D with {dim} coordinates"
            )
        exact = CENTRAL[self.name](arr.astype(np.float64), float(h))
        measured = np.empty(arr.size, dtype=np.float64)
        for i in range(arr.size):
            v = arr[i]
            arr[i] = v + h
            up = f(arr)
            arr[i] = v - h
            down = f(arr)
            if self.restore:
                arr[i] = v
            measured[i] = _difference(up, down, float(h))
        # a point left shifted (restore=False) moves later coordinates: nothing to compare
        return honouring_f(measured, exact) if self.restore else exact

    def report(self) -> list[dict[str, Any]]:
        return self.calls


class NumericalGradientStandIn:
    """The grader's stand-in for ``numerical_gradient(f, x, h=1e-4)`` while ``gradient_field``
    runs: it records the points and ``h`` it was handed, measures the central difference of the
    ``f`` it was handed at each row (rows of any length), and returns it as
    :func:`honouring_f` says (exact values when ``f`` is the test function or its negative)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls: list[dict[str, Any]] = []

    def __call__(self, f: Any, x: Any, h: Any = DEFAULT_H) -> np.ndarray:
        arr = np.array(x, dtype=np.float64)
        self.calls.append({"points": arr.copy(), "h_handed": float(h)})
        rows = np.atleast_2d(arr)
        measured = np.array([_central_of(f, row, float(h)) for row in rows]).reshape(arr.shape)
        return honouring_f(measured, exact_central(self.name, arr, float(h)))


def _difference(up: Any, down: Any, h: float) -> float:
    """``(up - down) / (2h)``, or NaN when ``f`` returned something that is not a number."""
    try:
        return (float(up) - float(down)) / (2 * h)
    except (TypeError, ValueError, OverflowError):
        return float("nan")


def _central_of(f: Any, row: np.ndarray, h: float) -> np.ndarray:
    """The central difference of ``f`` at one point (a copy of ``row``, shape ``(D,)``)."""
    point = np.array(row, dtype=np.float64).reshape(-1)
    steps = h * np.eye(point.size)  # f gets a new array each time: never the caller's
    return np.array([_difference(f(point + e), f(point - e), h) for e in steps], dtype=np.float64)


def honouring_f(measured: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """``exact`` (the closed-form central difference of the test function) when the measured
    central difference of the ``f`` a stand-in was handed agrees with it, ``-exact`` when it
    agrees with its negative, else ``measured``: arrays of one shape."""
    close = {"rtol": 1e-6, "atol": 1e-8}
    if np.allclose(measured, exact, **close):
        return exact
    if np.allclose(measured, -exact, **close):
        return -exact
    return measured


@contextmanager
def replaced(mod: ModuleType, attr: str, stand_in: Any) -> Iterator[None]:
    """``mod.attr`` is ``stand_in`` for the duration (student code looks it up in its globals)."""
    missing = object()
    saved = mod.__dict__.get(attr, missing)
    setattr(mod, attr, stand_in)
    try:
        yield
    finally:
        if saved is missing:
            delattr(mod, attr)
        else:
            setattr(mod, attr, saved)


def _call(fn: Callable[..., Any], *args: Any, h: float | None) -> Any:
    """``fn(*args)`` (the default h) when ``h`` is None, else ``fn(*args, h)``; outcome
    recorded."""
    return attempt(fn, *args) if h is None else attempt(fn, *args, h)


def with_stand_in(
    mod: ModuleType,
    name: str,
    x: np.ndarray,
    h: float | None,
    *,
    restore: bool = True,
    raise_on: int | None = None,
) -> dict[str, Any]:
    """``numerical_gradient(f, x[, h])`` of test function ``name`` with the stand-in for
    ``_gradient_at``: what it returned (or raised), the stand-in's records and f's."""
    out, stand_in, f = _run_with_stand_in(mod, name, x, h, restore=restore, raise_on=raise_on)
    return {"result": _result(out), "calls": stand_in.report(), **f.report()}


def _run_with_stand_in(
    mod: ModuleType,
    name: str,
    x: np.ndarray,
    h: float | None,
    *,
    restore: bool = True,
    raise_on: int | None = None,
    exc: type[Exception] | None = None,
) -> tuple[Any, GradientAtStandIn, WatchedF]:
    """``numerical_gradient(f, x[, h])`` with the stand-in: the object it returned (or the error
    payload), the stand-in and the watched f."""
    stand_in = GradientAtStandIn(name, x, restore=restore)
    f = WatchedF(name, x, raise_on, exc)
    with replaced(mod, "_gradient_at", stand_in):
        out = _call(mod.numerical_gradient, f, x, h=h)
    return out, stand_in, f


def _shares(a: Any, b: Any) -> bool:
    """Both are numpy arrays and share memory."""
    return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.shares_memory(a, b)


def _fresh_pair(first: Any, second: Any, points: tuple[np.ndarray, np.ndarray]) -> dict[str, Any]:
    """Two results of calls made one after the other: the first as it was right after its call
    (``first``, plain data), as it is after the second call, and whether any result shares memory
    with the other or with the point it was computed at."""
    return {
        "shared": _shares(first["obj"], second),
        "with_input": _shares(first["obj"], points[0]) or _shares(second, points[1]),
        "first": first["then"],
        "first_after": _result(first["obj"]),
        "second": _result(second),
    }


# --- Task 3.1: _gradient_at, called directly --------------------------------------------------


@PROBES.probe
def point_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at of x0·x1 at (3, 4) and of x0² + x1² at (1, -2), h = 1e-4."""
    return {
        "xy": _result(attempt(mod._gradient_at, xy, np.array([3.0, 4.0]), 1e-4)),
        "sq": _result(attempt(mod._gradient_at, sq, np.array([1.0, -2.0]), 1e-4)),
    }


H_PUBLIC = {"cubic": ((1.0, -1.0), 0.1), "cubic3": ((1.0, -1.0, 0.5), 0.3)}
"""h_public: points and steps at which the h² term of the central difference shows."""


@PROBES.probe
def h_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at of the two cubics at h = 0.1 and 0.3 (the h² term shows)."""
    return {
        name: _result(attempt(mod._gradient_at, FUNCTIONS[name][0], np.array(p), h))
        for name, (p, h) in H_PUBLIC.items()
    }


EVALUATIONS_PUBLIC_POINT = (0.5, -0.7, 1.3)


@PROBES.probe
def evaluations_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """How often _gradient_at evaluates x0·x1·x2 + x0·sin(x2) (D = 3, h = 0.01), and how often at
    the unshifted point."""
    point = np.array(EVALUATIONS_PUBLIC_POINT)
    f = WatchedF("d3")
    res = attempt(mod._gradient_at, f, point.copy(), 0.01)
    return {
        "outcome": _outcome(res),
        "f_calls": f.calls,
        "at_centre": sum(bool(np.array_equal(a, point)) for a in f.args),
    }


def single_point_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """8 random points of each non-separable function."""
    rng = np.random.default_rng(ctx.seed)
    return {name: [{"x": p} for p in _points(rng, name, 8)] for name in NON_SEPARABLE}


@PROBES.probe(inputs=single_point_inputs)
def single_points(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at(f, a float64 copy of x, 1e-4) at 8 random points of each non-separable
    function."""
    return {
        name: [
            _result(attempt(mod._gradient_at, FUNCTIONS[name][0], np.array(row["x"]), 1e-4))
            for row in rows
        ]
        for name, rows in ctx.inputs.items()
    }


GRADIENT_AT_STEPS = (0.02, 0.1, 0.3)
"""The h of ``gradient_at_h``: large enough that the h² term of a central difference is visible."""


def gradient_at_h_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random points of the functions whose central difference depends on h, each with every h
    of GRADIENT_AT_STEPS (2 points per h)."""
    rng = np.random.default_rng(ctx.seed)
    return {
        "cases": [
            {"name": name, "x": p, "h": h}
            for name in H_VISIBLE
            for h in GRADIENT_AT_STEPS
            for p in _points(rng, name, 2)
        ]
    }


@PROBES.probe(inputs=gradient_at_h_inputs)
def gradient_at_h(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at(f, a float64 copy of x, h) at h = 0.02, 0.1 and 0.3."""
    return {
        "cases": [
            _result(attempt(mod._gradient_at, FUNCTIONS[c["name"]][0], np.array(c["x"]), c["h"]))
            for c in ctx.inputs["cases"]
        ]
    }


KINK_AT, TINY_H = 0.3, 1e-9
TINY_H_POINT = (KINK_AT + 5e-8, -0.4)
"""gradient_at_tiny_h: f(x) = |x0 - 0.3| + 2·x1 at x0 = 0.3 + 5e-8, h = 1e-9: the central
difference is (1, 2); any step above 5e-8 (a floor such as ``max(h, 1e-7)``) straddles the kink
and gives 0.5 or less for x0."""


def kinked(x: np.ndarray) -> float:
    """|x0 - KINK_AT| + 2·x1: a kink at x0 = KINK_AT."""
    return float(abs(x[0] - KINK_AT) + 2.0 * x[1])


@PROBES.probe
def gradient_at_tiny_h(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at(|x0 - 0.3| + 2·x1, a point 5e-8 right of the kink, h=1e-9)."""
    return {"result": _result(attempt(mod._gradient_at, kinked, np.array(TINY_H_POINT), TINY_H))}


FAR_POINT, FAR_H = (3.0e6 + 0.37, -7.0e5 - 0.9), 3e-4
"""gradient_at_far: a point far from 0, where the float steps (v + h) - (v - h) differ from 2h
(by about 1e-6 and 5e-7 relatively at these two coordinates): the derivative divides by 2h, the h
given, not by the step the float arithmetic happened to take."""


def far_linear(x: np.ndarray) -> float:
    """0.75·x0 - 1.5·x1 (shape (2,) in, a float out)."""
    return float(0.75 * x[0] - 1.5 * x[1])


@PROBES.probe
def gradient_at_far(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at(0.75·x0 - 1.5·x1, a float64 copy of a point far from 0, h=3e-4): the result
    and the first 8 points f was handed, in order."""
    handed: list[Any] = []

    def f(x: np.ndarray) -> float:
        arr = np.array(x, dtype=np.float64)
        if len(handed) < 8 and arr.shape == (len(FAR_POINT),):  # other shapes: not recorded
            handed.append(arr)
        return far_linear(x)

    res = _result(attempt(mod._gradient_at, f, np.array(FAR_POINT), FAR_H))
    return {"result": res, "handed": np.array(handed).reshape(-1, len(FAR_POINT))}


GRADIENT_AT_CALL_POINTS = {"xy": [0.6, -1.2], "d3": [0.5, -0.7, 1.3]}


@PROBES.probe
def gradient_at_calls(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """How often _gradient_at evaluates f (D = 2 and 3, h = 0.01), how often at the unshifted
    point, and each evaluation's shift from the point, in order."""
    out: dict[str, Any] = {}
    for name, p in GRADIENT_AT_CALL_POINTS.items():
        point = np.array(p)
        f = WatchedF(name)
        res = attempt(mod._gradient_at, f, point.copy(), 0.01)
        out[name] = {
            "outcome": _outcome(res),
            "f_calls": f.calls,
            "at_centre": sum(bool(np.array_equal(a, point)) for a in f.args),
            "shifts": np.array([a - point for a in f.args if a.shape == point.shape][:64]),
        }
    return out


RESTORE_POINT = (0.174, 0.166, 0.101)
"""With h = 0.01, ((v + h) - 2h) + h != v for each of these: only ``point[i] = v`` restores
them bit for bit."""
RESTORE_RAISE_ON = (1, 2, 4, 6)
RESTORE_HALT_ON = 3
"""gradient_at_restores: f also raises a BaseException that is not an Exception (as
KeyboardInterrupt is) on evaluation 3: only a ``finally`` puts the point back then."""


@PROBES.probe
def gradient_at_restores(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Is the point _gradient_at was handed restored bit for bit on return, and when f raises on
    evaluation 1, 2, 4 or 6 (of 6), or raises a BaseException (not an Exception) on evaluation
    3? Does the exception reach the caller?"""
    start = np.array(RESTORE_POINT)
    point = start.copy()
    res = attempt(mod._gradient_at, WatchedF("d3"), point, 0.01)
    out: dict[str, Any] = {"returned": {"outcome": _outcome(res), "after": point}}
    for k in RESTORE_RAISE_ON:
        point = start.copy()
        try:
            mod._gradient_at(WatchedF("d3", raise_on=k), point, 0.01)
            raised = "nothing"
        except _Boom:
            raised = "_Boom"
        except Exception as exc:  # the judge decides
            raised = type(exc).__name__
        out[f"raise{k}"] = {"outcome": raised, "after": point}
    point = start.copy()
    try:
        mod._gradient_at(WatchedF("d3", raise_on=RESTORE_HALT_ON, exc=_Halt), point, 0.01)
        raised = "nothing"
    except _Halt:
        raised = "_Halt"
    except Exception as exc:  # the judge decides
        raised = type(exc).__name__
    out["halt"] = {"outcome": raised, "after": point}
    return out


FRESH_POINTS = {"xy": ((0.6, -1.2), (1.4, 0.3)), "d3": ((0.5, -0.7, 1.3), (-1.1, 0.2, 0.9))}
"""gradient_at_fresh and results_fresh: two points of each function, differentiated one after
the other."""


@PROBES.probe
def gradient_at_fresh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at(f, p, 1e-4), then _gradient_at(f, q, 1e-4): is each result a new array (the
    first keeps its values, neither shares memory with the other or with its point)?"""
    out: dict[str, Any] = {}
    for name, (p, q) in FRESH_POINTS.items():
        fn = FUNCTIONS[name][0]
        points = (np.array(p), np.array(q))
        obj = attempt(mod._gradient_at, fn, points[0], 1e-4)
        first = {"obj": obj, "then": _result(obj)}
        out[name] = _fresh_pair(first, attempt(mod._gradient_at, fn, points[1], 1e-4), points)
    return out


RAISE_KINDS: tuple[type[Exception], ...] = (
    ZeroDivisionError,
    FloatingPointError,
    OverflowError,
    ValueError,
    TypeError,
    StopIteration,
)
"""gradient_at_raises and errors_pass_through: exceptions f raises (besides the test's own).
StopIteration shows a loop written as a generator (``np.fromiter``, a comprehension fed to a
generator), which turns it into RuntimeError."""


def overflowing(x: np.ndarray) -> float:
    """x0·x1 plus an overflow: inf under numpy's default error state (a number, not an error),
    FloatingPointError where the caller set ``np.errstate(over="raise")``."""
    return float(np.float64(1e308) * 10.0 + x[0] * x[1])


EDGE_POINTS = ((709.7827128, 0.25), (709.78271, -3.0))
"""Points just below the largest x0 where exp(x0) is finite (709.78271289...): ``v + h`` (h =
1e-4) overflows, ``v - h`` does not."""


def overflowing_edge(x: np.ndarray) -> float:
    """exp(x0) + x1: at :data:`EDGE_POINTS` with h = 1e-4, f(v + h) is inf and f(v - h) about
    1.8e308 for x0, so under a silent error state the central difference is +inf in x0 (and 0.0
    in x1, where the step is lost against 1.8e308)."""
    return float(np.exp(np.float64(x[0])) + x[1])


@PROBES.probe
def gradient_at_raises(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """_gradient_at(d3, point, 0.01) with f raising ZeroDivisionError, FloatingPointError,
    OverflowError, ValueError, TypeError or StopIteration on an evaluation (1 to 6): which
    exception reached the caller? And f that overflow to inf under the caller's silent error
    state: each returns (inf is a number f may return), and at the overflow's edge what."""
    out: dict[str, Any] = {}
    for i, kind in enumerate(RAISE_KINDS):
        try:
            mod._gradient_at(
                WatchedF("d3", raise_on=1 + i, exc=kind), np.array(RESTORE_POINT), 0.01
            )
            out[kind.__name__] = "returned"
        except Exception as exc:  # the judge decides
            out[kind.__name__] = type(exc).__name__
    with np.errstate(all="ignore"):  # the caller's state: overflow gives inf, silently
        res = attempt(mod._gradient_at, overflowing, np.array([0.5, -1.5]), 1e-4)
        edge = attempt(mod._gradient_at, overflowing_edge, np.array(EDGE_POINTS[0]), 1e-4)
    out["overflow"] = _outcome(_result(res), "returned", kind=True)
    out["overflow_edge"] = _result(edge)
    return out


RESTORE_PUBLIC_RAISE_ON = (2, 3)


def _restore_run(mod: ModuleType, raise_on: int | None) -> dict[str, Any]:
    """_gradient_at(d3, a copy of RESTORE_POINT, 0.01), f raising on evaluation ``raise_on``:
    how it ended (``returned``, ``_Boom``, another exception's type) and the point after."""
    point = np.array(RESTORE_POINT)
    try:
        mod._gradient_at(WatchedF("d3", raise_on=raise_on), point, 0.01)
        outcome = "returned"
    except _Boom:
        outcome = "_Boom"
    except Exception as exc:  # the judge decides
        outcome = f"{type(exc).__name__}: {exc}"[:200]
    return {"outcome": outcome, "after": point}


@PROBES.probe
def restore_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Is the point _gradient_at was handed restored bit for bit on return, and when f raises on
    evaluation 2 or 3 (of 6)? Does f's exception reach the caller?"""
    return {
        "returned": _restore_run(mod, None),
        **{f"raise{k}": _restore_run(mod, k) for k in RESTORE_PUBLIC_RAISE_ON},
    }


# --- Task 3.2: numerical_gradient, with the stand-in for _gradient_at ------------------------


PUBLIC_POINT, PUBLIC_BATCH = (3.0, 4.0), ((3.0, 4.0), (1.0, 2.0))
PUBLIC_ROW = ((3.0, 4.0),)


@PROBES.probe
def batch_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient of x0·x1 at the point (3, 4), at the rows (3, 4) and (1, 2), and at the
    one row (3, 4), with the grader's stand-in for _gradient_at."""
    return {
        "point": with_stand_in(mod, "xy", np.array(PUBLIC_POINT), None)["result"],
        "batch": with_stand_in(mod, "xy", np.array(PUBLIC_BATCH), None)["result"],
        "row": with_stand_in(mod, "xy", np.array(PUBLIC_ROW), None)["result"],
    }


BATCH_CALLS_ROWS = ((0.5, -1.5), (1.25, 0.75), (-0.5, 2.0))
BATCH_CALLS_PUBLIC = {
    "point": ((0.5, -1.5), None),
    "point, h = 0.03": ((0.5, -1.5), 0.03),
    "rows": (BATCH_CALLS_ROWS, None),
    "rows, h = 0.03": (BATCH_CALLS_ROWS, 0.03),
}
"""batch_calls_public: a point and three rows of x0·x1, each at the default h and at h = 0.03."""


@PROBES.probe
def batch_calls_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What numerical_gradient(x0·x1, x[, h]) hands the grader's stand-in for _gradient_at: the
    points, h and whether f reached it."""
    out: dict[str, Any] = {}
    for label, (x, h) in BATCH_CALLS_PUBLIC.items():
        run = with_stand_in(mod, "xy", np.array(x), h)
        out[label] = {
            "outcome": _outcome(run["result"]),
            "handed": [c["handed"] for c in run["calls"]],
            "h_handed": [c["h_handed"] for c in run["calls"]],
            "f_calls": run["f_calls"],
        }
    return out


STEPS = (None, 0.02, 0.25)
"""The h of the numerical_gradient value probes (None: called without h, the default 1e-4)."""
STAND_IN_FUNCTIONS = ("xy", "sin_xy", "xy_plus_sq", "d3", "cubic", "cubic3")


def one_point_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A random point (1-D x) of each function, once for each h of STEPS."""
    rng = np.random.default_rng(ctx.seed)
    return {
        "cases": [
            {"name": name, "x": _points(rng, name, 1)[0], "h": h}
            for name in STAND_IN_FUNCTIONS
            for h in STEPS
        ]
    }


def batch_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Batches (2-D x) of N = D, 1, 3 and 25 random rows of each function, h cycling through
    STEPS."""
    rng = np.random.default_rng(ctx.seed)
    return {
        "cases": [
            {"name": name, "x": _points(rng, name, n), "h": STEPS[(i + j) % len(STEPS)]}
            for i, name in enumerate(STAND_IN_FUNCTIONS)
            for j, n in enumerate((FUNCTIONS[name][1], 1, 3, 25))
        ]
    }


def _stand_in_cases(mod: ModuleType, cases: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "cases": [
            with_stand_in(mod, c["name"], np.array(c["x"], dtype=np.float64), c["h"]) for c in cases
        ]
    }


@PROBES.probe(inputs=one_point_inputs)
def one_point(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(f, 1-D x[, h]) with the stand-in for _gradient_at."""
    return _stand_in_cases(mod, ctx.inputs["cases"])


@PROBES.probe(inputs=batch_inputs)
def batches(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(f, 2-D x[, h]) with the stand-in, N = D (2 or 3), 1, 3 and 25 rows."""
    return _stand_in_cases(mod, ctx.inputs["cases"])


CALL_CASES = (
    ("point, h = 0.03", "xy", (0.5, -1.5), 0.03),
    ("4 rows, two alike", "xy", ((0.5, -1.5), (1.25, 0.75), (0.5, -1.5), (-0.5, 2.0)), 0.03),
    ("point, default h", "d3", (0.5, -1.5, 0.25), None),
    ("3 rows, h = 0.03", "xy", ((0.5, -1.5), (1.25, 0.75), (-0.5, 2.0)), 0.03),
    ("3 rows, default h", "d3", ((0.5, -1.5, 0.25), (1.25, 0.75, -1.0), (-0.5, 2.0, 1.5)), None),
)


@PROBES.probe
def batch_calls(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What numerical_gradient hands the stand-in for _gradient_at: how many calls, which points,
    which h (given, or the default)."""
    return {label: with_stand_in(mod, name, np.array(x), h) for label, name, x, h in CALL_CASES}


SAFETY_X = {"point": (0.7, -1.3), "batch": ((0.7, -1.3), (1.1, 0.4), (-0.9, 2.0))}
SAFETY_RAISE_ON = (1, 3)


@PROBES.probe
def input_safety(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Is the caller's x unchanged when the stand-in for _gradient_at leaves the point it was
    handed shifted, and when f raises on evaluation 1 or 3? Does the exception reach the
    caller?"""
    out: dict[str, Any] = {}
    for label, value in SAFETY_X.items():
        x = np.array(value)
        before = x.copy()
        run = with_stand_in(mod, "xy", x, None, restore=False)
        out[f"{label}_ok"] = _outcome(run["result"])
        out[f"{label}_ok_unchanged"] = bool(np.array_equal(x, before))
        for k in SAFETY_RAISE_ON:
            x = before.copy()
            run = with_stand_in(mod, "xy", x, None, restore=False, raise_on=k)
            out[f"{label}_raise{k}"] = _ended(run["result"])
            out[f"{label}_raise{k}_unchanged"] = bool(np.array_equal(x, before))
            out[f"{label}_raise{k}_x"] = x.astype(np.float64)
    return out


ALIAS_X = {"point": (0.8, -0.35), "batch": ((0.8, -0.35), (-1.2, 0.45), (0.15, 1.9))}


@PROBES.probe
def no_alias(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Does f (or the stand-in for _gradient_at) ever get the caller's own x, writeable or
    read-only (x.flags.writeable = False)? Does a read-only x work?"""
    out: dict[str, Any] = {}
    for label, value in ALIAS_X.items():
        for mode in ("writeable", "read-only"):
            x = np.array(value)
            x.flags.writeable = mode == "writeable"
            out[f"{label} {mode}"] = with_stand_in(mod, "xy_plus_sq", x, None)
    return out


OTHER_DTYPES = {
    "point": ((2, -3), "int64"),
    "batch": (((1, 2), (-3, 1), (0, 4)), "int64"),
    "float32 point": ((0.3, -1.7), "float32"),
    "float32 batch": (((0.3, -1.7), (1.1, 0.45), (-2.2, 0.9)), "float32"),
}
"""integer_input: the x of x0·x1 + x0² given as int64 or float32 (each point or batch), which
numerical_gradient must copy to float64 before any v ± h is written into it."""


def integer_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Integer and float32 points and batches of x0·x1 + x0²: the values as float64 (what the
    judge differentiates) and the dtype the probe hands over."""
    return {
        label: {"x": np.asarray(value, dtype=np.float64), "dtype": dtype}
        for label, (value, dtype) in OTHER_DTYPES.items()
    }


@PROBES.probe(inputs=integer_inputs)
def integer_input(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """int64 and float32 arrays, one point and a batch, for x0·x1 + x0² with the stand-in (and
    are the inputs left unchanged?)."""
    out: dict[str, Any] = {}
    for label, case in ctx.inputs.items():
        x = np.array(case["x"]).astype(case["dtype"])
        before = x.copy()
        run = with_stand_in(mod, "xy_plus_sq", x, 0.05)
        run["unchanged"] = bool(np.array_equal(x, before) and x.dtype == before.dtype)
        out[label] = run
    return out


COPY_PUBLIC = {
    "batch": (((0.7, -1.3), (1.1, 0.4)), "writeable", None),
    "read-only point": ((0.8, -0.35), "read-only", None),
    "batch, f raises on evaluation 3": (((0.7, -1.3), (1.1, 0.4)), "writeable", 3),
}
"""copy_public: x of x0·x1 + x0², its mode, and the evaluation on which f raises (None: never)."""


@PROBES.probe
def copy_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(x0·x1 + x0², x) with a stand-in for _gradient_at that leaves the point
    it is handed shifted: is the caller's x unchanged and never handed on, does a read-only x
    work, and does f's exception reach the caller?"""
    out: dict[str, Any] = {}
    for label, (value, mode, raise_on) in COPY_PUBLIC.items():
        x = np.array(value)
        before = x.copy()
        x.flags.writeable = mode == "writeable"
        run = with_stand_in(mod, "xy_plus_sq", x, None, restore=False, raise_on=raise_on)
        out[label] = {
            "result": run["result"],
            "outcome": _ended(run["result"]),
            "x_after": x.astype(np.float64),
            "unchanged": bool(np.array_equal(x, before)),
            "handed_caller": sum(bool(c["shares_caller"]) for c in run["calls"]),
            "f_aliased": run["f_aliased"],
        }
    return out


INTEGER_PUBLIC = {"point": (2, -3), "batch": ((1, 2), (-3, 1))}


@PROBES.probe
def integer_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(x0·x1 + x0², int64 x, h=0.05) with the stand-in for _gradient_at: the
    dtypes handed on, the result, and is x unchanged?"""
    out: dict[str, Any] = {}
    for label, value in INTEGER_PUBLIC.items():
        x = np.array(value, dtype=np.int64)
        before = x.copy()
        run = with_stand_in(mod, "xy_plus_sq", x, 0.05)
        out[label] = {
            "result": run["result"],
            "handed_dtypes": sorted({c["dtype"] for c in run["calls"]}),
            "f_dtypes": run["f_dtypes"],
            "unchanged": bool(np.array_equal(x, before) and x.dtype == before.dtype),
        }
    return out


BAD_DIMENSIONS = ("0-D", "3-D")


@PROBES.probe
def bad_dimensions(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What numerical_gradient raises for a 0-D scalar and a 3-D array (the docstring asks for
    ValueError), with the stand-in for _gradient_at."""
    out: dict[str, Any] = {}
    for label, x in zip(BAD_DIMENSIONS, (np.array(1.5), np.ones((2, 2, 2)))):
        res = with_stand_in(mod, "sq", x, None)["result"]
        kind = _outcome(res, "no exception", kind=True)
        out[label] = kind if kind in ("ValueError", "no exception") else _raised_text(res)
    return out


EMPTY_BATCHES = {"xy": 2, "d3": 3}
"""empty_batch: x of shape (0, D) for each of these functions."""


@PROBES.probe
def empty_batch(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(f, x of shape (0, D)) with the stand-in: the result, and the calls of
    the stand-in and of f (none expected)."""
    return {
        name: with_stand_in(mod, name, np.empty((0, dim)), None)
        for name, dim in EMPTY_BATCHES.items()
    }


@PROBES.probe
def results_fresh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient at p, then at q (1-D points, and the same points as one-row batches),
    with the stand-in: is each result a new array (the first keeps its values, neither shares
    memory with the other or with its x)?"""
    out: dict[str, Any] = {}
    for name, (p, q) in FRESH_POINTS.items():
        for label, shape in (("point", (-1,)), ("row", (1, -1))):
            points = (np.array(p).reshape(shape), np.array(q).reshape(shape))
            obj = _run_with_stand_in(mod, name, points[0], None)[0]
            first = {"obj": obj, "then": _result(obj)}
            second = _run_with_stand_in(mod, name, points[1], None)[0]
            out[f"{name} {label}"] = _fresh_pair(first, second, points)
    return out


class ScaledF:
    """The test function ``name`` times ``scale`` (an attribute the caller may change between
    calls: f as it is at each call is what counts)."""

    def __init__(self, name: str) -> None:
        self.fn, self.scale = FUNCTIONS[name][0], 1.0

    def __call__(self, x: np.ndarray) -> float:
        return self.scale * float(self.fn(np.asarray(x)))


STATEFUL_SCALE = 3.0


@PROBES.probe
def stateful_f(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(f, x) twice with the same f object and equal x (a point and a batch of
    x0·x1), f's scale set from 1 to 3 between the calls, with the stand-in for _gradient_at: the
    second result must follow f as it is then (nothing remembered between calls)."""
    out: dict[str, Any] = {}
    for label in ("point", "batch"):
        x = np.array(SAFETY_X[label])
        f = ScaledF("xy")
        with replaced(mod, "_gradient_at", GradientAtStandIn("xy", x)):
            first = attempt(mod.numerical_gradient, f, x.copy())
            f.scale = STATEFUL_SCALE
            second = attempt(mod.numerical_gradient, f, x.copy())
        out[label] = {"first": _result(first), "second": _result(second)}
    return out


@PROBES.probe
def errors_pass_through(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """numerical_gradient(x0·x1, 3 rows) with the stand-in and f raising ZeroDivisionError,
    FloatingPointError, OverflowError, ValueError, TypeError or StopIteration on an evaluation
    (1 to 6): which exception reached the caller? With the caller's ``np.errstate(all="raise")``,
    an f that overflows: its FloatingPointError must reach the caller too. And under a silent
    error state, the stand-in's inf at :data:`EDGE_POINTS`: what came back."""
    x = np.array(SAFETY_X["batch"])
    out: dict[str, Any] = {}
    for i, kind in enumerate(RAISE_KINDS):
        res = _run_with_stand_in(mod, "xy", x.copy(), None, raise_on=1 + i, exc=kind)[0]
        out[kind.__name__] = _outcome(_result(res), "returned", kind=True)
    stand_in = GradientAtStandIn("xy", x)
    with replaced(mod, "_gradient_at", stand_in), np.errstate(all="raise"):
        res = attempt(mod.numerical_gradient, overflowing, x.copy())
    out["seterr_raise"] = _outcome(_result(res), "returned", kind=True)
    edge = np.array(EDGE_POINTS)
    with replaced(mod, "_gradient_at", GradientAtStandIn("xy", edge)), np.errstate(all="ignore"):
        out["silent_overflow"] = _result(attempt(mod.numerical_gradient, overflowing_edge, edge))
    return out


# --- Task 3.3: gradient_field, with the stand-in for numerical_gradient ----------------------


def _field(mod: ModuleType, case: dict[str, Any]) -> dict[str, Any]:
    stand_in = NumericalGradientStandIn(case["name"])
    f = WatchedF(case["name"])
    x0, x1 = np.array(case["x0"]), np.array(case["x1"])
    with replaced(mod, "numerical_gradient", stand_in):
        arrays = _call(mod.gradient_field, f, x0, x1, h=case.get("h"))
    out: dict[str, Any] = {"calls": stand_in.calls, "f_calls": f.calls}
    if isinstance(arrays, dict):
        return {**out, "outcome": arrays}
    out["container"] = type(arrays).__name__
    out["kinds"] = [
        str(v.dtype) if isinstance(v, np.ndarray) else type(v).__name__
        for v in (arrays if isinstance(arrays, tuple | list) else [])
    ][:8]
    try:
        four = [np.asarray(v, dtype=np.float64) for v in arrays]
    except (TypeError, ValueError) as exc:
        return {**out, "outcome": {"__probe_error__": {"kind": "BadResult", "message": str(exc)}}}
    if len(four) != 4:
        return {
            **out,
            "outcome": {"__probe_error__": {"kind": "BadResult", "message": f"{len(four)} arrays"}},
        }
    out["aliases"] = [k for k, v in zip("XYUV", arrays) if _shares(v, x0) or _shares(v, x1)]
    return {**out, "outcome": "returned", **dict(zip("XYUV", four))}


def field_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """x0·x1 on x0 = (-1, 0, 1), x1 = (-1, 1), at the default h and at h = 0.1."""
    grid = {"name": "xy", "x0": np.array([-1.0, 0.0, 1.0]), "x1": np.array([-1.0, 1.0])}
    return {"cases": [grid, {**grid, "h": 0.1}]}


def fields_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Five functions, each on the notebook's square grid and on a non-square one; h = 0.1 or
    0.25 on some, the default on the others; then one on unsorted, unevenly spaced axes (X, Y
    are np.meshgrid(x0, x1) as given: never sorted or respaced)."""
    square = np.arange(-2, 2.5, 0.25)
    wide, tall = np.linspace(-2, 2, 9), np.linspace(-1.5, 1.0, 6)
    cases = [
        {"name": name, "x0": a, "x1": b, "h": h}
        for name, hs in (
            ("sq", (None, None)),
            ("xy", (None, 0.1)),
            ("sin_xy", (0.25, None)),
            ("xy_plus_sq", (None, 0.1)),
            ("cubic", (0.1, 0.25)),
        )
        for (a, b), h in zip(((square, square), (wide, tall)), hs)
    ]
    uneven = {"x0": np.array([1.5, -2.0, 0.25, -0.5, 2.0]), "x1": np.array([0.7, -1.25, 0.1])}
    cases.append({"name": "xy_plus_sq", **uneven, "h": None})  # unsorted, unevenly spaced
    return {"fields": cases}


@PROBES.probe(inputs=field_public_inputs)
def field_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gradient_field of x0·x1 on x0 = (-1, 0, 1), x1 = (-1, 1), at the default h and at h = 0.1,
    with the grader's stand-in for numerical_gradient."""
    return {"cases": [_field(mod, case) for case in ctx.inputs["cases"]]}


@PROBES.probe(inputs=fields_inputs)
def fields(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gradient_field of x0² + x1², x0·x1, sin(x0·x1), x0·x1 + x0² and a cubic on the notebook's
    grid and a non-square one, with the stand-in for numerical_gradient."""
    return {"fields": [_field(mod, case) for case in ctx.inputs["fields"]]}


NAN_BEYOND = 1.2
NAN_GRID = {"x0": (-1.0, 0.0, 1.0, 1.5, 2.0), "x1": (-1.0, 0.5, 1.0)}
"""field_special: f is NaN where x0 > 1.2, x0·x1 elsewhere, on this grid: the arrows at
x0 = 1.5 and 2 are NaN, the others -∇(x0·x1)."""


def nan_beyond(x: np.ndarray) -> float:
    """x0·x1, NaN where x0 > NAN_BEYOND."""
    return float("nan") if x[0] > NAN_BEYOND else float(x[0] * x[1])


@PROBES.probe
def field_special(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gradient_field with the stand-in for numerical_gradient (which measures the f it is
    handed): of an f that is NaN on part of the grid (U, V as they come back), and of an f that
    overflows, inside the caller's ``np.errstate(all="raise")`` (its FloatingPointError must
    reach the caller)."""
    x0, x1 = (np.array(NAN_GRID[k]) for k in ("x0", "x1"))
    with replaced(mod, "numerical_gradient", NumericalGradientStandIn("xy")):
        got = attempt(mod.gradient_field, nan_beyond, x0.copy(), x1.copy())
        with np.errstate(all="raise"):
            raised = attempt(mod.gradient_field, overflowing, x0.copy(), x1.copy())
    out: dict[str, Any] = {"raise": _outcome(_result(raised), "returned", kind=True)}
    if isinstance(got, dict) and ERROR_KEY in got:
        return out | {"nan": got}
    if not isinstance(got, tuple | list) or len(got) != 4:
        return out | {"nan": "not four arrays"}
    return out | {"nan": "returned", "U": _result(got[2]), "V": _result(got[3])}
