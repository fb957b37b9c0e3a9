"""Hidden checks of pwlinr: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, as_array, compare
from autograder.checks.pwlinr import reference as ref

CHECKS = CheckTable(__name__)

LINE_TOL = 1e-6
MAX_FIT_LAYERS, MAX_FIT_PARAMS = (
    8,
    64,
)  # bounds on a reported net before it is evaluated here (the recipe's has 4 layers)


def _line(data: dict[str, Any], key: str, what: str) -> Verdict:
    x = as_array(data["x"])
    got = as_array(data[key], shape=x.shape, name=what)
    if key != "net":
        if data[f"{key}_shape"] != [x.size, 1]:
            return Verdict(
                False,
                f"{what} returned shape {tuple(data[f'{key}_shape'])}, expected ({x.size}, 1)",
            )
        if data[f"{key}_dtype"] != "torch.float64":
            return Verdict(
                False,
                f"{what} returned {data[f'{key}_dtype']} for float64 input "
                "(keep the input's dtype)",
            )
    if not data["x_untouched"]:
        return Verdict(False, "the input tensor x was modified in place")
    want = ref.line(x)
    err = float(np.max(np.abs(got - want)))
    v = compare(got, want, list(x), what, atol=LINE_TOL)
    return Verdict(
        v.passed, v.message + ("" if not v.passed else f" (max error {err:.1e}, 0 included)"), err
    )


@CHECKS.check("line", name="formula_dense", probe="line_dense", weight=2)
def line_formula(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula on 6001 points of [-3, 3] including 0"""
    return _line(data, "formula", "line_formula(x)")


@CHECKS.check("line", name="relu_dense", probe="line_dense", weight=2)
def line_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_relu on 6001 points of [-3, 3] including 0"""
    return _line(data, "relu", "line_relu(x)")


@CHECKS.check("pwlinr_net", probe="line_dense")
def pwlinr_dense(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr() on 6001 points of [-3, 3] including 0"""
    return _line(data, "net", "make_pwlinr()(x)")


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
    w = as_array(layer["weight"], shape=(n_out, n_in), name=f"{what} weight")
    checks = [
        compare(
            w.reshape(-1),
            np.asarray(weight, dtype=np.float64).reshape(-1),
            [f"weight{i}" for i in range(w.size)],
            f"{what} weight",
        )
    ]
    if bias is not None:
        b = as_array(layer["bias"], shape=(n_out,), name=f"{what} bias")
        checks.append(
            compare(
                b,
                np.asarray(bias, dtype=np.float64),
                [f"bias{i}" for i in range(n_out)],
                f"{what} bias",
            )
        )
    return all_of(*checks)


