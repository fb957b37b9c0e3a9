"""Public checks of pwlinr: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so every expected
value is written out here (computed once with the reference solution). Every convention the
notebook and the docstrings state has a check here: y(0) = 4.5, x's shape and dtype kept (float64
and float32) and x left unchanged, make_pwlinr's exact parameters in float32, knots sorted first,
``ValueError`` for bad knots, n hidden units and float64 knot nets, make_data's seeded labels from
a private generator, make_logistic_net's start, and fit_logistic's loop (a smoke check of its
first Adam steps) and seeding. The hidden checks add dense grids, random knot sets, other seeds,
the device, and the fit's convergence.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, compare, difference, failure, num

CHECKS = CheckTable(__name__)

# x = -1, -0.5, 0, 0.5, 1 (probe ``line_public``; exact in float32 and float64)
LINE = [-4.5, 0.0, 4.5, 2.25, 0.0]
LINE_TOL = {"float64": 1e-6, "float32": 2e-5}  # as the hidden dense checks
# knots (-1, 0), (0, 1), (2, -1) at x = -2, -1, -0.5, 0, 1, 2, 3 (probes ``knots_public`` and,
# handed over as (2, -1), (-1, 0), (0, 1), ``knots_order_public``)
KNOTS = [-1.0, 0.0, 0.5, 1.0, 0.0, -1.0, -2.0]
# make_data(n=5, seed=0)
DATA_X = [-1.0, -0.5, 0.0, 0.5, 1.0]
DATA_PROB = [0.0109869428, 0.5, 0.9890130758, 0.9046505094, 0.5]
DATA_Y = [0.0, 0.0, 1.0, 1.0, 1.0]
# make_data(n=8, seed=7), called right after torch.manual_seed(4242)
DATA8_X = [-1.0, -0.714285731, -0.428571403, -0.142857105, 0.142857105, 0.428571403, 0.714285731, 1]
DATA8_PROB = [
    0.0109869428,
    0.126908764,
    0.655399084,
    0.961368382,
    0.979308844,
    0.92900002,
    0.78342092,
    0.5,
]
DATA8_Y = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0]
# torch.rand(2) after torch.manual_seed(4242) alone (make_data must not touch the generator)
DATA_RNG_AFTER = [0.187067866, 0.993681788]
RNG_ATOL = 1e-8  # torch.rand values are multiples of 2**-24

# fit_smoke: fit_logistic on x = -1, -0.6, -0.2, 0.1, 0.3, 0.7, 1 with y = 0, 1, 1, 1, 1, 0, 0 at
# lr 0.1 from make_logistic_net's documented start: [w1[0], w1[1], w2[0], w2[1], b2] after k
# full-batch Adam steps on BCELoss (k = 0 is the start)
SMOKE_LR = 0.1
SMOKE_PARAMS = {
    0: [1.0, -1.0, 0.0, 0.0, 0.0],
    1: [1.0, -1.0, -0.0999999866, -0.0999999195, 0.0999999791],
    2: [1.07441354, -1.07441306, -0.200045884, -0.200134635, 0.199212998],
    3: [1.15718055, -1.15690136, -0.300305188, -0.300495267, 0.297230065],
    4: [1.24427819, -1.24398112, -0.400856882, -0.401143134, 0.39390555],
}
SMOKE_ATOL = 1e-4  # as the hidden replay (fit_replay_atol); correct loops agree to about 1e-7
# torch.rand(2) after each call: after torch.manual_seed(seed) and building the net (the
# documented order), after torch.manual_seed(seed) alone (seeded after building), and with the
# generator of the scramble seed 99 set before the call, or of seed 0 or 2025 (never seeded, or
# seeded with a fixed number)
RNG_AFTER_FIT = {
    11: [0.693599164, 0.583084881],
    12: [0.127174497, 0.637283504],
    13: [0.603567243, 0.231795549],
}
RNG_SEED_ONLY = {
    11: [0.149041712, 0.486553133],
    12: [0.465687454, 0.232766807],
    13: [0.0918170214, 0.479380608],
}
RNG_OTHER = {
    "it never called torch.manual_seed": [0.920027256, 0.0502749681],
    "it was seeded with 0 instead of seed": [0.634078681, 0.49009341],
    "it was seeded with 2025 instead of seed": [0.0214533806, 0.0654489398],
}
PARAM_NAMES = (
    "first-layer weight[0][0]",
    "first-layer weight[1][0]",
    "second-layer weight[0][0]",
    "second-layer weight[0][1]",
    "second-layer bias[0]",
)


# --- Tasks 2.1-2.2: the line -------------------------------------------------------------------


def line_values(data: dict[str, Any], key: str, what: str, n: int, dtype: str) -> Any:
    """The values ``what`` returned, or a failing verdict (it raised, returned no tensor, or one of
    another shape or dtype, or changed x)."""
    got = failure(data, key, what)
    if got is not None:
        return got
    out = data[key]
    if out["type"] != "Tensor":
        return Verdict(False, f"{what} returned a {out['type']}, expected a torch.Tensor")
    if list(out["shape"]) != [n, 1]:
        return Verdict(
            False, f"{what} returned shape {tuple(out['shape'])} for x of shape ({n}, 1)"
        )
    if out["dtype"] != f"torch.{dtype}":
        return Verdict(
            False, f"{what} returned {out['dtype']} for a torch.{dtype} x (keep x's dtype)"
        )
    if not out["x_unchanged"]:
        return Verdict(False, f"{what} changed its input x in place (work on a new tensor)")
    return np.asarray(out["values"], dtype=np.float64)


def _line(data: dict[str, Any], fn: str) -> Verdict:
    """``fn`` at the five points, for a float64 x and then for a float32 x."""
    xs = list(data["x"])
    verdicts = []
    for dtype in ("float64", "float32"):
        what = f"{fn}(x) for a {dtype} x of shape ({len(xs)}, 1)"
        got = line_values(data, f"{fn.split('_')[1]}{dtype[-2:]}", what, len(xs), dtype)
        if isinstance(got, Verdict):
            return got
        v = compare(got, LINE, xs, what, atol=LINE_TOL[dtype])
        if not v.passed and "at 0.0:" in v.message:
            return Verdict(False, f"{v.message} (x = 0 belongs to one of the pieces: y(0) = 4.5)")
        verdicts.append(v)
    return all_of(*verdicts)


@CHECKS.check("line", probe="line_public", weight=0.5)
def formula_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula at five points including 0 (float64 and float32: dtype, shape, x unchanged)"""
    return _line(data, "line_formula")


