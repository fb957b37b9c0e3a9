"""Student half of the pwlinr checks: call student code, return plain data only.

Every student function a probe calls is called through :func:`attempt` on its own copy of the
inputs, so a function that raises or changes its input is blamed alone (its own key in the
result holds the error payload).
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import (
    ProbeContext,
    ProbeRegistry,
    as_error,
    attempt,
    error,
    error_payload,
)
from autograder.checks.global_rng import global_draws, seed_global, watched_seeding
from autograder.checks.signatures import defaults

PROBES = ProbeRegistry()

PUBLIC_X = (-1.0, -0.5, 0.0, 0.5, 1.0)
DENSE_X = np.arange(-3000, 3001, dtype=np.float64) / 1000.0  # step 0.001, contains 0.0 exactly
PUBLIC_KNOTS = ((-1.0, 0.0), (0.0, 1.0), (2.0, -1.0))
PUBLIC_KNOT_X = (-2.0, -1.0, -0.5, 0.0, 1.0, 2.0, 3.0)
KNOT_SIZES = (2, 3, 4, 6, 9, 13)

REPLAY_N = 120
"""Points of the step-by-step replay of fit_logistic (its own data, not make_data's grid)."""
REPLAY_LR = 0.02
"""Not the default 0.05, nor course.yml's fit_lr."""
REPLAY_EPOCHS = (1, 2, 3, 4, 6, 9)
"""Each a separate call from the start: consecutive counts tell an off-by-one loop apart."""
DEVICE_EPOCHS, DEVICE_SEED = 2, 31337
PUBLIC_KNOTS_SHUFFLED = ((2.0, -1.0), (-1.0, 0.0), (0.0, 1.0))
"""The public knots handed over out of order (probe ``knots_order_public``)."""
DATA_GLOBAL_SEED, DATA_N, DATA_SEED = 4242, 8, 7
"""data_public's second call: torch.manual_seed(4242), make_data(n=8, seed=7), torch.rand(2)."""
SMOKE_X = (-1.0, -0.6, -0.2, 0.1, 0.3, 0.7, 1.0)
SMOKE_Y = (0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0)
SMOKE_LR = 0.1
"""fit_smoke: seven points of its own, lr 0.1 (neither the default 0.05 nor Adam's 0.001)."""
SMOKE_RUNS = ((1, 11), (2, 12), (3, 13))
"""fit_smoke: (epochs, seed) of its three calls, each from the documented start."""
SMOKE_SCRAMBLE = 99
"""The global seed set before each fit_smoke call (what an unseeded fit leaves in place)."""
LONG_N, LONG_EPOCHS, LONG_LRS = 400, 1500, (0.01, 0.02)
"""fit_long: the documented data of 400 points (seeded), two calls of 1500 epochs (course.yml's
fit_epochs). At lr 0.01 the parameters still move at the last step (at lr 0.05 the fit has
converged long before, and a cap or schedule would not show); at lr 0.02 the loss flattens out
before the end, so an early stop shows (docs/calibration/pwlinr.md)."""
CLOSE_CASES = ((5, 1e-8, 0.0), (7, 3e-9, 0.0), (6, 1e-13, 0.0), (5, 5e-7, 1000.0))
"""knots_close: (knots, gap, shift): distinct knots this close (far below any tolerance) are
valid knots, also 1e-13 apart, and 5e-7 apart near x = 1000 (where a relative closeness test
such as math.isclose calls them equal)."""
TINY_GAP_KNOTS = ((0.0, 0.0), (1e-17, 0.0), (1.0, 1.0), (2.0, 0.5))
"""knots_close's last set: two knots 1e-17 apart at 0, below machine epsilon (2.2e-16) but
distinct, on a flat segment (a test such as ``gap < np.finfo(float).eps`` calls them equal)."""
EXTREME_N, EXTREME_LR = 120, 0.02
"""fit_extremes: points per run and the lr of both runs (fit_replay's lr)."""
SMALL_SCALE, SMALL_EPOCHS = 1e-7, 7
"""fit_extremes' first run: fit_replay's kind of data with x scaled to size 1e-7, from the
documented start, so every gradient is near Adam's eps (1e-8). Only there does an update depend
on eps and on the loss's scale (Adam divides a gradient's scale out): eps=1e-7 or BCELoss's
"sum" move the parameters by 0.04 or more in 7 epochs, correct loops by 5e-8 at most
(docs/calibration/pwlinr.md)."""
SATURATED_START = ([[1.0], [-1.0]], [[-19.0, 1.0]], [0.0])
"""fit_extremes' second run starts here (make_logistic_net patched to this net): the 60 points in
[1, 1.05] are labelled 0 and sit at p = 2e-9 to 6e-9, and only they move the first unit's
weights (relu(w x) with w = 1 is 0 for the other 60, all in [-1.5, -0.5])."""
SATURATED_EPOCHS = 6
"""A probability clamped to [c, 1 - c] for any c from 1e-8 up stops those points' gradient: the
first unit's weights then stay put, where correct loops move them by about 0.1 in 6 epochs."""
SOFT_EPOCHS = 8
"""fit_extremes' third run: 8 epochs from the documented start on targets y drawn from
U(0.05, 0.95), not labels (BCELoss takes any y in [0, 1]: y is used as given)."""
STATE_FIT = {"epochs": 2, "seed": 5, "scramble": 3}
"""state_logistic: the fit_logistic call (2 epochs, lr 0.1, seven points of fit_smoke)."""


def _torch() -> Any:
    import torch

    return torch


def _column(values: Any, dtype: Any = None, device: str = "cpu") -> Any:
    torch = _torch()
    arr = np.asarray(values, dtype=np.float64).reshape(-1, 1)
    return torch.tensor(arr, dtype=dtype or torch.float64, device=device)


def _out(t: Any) -> np.ndarray:
    return t.detach().cpu().to(dtype=_torch().float64).numpy().copy()


def _tensor(t: Any) -> dict[str, Any]:
    """A returned value as plain data: its type and, for a tensor, dtype, shape, device and
    values."""
    torch = _torch()
    if not isinstance(t, torch.Tensor):
        return {"type": type(t).__name__}
    return {
        "type": "Tensor",
        "dtype": str(t.dtype),
        "shape": list(t.shape),
        "device": str(t.device),
        "values": _out(t).reshape(-1),
    }


def _describe(net: Any) -> dict[str, Any]:
    """Layer types and the parameters (values, dtype, and whether each one requires grad) of every
    Linear layer of a network, as plain data."""
    torch = _torch()
    layers = []
    children = list(net.children()) if isinstance(net, torch.nn.Module) else []
    for m in children:
        row: dict[str, Any] = {"type": type(m).__name__}
        if isinstance(m, torch.nn.Linear):
            row.update(
                in_features=int(m.in_features),
                out_features=int(m.out_features),
                weight=_out(m.weight),
                bias=None if m.bias is None else _out(m.bias),
                dtype=str(m.weight.dtype),
                bias_dtype=None if m.bias is None else str(m.bias.dtype),
                trainable=[bool(t.requires_grad) for t in m.parameters(recurse=False)],
            )
        layers.append(row)
    return {"class": type(net).__name__, "layers": layers}


def _eval_net(net: Any, xs: Any) -> np.ndarray:
    torch = _torch()
    net = net.double().cpu()
    with torch.no_grad():
        return _out(net(_column(xs))).reshape(-1)


# --- Tasks 2.1-2.2: the line functions, each on its own copy of x ---------------------------


def _line_call(fn: Any, xs: Any, dtype: str, device: str = "cpu") -> dict[str, Any]:
    """``fn`` on a fresh column of ``xs`` (``dtype``, ``device``): what it returned, and whether
    that copy of x is unchanged afterwards."""
    torch = _torch()
    x = _column(xs, getattr(torch, dtype), device)
    before = x.clone()
    out = _tensor(fn(x))
    out["x_unchanged"] = bool(torch.equal(x, before))
    return out


def public_line_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": np.asarray(PUBLIC_X, dtype=np.float64)}


def dense_line_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": DENSE_X.copy()}


@PROBES.probe(inputs=public_line_inputs)
def line_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_formula and line_relu at x = -1, -0.5, 0, 0.5, 1, in float64 and in float32, each
    call on its own copy of x."""
    xs = ctx.inputs["x"]
    return {
        f"{name}{bits}": attempt(_line_call, fn, xs, f"float{bits}")
        for name, fn in (("formula", mod.line_formula), ("relu", mod.line_relu))
        for bits in ("64", "32")
    }


@PROBES.probe(inputs=dense_line_inputs)
def line_dense(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_formula and line_relu on 6001 points of [-3, 3] (step 0.001, including 0 exactly),
    in float64 and in float32, each call on its own copy of x."""
    xs = ctx.inputs["x"]
    return {
        f"{name}{bits}": attempt(_line_call, fn, xs, f"float{bits}")
        for name, fn in (("formula", mod.line_formula), ("relu", mod.line_relu))
        for bits in ("64", "32")
    }


def _second_call(fn: Any, xs: Any) -> dict[str, Any]:
    """``fn`` on a float64 column of ``xs``, then on a column of other values of the same shape:
    whether the first result still holds what it held before the second call, and whether the
    two results (or a result and its input) share memory."""
    torch = _torch()
    x1 = _column(xs)
    y1 = fn(x1)
    if not isinstance(y1, torch.Tensor):
        return {"type": type(y1).__name__}
    kept = y1.detach().clone()
    x2 = _column(np.asarray(xs, dtype=np.float64)[::-1] * 3.0 + 0.25)
    y2 = fn(x2)

    def ptr(t: Any) -> int:
        return int(t.untyped_storage().data_ptr())

    return {
        "type": "Tensor",
        "first_kept": bool(torch.equal(y1, kept)),
        "shares_result": isinstance(y2, torch.Tensor) and ptr(y1) == ptr(y2),
        "shares_input": ptr(y1) == ptr(x1),
    }


@PROBES.probe(inputs=public_line_inputs)
def line_fresh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_formula and line_relu each called twice (x = -1, -0.5, 0, 0.5, 1, then other values):
    each call's result is a new tensor that the next call leaves alone."""
    xs = ctx.inputs["x"]
    return {
        name: attempt(_second_call, fn, xs)
        for name, fn in (("formula", mod.line_formula), ("relu", mod.line_relu))
    }


LINE_SIZES = ((0.7,), ())
"""line_sizes: x of shape (1, 1) and (0, 1): y has x's shape also for one point and for none."""


def line_sizes_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"cases": [{"x": np.asarray(xs, dtype=np.float64)} for xs in LINE_SIZES]}