@CHECKS.check("pwlinr_net", weight=2)
def pwlinr_structure(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """layer types, shapes, bias and exact parameters

    Sequential(Linear(1,2,bias=False), ReLU, Linear(2,1)) with exactly the given parameters.
    """
    layers = data["layers"]
    return all_of(
        _types(data, ["Linear", "ReLU", "Linear"], "make_pwlinr()"),
        _linear(layers[0], 1, 2, [[1.0], [-1.0]], None, "first layer"),
        _linear(layers[2], 2, 1, [[-4.5, -9.0]], [4.5], "second layer"),
    )


def _knot_tol(ys: np.ndarray) -> float:
    return 1e-6 * max(1.0, float(np.max(np.abs(ys))))


def _knot_sets(data: dict[str, Any], where: str) -> Verdict:
    worst = 0.0
    for s in data["sets"]:
        xs, ys, grid = as_array(s["xs"]), as_array(s["ys"]), as_array(s["grid"])
        got = as_array(s["values"], shape=grid.shape, name="knot net values")
        want = ref.through_knots(xs, ys, grid)
        lo, hi = xs.min(), xs.max()
        mask = (grid >= lo) & (grid <= hi) if where == "inside" else (grid < lo) | (grid > hi)
        if not np.all(np.isfinite(got[mask])):
            return Verdict(False, f"{len(xs)} knots: the net gives non-finite values", float("inf"))
        err = float(np.max(np.abs(got[mask] - want[mask]))) if mask.any() else 0.0
        worst = max(worst, err)
        if err > _knot_tol(ys):
            i = int(np.argmax(np.abs(got - want) * mask))
            place = (
                "between the knots"
                if where == "inside"
                else "past the end knots (extend the first/last segment)"
            )
            return Verdict(
                False,
                f"{len(xs)} knots: at x = {grid[i]:.6g} ({place}) the net gives {got[i]:.6g}, "
                f"expected {want[i]:.6g}",
                err,
            )
    what = (
        "at and between the knots" if where == "inside" else "extrapolated linearly past both ends"
    )
    return Verdict(
        True, f"exact {what} on {len(data['sets'])} knot sets (max error {worst:.1e})", worst
    )


@CHECKS.check("knots", probe="knots_random", weight=2)
def knots_exact(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """exact at and between random knots (2 to 13 knots)"""
    return _knot_sets(data, "inside")


@CHECKS.check("knots", probe="knots_random")
def knots_extrapolate(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """linear past both end knots"""
    return _knot_sets(data, "outside")


@CHECKS.check("knots", probe="knots_random")
def knots_hidden_units(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """n knots → exactly n hidden units

    Linear(1, n) → ReLU → Linear(n, 1) for n knots (n - 2 kinks + 2 units for the end slopes).
    """
    for s in data["sets"]:
        n = len(s["xs"])
        desc = s["net"]
        v = _types(desc, ["Linear", "ReLU", "Linear"], f"knots_to_net with {n} knots")
        if not v.passed:
            return v
        first, last = desc["layers"][0], desc["layers"][2]
        shape = (
            first["in_features"],
            first["out_features"],
            last["in_features"],
            last["out_features"],
        )
        if shape != (1, n, n, 1):
            return Verdict(
                False,
                f"{n} knots: layers are Linear({shape[0]}, {shape[1]}) and Linear({shape[2]}, "
                f"{shape[3]}); "
                f"the documented construction uses exactly {n} hidden units",
            )
    return Verdict(True, "n knots → Linear(1, n) → ReLU → Linear(n, 1) for every knot set")


@CHECKS.check("knots")
def knots_unsorted(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """shuffled knots are sorted first"""
    v = _knot_sets({"sets": data["sets"]}, "inside")
    w = _knot_sets({"sets": data["sets"]}, "outside")
    if not (v.passed and w.passed):
        bad = v if not v.passed else w
        return Verdict(
            False, f"shuffled knots: {bad.message} (sort the knots by x first)", bad.value
        )
    return Verdict(True, "shuffled knots give the function through the sorted knots")


@CHECKS.check("knots")
def knots_invalid(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """duplicate x and other bad input raise ValueError"""
    cases = {
        "duplicate": "duplicate x values",
        "duplicate_unsorted": "duplicate x values in unsorted input",
        "single": "a single knot",
        "mismatch": "xs and ys of different lengths",
        "mismatch_short_xs": "fewer xs than ys",
        "nan_x": "a NaN x",
        "inf_y": "an infinite y",
    }
    for key, what in cases.items():
        if data[key] != "ValueError":
            got = "no exception" if data[key] == "nothing" else data[key]
            return Verdict(False, f"for {what} knots_to_net must raise ValueError, got {got}")
    return Verdict(
        True, "duplicate x, a single knot, mismatched lengths and non-finite knots raise ValueError"
    )


@CHECKS.check("logistic", name="data_spec", probe="data_hidden")
def data_hidden(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data: grid, probabilities and seeded labels"""
    seed = int(data["seed"])
    if data["dtypes"] != ["torch.float32"] * 3:
        return Verdict(
            False, f"make_data returned dtypes {data['dtypes']}, expected float32 for x, y and prob"
        )
    checks = []
    for n, got in ((2000, data), (7, data["small"])):
        x, prob, y = ref.spec_labels(n, seed)
        gx = as_array(got["x"], shape=(n, 1), name=f"x (n={n})")
        gp = as_array(got["prob"], shape=(n, 1), name=f"prob (n={n})")
        gy = as_array(got["y"], shape=(n, 1), name=f"y (n={n})")
        labels = [f"row {i}" for i in range(n)]
        checks += [
            compare(
                gx.ravel(), x.ravel(), labels, f"x (n={n}, torch.linspace(-1, 1, n))", atol=1e-7
            ),
            compare(
                gp.ravel(), ref.true_probability(x).ravel(), labels, f"prob (n={n})", atol=1e-6
            ),
            compare(
                gy.ravel(),
                y.ravel(),
                labels,
                f"labels y (n={n}, seed={seed}; "
                "torch.bernoulli with Generator().manual_seed(seed))",
            ),
        ]
    v = all_of(*checks)
    if not v.passed:
        return v
    if not np.array_equal(as_array(data["y_again"]), as_array(data["y"])):
        return Verdict(False, "make_data gives different labels for the same seed")
    if np.array_equal(as_array(data["y_other"]), as_array(data["y"])):
        return Verdict(False, "make_data gives the same labels for different seeds")
    return Verdict(True, "make_data: grid, true probability and seeded labels as documented")


@CHECKS.check("logistic", probe="logistic_net")
def logistic_init(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_logistic_net layers and initialisation"""
    layers = data["layers"]
    return all_of(
        _types(data, ["Linear", "ReLU", "Linear", "Sigmoid"], "make_logistic_net()"),
        _linear(layers[0], 1, 2, [[1.0], [-1.0]], None, "first layer"),
        _linear(layers[2], 2, 1, [[0.0, 0.0]], [0.0], "second layer (initial)"),
    )


@CHECKS.check("logistic", name="fit_mae", probe="fit", weight=2, seeded=True, threshold="fit_mae")
def fit(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fitted probability curve within the calibrated error

    Mean absolute error of the fitted probability curve against the true one on the training x.
    """
    x = as_array(data["x"])
    pred = as_array(data["pred"], shape=x.shape, name="predictions")
    layers = data["net"]["layers"]
    kinds = [layer["type"] for layer in layers]
    if kinds[-1:] != ["Sigmoid"]:
        return Verdict(
            False, f"the fitted net has layers {kinds}; it must end in Sigmoid", float("inf")
        )
    sizes = [
        np.size(layer[k])
        for layer in layers
        if layer["type"] == "Linear"
        for k in ("weight", "bias")
    ]
    if len(layers) > MAX_FIT_LAYERS or max(sizes, default=0) > MAX_FIT_PARAMS:
        return Verdict(
            False,
            f"the fitted net is far larger than make_logistic_net ({len(layers)} layers)",
            float("inf"),
        )
    curve = ref.run_layers(layers, x)
    if not (np.all(np.isfinite(curve)) and np.all(np.isfinite(pred))):
        return Verdict(False, "the fitted net predicts non-finite values", float("inf"))
    if np.max(np.abs(curve - pred)) > 1e-5:
        return Verdict(
            False, "the net's predictions disagree with its own parameters", float("inf")
        )
    mae = float(np.mean(np.abs(curve - ref.true_probability(x))))
    limit = ctx.threshold("fit_mae")
    plain = ctx.threshold("plain_logistic_mae_min")
    note = f"(a plain logistic fit, no ReLU, cannot go below about {plain:.2f})"
    if mae <= limit:
        return Verdict(True, f"mean |fitted - true probability| = {mae:.4f} <= {limit} {note}", mae)
    return Verdict(False, f"mean |fitted - true probability| = {mae:.4f} > {limit} {note}", mae)
