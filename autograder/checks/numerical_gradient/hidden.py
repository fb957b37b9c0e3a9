"""Hidden checks of numerical_gradient: scored by the autograder; students see names and points
only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).

Blame: ``_gradient_at`` is judged on its own results; ``numerical_gradient`` on what it does
with the grader's stand-in for ``_gradient_at`` (:class:`probes.GradientAtStandIn`, which
returns the exact central difference of the point it is handed), and ``gradient_field`` on
what it does with a stand-in for ``numerical_gradient``. Values that only copy a stand-in's
output must match it to ``COPY_TOL``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import (
    ERROR_KEY,
    CheckTable,
    JudgeContext,
    ProbeError,
    Verdict,
    as_error,
)
from autograder.checks.judging import article, num
from autograder.checks.numerical_gradient import reference as ref
from autograder.checks.numerical_gradient.probes import (
    ALIAS_X,
    BAD_DIMENSIONS,
    CALL_CASES,
    DEFAULT_H,
    EDGE_POINTS,
    EMPTY_BATCHES,
    FAR_H,
    FAR_POINT,
    FRESH_POINTS,
    GRADIENT_AT_CALL_POINTS,
    NAN_BEYOND,
    NAN_GRID,
    NON_SEPARABLE,
    OTHER_DTYPES,
    RAISE_KINDS,
    RESTORE_HALT_ON,
    RESTORE_POINT,
    RESTORE_RAISE_ON,
    SAFETY_RAISE_ON,
    SAFETY_X,
    STATEFUL_SCALE,
    TINY_H,
    TINY_H_POINT,
    exact_central,
    far_linear,
)
from autograder.checks.plaindata import clean_text

CHECKS = CheckTable(__name__)

TINY_H_TOL = 1e-6
"""A result of gradient_at_h that fails against the central difference at the h given but is
this close to the analytic gradient is what a tiny h gives (the hint says so, nothing more)."""
COPY_TOL = 1e-12
"""numerical_gradient and gradient_field only copy (and negate) a stand-in's float64 output."""

NAMES = {
    "sq": "x0² + x1²",
    "xy": "x0·x1",
    "sin_xy": "sin(x0·x1)",
    "xy_plus_sq": "x0·x1 + x0²",
    "d3": "x0·x1·x2 + x0·sin(x2)",
    "cubic": "x0³ + x0²·x1 - 2·x0·x1² - x1³/2",
    "cubic3": "x0³ + x0·x1·x2 + 2·x1²·x2 - x2³",
}
STAND_IN = "with the grader's stand-in for _gradient_at"


# --- message helpers --------------------------------------------------------------------------


def _text(values: Any, limit: int = 6) -> str:
    """An array as plain numbers (``[4.0, 3.0]``), at most ``limit`` entries per level."""
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 0:
        return num(float(arr))
    items = [_text(v, limit) for v in arr[:limit]]
    more = f", … ({len(arr)} in all)" if len(arr) > limit else ""
    return "[" + ", ".join(items) + more + "]"


def _x_text(x: np.ndarray) -> str:
    return f"x={_text(x)}" if x.ndim == 1 else f"x of shape {x.shape}"


def _h_text(h: float | None) -> str:
    return "" if h is None else f", h={num(h)}"


def _raised(row: Any) -> ProbeError | None:
    """The error a student function raised, from a result whose inputs were laid over it."""
    if isinstance(row, dict) and ERROR_KEY in row:
        return as_error({ERROR_KEY: row[ERROR_KEY]})
    return None


def _shape_hint(got: tuple[int, ...], x_shape: tuple[int, ...]) -> str:
    """A hint only for the shape mistakes that give exactly ``got``."""
    if len(x_shape) == 1 and got == (1, *x_shape):
        return " (for one point, 1-D x, return shape (D,), not (1, D))"
    if len(x_shape) == 2 and x_shape[0] == 1 and got == x_shape[1:]:
        return " (a batch of one row keeps its shape (1, D): do not squeeze it)"
    if len(x_shape) == 2 and got == x_shape[::-1]:
        return " (the shape of x transposed: each ROW of x is one point)"
    return ""


def _returned(row: Any, what: str, x_shape: tuple[int, ...]) -> tuple[Verdict | None, Any]:
    """The float64 values a function returned for ``x_shape``, or the verdict why not."""
    err = _raised(row)
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}"), None
    if row.get("type", "ndarray") != "ndarray":
        return Verdict(False, f"{what} returned a {row['type']}, expected a numpy array"), None
    shape = tuple(row["shape"])
    if shape != x_shape:
        hint = _shape_hint(shape, x_shape)
        return Verdict(False, f"{what} returned shape {shape}, expected {x_shape}{hint}"), None
    if row["dtype"] != "float64":
        return Verdict(False, f"{what} returned dtype {row['dtype']}, expected float64"), None
    if np.shape(row["value"]) != x_shape:  # the values judged, whatever shape was reported
        return Verdict(
            False,
            f"{what} reported {np.size(row['value'])} gradient values for x of shape {x_shape}",
        ), None
    return None, np.asarray(row["value"], dtype=np.float64)


def _first_wrong(got: np.ndarray, want: np.ndarray) -> str:
    """Where ``got`` first differs from ``want``: a row (2-D) or an entry, both in full."""
    g, w = np.atleast_2d(got), np.atleast_2d(want)
    per_row = ref.point_rel_error_rows(g, w)
    r = int(np.argmax(per_row))
    where = f" at row {r}" if got.ndim == 2 else ""
    return f"{where}: got {_text(g[r])}, expected {_text(w[r])} (relative error {per_row[r]:.2g})"


# --- Task 3.1: _gradient_at -------------------------------------------------------------------


def _gradient_at_hint(name: str, x: np.ndarray, h: float, got: np.ndarray, tol: float) -> str:
    if h != DEFAULT_H and ref.point_rel_error(got, ref.gradient(name, x)) <= TINY_H_TOL:
        return (
            "; it matches what a tiny h (such as 1e-4) gives, not the central difference with "
            f"the h = {num(h)} given: use the h you are given"
        )
    for label, value in ref.variants(name, x, h).items():
        if ref.point_rel_error(got, value) <= tol:
            return f"; it matches {label}"
    return ""


def _gradient_at_case(
    name: str, row: dict[str, Any], h: float, want: np.ndarray, tol: float
) -> tuple[Verdict | None, float]:
    x = np.asarray(row["x"], dtype=np.float64)
    what = f"_gradient_at({NAMES[name]}, point={_text(x)}, h={num(h)})"
    bad, got = _returned(row, what, x.shape)
    if bad is not None:
        return bad, float("inf")
    err = ref.point_rel_error(got, want)
    if err > tol:
        hint = _gradient_at_hint(name, x, h, got, tol)
        return Verdict(
            False,
            f"{what}: got {_text(got)}, expected {_text(want)} (relative error {err:.2e} > "
            f"{tol:.0e}){hint}",
            err,
        ), err
    return None, err