@PROBES.probe(inputs=line_sizes_inputs)
def line_sizes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_formula and line_relu on a float64 x of shape (1, 1) and of shape (0, 1)."""
    return {
        "cases": [
            {
                "formula64": attempt(_line_call, mod.line_formula, c["x"], "float64"),
                "relu64": attempt(_line_call, mod.line_relu, c["x"], "float64"),
            }
            for c in ctx.inputs["cases"]
        ]
    }


def _raised_or(result: Any, key: str, what: str) -> Any:
    """``{key: result}``, or, when ``result`` is the error payload of what ``what`` raised, that
    error as the probe's whole result with ``what`` named: a device clause is then failed (not
    reported as not checked) on any machine, and blamed on the one function it calls."""
    err = as_error(result)
    if err is None:
        return {key: result}
    return error(err.kind, f"{what}: {err.message}" if err.message else what)


@PROBES.probe(inputs=public_line_inputs)
def formula_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_formula on a float64 x on the grading device (--device)."""
    got = attempt(_line_call, mod.line_formula, ctx.inputs["x"], "float64", ctx.device)
    return _raised_or(got, "formula", f"line_formula(x) with x on {ctx.device}")


@PROBES.probe(inputs=public_line_inputs)
def relu_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_relu on a float64 x on the grading device (--device)."""
    got = attempt(_line_call, mod.line_relu, ctx.inputs["x"], "float64", ctx.device)
    return _raised_or(got, "relu", f"line_relu(x) with x on {ctx.device}")


# --- Task 2.3: make_pwlinr ---------------------------------------------------------------------


def _net_values(make: Any, xs: Any) -> dict[str, Any]:
    return {"values": _eval_net(make(), xs)}


@PROBES.probe(inputs=public_line_inputs)
def pwlinr_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_pwlinr() (made float64) at x = -1, -0.5, 0, 0.5, 1."""
    return {"net": attempt(_net_values, mod.make_pwlinr, ctx.inputs["x"])}