@CHECKS.check("line", probe="line_public", weight=0.5)
def relu_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_relu at five points including 0 (float64 and float32: dtype, shape, x unchanged)"""
    return _line(data, "line_relu")


# --- Task 2.3: make_pwlinr ---------------------------------------------------------------------


@CHECKS.check("pwlinr_net")
def pwlinr_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr() at five points"""
    got = failure(data, "net", "make_pwlinr() (or evaluating its net in float64)")
    if got is not None:
        return got
    return compare(data["net"]["values"], LINE, list(data["x"]), "make_pwlinr()(x)", atol=1e-6)


def _types(desc: dict[str, Any], want: list[str], what: str) -> Verdict:
    if desc["class"] != "Sequential":
        return Verdict(False, f"{what} is a {desc['class']}, expected torch.nn.Sequential")
    got = [layer["type"] for layer in desc["layers"]]
    if got != want:
        return Verdict(False, f"{what} has layers {got}, expected {want}")
    return Verdict(True, f"{what} layers are {' → '.join(want)}")


def _linear(
    layer: dict[str, Any], n_in: int, n_out: int, weight: Any, bias: Any, what: str
) -> Verdict:
    """One Linear layer: its shape, whether it has a bias, and its exact parameters."""
    if (layer["in_features"], layer["out_features"]) != (n_in, n_out):
        return Verdict(
            False,
            f"{what} is Linear({layer['in_features']}, {layer['out_features']}), expected "
            f"Linear({n_in}, {n_out})",
        )
    if bias is None and layer["bias"] is not None:
        return Verdict(False, f"{what} has a bias; it must be created with bias=False")
    if bias is not None and layer["bias"] is None:
        return Verdict(False, f"{what} has no bias, but needs one")
    w = np.asarray(layer["weight"], dtype=np.float64)
    if w.shape != (n_out, n_in):
        return Verdict(False, f"{what} weight has shape {w.shape}, expected ({n_out}, {n_in})")
    labels = [f"weight[{r}][{c}]" for r in range(n_out) for c in range(n_in)]
    checks = [compare(w.reshape(-1), np.ravel(weight), labels, f"{what} weight")]
    if bias is not None:
        b = np.asarray(layer["bias"], dtype=np.float64).reshape(-1)
        checks.append(compare(b, bias, [f"bias[{i}]" for i in range(n_out)], f"{what} bias"))
    return all_of(*checks)


