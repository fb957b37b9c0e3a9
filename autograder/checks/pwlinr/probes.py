"""Student half of the pwlinr checks: call student code, return plain data only."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import ProbeContext, ProbeRegistry

PROBES = ProbeRegistry()

PUBLIC_X = (-1.0, -0.5, 0.0, 0.5, 1.0)
DENSE_X = np.arange(-3000, 3001, dtype=np.float64) / 1000.0  # step 0.001, contains 0.0 exactly
PUBLIC_KNOTS = ((-1.0, 0.0), (0.0, 1.0), (2.0, -1.0))
PUBLIC_KNOT_X = (-2.0, -1.0, -0.5, 0.0, 1.0, 2.0, 3.0)
KNOT_SIZES = (2, 3, 4, 6, 9, 13)


def _column(values: Any) -> Any:
    import torch

    return torch.tensor(np.asarray(values, dtype=np.float64).reshape(-1, 1), dtype=torch.float64)


def _out(t: Any) -> np.ndarray:
    return t.detach().cpu().to(dtype=__import__("torch").float64).numpy().copy()


def _describe(net: Any) -> dict[str, Any]:
    """Layer types and the parameters of every Linear layer of a Sequential, as plain data."""
    import torch

    layers = []
    for m in net:
        row: dict[str, Any] = {"type": type(m).__name__}
        if isinstance(m, torch.nn.Linear):
            row.update(
                in_features=int(m.in_features),
                out_features=int(m.out_features),
                weight=_out(m.weight),
                bias=None if m.bias is None else _out(m.bias),
            )
        layers.append(row)
    return {"class": type(net).__name__, "layers": layers}


def _eval_net(net: Any, xs: Any) -> np.ndarray:
    import torch

    net = net.double().cpu()
    with torch.no_grad():
        return _out(net(_column(xs))).reshape(-1)


def _lines(mod: ModuleType, xs: Any) -> dict[str, Any]:
    import torch

    x = _column(xs)
    x_before = x.clone()
    formula = mod.line_formula(x)
    relu = mod.line_relu(x)
    return {
        "formula": _out(formula).reshape(-1),
        "formula_shape": list(formula.shape),
        "formula_dtype": str(formula.dtype),
        "relu": _out(relu).reshape(-1),
        "relu_shape": list(relu.shape),
        "relu_dtype": str(relu.dtype),
        "net": _eval_net(mod.make_pwlinr(), xs),
        "x_untouched": bool(torch.equal(x, x_before)),
    }


def public_line_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": np.asarray(PUBLIC_X, dtype=np.float64)}


def dense_line_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": DENSE_X.copy()}


@PROBES.probe(inputs=public_line_inputs)
def line_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The three constructions at x = -1, -0.5, 0, 0.5, 1."""
    return _lines(mod, ctx.inputs["x"])


