"""Student half of the numerical_gradient checks: call student code, return plain data only.

Judges cannot receive Python functions, so the test functions live here: a probe
differentiates them with the student's code and returns the points and the arrays;
the judge knows the same functions by name and their analytic gradients.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import ProbeContext, ProbeRegistry

PROBES = ProbeRegistry()


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


FUNCTIONS = {
    "sq": (sq, 2),
    "xy": (xy, 2),
    "sin_xy": (sin_xy, 2),
    "xy_plus_sq": (xy_plus_sq, 2),
    "d3": (d3, 3),
}
NON_SEPARABLE = ("xy", "sin_xy", "xy_plus_sq", "d3")


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


def _result(g: Any) -> dict[str, Any]:
    arr = np.asarray(g)
    return {
        "shape": list(arr.shape),
        "dtype": str(arr.dtype),
        "value": arr.astype(np.float64) if arr.dtype.kind in "biuf" else None,
    }


@PROBES.probe
def point_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """One point each: x0·x1 at (3, 4) and x0² + x1² at (1, -2); a batch [[3, 4], [1, 2]] of
    x0·x1."""
    return {
        "xy": _result(mod.numerical_gradient(xy, np.array([3.0, 4.0]))),
        "sq": _result(mod.numerical_gradient(sq, np.array([1.0, -2.0]))),
        "batch": _result(mod.numerical_gradient(xy, np.array([[3.0, 4.0], [1.0, 2.0]]))),
    }


def _gradients(mod: ModuleType, inputs: dict[str, list[dict[str, np.ndarray]]]) -> dict[str, Any]:
    """numerical_gradient of each named function at each input ``x`` (handed a copy)."""
    return {
        name: [_result(mod.numerical_gradient(FUNCTIONS[name][0], row["x"].copy())) for row in rows]
        for name, rows in inputs.items()
    }


def single_point_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """8 random points (1-D x) of each non-separable function."""
    rng = np.random.default_rng(ctx.seed)
    return {name: [{"x": p} for p in _points(rng, name, 8)] for name in NON_SEPARABLE}


def batch_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Batches (2-D x) of N = D, 1, 3 and 25 random rows of each non-separable function."""
    rng = np.random.default_rng(ctx.seed)
    return {
        name: [{"x": _points(rng, name, n)} for n in (FUNCTIONS[name][1], 1, 3, 25)]
        for name in NON_SEPARABLE
    }


@PROBES.probe(inputs=single_point_inputs)
def single_points(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """1-D calls (one point) at 8 random points of each non-separable function."""
    return _gradients(mod, ctx.inputs)


@PROBES.probe(inputs=batch_inputs)
def batches(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """2-D calls: for each non-separable function, batches of N = 2 (N = D for 2-D f), 1, 3 and 25
    rows."""
    return _gradients(mod, ctx.inputs)


class _Boom(Exception):
    """Raised by the test function on purpose."""


def _raising(calls_before: int) -> Any:
    count = {"n": 0}

    def f(x: np.ndarray) -> float:
        count["n"] += 1
        if count["n"] > calls_before:
            raise _Boom("raised on purpose by the test function")
        return float(x[0] * x[1])

    return f


@PROBES.probe
def input_safety(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Is x unchanged after the call, also when f raises midway? Does the exception reach the
    caller?"""
    out: dict[str, Any] = {}
    x1 = np.array([0.7, -1.3])
    x2 = np.array([[0.7, -1.3], [1.1, 0.4], [-0.9, 2.0]])
    for label, x in (("point", x1), ("batch", x2)):
        before = x.copy()
        mod.numerical_gradient(xy, x)
        out[f"{label}_ok_unchanged"] = bool(np.array_equal(x, before))
        for k in (1, 3):
            x = before.copy()
            try:
                mod.numerical_gradient(_raising(k), x)
                raised = "nothing"
            except _Boom:
                raised = "_Boom"
            except Exception as exc:  # the judge decides
                raised = type(exc).__name__
            out[f"{label}_raise{k}_unchanged"] = bool(np.array_equal(x, before))
            out[f"{label}_raise{k}_x"] = x.astype(np.float64)
            out[f"{label}_raise{k}"] = raised
    return out


def integer_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """An integer point and an integer batch of x0·x1 + x0² (int64 arrays)."""
    return {
        "point": {"x": np.array([2, -3], dtype=np.int64)},
        "batch": {"x": np.array([[1, 2], [-3, 1], [0, 4]], dtype=np.int64)},
    }


@PROBES.probe(inputs=integer_inputs)
def integer_input(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Integer arrays: one point and a batch, for x0·x1 + x0² (and the inputs are left
    unchanged)."""
    inp = ctx.inputs
    p, b = inp["point"]["x"].copy(), inp["batch"]["x"].copy()
    p0, b0 = p.copy(), b.copy()
    gp, gb = mod.numerical_gradient(xy_plus_sq, p), mod.numerical_gradient(xy_plus_sq, b)
    return {
        "point": _result(gp),
        "batch": _result(gb),
        "unchanged": bool(np.array_equal(p, p0) and np.array_equal(b, b0) and p.dtype == p0.dtype),
    }


def _field(mod: ModuleType, case: dict[str, Any]) -> dict[str, Any]:
    arrays = mod.gradient_field(FUNCTIONS[case["name"]][0], case["x0"].copy(), case["x1"].copy())
    return {k: np.asarray(v, dtype=np.float64) for k, v in zip("XYUV", arrays)}


def field_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"name": "xy", "x0": np.array([-1.0, 0.0, 1.0]), "x1": np.array([-1.0, 1.0])}


def fields_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Four functions, each on the notebook's square grid and on a non-square one."""
    square = np.arange(-2, 2.5, 0.25)
    wide, tall = np.linspace(-2, 2, 9), np.linspace(-1.5, 1.0, 6)
    return {
        "fields": [
            {"name": name, "x0": a, "x1": b}
            for name in ("sq", "xy", "sin_xy", "xy_plus_sq")
            for a, b in ((square, square), (wide, tall))
        ]
    }


@PROBES.probe(inputs=field_public_inputs)
def field_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gradient_field of x0·x1 on x0 = (-1, 0, 1), x1 = (-1, 1)."""
    return _field(mod, ctx.inputs)


@PROBES.probe(inputs=fields_inputs)
def fields(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gradient_field of x0² + x1², x0·x1, sin(x0·x1), x0·x1 + x0² on the notebook's grid and a
    non-square one."""
    return {"fields": [_field(mod, case) for case in ctx.inputs["fields"]]}


BAD_DIMENSIONS = ("0-D", "3-D")


@PROBES.probe
def bad_dimensions(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What numerical_gradient raises for a 0-D scalar and a 3-D array (the docstring asks for
    ValueError)."""
    out: dict[str, Any] = {}
    for label, x in zip(BAD_DIMENSIONS, (np.array(1.5), np.ones((2, 2, 2)))):
        try:
            mod.numerical_gradient(sq, x)
            out[label] = "no exception"
        except Exception as exc:
            out[label] = type(exc).__name__
    return out