@CHECKS.check("pwlinr_net", weight=2)
def pwlinr_structure(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """layer types, shapes, bias and exact parameters

    Sequential(Linear(1,2,bias=False), ReLU, Linear(2,1)) with exactly the given parameters.
    """
    bad = failure(data, "net", "make_pwlinr()")
    if bad is not None:
        return bad
    desc = data["net"]
    kinds = _types(desc, ["Linear", "ReLU", "Linear"], "make_pwlinr()")
    if not kinds.passed:
        return kinds
    layers = desc["layers"]
    return all_of(
        kinds,
        _linear(layers[0], 1, 2, [[1.0], [-1.0]], None, "make_pwlinr() first layer"),
        _linear(layers[2], 2, 1, [[-4.5, -9.0]], [4.5], "make_pwlinr() second layer"),
    )


def _parameter_dtypes(net: dict[str, Any]) -> list[str]:
    """The dtypes of every Linear weight and bias of a described net, layer by layer."""
    out = []
    for layer in net["layers"]:
        if layer["type"] == "Linear":
            out.append(str(layer["dtype"]))
            if layer.get("bias") is not None:
                out.append(str(layer.get("bias_dtype")))
    return out


@CHECKS.check("pwlinr_net", probe="pwlinr_structure")
def pwlinr_float32(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr() keeps torch's default dtype (float32 parameters)"""
    bad = failure(data, "net", "make_pwlinr()")
    if bad is not None:
        return bad
    dtypes = _parameter_dtypes(data["net"])
    if not dtypes or any(d != "torch.float32" for d in dtypes):
        return Verdict(
            False,
            f"make_pwlinr() has Linear parameters (weights and biases) of dtypes {dtypes}, "
            "expected torch.float32 (torch's default; the checks call .double() themselves)",
        )
    return Verdict(True, "make_pwlinr() parameters are float32")


# --- Task 2.4: knots_to_net --------------------------------------------------------------------


def _knot_net(data: dict[str, Any], call: str) -> Verdict:
    """The knot net of three knots: three hidden units and the values at the seven points."""
    got = failure(data, "error", call)
    if got is not None:
        return got
    v = _types(data["net"], ["Linear", "ReLU", "Linear"], call)
    if not v.passed:
        return v
    units = data["net"]["layers"][0]["out_features"]
    if units != 3:
        return Verdict(False, f"{call}: 3 knots (1 kink) should give 3 hidden units, got {units}")
    return compare(data["values"], KNOTS, list(data["grid"]), call, atol=1e-6)


@CHECKS.check("knots", weight=3)
def knots_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """three knots: hidden units and values at seven points (past both ends too)"""
    return _knot_net(data, "knots_to_net([-1, 0, 2], [0, 1, -1])")


@CHECKS.check("knots")
def knots_order_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """the same three knots handed over out of order are sorted by x first"""
    call = "knots_to_net([2, -1, 0], [-1, 0, 1])"
    v = _knot_net(data, call)
    if not v.passed and "is wrong at" in v.message:
        return Verdict(False, f"{v.message} (sort the knots by x first)")
    return v


@CHECKS.check("knots", probe="knots_public")
def knots_float64(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """knots_to_net builds float64 parameters"""
    bad = failure(data, "error", "knots_to_net([-1, 0, 2], [0, 1, -1])")
    if bad is not None:
        return bad
    dtypes = _parameter_dtypes(data["net"])
    if not dtypes or any(d != "torch.float64" for d in dtypes):
        return Verdict(
            False,
            f"knots_to_net built Linear parameters (weights and biases) of dtypes {dtypes}, "
            "expected torch.float64 (create the layers with dtype=torch.float64; a parameter "
            "replaced afterwards keeps the dtype of the tensor it was made from)",
        )
    return Verdict(True, "knots_to_net parameters are float64")


INVALID_KNOTS = {
    "duplicate": "knots_to_net([0, 1, 1, 2], [0, 1, 2, 0]) (a duplicate x)",
    "duplicate_same_y": "knots_to_net([0, 1, 1, 2], [0, 1, 1, 0]) (a duplicate x, same y)",
    "duplicate_unsorted": "knots_to_net([2, -1, 0.5, -1], [0, 1, 2, 3]) (a duplicate x, unsorted)",
    "single": "knots_to_net([1], [2]) (a single knot)",
    "empty": "knots_to_net([], []) (no knots)",
    "mismatch": "knots_to_net([0, 1, 2], [0, 1]) (xs and ys of different lengths)",
    "mismatch_short_xs": "knots_to_net([0, 1], [0, 1, 2]) (fewer xs than ys)",
    "nan_x": "knots_to_net([0, nan, 2], [0, 1, 2]) (a NaN x)",
    "inf_x": "knots_to_net([0, 1, inf], [0, 1, 2]) (an infinite x)",
    "inf_y": "knots_to_net([0, 1, 2], [0, inf, 2]) (an infinite y)",
    "nan_y": "knots_to_net([0, 1, 2], [nan, 1, 2]) (a NaN y)",
    "neg_inf_x": "knots_to_net([-inf, 0, 1], [0, 1, 2]) (a minus-infinite x)",
    "neg_inf_y": "knots_to_net([0, 1, 2], [0, 1, -inf]) (a minus-infinite y)",
}


@CHECKS.check("knots")
def knots_invalid(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """duplicate x and other bad input raise ValueError"""
    for key, call in INVALID_KNOTS.items():
        if data[key] != "ValueError":
            got = "raised nothing" if data[key] == "nothing" else f"raised {data[key]}"
            return Verdict(False, f"{call} {got}, expected a ValueError")
    return Verdict(
        True,
        "knots_to_net: duplicate x, fewer than two knots, mismatched lengths and non-finite "
        "knots raise ValueError",
    )


# --- Task 2.5: make_data -----------------------------------------------------------------------


def _data(out: Any, what: str, x: list[float], prob: list[float], y: list[float]) -> Verdict:
    """One make_data result against the values written above (labelled by x)."""
    got = failure({"r": out}, "r", what)
    if got is not None:
        return got
    n = len(x)
    if out["count"] != 3 or not out.get("is_tuple"):
        return Verdict(False, f"{what} returned a {out['type']}, expected a tuple (x, y, prob)")
    types = [out[k]["type"] for k in ("x", "y", "prob")]
    if types != ["Tensor"] * 3:
        return Verdict(False, f"{what} returned {types} for x, y, prob, expected tensors")
    shapes = [tuple(out[k]["shape"]) for k in ("x", "y", "prob")]
    if shapes != [(n, 1)] * 3:
        return Verdict(False, f"{what} returned shapes {shapes}, expected ({n}, 1) each")
    dtypes = [out[k]["dtype"] for k in ("x", "y", "prob")]
    if dtypes != ["torch.float32"] * 3:
        return Verdict(False, f"{what} returned dtypes {dtypes}, expected torch.float32 each")
    return all_of(
        compare(out["x"]["values"], x, x, f"x of {what}", atol=1e-7),
        compare(out["prob"]["values"], prob, x, f"prob of {what}", atol=1e-6),
        compare(
            out["y"]["values"],
            y,
            x,
            f"labels y of {what} (torch.bernoulli with Generator().manual_seed(seed))",
        ),
    )


@CHECKS.check("logistic", weight=2)
def data_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data(n=5, seed=0) and make_data(n=8, seed=7)"""
    return all_of(
        _data(data["data"], "make_data(n=5, seed=0)", DATA_X, DATA_PROB, DATA_Y),
        _data(data["seeded"], "make_data(n=8, seed=7)", DATA8_X, DATA8_PROB, DATA8_Y),
    )


@CHECKS.check("logistic", probe="data_public")
def data_rng_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data leaves torch's global random state alone (labels from a private generator)"""
    what = "make_data(n=8, seed=7)"
    bad = failure(data, "seeded", what)
    if bad is not None:
        return bad
    got = np.asarray(data["rng_after"], dtype=np.float64).reshape(-1)
    if got.shape != (2,) or not np.allclose(got, DATA_RNG_AFTER, rtol=0.0, atol=RNG_ATOL):
        first = num(got[0]) if got.size else "nothing"
        return Verdict(
            False,
            f"after torch.manual_seed(4242) and {what}, torch.rand gives {first}, expected "
            f"{num(DATA_RNG_AFTER[0])}: make_data used or reseeded torch's global generator "
            "(draw the labels with torch.Generator().manual_seed(seed))",
        )
    return Verdict(True, f"{what} leaves torch's global generator untouched")


# --- Task 2.6: make_logistic_net and fit_logistic ----------------------------------------------

LOGISTIC_LAYERS = ["Linear", "ReLU", "Linear", "Sigmoid"]


@CHECKS.check("logistic", probe="logistic_net", weight=2)
def logistic_init(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_logistic_net layers and initialisation"""
    bad = failure(data, "net", "make_logistic_net()")
    if bad is not None:
        return bad
    desc = data["net"]
    kinds = _types(desc, LOGISTIC_LAYERS, "make_logistic_net()")
    if not kinds.passed:
        return kinds
    layers = desc["layers"]
    return all_of(
        kinds,
        _linear(layers[0], 1, 2, [[1.0], [-1.0]], None, "make_logistic_net() first layer"),
        _linear(layers[2], 2, 1, [[0.0, 0.0]], [0.0], "make_logistic_net() second layer"),
    )


def _smoke_call(run: dict[str, Any]) -> str:
    return f"fit_logistic(x, y, epochs={run['epochs']}, lr={num(SMOKE_LR)}, seed={run['seed']})"


def _smoke_params(run: dict[str, Any]) -> Any:
    """The five parameters of the net one smoke call returned, or a failing verdict."""
    what = _smoke_call(run)
    bad = failure(run, "fit", what)
    if bad is not None:
        return bad
    got = run["fit"]
    if got["type"] != "Sequential":
        return Verdict(
            False, f"{what} returned a {got['type']}, expected the torch.nn.Sequential it trained"
        )
    kinds = _types(got["net"], LOGISTIC_LAYERS, f"the net {what} returned")
    if not kinds.passed:
        return kinds
    first, last = got["net"]["layers"][0], got["net"]["layers"][2]
    if first["bias"] is not None or last["bias"] is None:
        return Verdict(False, f"the net {what} returned is not make_logistic_net's (biases)")
    parts = (first["weight"], last["weight"], last["bias"])
    flat = np.concatenate([np.asarray(p, dtype=np.float64).reshape(-1) for p in parts])
    if flat.shape != (5,):
        return Verdict(False, f"the net {what} returned has {flat.size} parameters, expected 5")
    return flat


def _smoke_hint(got: np.ndarray, k: int) -> str:
    """Which other recipe the parameters match, where one does (a hint that is true)."""

    def near(want: Any) -> bool:
        return bool(np.max(np.abs(got - np.asarray(want))) <= SMOKE_ATOL)

    if near(SMOKE_PARAMS[0]):
        return "; that is the documented start: no step was taken"
    for j in (k - 1, k + 1):
        if j > 0 and near(SMOKE_PARAMS[j]):
            told = f"{j} epochs give" if j != 1 else "1 epoch gives"
            return f"; that is what {told}: run exactly `epochs` steps"
    lr = float(got[4])
    if k == 1 and abs(lr - SMOKE_LR) > SMOKE_ATOL and near([1.0, -1.0, -lr, -lr, lr]):
        return f"; that is one Adam step at lr={lr:.4g}: pass lr to Adam"
    return ""


@CHECKS.check("logistic", probe="fit_smoke", weight=3)
def fit_smoke(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic's first 1, 2 and 3 Adam steps on a tiny problem (the loop, lr and epochs)

    fit_logistic from make_logistic_net's documented start on seven fixed points at lr 0.1, for
    1, 2 and 3 epochs (three calls): the returned parameters must be those of exactly that many
    full-batch Adam steps on BCELoss (forward on all of x, loss, backward, step, zero_grad), to
    1e-4.
    """
    worst = 0.0
    for run in data["runs"]:
        k = int(run["epochs"])
        got = _smoke_params(run)
        if isinstance(got, Verdict):
            return got
        want = np.asarray(SMOKE_PARAMS[k])
        diff = np.abs(got - want)
        if not np.all(diff <= SMOKE_ATOL):
            i = int(np.argmax(np.where(np.isfinite(diff), diff, np.inf)))
            return Verdict(
                False,
                f"{_smoke_call(run)} on the check's 7 points: {PARAM_NAMES[i]}: "
                f"{difference(got[i], want[i])} (after {k} full-batch Adam "
                f"step{'s' if k != 1 else ''} on BCELoss from make_logistic_net's documented "
                f"start){_smoke_hint(got, k)}",
            )
        worst = max(worst, float(np.max(diff)))
    return Verdict(
        True,
        f"fit_logistic: 1, 2 and 3 epochs at lr {num(SMOKE_LR)} match the documented Adam loop "
        f"(max difference {worst:.1e})",
    )


@CHECKS.check("logistic", probe="fit_smoke")
def fit_seed_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic calls torch.manual_seed(seed) first (torch's generator afterwards)"""
    for run in data["runs"]:
        seed = int(run["seed"])
        what = _smoke_call(run)
        bad = failure(run, "fit", what)
        if bad is not None:
            return bad
        got = np.asarray(run["fit"]["rng_after"], dtype=np.float64).reshape(-1)[:2]

        def near(want: Any, got: np.ndarray = got) -> bool:
            return got.shape == (2,) and bool(np.allclose(got, want, rtol=0.0, atol=RNG_ATOL))

        if near(RNG_AFTER_FIT[seed]):
            continue
        if near(RNG_SEED_ONLY[seed]):
            hint = "it was seeded after building the net: call torch.manual_seed(seed) first"
        else:
            hint = next(
                (h for h, want in RNG_OTHER.items() if near(want)),
                "call torch.manual_seed(seed) first and draw nothing else from the generator",
            )
        first = num(got[0]) if got.size else "nothing"
        return Verdict(
            False,
            f"after {what}, torch.rand gives {first}, expected {num(RNG_AFTER_FIT[seed][0])} "
            f"(where torch.manual_seed({seed}) and building make_logistic_net leave it): {hint}",
        )
    return Verdict(True, "fit_logistic seeds torch's generator with seed (3 seeds)")