@PROBES.probe(inputs=dense_line_inputs)
def line_dense(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The three constructions on 6001 points of [-3, 3] (step 0.001, including 0 exactly)."""
    return _lines(mod, ctx.inputs["x"])


@PROBES.probe
def pwlinr_structure(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_pwlinr(): layer types, shapes, bias presence and parameter values."""
    return _describe(mod.make_pwlinr())


def _knots(xs: Any, ys: Any, grid: Any) -> dict[str, np.ndarray]:
    """One knot set as the grader's input: knot coordinates (in the order handed over) and the
    grid."""
    return {
        name: np.asarray(v, dtype=np.float64)
        for name, v in (("xs", xs), ("ys", ys), ("grid", grid))
    }


def _knot_set(mod: ModuleType, knots: dict[str, np.ndarray]) -> dict[str, Any]:
    net = mod.knots_to_net([float(v) for v in knots["xs"]], [float(v) for v in knots["ys"]])
    return {"values": _eval_net(net, knots["grid"]), "net": _describe(net)}


def public_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    xs, ys = zip(*PUBLIC_KNOTS)
    return _knots(xs, ys, PUBLIC_KNOT_X)


@PROBES.probe(inputs=public_knot_inputs)
def knots_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on (-1, 0), (0, 1), (2, -1), evaluated at seven points."""
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


def random_knot_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random sorted knot sets of 2 to 13 knots (two per size), each with its grid."""
    rng = np.random.default_rng(ctx.seed)
    sets = []
    for n in KNOT_SIZES:
        for _ in range(2):
            xs, ys = _random_knots(rng, n)
            sets.append(_knots(xs, ys, _grid_for(xs, rng)))
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


@PROBES.probe(inputs=random_knot_inputs)
def knots_random(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on random sorted knot sets of 2 to 13 knots (two seeds per size)."""
    return {"sets": [_knot_set(mod, k) for k in ctx.inputs["sets"]]}


@PROBES.probe(inputs=unsorted_knot_inputs)
def knots_unsorted(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """knots_to_net on shuffled knot sets: must equal the function through the sorted knots."""
    return {"sets": [_knot_set(mod, k) for k in ctx.inputs["sets"]]}


def _raises(fn: Any) -> str:
    try:
        fn()
    except Exception as exc:  # the judge decides which exceptions are right
        return type(exc).__name__
    return "nothing"


@PROBES.probe
def knots_invalid(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What knots_to_net raises for duplicate x, a single knot, mismatched lengths and non-finite
    knots."""
    f = mod.knots_to_net
    return {
        "duplicate": _raises(lambda: f([0.0, 1.0, 1.0, 2.0], [0.0, 1.0, 2.0, 0.0])),
        "duplicate_unsorted": _raises(lambda: f([2.0, -1.0, 0.5, -1.0], [0.0, 1.0, 2.0, 3.0])),
        "single": _raises(lambda: f([1.0], [2.0])),
        "mismatch": _raises(lambda: f([0.0, 1.0, 2.0], [0.0, 1.0])),
        "mismatch_short_xs": _raises(lambda: f([0.0, 1.0], [0.0, 1.0, 2.0])),
        "nan_x": _raises(lambda: f([0.0, float("nan"), 2.0], [0.0, 1.0, 2.0])),
        "inf_y": _raises(lambda: f([0.0, 1.0, 2.0], [0.0, float("inf"), 2.0])),
    }


@PROBES.probe
def data_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_data(n=5, seed=0)."""
    x, y, prob = mod.make_data(n=5, seed=0)
    return {
        "x": _out(x),
        "y": _out(y),
        "prob": _out(prob),
        "dtypes": [str(t.dtype) for t in (x, y, prob)],
    }


def data_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"seed": ctx.seed % 100_000}


@PROBES.probe(inputs=data_hidden_inputs)
def data_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_data for two seeds (twice for the first), n = 2000 and n = 7."""
    seed = ctx.inputs["seed"]
    x, y, prob = mod.make_data(n=2000, seed=seed)
    _, y_again, _ = mod.make_data(n=2000, seed=seed)
    _, y_other, _ = mod.make_data(n=2000, seed=seed + 1)
    xs, ys, ps = mod.make_data(n=7, seed=seed)
    return {
        "x": _out(x),
        "y": _out(y),
        "prob": _out(prob),
        "dtypes": [str(t.dtype) for t in (x, y, prob)],
        "y_again": _out(y_again),
        "y_other": _out(y_other),
        "small": {"x": _out(xs), "y": _out(ys), "prob": _out(ps)},
    }


@PROBES.probe
def logistic_net(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_logistic_net(): layers and initial parameters."""
    return _describe(mod.make_logistic_net())


def spec_data(n: int, seed: int) -> tuple[Any, Any]:
    """The documented data set (x grid, Bernoulli labels), built here so the fit check
    does not depend on the student's make_data."""
    import torch

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
    """fit_logistic on the documented data (seeded), evaluated on the 2000 training x."""
    import torch

    inp = ctx.inputs
    x, y = (torch.tensor(inp[k], dtype=torch.float32).reshape(-1, 1) for k in ("x", "y"))
    seed = inp["seed"]
    net = mod.fit_logistic(
        x,
        y,
        epochs=int(ctx.param("fit_epochs")),
        lr=float(ctx.param("fit_lr")),
        seed=seed,
        device=ctx.device,
    )
    net = net.cpu()
    with torch.no_grad():
        pred = _out(net(x)).reshape(-1)
    return {"pred": pred, "net": _describe(net)}