@PROBES.probe(inputs=dense_line_inputs)
def pwlinr_dense(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_pwlinr() (made float64) on 6001 points of [-3, 3] including 0."""
    return {"net": attempt(_net_values, mod.make_pwlinr, ctx.inputs["x"])}


@PROBES.probe
def pwlinr_structure(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_pwlinr(): layer types, shapes, bias presence, parameter values and dtypes."""
    return {"net": attempt(lambda: _describe(mod.make_pwlinr()))}


def _two_nets(make: Any, xs: Any) -> dict[str, Any]:
    """``make()`` twice; then every parameter of the first net changed in place (+ 1): the second
    net's output (made float64, on a copy) before and after, and whether the two nets are one
    object or share a parameter's memory."""
    torch = _torch()
    first, second = make(), make()
    if not isinstance(first, torch.nn.Module) or not isinstance(second, torch.nn.Module):
        return {"type": type(first).__name__}
    ptrs = {int(p.untyped_storage().data_ptr()) for p in first.parameters()}
    shared = any(int(p.untyped_storage().data_ptr()) in ptrs for p in second.parameters())
    before = _eval_net(copy.deepcopy(second), xs)
    with torch.no_grad():
        for p in first.parameters():
            p.add_(1.0)
    after = _eval_net(copy.deepcopy(second), xs)
    return {
        "type": type(first).__name__,
        "same_object": first is second,
        "shared": bool(shared),
        "before": before,
        "after": after,
    }


@PROBES.probe(inputs=public_line_inputs)
def nets_fresh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_pwlinr, knots_to_net (the public knots) and make_logistic_net, each called twice: a
    new net with parameters of its own on every call (each function's outcome on its own)."""
    xs = ctx.inputs["x"]
    kx, ky = (list(v) for v in zip(*PUBLIC_KNOTS, strict=True))
    return {
        "make_pwlinr": attempt(_two_nets, mod.make_pwlinr, xs),
        "knots_to_net": attempt(_two_nets, lambda: mod.knots_to_net(list(kx), list(ky)), xs),
        "make_logistic_net": attempt(_two_nets, mod.make_logistic_net, xs),
    }


# --- Task 2.4: knots_to_net ----------------------------------------------------------------------


def _knots(xs: Any, ys: Any, grid: Any) -> dict[str, np.ndarray]:
    """One knot set as the grader's input: knot coordinates (in the order handed over) and the
    grid (each a float64 array of shape (n,) or (m,))."""
    return {
        name: np.asarray(v, dtype=np.float64)
        for name, v in (("xs", xs), ("ys", ys), ("grid", grid))
    }


def _knot_set(
    mod: ModuleType, knots: dict[str, np.ndarray], container: type = list
) -> dict[str, Any]:
    """knots_to_net on one knot set, handed over as two Python lists (or tuples: any Sequence of
    floats is documented): its layers, its values on the grid and whether the two lists are
    unchanged afterwards (or, under "error", what it raised)."""
    xs, ys = [float(v) for v in knots["xs"]], [float(v) for v in knots["ys"]]
    before = (list(xs), list(ys))
    handed = (container(xs), container(ys))
    try:
        net = mod.knots_to_net(*handed)
        return {
            "net": _describe(net),
            "values": _eval_net(net, knots["grid"]),
            "lists_unchanged": bool((list(handed[0]), list(handed[1])) == before),
        }
    except Exception as exc:
        return {"error": error_payload(exc)}


def public_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    xs, ys = zip(*PUBLIC_KNOTS)
    return _knots(xs, ys, PUBLIC_KNOT_X)


@PROBES.probe(inputs=public_knot_inputs)
def knots_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on (-1, 0), (0, 1), (2, -1), evaluated at seven points."""
    return _knot_set(mod, ctx.inputs)


def shuffled_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    xs, ys = zip(*PUBLIC_KNOTS_SHUFFLED)
    return _knots(xs, ys, PUBLIC_KNOT_X)


@PROBES.probe(inputs=shuffled_knot_inputs)
def knots_order_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on the public knots handed over as (2, -1), (-1, 0), (0, 1), evaluated at the
    same seven points."""
    return _knot_set(mod, ctx.inputs)


def _random_knots(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n sorted, distinct x in about [-3, 3] (gaps at least 0.05) and y in [-2, 2]."""
    gaps = rng.uniform(0.05, 1.0, n - 1)
    xs = np.concatenate([[0.0], np.cumsum(gaps)])
    xs = np.round(xs - xs.mean() + rng.uniform(-0.5, 0.5), 6)
    ys = np.round(rng.uniform(-2.0, 2.0, n), 6)
    return xs, ys


def _grid_for(xs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The knots themselves, their midpoints, random points, and points up to 3 past each end."""
    mids = (xs[1:] + xs[:-1]) / 2
    inside = rng.uniform(xs[0], xs[-1], 200)
    outside = np.concatenate(
        [xs[0] - rng.uniform(0.01, 3.0, 20), xs[-1] + rng.uniform(0.01, 3.0, 20)]
    )
    return np.sort(np.concatenate([xs, mids, inside, outside]))


COLLINEAR_KNOTS = (
    ((-2.0, -1.0, 0.0, 0.5, 1.0, 3.0), (1.0, 0.0, -1.0, -1.5, 0.0, 0.0)),
    ((-1.0, 0.0, 1.0, 2.0), (0.5, 1.0, 1.5, 2.0)),
)
"""knots_random also gets these: interior knots on the line through their neighbours (slope
changes of exactly 0: the first set at x = -1 and 0, the second everywhere). They still count:
exactly H = n hidden units."""


def random_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random sorted knot sets of 2 to 13 knots (two per size), then the sets of COLLINEAR_KNOTS,
    each with its grid."""
    rng = np.random.default_rng(ctx.seed)
    sets = []
    for n in KNOT_SIZES:
        for _ in range(2):
            xs, ys = _random_knots(rng, n)
            sets.append(_knots(xs, ys, _grid_for(xs, rng)))
    for xs, ys in COLLINEAR_KNOTS:
        sets.append(_knots(xs, ys, _grid_for(np.asarray(xs), rng)))
    return {"sets": sets}


def unsorted_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random knot sets of 3, 5 and 8 knots handed over in a shuffled (never sorted) order."""
    rng = np.random.default_rng(ctx.seed)
    sets = []
    for n in (3, 5, 8):
        xs, ys = _random_knots(rng, n)
        order = rng.permutation(n)
        while n > 1 and np.all(order == np.arange(n)):
            order = rng.permutation(n)
        sets.append(_knots(xs[order], ys[order], _grid_for(xs, rng)))
    return {"sets": sets}


def close_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random knot sets (CLOSE_CASES: 5, 7, 6 and 5 knots, the last shifted to about x = 1000),
    each with one more knot inserted ``gap`` to the right of an interior knot, on a moderate slope
    (|slope| <= 2); then TINY_GAP_KNOTS; all handed over shuffled."""
    rng = np.random.default_rng(ctx.seed)
    sets = []
    for n, gap, shift in CLOSE_CASES:
        xs, ys = _random_knots(rng, n)
        xs = xs + shift
        i = int(rng.integers(1, n - 1))
        x_new, y_new = xs[i] + gap, ys[i] + float(rng.uniform(-2.0, 2.0)) * gap
        xs, ys = np.insert(xs, i + 1, x_new), np.insert(ys, i + 1, y_new)
        grid = np.sort(np.concatenate([_grid_for(xs, rng), [xs[i] + gap / 2]]))
        order = rng.permutation(n + 1)
        sets.append(_knots(xs[order], ys[order], grid))
    (xs, ys), grid = zip(*TINY_GAP_KNOTS), np.array([-1.0, 0.0, 5e-18, 0.5, 1.0, 1.5, 2.0, 3.0])
    sets.append(_knots(np.array(xs)[[2, 0, 3, 1]], np.array(ys)[[2, 0, 3, 1]], grid))
    return {"sets": sets}


@PROBES.probe(inputs=close_knot_inputs)
def knots_close(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on knot sets with two distinct knots very close together (valid knots)."""
    return {"sets": [_knot_set(mod, k) for k in ctx.inputs["sets"]]}


@PROBES.probe(inputs=random_knot_inputs)
def knots_random(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on random sorted knot sets of 2 to 13 knots (two seeds per size) and on sets
    with collinear knots; every other set is handed over as tuples."""
    return {
        "sets": [
            _knot_set(mod, k, tuple if i % 2 else list) for i, k in enumerate(ctx.inputs["sets"])
        ]
    }


@PROBES.probe(inputs=unsorted_knot_inputs)
def knots_unsorted(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on shuffled knot sets: must equal the function through the sorted knots."""
    return {"sets": [_knot_set(mod, k) for k in ctx.inputs["sets"]]}


def _raises(fn: Any) -> str:
    """ "ValueError", "nothing", or another exception's type and first line (the judge decides
    which exceptions are right)."""
    try:
        fn()
    except ValueError:
        return "ValueError"
    except Exception as exc:
        lines = str(exc).strip().splitlines()
        return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__
    return "nothing"


@PROBES.probe
def knots_invalid(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What knots_to_net raises for duplicate x (with different and with equal y), a single knot,
    mismatched lengths and non-finite knots."""
    f = mod.knots_to_net
    nan, inf = float("nan"), float("inf")
    return {
        "duplicate": _raises(lambda: f([0.0, 1.0, 1.0, 2.0], [0.0, 1.0, 2.0, 0.0])),
        "duplicate_same_y": _raises(lambda: f([0.0, 1.0, 1.0, 2.0], [0.0, 1.0, 1.0, 0.0])),
        "duplicate_unsorted": _raises(lambda: f([2.0, -1.0, 0.5, -1.0], [0.0, 1.0, 2.0, 3.0])),
        "single": _raises(lambda: f([1.0], [2.0])),
        "empty": _raises(lambda: f([], [])),
        "mismatch": _raises(lambda: f([0.0, 1.0, 2.0], [0.0, 1.0])),
        "mismatch_short_xs": _raises(lambda: f([0.0, 1.0], [0.0, 1.0, 2.0])),
        "nan_x": _raises(lambda: f([0.0, nan, 2.0], [0.0, 1.0, 2.0])),
        "inf_x": _raises(lambda: f([0.0, 1.0, inf], [0.0, 1.0, 2.0])),
        "inf_y": _raises(lambda: f([0.0, 1.0, 2.0], [0.0, inf, 2.0])),
        "nan_y": _raises(lambda: f([0.0, 1.0, 2.0], [nan, 1.0, 2.0])),
        "neg_inf_x": _raises(lambda: f([-inf, 0.0, 1.0], [0.0, 1.0, 2.0])),
        "neg_inf_y": _raises(lambda: f([0.0, 1.0, 2.0], [0.0, 1.0, -inf])),
    }


# --- Task 2.5: make_data -----------------------------------------------------------------------


def _data_call(make: Any, n: int, seed: int) -> dict[str, Any]:
    """make_data(n=n, seed=seed): its type, whether it is a tuple, how many values it returned and
    each as plain data."""
    result = make(n=n, seed=seed)
    if not isinstance(result, tuple | list):
        return {"count": -1, "type": type(result).__name__, "is_tuple": False}
    parts = list(result)
    out: dict[str, Any] = {
        "count": len(parts),
        "type": type(result).__name__,
        "is_tuple": isinstance(result, tuple),
    }
    if len(parts) == 3:
        out.update({k: _tensor(v) for k, v in zip(("x", "y", "prob"), parts)})
    return out


@PROBES.probe
def data_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_data(n=5, seed=0); then torch.manual_seed(4242), make_data(n=8, seed=7) and
    torch.rand(2) (where make_data left torch's global generator)."""
    torch = _torch()
    first = attempt(_data_call, mod.make_data, 5, 0)
    torch.manual_seed(DATA_GLOBAL_SEED)
    second = attempt(_data_call, mod.make_data, DATA_N, DATA_SEED)
    after = torch.rand(2).numpy().astype(np.float64)
    return {"data": first, "seeded": second, "rng_after": after}


def data_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"seed": ctx.seed % 100_000}


def _fresh_data(make: Any, n: int, seed: int) -> dict[str, Any]:
    """make_data(n, seed) twice, the first result's tensors changed in place (+ 10) in between:
    whether the second call's tensors share storage with the first's, and whether its values are
    the first call's as they were returned."""
    torch = _torch()
    first = list(make(n=n, seed=seed))
    before = [t.detach().clone() for t in first]
    with torch.no_grad():
        for t in first:
            t.add_(10.0)
    second = list(make(n=n, seed=seed))
    ptrs = {t.untyped_storage().data_ptr() for t in first}
    return {
        "shared": any(t.untyped_storage().data_ptr() in ptrs for t in second),
        "same_values": len(second) == len(before)
        and all(torch.equal(a, b) for a, b in zip(second, before)),
    }


@PROBES.probe(inputs=data_hidden_inputs)
def data_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_data for two seeds (twice for the first), n = 2000 and n = 7; and twice more for
    n = 7 with the first result changed in place in between (new tensors on every call)."""
    seed = ctx.inputs["seed"]
    f = mod.make_data
    return {
        "main": attempt(_data_call, f, 2000, seed),
        "again": attempt(_data_call, f, 2000, seed),
        "other": attempt(_data_call, f, 2000, seed + 1),
        "small": attempt(_data_call, f, 7, seed),
        "fresh": attempt(_fresh_data, f, 7, seed),
    }


def data_rng_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The global seed the probe sets before make_data, and make_data's own n and seed."""
    rng = np.random.default_rng(ctx.seed)
    return {
        "global_seed": int(rng.integers(1, 2**31)),
        "n": int(rng.integers(20, 60)),
        "seed": int(rng.integers(1, 100_000)),
    }


@PROBES.probe(inputs=data_rng_inputs)
def data_rng(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """seed_global(global_seed), make_data(n, seed) watched, then torch.rand(6): the global
    generator must be where seed_global left it, and no global generator seeded or restored."""
    inp = ctx.inputs
    seed_global(inp["global_seed"])
    with watched_seeding() as watch:
        ran = attempt(lambda: _data_call(mod.make_data, inp["n"], inp["seed"])["count"])
    return {"call": ran, "after": global_draws(), "watch": watch}


# --- Task 2.6: make_logistic_net and fit_logistic ----------------------------------------------


@PROBES.probe
def logistic_net(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_logistic_net(): layers and initial parameters."""
    return {"net": attempt(lambda: _describe(mod.make_logistic_net()))}


def spec_data(n: int, seed: int) -> tuple[Any, Any]:
    """The documented data set (x grid, Bernoulli labels), built here so the fit check
    does not depend on the student's make_data."""
    torch = _torch()
    x = torch.linspace(-1, 1, n).reshape(-1, 1)
    logit = torch.where(x < 0, 9.0 * x + 4.5, -4.5 * x + 4.5)
    y = torch.bernoulli(torch.sigmoid(logit), generator=torch.Generator().manual_seed(seed))
    return x, y


def fit_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The seed and the documented training set (x, y as float32 values in float64 arrays of shape
    (n,))."""
    seed = ctx.seed % 100_000
    x, y = spec_data(int(ctx.param("fit_n")), seed)
    return {"seed": seed, "x": _out(x).reshape(-1), "y": _out(y).reshape(-1)}


@PROBES.probe(inputs=fit_inputs)
def fit(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_logistic (with the student's make_logistic_net) on the documented data (seeded): the
    returned net's type and parameter dtypes and, for a float32 net, its layers and its output
    on the 2000 training x (what calling it raised, under "forward")."""
    torch = _torch()
    inp = ctx.inputs
    x, y = (torch.tensor(inp[k], dtype=torch.float32).reshape(-1, 1) for k in ("x", "y"))
    try:
        net = mod.fit_logistic(
            x,
            y,
            epochs=int(ctx.param("fit_epochs")),
            lr=float(ctx.param("fit_lr")),
            seed=inp["seed"],
            device=ctx.device,
        )
    except Exception as exc:
        return {"error": error_payload(exc)}
    if not isinstance(net, torch.nn.Module):
        return {"type": type(net).__name__}
    dtypes = sorted({str(p.dtype) for p in net.parameters()})
    if dtypes != ["torch.float32"]:
        return {"type": type(net).__name__, "dtypes": dtypes, "net": _describe(net)}
    try:
        net = net.cpu()
        with torch.no_grad():
            pred = _out(net(x)).reshape(-1)
    except Exception as exc:
        return {"type": type(net).__name__, "dtypes": dtypes, "forward": error_payload(exc)}
    return {"type": type(net).__name__, "dtypes": dtypes, "pred": pred, "net": _describe(net)}


def grader_logistic_net(start: Any = None) -> Any:
    """The documented start of Task 2.6, built the way make_logistic_net is specified (its layers
    created in order, so it draws from torch's global generator exactly as the documented
    construction does): the replay patches it in, so fit_logistic is judged from the grader's
    start and not through the student's make_logistic_net. With ``start`` (first-layer weight
    (2, 1), second-layer weight (1, 2), bias (1,), as nested lists), those values instead of
    the documented ones, after the same draws."""
    torch = _torch()
    nn = torch.nn
    first, last = nn.Linear(1, 2, bias=False), nn.Linear(2, 1)
    nn.init.constant_(last.weight, 0.0)
    nn.init.constant_(last.bias, 0.0)
    with torch.no_grad():
        first.weight[:, 0] = torch.as_tensor([1.0, -1.0])
        if start is not None:
            for p, v in zip((first.weight, last.weight, last.bias), start, strict=True):
                p.copy_(torch.as_tensor(v, dtype=torch.float64).reshape(p.shape))
    return nn.Sequential(first, nn.ReLU(), last, nn.Sigmoid())


def _fit_run(fit_fn: Any, x: Any, y: Any, run: dict[str, Any], lr: float, device: str) -> Any:
    """One call of fit_logistic from a scrambled global generator (at the run's own lr where it
    has one); the global draws right after it, the returned net's type, parameter devices,
    layers and whether each parameter still holds a gradient."""
    torch = _torch()
    torch.manual_seed(run["scramble"])
    lr = float(run.get("lr", lr))
    net = fit_fn(x, y, epochs=run["epochs"], lr=lr, seed=run["seed"], device=device)
    after = global_draws()
    out: dict[str, Any] = {"type": type(net).__name__, "rng_after": after}
    if isinstance(net, torch.nn.Module):
        out["devices"] = sorted({str(p.device) for p in net.parameters()})
        out["net"] = _describe(net)
        out["grads"] = [_grad_state(p) for p in net.parameters()]
    return out


def _grad_state(p: Any) -> str:
    """``none`` (``.grad`` is None), ``zero`` (all zeros) or ``set`` (a gradient left over)."""
    if p.grad is None:
        return "none"
    return "zero" if not bool(p.grad.detach().ne(0).any()) else "set"


def _patched_fits(mod: ModuleType, inp: Any, runs: list[Any], device: str) -> list[Any]:
    """fit_logistic for each run with make_logistic_net replaced by the grader's start, each on
    its own copy of x and y."""
    torch = _torch()
    x = torch.tensor(np.asarray(inp["x"]), dtype=torch.float32).reshape(-1, 1)
    y = torch.tensor(np.asarray(inp["y"]), dtype=torch.float32).reshape(-1, 1)
    with _grader_start(mod):
        return [
            {"fit": attempt(_fit_run, mod.fit_logistic, x.clone(), y.clone(), r, inp["lr"], device)}
            for r in runs
        ]


@contextlib.contextmanager
def _grader_start(mod: ModuleType, start: Any = None) -> Iterator[None]:
    """The student's make_logistic_net replaced by the grader's documented start (or ``start``,
    see :func:`grader_logistic_net`) while inside."""
    missing = object()
    own = getattr(mod, "make_logistic_net", missing)
    mod.make_logistic_net = lambda: grader_logistic_net(start)
    try:
        yield
    finally:
        if own is missing:
            del mod.make_logistic_net
        else:
            mod.make_logistic_net = own


def replay_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The replay's own data (random x in [-1.5, 1.5], labels of a straight logit), lr and, per
    run, epochs, seed and the scrambled global seed set before the call; the last run is 0 epochs
    with seed 0."""
    rng = np.random.default_rng(ctx.seed)
    x = rng.uniform(-1.5, 1.5, REPLAY_N).astype(np.float32)
    p = 1.0 / (1.0 + np.exp(-(4.0 * x.astype(np.float64) - 1.0)))
    y = (rng.uniform(size=REPLAY_N) < p).astype(np.float64)
    runs = [
        {
            "epochs": k,
            "seed": int(10**6 + rng.integers(0, 10**6)),
            "scramble": int(rng.integers(1, 10**6)),
        }
        for k in REPLAY_EPOCHS
    ]
    # epochs=0 and seed=0 are values like any other (`epochs or 1500`, `if seed:` are wrong)
    runs.append({"epochs": 0, "seed": 0, "scramble": int(rng.integers(1, 10**6))})
    return {"x": x.astype(np.float64), "y": y, "lr": REPLAY_LR, "runs": runs}


@PROBES.probe(inputs=replay_inputs)
def fit_replay(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_logistic from the grader's start (make_logistic_net's documented init) on the grader's
    120 points, lr 0.02, for 1, 2, 3, 4, 6 and 9 epochs, each with its own seed, and for 0 epochs
    with seed 0."""
    inp = ctx.inputs
    return {"runs": _patched_fits(mod, inp, list(inp["runs"]), ctx.device)}


def extremes_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """fit_extremes' three runs, each with its own x, y (float32 values), start, epochs, seed and
    scrambled global seed: x of size 1e-7 from the documented start (gradients near Adam's eps),
    half the points at p of a few 1e-9 from :data:`SATURATED_START`, and soft targets (y in
    (0.05, 0.95)) from the documented start."""
    rng = np.random.default_rng([ctx.seed, 2026])

    def as32(v: np.ndarray) -> np.ndarray:
        return v.astype(np.float32).astype(np.float64)

    u = rng.uniform(-1.5, 1.5, EXTREME_N)
    small_y = rng.uniform(size=EXTREME_N) < 1.0 / (1.0 + np.exp(-(4.0 * u - 1.0)))
    m = EXTREME_N // 2
    sat_x = np.concatenate([rng.uniform(1.0, 1.05, m), rng.uniform(-1.5, -0.5, EXTREME_N - m)])
    sat_y = np.concatenate([np.zeros(m), rng.uniform(size=EXTREME_N - m) < 0.5])
    documented = ([[1.0], [-1.0]], [[0.0, 0.0]], [0.0])
    runs = []
    for name, x, y, start, epochs in (
        ("small", as32(u * SMALL_SCALE), small_y, documented, SMALL_EPOCHS),
        ("saturated", as32(sat_x), sat_y, SATURATED_START, SATURATED_EPOCHS),
    ):
        runs.append(
            {
                "name": name,
                "x": x,
                "y": y.astype(np.float64),
                "start": [list(map(list, start[0])), list(map(list, start[1])), list(start[2])],
                "epochs": epochs,
                "seed": int(10**6 + rng.integers(0, 10**6)),
                "scramble": int(rng.integers(1, 10**6)),
            }
        )
    soft_x = as32(rng.uniform(-1.5, 1.5, EXTREME_N))
    soft_y = as32(rng.uniform(0.05, 0.95, EXTREME_N))  # targets that are not labels
    runs.append(
        {
            "name": "soft",
            "x": soft_x,
            "y": soft_y,
            "start": [list(map(list, documented[0])), list(map(list, documented[1])), [0.0]],
            "epochs": SOFT_EPOCHS,
            "seed": int(10**6 + rng.integers(0, 10**6)),
            "scramble": int(rng.integers(1, 10**6)),
        }
    )
    return {"lr": EXTREME_LR, "runs": runs}


@PROBES.probe(inputs=extremes_inputs)
def fit_extremes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_logistic where the loop's constants show: 7 epochs on x of size 1e-7 (gradients near
    Adam's eps), and 6 epochs from a start where half the points sit at p of a few 1e-9 (a
    clamped probability stops their pull). Each run from its own start (make_logistic_net
    patched), on its own x and y."""
    torch = _torch()
    out = []
    for r in ctx.inputs["runs"]:
        x = torch.tensor(np.asarray(r["x"]), dtype=torch.float32).reshape(-1, 1)
        y = torch.tensor(np.asarray(r["y"]), dtype=torch.float32).reshape(-1, 1)
        with _grader_start(mod, r["start"]):
            out.append(
                {"fit": attempt(_fit_run, mod.fit_logistic, x, y, r, ctx.inputs["lr"], ctx.device)}
            )
    return {"runs": out}


def device_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Fixed: 16 points, 2 epochs (the device clause does not depend on the seed)."""
    x = np.linspace(-1.0, 1.0, 16).astype(np.float32).astype(np.float64)
    y = (np.arange(16) % 3 == 0).astype(np.float64)
    runs = [{"epochs": DEVICE_EPOCHS, "seed": DEVICE_SEED, "scramble": 7}]
    return {"x": x, "y": y, "lr": REPLAY_LR, "runs": runs}


@PROBES.probe(inputs=device_inputs)
def fit_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_logistic(..., device=--device) from the grader's start: where the returned net lives
    (what fit_logistic raised is the probe's whole result: the device check fails on any
    machine)."""
    inp = ctx.inputs
    runs = _patched_fits(mod, inp, list(inp["runs"]), ctx.device)
    raised = _raised_or(runs[0]["fit"], "fit", f"fit_logistic(..., device={ctx.device!r})")
    return raised if as_error(raised) is not None else {"runs": runs}


def smoke_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Fixed: seven points, lr 0.1, and per call its epochs (1, 2, 3) and seed (11, 12, 13)."""
    runs = [{"epochs": k, "seed": s, "scramble": SMOKE_SCRAMBLE} for k, s in SMOKE_RUNS]
    return {
        "x": np.asarray(SMOKE_X, dtype=np.float32).astype(np.float64),
        "y": np.asarray(SMOKE_Y, dtype=np.float64),
        "lr": SMOKE_LR,
        "runs": runs,
    }


@PROBES.probe(inputs=smoke_inputs)
def fit_smoke(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_logistic from the documented start on seven fixed points at lr 0.1, for 1, 2 and 3
    epochs (seeds 11, 12, 13): the returned parameters and torch's generator afterwards."""
    inp = ctx.inputs
    return {"runs": _patched_fits(mod, inp, list(inp["runs"]), ctx.device)}


def long_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The documented data set of 400 points for the seed and two runs of 1500 epochs, at lr 0.01
    and 0.02 (each with its own seed)."""
    rng = np.random.default_rng(ctx.seed)
    x, y = spec_data(LONG_N, int(rng.integers(0, 100_000)))
    runs = [
        {
            "epochs": LONG_EPOCHS,
            "lr": lr,
            "seed": int(rng.integers(0, 10**6)),
            "scramble": int(rng.integers(1, 10**6)),
        }
        for lr in LONG_LRS
    ]
    return {"x": _out(x).reshape(-1), "y": _out(y).reshape(-1), "lr": LONG_LRS[0], "runs": runs}


@PROBES.probe(inputs=long_inputs)
def fit_long(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_logistic from the grader's start for 1500 epochs at lr 0.01 and at lr 0.02 on 400
    documented points: the returned parameters (no cap, schedule, clipping or early stop may
    change them)."""
    inp = ctx.inputs
    return {"runs": _patched_fits(mod, inp, list(inp["runs"]), ctx.device)}


# --- Global state: each student call leaves torch's default dtype and grad mode alone ---------


def _discard(fn: Any) -> None:
    """Call ``fn()`` and drop what it returned (only its side effects are looked at)."""
    fn()


def _state_after(fn: Any, other_grad: bool = False) -> dict[str, Any]:
    """``fn()`` called with torch's defaults in place (default dtype float32, grad mode on): the
    default dtype (a string) and grad mode (a bool) it leaves behind, or under "call" what it
    raised. Then ``fn()`` once more from the other state (default dtype float64, and grad mode
    off unless ``other_grad``: a caller inside ``torch.no_grad()`` with a float64 default; a
    training call keeps grad mode on): what it leaves behind then (``dtype_other``,
    ``grad_other``; whether it raised there is not judged). The defaults are put back
    afterwards."""
    torch = _torch()
    torch.set_default_dtype(torch.float32)
    torch.set_grad_enabled(True)
    try:
        ran = attempt(_discard, fn)
        out = {
            "call": ran,
            "dtype": str(torch.get_default_dtype()),
            "grad": bool(torch.is_grad_enabled()),
        }
        torch.set_default_dtype(torch.float64)
        torch.set_grad_enabled(other_grad)
        attempt(_discard, fn)
        out["dtype_other"] = str(torch.get_default_dtype())
        out["grad_other"] = bool(torch.is_grad_enabled())
        return out
    finally:
        torch.set_default_dtype(torch.float32)
        torch.set_grad_enabled(True)


@PROBES.probe
def state_line(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """line_formula and line_relu on x = -1, 0, 1 (float64): the default dtype and grad mode
    each leaves behind."""
    return {
        name: _state_after(lambda fn=fn: fn(_column([-1.0, 0.0, 1.0])))
        for name, fn in (("line_formula", mod.line_formula), ("line_relu", mod.line_relu))
    }


@PROBES.probe
def state_pwlinr(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_pwlinr(): the default dtype and grad mode it leaves behind."""
    return {"make_pwlinr": _state_after(mod.make_pwlinr)}


@PROBES.probe
def state_knots(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on the public knots: the default dtype and grad mode it leaves behind."""
    xs, ys = zip(*PUBLIC_KNOTS)
    return {"knots_to_net": _state_after(lambda: mod.knots_to_net(list(xs), list(ys)))}


@PROBES.probe
def state_logistic(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_data(n=5, seed=0), make_logistic_net() and fit_logistic (2 epochs on fit_smoke's
    points, from the grader's start; its second call from a float64 default with grad mode on):
    the default dtype and grad mode each leaves behind."""
    torch = _torch()
    x = torch.tensor(SMOKE_X, dtype=torch.float32).reshape(-1, 1)
    y = torch.tensor(SMOKE_Y, dtype=torch.float32).reshape(-1, 1)
    run = STATE_FIT

    def fit_call() -> Any:
        with _grader_start(mod):
            return mod.fit_logistic(x, y, epochs=run["epochs"], lr=SMOKE_LR, seed=run["seed"])

    return {
        "make_data": _state_after(lambda: mod.make_data(n=5, seed=0)),
        "make_logistic_net": _state_after(mod.make_logistic_net),
        "fit_logistic": _state_after(fit_call, other_grad=True),  # training needs grad mode
    }


@PROBES.probe
def signature_defaults(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The defaults in make_data's and fit_logistic's signatures (every other probe gives all
    their arguments), and how many points make_data() gives with its defaults."""
    made = attempt(lambda: int(len(mod.make_data()[0])))
    return {"signature": defaults(mod, ("make_data", "fit_logistic")), "points": made}