@CHECKS.check("single_point", weight=2, threshold="grad_rel_tol")
def single_points(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at of non-separable functions (D = 2 and 3) at h = 1e-4, against the analytic
    gradient"""
    tol = ctx.threshold("grad_rel_tol")
    worst = 0.0
    for name in NON_SEPARABLE:
        for row in data[name]:
            want = ref.gradient(name, np.asarray(row["x"], dtype=np.float64))
            bad, err = _gradient_at_case(name, row, DEFAULT_H, want, tol)
            if bad is not None:
                return bad
            worst = max(worst, err)
    return Verdict(
        True,
        "_gradient_at of x0·x1, sin(x0·x1), x0·x1 + x0² and a 3-D function match the analytic "
        f"gradients (worst relative error {worst:.1e} <= {tol:.0e})",
        worst,
    )


@CHECKS.check("single_point", threshold="central_rel_tol")
def gradient_at_h(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at at h = 0.02, 0.1 and 0.3: the exact central difference, h² term included

    For the cubics the central difference is exactly f'(x) + h² f'''(x) / 6; for sin(x0·x1)
    and x0·sin(x2) it is cos(·) sin(h·x) / h. An h that is not the one given shows.
    """
    tol = ctx.threshold("central_rel_tol")
    worst = 0.0
    for case in data["cases"]:
        x = np.asarray(case["x"], dtype=np.float64)
        want = ref.central_exact(case["name"], x, case["h"])
        bad, err = _gradient_at_case(case["name"], case, case["h"], want, tol)
        if bad is not None:
            return bad
        worst = max(worst, err)
    return Verdict(
        True,
        f"_gradient_at gives the exact central difference at h = 0.02, 0.1 and 0.3 (worst "
        f"relative error {worst:.1e} <= {tol:.0e})",
        worst,
    )


def _gradient_at_runs(data: dict[str, Any]) -> list[tuple[list[float], dict, str]] | Verdict:
    """The gradient_at_calls probe's runs as (point, record, call text), or a failing verdict
    naming the first call that raised."""
    runs = []
    for name, p in GRADIENT_AT_CALL_POINTS.items():
        rec = data[name]
        what = f"_gradient_at({NAMES[name]}, point={_text(p)}, h=0.01)"
        err = as_error(rec["outcome"]) if isinstance(rec["outcome"], dict) else None
        if err is not None:
            return Verdict(False, f"{what} raised {err.describe()}")
        runs.append((p, rec, what))
    return runs


@CHECKS.check("single_point")
def gradient_at_calls(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at evaluates f exactly twice per coordinate"""
    runs = _gradient_at_runs(data)
    if isinstance(runs, Verdict):
        return runs
    for p, rec, what in runs:
        n, want = int(rec["f_calls"]), 2 * len(p)
        if n != want:
            centre = int(rec["at_centre"])
            hint = (
                f", {centre} of them at the unshifted point, which a central difference never needs"
                if centre and n > want
                else ""
            )
            return Verdict(
                False,
                f"{what} evaluated f {n} times{hint}; a central difference needs exactly "
                f"2·D = {want} (f(v + h) and f(v - h) for each of the {len(p)} coordinates)",
            )
    return Verdict(True, "_gradient_at evaluates f exactly 2·D times (D = 2 and 3)")


def _shift_label(s: np.ndarray, h: float) -> str:
    """One evaluation's shift from the point, in words: "v + h at 0", "v - h at 1", or "other"."""
    near = [i for i in range(len(s)) if abs(abs(s[i]) - h) < 1e-9]
    if len(near) == 1 and np.all(np.delete(np.abs(s), near[0]) < 1e-12):
        return f"v {'+' if s[near[0]] > 0 else '-'} h at {near[0]}"
    return "other"


@CHECKS.check("single_point", probe="gradient_at_calls")
def gradient_at_order(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at evaluates f(v + h) before f(v - h) for each coordinate, coordinate by
    coordinate (the documented order)

    With D = 2 and 3 and h = 0.01, the shifted points f is handed are, in order: v + h at
    coordinate 0, v - h at coordinate 0, v + h at coordinate 1, v - h at coordinate 1, ...
    (evaluations at the unshifted point are counted by gradient_at_calls, not here).
    """
    runs = _gradient_at_runs(data)
    if isinstance(runs, Verdict):
        return runs
    for p, rec, what in runs:
        shifts = np.asarray(rec["shifts"], dtype=np.float64).reshape(-1, len(p))
        labels = [_shift_label(s, 0.01) for s in shifts if np.any(s != 0.0)]
        want = [f"v {sign} h at {i}" for i in range(len(p)) for sign in "+-"]
        if labels[: len(want)] != want and sorted(labels) == sorted(want):
            return Verdict(
                False,
                f"{what}: f was evaluated at {', '.join(labels)}; the documented order is "
                "coordinate by coordinate: v + h, then v - h, at coordinate 0, then at "
                "coordinate 1, and so on (each coordinate put back before the next one moves)",
            )
        for i in range(len(p)):
            moved = [
                float(s[i])
                for s in shifts
                if abs(abs(s[i]) - 0.01) < 1e-9 and np.all(np.delete(np.abs(s), i) < 1e-12)
            ]
            if moved[:2] != sorted(moved[:2], reverse=True) or len(moved) < 2:
                order = ", ".join("v + h" if m > 0 else "v - h" for m in moved) or "neither"
                return Verdict(
                    False,
                    f"{what}: coordinate {i} was evaluated at {order}; the documented order is "
                    "f(v + h) first, then f(v - h)",
                )
    return Verdict(True, "_gradient_at evaluates f(v + h), then f(v - h), for every coordinate")


def _fresh(data: dict[str, Any], calls: dict[str, tuple[str, str]]) -> Verdict | None:
    """The verdict on two results computed one after the other (``calls``: the probe's key →
    the two calls as text, and the shape a result has), or None when each is a new array."""
    for key, (first_what, second_what, shape) in calls.items():
        rec = data[key]
        for what, row in ((first_what, rec["first"]), (second_what, rec["second"])):
            bad, _ = _returned(row, what, shape)
            if bad is not None:
                return bad
        then = np.asarray(rec["first"]["value"], dtype=np.float64)
        after = rec["first_after"]
        now = np.asarray(after.get("value"), dtype=np.float64) if isinstance(after, dict) else None
        if rec["shared"] is not False or now is None or not np.array_equal(now, then):
            got = "" if now is None or now.shape != then.shape else f" (it now holds {_text(now)})"
            return Verdict(
                False,
                f"the result of {first_what} changed when {second_what} ran{got}, or the two "
                "share memory: return a new array on every call (np.empty or np.zeros inside "
                "the function), never one kept between calls",
            )
        if rec["with_input"] is not False:
            return Verdict(
                False,
                f"a result of {first_what} or {second_what} shares memory with the point it was "
                "computed at: return a new array",
            )
    return None


def _let_through(data: dict[str, Any], what: str, fn: str, how: str = "") -> Verdict | None:
    """The verdict when some exception f raised on purpose (``RAISE_KINDS``, the i-th on
    evaluation i + 1) did not reach the caller of ``fn`` as itself, else None."""
    for i, kind in enumerate(RAISE_KINDS):
        got = clean_text(str(data.get(kind.__name__)), 60)
        if got != kind.__name__:
            did = (
                "returned normally: it swallowed the exception"
                if got == "returned"
                else f"raised {got} instead"
            )
            return Verdict(
                False,
                f"{what}: f raised {kind.__name__} on evaluation {i + 1}, and {fn} {did}; let "
                f"f's exceptions through unchanged{how}",
            )
    return None


@CHECKS.check("single_point")
def gradient_at_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at returns a new array each call (not one kept between calls, not the point)"""
    calls = {
        name: (
            f"_gradient_at({NAMES[name]}, point={_text(np.asarray(p))}, h=1e-4)",
            f"_gradient_at({NAMES[name]}, point={_text(np.asarray(q))}, h=1e-4)",
            (len(p),),
        )
        for name, (p, q) in FRESH_POINTS.items()
    }
    bad = _fresh(data, calls)
    if bad is not None:
        return bad
    return Verdict(True, "_gradient_at returns a new array on every call")


@CHECKS.check("single_point")
def gradient_at_raises(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """f's exception reaches the caller of _gradient_at, whatever its type"""
    what = f"_gradient_at({NAMES['d3']}, point={_text(np.asarray(RESTORE_POINT))}, h=0.01)"
    bad = _let_through(data, what, "_gradient_at", " (try/finally, no except)")
    if bad is not None:
        return bad
    overflow = clean_text(str(data.get("overflow")), 60)
    if overflow != "returned":
        return Verdict(
            False,
            f"_gradient_at(f, point=[0.5, -1.5], h=1e-4) with an f that overflows to inf (the "
            f"caller's numpy error state is silent) raised {overflow}: keep numpy's error state "
            "as the caller set it (no np.errstate or np.seterr)",
        )
    what = f"_gradient_at(exp(x0) + x1, point={_text(np.asarray(EDGE_POINTS[0]))}, h=1e-4)"
    bad = _overflow_kept(data.get("overflow_edge"), what, (2,))
    if bad is not None:
        return bad
    return Verdict(
        True,
        f"f's {_kinds_text()} reach the caller of _gradient_at unchanged, and an overflow "
        "of f gives inf",
    )


def _kinds_text() -> str:
    names = [k.__name__ for k in RAISE_KINDS]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _overflow_kept(res: Any, what: str, shape: tuple[int, ...]) -> Verdict | None:
    """The verdict when a call at :data:`EDGE_POINTS` under the caller's silent error state (f
    overflows to inf at v + h only) did not return +inf in x0 at every point, else None."""
    err = as_error(res)
    if err is not None:
        return Verdict(False, f"{what} (the caller's error state silent) raised {err.describe()}")
    value = res.get("value") if isinstance(res, dict) else None
    arr = np.asarray(value, dtype=np.float64) if value is not None else None
    if arr is None or arr.shape != shape:
        got = "no numbers" if arr is None else f"shape {arr.shape}"
        return Verdict(False, f"{what} gave {got}, expected shape {shape}")
    first = arr.reshape(-1, 2)[:, 0]
    if not np.all(np.isposinf(first)):
        return Verdict(
            False,
            f"{what}: f(v + h) overflows to inf and f(v - h) is about 1.8e308, so the "
            f"derivative in x0 is +inf under the caller's silent error state; got "
            f"{', '.join(num(v) for v in first)}. Return what the arithmetic gives (no "
            "np.nan_to_num, np.clip or replacing non-finite values)",
        )
    return None


@CHECKS.check("input_safety", weight=2)
def gradient_at_restores(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at puts the point back bit for bit, also when f raises (and lets it through)"""
    start = np.asarray(RESTORE_POINT)
    what = f"_gradient_at({NAMES['d3']}, point={_text(start)}, h=0.01)"
    ret = data["returned"]
    err = as_error(ret["outcome"]) if isinstance(ret["outcome"], dict) else None
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}")
    cases = [("returned", "after it returned", ret)] + [
        (f"raise{k}", f"after f raised on evaluation {k} of 6", data[f"raise{k}"])
        for k in RESTORE_RAISE_ON
    ]
    halt = (
        f"after f raised a BaseException that is not an Exception (as KeyboardInterrupt is) on "
        f"evaluation {RESTORE_HALT_ON}"
    )
    cases.append(("halt", halt, data["halt"]))
    for key, when, rec in cases:
        expected = "_Halt" if key == "halt" else "_Boom"
        if key != "returned" and rec["outcome"] != expected:
            did = (
                "returned normally (it swallowed f's exception)"
                if rec["outcome"] == "nothing"
                else f"raised {clean_text(str(rec['outcome']), 80)} instead"
            )
            return Verdict(False, f"{what}: {when.removeprefix('after ')}, and _gradient_at {did}")
        after = np.asarray(rec["after"], dtype=np.float64)
        if after.shape != start.shape or not np.array_equal(after, start):
            hint = ""
            if after.shape == start.shape and np.max(np.abs(after - start)) < 1e-9:
                hint = (
                    " (off by rounding: put back the saved value v, do not add or subtract h again)"
                )
            elif after.shape == start.shape and np.allclose(
                after, start - 0.01, rtol=0, atol=1e-12
            ):
                hint = " (every coordinate was left at v - h: put the saved v back)"
            elif key == "halt":
                hint = (
                    " (restore point[i] in a finally block: except Exception does not see a "
                    "KeyboardInterrupt)"
                )
            elif key != "returned":
                hint = " (restore point[i] in a finally block)"
            return Verdict(
                False, f"{what}: {when}, the point is {_text(after)}, not {_text(start)}{hint}"
            )
    return Verdict(
        True,
        "_gradient_at puts the point back bit for bit, also when f raises on any evaluation, "
        "and lets f's exception through",
    )


# --- Task 3.2: numerical_gradient with the stand-in for _gradient_at -------------------------


def _stand_in_what(name: str, x: np.ndarray, h: float | None) -> str:
    return f"numerical_gradient({NAMES[name]}, {_x_text(x)}{_h_text(h)}) {STAND_IN}"


COLUMNS_HINT = "; it handed the COLUMNS of x to _gradient_at: each ROW of x is one point"


def _columns(handed: list[np.ndarray], x: np.ndarray) -> bool:
    """Were the points handed to _gradient_at (so far) the columns of a 2-D x?"""
    if x.ndim != 2 or not 0 < len(handed) <= x.shape[1]:
        return False
    if x.shape[0] == x.shape[1] and np.array_equal(x, x.T):
        return False  # rows and columns are the same points
    return all(
        a.shape == (x.shape[0],) and np.array_equal(a, x[:, i]) for i, a in enumerate(handed)
    )


def _handed(case: dict[str, Any]) -> list[np.ndarray]:
    return [np.asarray(c["handed"], dtype=np.float64) for c in case["calls"]]


def _hinted(bad: Verdict, rec: dict[str, Any], x: np.ndarray) -> Verdict:
    """``bad`` with the columns hint when the stand-in's records show that mistake."""
    return Verdict(False, bad.message + COLUMNS_HINT) if _columns(_handed(rec), x) else bad


def _diagnose(case: dict[str, Any], x: np.ndarray, h: float) -> str:
    """What the stand-in's records show went wrong (only facts it recorded)."""
    handed = _handed(case)
    hs = sorted({float(c["h_handed"]) for c in case["calls"]})
    if hs and hs != [h]:
        return f"; it handed _gradient_at h = {', '.join(num(v) for v in hs)} instead of {num(h)}"
    if _columns(handed, x):
        return COLUMNS_HINT
    rows = [x] if x.ndim == 1 else list(x)
    if len(handed) != len(rows):
        return f"; it called _gradient_at {len(handed)} times for {len(rows)} point(s)"
    return ""


def _stand_in_case(case: dict[str, Any]) -> tuple[Verdict | None, float]:
    name, h = case["name"], case["h"]
    x = np.asarray(case["x"], dtype=np.float64)
    step = DEFAULT_H if h is None else float(h)
    what = _stand_in_what(name, x, h)
    bad, got = _returned(case["result"], what, x.shape)
    if bad is not None:
        return _hinted(bad, case, x), float("inf")
    want = exact_central(name, x, step)
    err = ref.point_rel_error(got, want)
    if err > COPY_TOL:
        if (
            x.ndim == 2
            and x.shape[0] == x.shape[1]
            and ref.point_rel_error(got, want.T) <= COPY_TOL
        ):
            hint = "; it is the transpose of the right result: each ROW of x is one point"
        else:
            hint = _diagnose(case, x, step)
        return Verdict(False, f"{what} is wrong{_first_wrong(got, want)}{hint}", err), err
    return None, err


def _stand_in_all(cases: list[dict[str, Any]], what: str) -> Verdict:
    worst = 0.0
    for case in cases:
        bad, err = _stand_in_case(case)
        if bad is not None:
            return bad
        worst = max(worst, err)
    return Verdict(
        True,
        f"{what}: the stand-in's gradients, in the right places (worst relative error {worst:.1e})",
        worst,
    )


@CHECKS.check("batch")
def one_point(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient of one point (1-D x): shape (D,), float64, at the given h"""
    return _stand_in_all(
        data["cases"], "numerical_gradient of one point (1-D x), h = 1e-4 (default), 0.02 and 0.25"
    )


@CHECKS.check("batch", probe="batches", weight=2)
def batches(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient of batches (N = 1, 3, 25 rows): row r is the gradient at x[r]"""
    cases = [c for i, c in enumerate(data["cases"]) if i % 4 != 0]
    return _stand_in_all(cases, "numerical_gradient of batches of N = 1, 3 and 25 rows")


@CHECKS.check("batch", probe="batches", weight=2)
def square_batch(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """N = D batches, where a transposition keeps the shape

    N = D: a transposed batch still has the right shape, only the values give it away.
    """
    cases = [c for i, c in enumerate(data["cases"]) if i % 4 == 0]
    return _stand_in_all(cases, "numerical_gradient of N = D batches")


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _call_case(label: str) -> tuple[str, np.ndarray, float | None]:
    for lab, name, x, h in CALL_CASES:
        if lab == label:
            return name, np.asarray(x, dtype=np.float64), h
    raise KeyError(label)


@CHECKS.check("batch", probe="batch_calls")
def calls_per_point(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient calls _gradient_at once per point, with each row of x and f"""
    for label, *_ in CALL_CASES:
        name, x, h = _call_case(label)
        what = _stand_in_what(name, x, h)
        rec = data[label]
        err = _raised(rec["result"])
        if err is not None:
            return _hinted(Verdict(False, f"{what} raised {err.describe()}"), rec, x)
        rows = [x] if x.ndim == 1 else list(x)
        handed = _handed(rec)
        if len(handed) != len(rows):
            never = " (write the loop over the rows with _gradient_at)" if not handed else ""
            never += COLUMNS_HINT if _columns(handed, x) else ""
            return Verdict(
                False,
                f"{what} called _gradient_at {len(handed)} times for {len(rows)} point(s); "
                f"call it once per point{never}",
            )
        for r, row in enumerate(rows):
            n = sum(a.shape == row.shape and np.array_equal(a, row) for a in handed)
            alike = sum(np.array_equal(other, row) for other in rows)
            if n != alike:
                return Verdict(
                    False,
                    f"{what} handed _gradient_at the point {_text(row)} (row {r}) {n} times, "
                    f"expected {_times(alike)} (once per row, equal rows included); it was "
                    "handed " + ", ".join(_text(a) for a in handed[:4]),
                )
        if int(rec["f_calls"]) == 0:
            return Verdict(False, f"{what}: the caller's f never reached _gradient_at")
    return Verdict(
        True,
        "numerical_gradient calls _gradient_at once per point (equal rows included), with each "
        "row and f",
    )


@CHECKS.check("batch", probe="batch_calls")
def passes_h(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient hands _gradient_at the h it was given, 1e-4 by default"""
    for label, *_ in CALL_CASES:
        name, x, h = _call_case(label)
        what = _stand_in_what(name, x, h)
        rec = data[label]
        err = _raised(rec["result"])
        if err is not None:
            return _hinted(Verdict(False, f"{what} raised {err.describe()}"), rec, x)
        want = DEFAULT_H if h is None else h
        for c in rec["calls"]:
            if float(c["h_handed"]) != want:
                why = "the default is h = 1e-4" if h is None else "pass on the h you were given"
                return Verdict(
                    False,
                    f"{what} handed _gradient_at h = {num(c['h_handed'])}, expected {num(want)} "
                    f"({why})",
                )
        if not rec["calls"]:
            return Verdict(False, f"{what} never called _gradient_at")
    return Verdict(True, "numerical_gradient passes on h = 0.03, and 1e-4 when called without h")


@CHECKS.check("batch")
def empty_batch(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient of a batch of N = 0 rows: a float64 array of shape (0, D), no call"""
    for name, dim in EMPTY_BATCHES.items():
        what = f"numerical_gradient({NAMES[name]}, x of shape (0, {dim})) {STAND_IN}"
        rec = data[name]
        bad, _ = _returned(rec["result"], what, (0, dim))
        if bad is not None:
            return bad
        if rec["calls"] or int(rec["f_calls"]):
            return Verdict(
                False,
                f"{what} called _gradient_at {len(rec['calls'])} times and f "
                f"{int(rec['f_calls'])} times; with no rows there is no point to differentiate",
            )
    return Verdict(True, "a batch of no rows gives a float64 array of shape (0, D)")


@CHECKS.check("batch", probe="batch_calls")
def f_only_in_gradient_at(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient evaluates f only through _gradient_at (no evaluation of its own)"""
    for label, *_ in CALL_CASES:
        name, x, h = _call_case(label)
        what = _stand_in_what(name, x, h)
        rec = data[label]
        err = _raised(rec["result"])
        if err is not None:
            return _hinted(Verdict(False, f"{what} raised {err.describe()}"), rec, x)
        dim = x.shape[-1]
        by_stand_in = 2 * dim * sum(1 for a in _handed(rec) if a.shape == (dim,))
        own = int(rec["f_calls"]) - by_stand_in
        if own != 0:
            return Verdict(
                False,
                f"{what} evaluated f {int(rec['f_calls'])} times, {by_stand_in} of them in "
                f"_gradient_at: numerical_gradient itself evaluated f {own} times; leave every "
                "evaluation to _gradient_at",
            )
    return Verdict(True, "numerical_gradient evaluates f only through _gradient_at")


@CHECKS.check("batch", weight=2)
def results_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient returns a new array each call (not one kept between calls, not x)"""
    calls = {}
    for name, (p, q) in FRESH_POINTS.items():
        for label, wrap in (("point", lambda v: _text(np.asarray(v))), ("row", None)):
            if wrap is None:
                texts = [f"x of shape (1, {len(p)})"] * 2
                shape: tuple[int, ...] = (1, len(p))
            else:
                texts = [f"x={wrap(p)}", f"x={wrap(q)}"]
                shape = (len(p),)
            calls[f"{name} {label}"] = (
                f"numerical_gradient({NAMES[name]}, {texts[0]}) {STAND_IN}",
                f"numerical_gradient({NAMES[name]}, {texts[1]}) {STAND_IN}",
                shape,
            )
    bad = _fresh(data, calls)
    if bad is not None:
        return bad
    return Verdict(True, "numerical_gradient returns a new array on every call")


@CHECKS.check("batch", probe="errors_pass_through")
def errors_pass_through(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """f's exception reaches the caller of numerical_gradient, whatever its type"""
    what = f"numerical_gradient({NAMES['xy']}, x of shape (3, 2)) {STAND_IN}"
    bad = _let_through(data, what, "numerical_gradient")
    if bad is not None:
        return bad
    got = clean_text(str(data.get("seterr_raise")), 60)
    if got != "FloatingPointError":
        return Verdict(
            False,
            f"{what} under the caller's np.errstate(all='raise'), with an f that overflows: "
            f"{'it returned normally' if got == 'returned' else 'it raised ' + got}, expected the "
            "FloatingPointError f raised; keep numpy's error state as the caller set it",
        )
    edge = f"numerical_gradient(exp(x0) + x1, x of shape (2, 2) near x0 = 709.78) {STAND_IN}"
    bad = _overflow_kept(data.get("silent_overflow"), edge, (len(EDGE_POINTS), 2))
    if bad is not None:
        return bad
    return Verdict(
        True,
        f"f's {_kinds_text()} reach the caller of numerical_gradient, and an inf from "
        "_gradient_at comes back as inf",
    )


@CHECKS.check("input_safety", probe="input_safety")
def input_unchanged(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """x is unchanged after the call, even with a _gradient_at that leaves its point shifted"""
    for label, value in SAFETY_X.items():
        x = np.asarray(value)
        what = f"numerical_gradient({NAMES['xy']}, {_x_text(x)})"
        err = as_error(data[f"{label}_ok"]) if isinstance(data[f"{label}_ok"], dict) else None
        if err is not None:
            return Verdict(False, f"{what} {STAND_IN} raised {err.describe()}")
        if not data[f"{label}_ok_unchanged"]:
            return Verdict(
                False,
                f"{what} changed the caller's x: the grader's stand-in for _gradient_at leaves "
                "the point it is handed shifted, and that reached the caller's array; hand "
                "_gradient_at a float64 copy (np.array(x, dtype=np.float64))",
            )
    return Verdict(True, "x is unchanged after the call (one point and a batch)")


@CHECKS.check("input_safety", probe="input_safety")
def input_unchanged_on_error(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """x is unchanged when f raises, and the exception reaches the caller"""
    for label, value in SAFETY_X.items():
        x = np.asarray(value)
        what = f"numerical_gradient({NAMES['xy']}, {_x_text(x)}) {STAND_IN}"
        for k in SAFETY_RAISE_ON:
            raised = data[f"{label}_raise{k}"]
            if raised != "_Boom":
                got = (
                    "returned normally; let the exception through"
                    if raised == "returned"
                    else f"raised {raised} instead of letting f's exception through"
                )
                return Verdict(
                    False, f"{what}: f raised on evaluation {k}, and numerical_gradient {got}"
                )
            if not data[f"{label}_raise{k}_unchanged"]:
                return Verdict(
                    False,
                    f"{what}: after f raised on evaluation {k}, the caller's x is "
                    f"{_text(data[f'{label}_raise{k}_x'])}, not {_text(x)} (work on a float64 "
                    "copy: a _gradient_at interrupted by f cannot be trusted to restore it)",
                )
    return Verdict(
        True, "x is unchanged when f raises midway, and the exception reaches the caller"
    )


@CHECKS.check("input_safety", weight=2)
def no_alias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """f and _gradient_at never get the caller's array; a read-only x works"""
    for label, value in ALIAS_X.items():
        x = np.asarray(value, dtype=np.float64)
        for mode in ("writeable", "read-only"):
            rec = data[f"{label} {mode}"]
            what = f"numerical_gradient({NAMES['xy_plus_sq']}, {mode} {_x_text(x)}) {STAND_IN}"
            shared = sum(bool(c["shares_caller"]) for c in rec["calls"])
            if shared:
                why = ", whose writes into it then raise" if mode == "read-only" else ""
                return Verdict(
                    False,
                    f"{what} handed _gradient_at the caller's own array (or a view of it) "
                    f"{shared} time(s){why}; work on a float64 copy (np.array(x, "
                    "dtype=np.float64) copies, np.asarray does not)",
                )
            if int(rec["f_aliased"]):
                return Verdict(False, f"{what}: f was handed the caller's own array")
            bad, got = _returned(rec["result"], what, x.shape)
            if bad is not None:
                return _hinted(bad, rec, x)
            want = exact_central("xy_plus_sq", x, DEFAULT_H)
            if ref.point_rel_error(got, want) > COPY_TOL:
                return Verdict(False, f"{what} is wrong{_first_wrong(got, want)}")
    return Verdict(
        True, "f and _gradient_at never get the caller's array; read-only x (1-D and 2-D) works"
    )


@CHECKS.check("input_safety")
def integer_input(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """int64 and float32 x: float64 points handed on, float64 gradients, x unchanged"""
    for label in OTHER_DTYPES:
        rec = data[label]
        x = np.asarray(rec["x"], dtype=np.float64)
        dtype = rec["dtype"]
        what = f"numerical_gradient({NAMES['xy_plus_sq']}, {dtype} {_x_text(x)}, h=0.05) {STAND_IN}"
        bad_dtypes = sorted({c["dtype"] for c in rec["calls"]} - {"float64"})
        if bad_dtypes:
            why = (
                "v + h on an int array stays an int"
                if dtype.startswith("int")
                else "v ± h in float32 is rounded to about 7 digits"
            )
            return Verdict(
                False,
                f"{what} handed _gradient_at {', '.join(bad_dtypes)} points; {why}: work on a "
                "float64 copy (np.array(x, dtype=np.float64))",
            )
        if set(rec["f_dtypes"]) - {"float64"}:
            return Verdict(False, f"{what}: f got {', '.join(rec['f_dtypes'])} points")
        bad, got = _returned(rec["result"], what, x.shape)
        if bad is not None:
            return _hinted(bad, rec, x)
        # the gradient at the values handed over (float32 rounds 0.3 to 0.30000001192...)
        want = exact_central("xy_plus_sq", x.astype(dtype).astype(np.float64), 0.05)
        if ref.point_rel_error(got, want) > COPY_TOL:
            return Verdict(False, f"{what} is wrong{_first_wrong(got, want)}")
        if not rec["unchanged"]:
            return Verdict(False, f"{what} changed the caller's {dtype} x")
    return Verdict(
        True, "int64 and float32 x: float64 points handed on, float64 gradients, x unchanged"
    )


@CHECKS.check("input_safety")
def bad_dimensions(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """0-D and 3-D x raise ValueError

    x with other than 1 or 2 dimensions raises ValueError (added after cosmic-ray found the
    contract untested).
    """
    wrong = {k: data[k] for k in BAD_DIMENSIONS if data[k] != "ValueError"}
    if wrong:
        return Verdict(
            False,
            "numerical_gradient(x0² + x1², x) with x of other than 1 or 2 dimensions must raise "
            "ValueError; got " + ", ".join(f"{k}: {v}" for k, v in wrong.items()),
        )
    return Verdict(True, "0-D and 3-D x raise ValueError")


# --- Task 3.3: gradient_field with the stand-in for numerical_gradient ------------------------


def _same_rows(a: np.ndarray, b: np.ndarray) -> bool:
    """The same rows, in any order."""
    return a.shape == b.shape and np.array_equal(a[np.lexsort(a.T[::-1])], b[np.lexsort(b.T[::-1])])


def _field_what(fd: dict[str, Any]) -> str:
    x0, x1 = np.asarray(fd["x0"]), np.asarray(fd["x1"])
    return (
        f"gradient_field({NAMES[fd['name']]}, x0 of {x0.size} values, x1 of {x1.size} "
        f"values{_h_text(fd.get('h'))}) with the grader's stand-in for numerical_gradient"
    )


def _field_failure(fd: dict[str, Any]) -> Verdict | None:
    err = as_error(fd["outcome"]) if isinstance(fd["outcome"], dict) else None
    return None if err is None else Verdict(False, f"{_field_what(fd)} raised {err.describe()}")


def _field_case(fd: dict[str, Any]) -> tuple[Verdict | None, float]:
    what = _field_what(fd)
    bad = _field_failure(fd)
    if bad is not None:
        return bad, float("inf")
    x0, x1 = np.asarray(fd["x0"], dtype=np.float64), np.asarray(fd["x1"], dtype=np.float64)
    gx, gy = np.meshgrid(x0, x1)
    got = {k: np.asarray(fd[k], dtype=np.float64) for k in "XYUV"}
    for k, want in (("X", gx), ("Y", gy)):
        if got[k].shape != want.shape or not np.array_equal(got[k], want):
            ij = np.meshgrid(x0, x1, indexing="ij")["XY".index(k)]
            hint = (
                " (it is np.meshgrid(x0, x1, indexing='ij'): use the default indexing)"
                if got[k].shape == ij.shape and np.array_equal(got[k], ij)
                else ""
            )
            unsorted = not hint and not all(np.all(np.diff(a) > 0) for a in (x0, x1))
            if got[k].shape == want.shape:
                j, i = (int(v) for v in np.argwhere(got[k] != want)[0])
                where = (
                    f"{k}[{j}, {i}] is {num(got[k][j, i])}, expected {num(want[j, i])}"
                    f"{' (x0 and x1 as given: not sorted or respaced)' if unsorted else ''}"
                )
            else:
                where = f"shape {got[k].shape}, expected {want.shape}"
            return Verdict(
                False,
                f"{what}: {k} is not np.meshgrid(x0, x1)[{'XY'.index(k)}] ({where}){hint}",
            ), float("inf")
    for k in "UV":
        if got[k].shape != gx.shape:
            return Verdict(
                False, f"{what}: {k} has shape {got[k].shape}, expected the grid's {gx.shape}"
            ), float("inf")
    h = DEFAULT_H if fd.get("h") is None else float(fd["h"])
    g = exact_central(fd["name"], np.column_stack([gx.ravel(), gy.ravel()]), h)
    arrows = np.column_stack([got["U"].ravel(), got["V"].ravel()])
    err = ref.point_rel_error(arrows, -g)
    if err > COPY_TOL:
        hint = ""
        if ref.point_rel_error(arrows, g) <= COPY_TOL:
            hint = "; the arrows point uphill: (U, V) = -∇f"
        else:
            shapes = [tuple(np.shape(c["points"])) for c in fd["calls"]]
            if (2, gx.size) in shapes:
                hint = (
                    f"; numerical_gradient was handed points of shape (2, {gx.size}): build "
                    f"them as rows, shape ({gx.size}, 2)"
                )
        r = int(np.argmax(ref.point_rel_error_rows(arrows, -g)))
        j, i = divmod(r, gx.shape[1])
        return Verdict(
            False,
            f"{what}: the arrow (U, V) at grid point [{j}, {i}] = ({num(gx[j, i])}, "
            f"{num(gy[j, i])}) is {_text(arrows[r])}, expected -∇f = {_text(-g[r])}{hint}",
            err,
        ), err
    return None, err


@CHECKS.check("gradient_field", weight=3)
def fields(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """quiver arrows equal -∇f on square and non-square grids, at the given h"""
    worst = 0.0
    for fd in data["fields"]:
        bad, err = _field_case(fd)
        if bad is not None:
            return bad
        worst = max(worst, err)
    return Verdict(
        True,
        f"X, Y are the meshgrid and the arrows equal -∇f on square and non-square grids (worst "
        f"relative error {worst:.1e})",
        worst,
    )


@CHECKS.check("gradient_field", probe="fields")
def field_types(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gradient_field returns a tuple (X, Y, U, V) of float64 numpy arrays (the meshgrid of the
    float64 x0, x1 it is given)"""
    for fd in data["fields"]:
        what = _field_what(fd)
        bad = _field_failure(fd)
        if bad is not None:
            return bad
        container = clean_text(str(fd.get("container", "")), 40)
        if container != "tuple":
            return Verdict(
                False, f"{what} returned {article(container)}; return the tuple (X, Y, U, V)"
            )
        kinds = [clean_text(str(k), 40) for k in fd.get("kinds", [])]
        for name, kind in zip("XYUV", kinds):
            if kind != "float64":
                return Verdict(
                    False,
                    f"{what}: {name} is {article(kind)} array, expected float64 (the meshgrid "
                    "of the float64 x0 and x1, and -numerical_gradient's result)"
                    if kind in ("float32", "float16", "int64", "int32")
                    else f"{what}: {name} is {article(kind)}, expected a float64 numpy array",
                )
    return Verdict(True, "gradient_field returns a tuple of four float64 numpy arrays")


@CHECKS.check("gradient_field", probe="fields", weight=2)
def field_no_alias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """X, Y, U and V are new arrays: none shares memory with the caller's x0 or x1"""
    for fd in data["fields"]:
        bad = _field_failure(fd)
        if bad is not None:
            return bad
        aliases = fd.get("aliases")
        if not isinstance(aliases, list):
            return Verdict(False, f"{_field_what(fd)}: the probe sent no aliasing record")
        if aliases:
            names = ", ".join(clean_text(str(a), 4) for a in aliases[:4])
            return Verdict(
                False,
                f"{_field_what(fd)}: {names} share(s) memory with the caller's x0 or x1 (a view, "
                "as np.meshgrid(..., copy=False) gives): writing into the arrows' arrays would "
                "change the caller's grid; return new arrays (np.meshgrid copies by default)",
            )
    return Verdict(True, "X, Y, U and V share no memory with x0 or x1")


@CHECKS.check("gradient_field", probe="fields")
def field_points_as_rows(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gradient_field calls numerical_gradient once, with the points as rows and the given h"""
    for fd in data["fields"]:
        what = _field_what(fd)
        bad = _field_failure(fd)
        if bad is not None:
            return bad
        gx, gy = np.meshgrid(np.asarray(fd["x0"], np.float64), np.asarray(fd["x1"], np.float64))
        calls = fd["calls"]
        if len(calls) != 1:
            return Verdict(
                False,
                f"{what} called numerical_gradient {len(calls)} times; call it once, with all "
                f"{gx.size} points as the rows of one array",
            )
        points = np.asarray(calls[0]["points"], dtype=np.float64)
        if points.shape != (gx.size, 2):
            hint = (
                " (that is np.array([X, Y]): two coordinate lists)"
                if points.shape == (2, gx.size)
                else ""
            )
            return Verdict(
                False,
                f"{what} handed numerical_gradient points of shape {points.shape}{hint}; build "
                f"them as rows, shape ({gx.size}, 2)",
            )
        grid = np.column_stack([gx.ravel(), gy.ravel()])
        if not _same_rows(points, grid):
            swapped = _same_rows(points[:, ::-1], grid)
            hint = " (its columns are (Y, X): swapped)" if swapped else ""
            return Verdict(
                False,
                f"{what}: the rows handed to numerical_gradient are not the grid points "
                f"(X[j, i], Y[j, i]){hint}",
            )
        want = DEFAULT_H if fd.get("h") is None else float(fd["h"])
        if float(calls[0]["h_handed"]) != want:
            why = "the default is h = 1e-4" if fd.get("h") is None else "pass on the h given"
            return Verdict(
                False,
                f"{what} handed numerical_gradient h = {num(calls[0]['h_handed'])}, expected "
                f"{num(want)} ({why})",
            )
        if int(fd["f_calls"]) == 0:
            return Verdict(False, f"{what}: the caller's f never reached numerical_gradient")
    return Verdict(
        True, "gradient_field calls numerical_gradient once, with the grid points as rows and h"
    )


def _one_result(r: Any, what: str, shape: tuple[int, ...]) -> np.ndarray | Verdict:
    """One _gradient_at result as a float64 array of ``shape``, or the failing verdict (it raised,
    or returned another shape)."""
    err = as_error(r)
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}")
    got = np.asarray(r.get("value"), dtype=np.float64) if r.get("value") is not None else None
    if got is None or got.shape != tuple(shape):
        return Verdict(False, f"{what} returned shape {r.get('shape')}, expected {tuple(shape)}")
    return got


@CHECKS.check("single_point", probe="gradient_at_tiny_h")
def gradient_at_tiny_h(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at uses the h it is given, however small (h = 1e-9 next to a kink)"""
    point = np.asarray(TINY_H_POINT)
    what = f"_gradient_at(|x0 - 0.3| + 2·x1, point={_text(point)}, h={TINY_H:g})"
    got = _one_result(data["result"], what, (2,))
    if isinstance(got, Verdict):
        return got
    want = np.array([1.0, 2.0])
    if not np.allclose(got, want, rtol=0, atol=1e-4):
        return Verdict(
            False,
            f"{what} gave {_text(got)}, expected {_text(want)}: the point is 5e-8 right of the "
            "kink, so a step of h = 1e-9 stays on one side; use h as given (no floor or other "
            "step size)",
        )
    return Verdict(True, f"_gradient_at uses h = {TINY_H:g} as given")


FAR_RTOL = 1e-10
"""gradient_at_far: the relative error allowed against (f(v + h) - f(v - h)) / (2h) computed the
same way. Rewrites of that formula (``/ 2 / h``, ``* (0.5 / h)``) differ by an ulp or two (about
1e-16); dividing by the float step (v + h) - (v - h) is off by 5e-7 or more."""


@CHECKS.check("single_point", probe="gradient_at_far")
def gradient_at_far(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at divides by 2h, the h given, also far from 0, where the float steps v ± h
    are not exactly ±h

    The expected value is (f(a) - f(b)) / (2h) at the two points ``a`` and ``b`` f was handed
    for each coordinate (where the shifted points lie is judged by ``gradient_at_order``; a
    v - h computed as (v + h) - 2h is one rounding off, and accepted there).
    """
    point = np.asarray(FAR_POINT, dtype=np.float64)
    what = f"_gradient_at(0.75·x0 - 1.5·x1, point={_text(point)}, h={num(FAR_H)})"
    got = _one_result(data["result"], what, point.shape)
    if isinstance(got, Verdict):
        return got
    steps = FAR_H * np.eye(point.size)
    ups, downs = point + steps, point - steps
    handed = np.asarray(data["handed"], dtype=np.float64).reshape(-1, point.size)
    near = 4 * np.spacing(np.abs(point))  # a few roundings of v ± h
    if (
        handed.shape[0] == 2 * point.size
        and np.all(np.abs(handed[0::2] - ups) <= near)
        and np.all(np.abs(handed[1::2] - downs) <= near)
    ):  # v ± h up to rounding: judge the division at the points f was handed
        ups, downs = handed[0::2], handed[1::2]
    # else other points or another number of evaluations (gradient_at_order, gradient_at_calls
    # and gradient_at_h say which): the documented formula at v ± h
    diffs = np.array([far_linear(u) - far_linear(d) for u, d in zip(ups, downs)])
    want = diffs / (2 * FAR_H)
    rel = np.abs(got - want) / np.abs(want)
    if np.all(rel <= FAR_RTOL):
        return Verdict(
            True, f"_gradient_at divides by 2h far from 0 (relative error {rel.max():.1e})"
        )
    taken = diffs / np.array([u[i] - d[i] for i, (u, d) in enumerate(zip(ups, downs))])
    hint = (
        ": that is the difference divided by the float step (v + h) - (v - h); divide by 2h, "
        "the h given"
        if np.allclose(got, taken, rtol=FAR_RTOL, atol=0)
        else ": the derivative is (f(v + h) - f(v - h)) / (2h), with the h given"
    )
    worst = float(np.nanmax(rel)) if np.any(np.isfinite(rel)) else float("inf")
    return Verdict(
        False,
        f"{what} gave {_text(got)}, expected {_text(want)} (relative error {worst:.2g}){hint}",
        worst,
    )


@CHECKS.check("batch", probe="stateful_f")
def numerical_gradient_stateful(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient differentiates f as it is at each call (nothing remembered between
    calls, not even for the same f and x)"""
    for label in ("point", "batch"):
        x = np.asarray(SAFETY_X[label], dtype=np.float64)
        what = f"numerical_gradient(f, {_text(x)})"
        want = exact_central("xy", x, DEFAULT_H)
        for key, scale in (("first", 1.0), ("second", STATEFUL_SCALE)):
            r = data[label][key]
            err = as_error(r)
            if err is not None:
                return Verdict(False, f"{what} raised {err.describe()}")
            got = (
                np.asarray(r.get("value"), dtype=np.float64) if r.get("value") is not None else None
            )
            if (
                got is None
                or got.shape != want.shape
                or not np.allclose(got, scale * want, rtol=1e-6, atol=1e-8)
            ):
                shown = _text(got) if got is not None else str(r.get("type"))
                again = (
                    f" called again on the same f after f changed to {num(STATEFUL_SCALE)}·x0·x1"
                    if key == "second"
                    else ""
                )
                return Verdict(
                    False,
                    f"{what}{again} gave {shown}, expected {_text(scale * want)}: every call "
                    "evaluates f as it is now (no results cached between calls)",
                )
    return Verdict(True, "numerical_gradient follows f as it is at each call")


@CHECKS.check("gradient_field", probe="field_special")
def field_passes_through(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gradient_field hands on numerical_gradient's values as they are (NaN arrows stay NaN) and
    leaves numpy's error state to the caller (an overflow under np.errstate(all="raise")
    raises)"""
    x0, x1 = (_text(np.asarray(NAN_GRID[k])) for k in ("x0", "x1"))
    what = f"gradient_field(f, x0={x0}, x1={x1})"
    raised = data["raise"]
    if raised != "FloatingPointError":
        did = (
            "returned normally" if raised == "returned" else f"raised {clean_text(str(raised), 80)}"
        )
        return Verdict(
            False,
            f"{what} of an f that overflows, called inside np.errstate(all='raise'), {did}: "
            "numpy's error state is the caller's (no np.errstate or np.seterr in gradient_field), "
            "so the FloatingPointError must reach the caller",
        )
    if data["nan"] != "returned":
        err = as_error(data["nan"])
        return Verdict(
            False,
            f"{what} of an f that is NaN where x0 > {num(NAN_BEYOND)} "
            + (f"raised {err.describe()}" if err else "did not return four arrays"),
        )
    xx, yy = np.meshgrid(np.asarray(NAN_GRID["x0"]), np.asarray(NAN_GRID["x1"]))
    nan_at = xx + DEFAULT_H > NAN_BEYOND
    for name, want in (("U", -yy), ("V", -xx)):
        r = data[name]
        got = np.asarray(r.get("value"), dtype=np.float64) if r.get("value") is not None else None
        if got is None or got.shape != want.shape:
            return Verdict(
                False, f"{what}: {name} has shape {r.get('shape')}, expected {list(want.shape)}"
            )
        if not np.array_equal(np.isnan(got), nan_at) or not np.allclose(
            got[~nan_at], want[~nan_at], rtol=1e-6, atol=1e-8
        ):
            return Verdict(
                False,
                f"{what} of an f that is NaN where x0 > {num(NAN_BEYOND)}: {name} is "
                f"{_text(got.reshape(-1))}, expected NaN exactly where x0 > {num(NAN_BEYOND)} "
                "and -∂f elsewhere: hand on numerical_gradient's values as they are (no "
                "np.nan_to_num or other clean-up)",
            )
    return Verdict(True, "gradient_field hands on NaN arrows and the caller's numpy error state")
