"""Hidden checks of pwlinr: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group (public and hidden together), rounded to 4 decimals
as results.json shows them, add up to the group's points (``tests/test_layout.py`` checks it):
the weights of line add up to 10, pwlinr_net 6.25, knots 15 and logistic 30 (0.1 of a point
each).

The conventions the notebook and the docstrings state have public checks (``public.py``: exact
structures, dtypes, ValueError, seeding, a smoke check of fit_logistic's first steps); the checks
here add dense grids, random knot sets, other seeds, the device, the step-by-step replay and the
fit's convergence.

Every check names the function it judges, and its probe records each function's outcome on
its own (``attempt``), so a function that raises or changes its input fails its own checks
only. Tolerances are never looser than the public checks' on the same values (1e-6 for the
line, the pwlinr net and the knot nets, 2e-5 for the float32 line, 1e-4 for fit_logistic's
parameters).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.global_rng import RNG_DRAWS, draws_after_seed, untouched
from autograder.checks.judging import all_of, as_array, compare, difference, failure, num
from autograder.checks.plaindata import clean_text
from autograder.checks.pwlinr import reference as ref
from autograder.checks.pwlinr.probes import DEVICE_EPOCHS, REPLAY_LR
from autograder.checks.pwlinr.public import line_values
from autograder.checks.signatures import defaults_verdict

CHECKS = CheckTable(__name__)

LINE_TOL = 1e-6
"""The line and the pwlinr net in float64: as the public checks (the reference is exact)."""
LINE32_TOL = 2e-5
"""The line in float32, against the line of the float32 x in float64: the reference is off by
at most 3.8e-6 (float32 rounding of 9x + 4.5 on [-3, 3], docs/calibration/pwlinr.md)."""
KNOT_TOL = 1e-6
"""Knot nets (float64) with two knots 1e-8 or 3e-9 apart, as the public check; the reference is
off by at most 7e-14."""
EXACT_KNOT_TOL = 1e-9
"""Knot nets (float64) on random knots at least 0.05 apart: "exact to rounding error". The
reference and the correct alternatives are off by at most about 1e-13; float32 arithmetic
anywhere in the construction by 2e-7 or more (docs/calibration/pwlinr.md)."""
MAX_FIT_LAYERS, MAX_FIT_PARAMS = 8, 64
"""Bounds on a reported net before it is evaluated here (the recipe's has 4 layers)."""
CONSISTENCY_TOL = 1e-5
"""The fitted net's float32 output against its own layers evaluated here in float64."""
LOGISTIC_LAYERS = ["Linear", "ReLU", "Linear", "Sigmoid"]


# --- Tasks 2.1-2.2: the line -------------------------------------------------------------------


def _line_result(data: dict[str, Any], key: str, what: str, dtype: str) -> Any:
    """The values one line function returned, or a failing verdict naming it (the public
    judge's rules: it raised, returned something else than a tensor of x's shape and dtype, or
    changed x), checked for length as well."""
    n = np.size(data["x"])
    got = line_values(data, key, what, n, dtype)
    if isinstance(got, Verdict):
        return got
    return as_array(data[key]["values"], shape=(n,), name=f"{what} values")


def _line(data: dict[str, Any], key: str, what: str, dtype: str, tol: float) -> Verdict:
    if dtype == "float32":
        what = f"{what} for a float32 x"
    got = _line_result(data, key, what, dtype)
    if isinstance(got, Verdict):
        return got
    x = as_array(data["x"])
    if dtype == "float32":
        x = x.astype(np.float32).astype(np.float64)
    want = ref.line(x)
    if not np.all(np.isfinite(got)):
        return Verdict(False, f"{what} has non-finite values", float("inf"))
    err = float(np.max(np.abs(got - want)))
    v = compare(got, want, list(x), what, atol=tol)
    if not v.passed:
        return Verdict(False, v.message, err)
    return Verdict(True, f"{v.message} (max error {err:.1e}, 0 included; x unchanged)", err)


@CHECKS.check("line", probe="line_sizes")
def line_sizes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula and line_relu on x of shape (1, 1) and (0, 1): y of x's shape (N, 1)"""
    for case in data["cases"]:
        n = np.size(case["x"])
        for key, fn in (("formula64", "line_formula"), ("relu64", "line_relu")):
            what = f"{fn}(x) for a float64 x of shape ({n}, 1)"
            got = _line_result(case, key, what, "float64")
            if isinstance(got, Verdict):
                return got
            want = ref.line(as_array(case["x"]))
            if n and not np.allclose(got, want, rtol=0, atol=LINE_TOL):
                return Verdict(False, f"{what} gave {num(got[0])}, expected {num(want[0])}")
    return Verdict(True, "line_formula and line_relu keep the shape (N, 1) for N = 1 and N = 0")


@CHECKS.check("line", name="formula_dense", probe="line_dense", weight=2)
def line_formula(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula on 6001 float64 points of [-3, 3] including 0 (shape, dtype, x unchanged)"""
    return _line(data, "formula64", "line_formula(x)", "float64", LINE_TOL)


@CHECKS.check("line", name="relu_dense", probe="line_dense", weight=2)
def line_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_relu on 6001 float64 points of [-3, 3] including 0 (shape, dtype, x unchanged)"""
    return _line(data, "relu64", "line_relu(x)", "float64", LINE_TOL)


@CHECKS.check("line", name="formula_float32", probe="line_dense", weight=0.5)
def line_formula32(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula keeps a float32 input's dtype (6001 points, x unchanged)"""
    return _line(data, "formula32", "line_formula(x)", "float32", LINE32_TOL)


@CHECKS.check("line", name="relu_float32", probe="line_dense", weight=0.5)
def line_relu32(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_relu keeps a float32 input's dtype (6001 points, x unchanged)"""
    return _line(data, "relu32", "line_relu(x)", "float32", LINE32_TOL)


def _on_device(data: dict[str, Any], key: str, what: str, ctx: JudgeContext) -> Verdict:
    got = _line_result(data, key, f"{what} on {ctx.device}", "float64")
    if isinstance(got, Verdict):
        return got
    where = str(data[key]["device"])
    if where.split(":")[0] != ctx.device:
        return Verdict(
            False,
            f"{what} returned a tensor on {where} for x on {ctx.device} (keep x's device)",
        )
    v = compare(got, ref.line(as_array(data["x"])), list(data["x"]), what, atol=LINE_TOL)
    return v if not v.passed else Verdict(True, f"{what} stays on {where}: {v.message}")


@CHECKS.check("line", name="formula_device", weight=0.5, device_only=True)
def line_formula_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula keeps x's device (an x on --device cuda)"""
    return _on_device(data, "formula", "line_formula(x)", ctx)


@CHECKS.check("line", name="relu_device", weight=0.5, device_only=True)
def line_relu_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_relu keeps x's device (an x on --device cuda)"""
    return _on_device(data, "relu", "line_relu(x)", ctx)


# --- Task 2.3: make_pwlinr ---------------------------------------------------------------------


@CHECKS.check("pwlinr_net")
def pwlinr_dense(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr() on 6001 points of [-3, 3] including 0"""
    bad = failure(data, "net", "make_pwlinr() (or evaluating its net in float64)")
    if bad is not None:
        return bad
    x = as_array(data["x"])
    got = as_array(data["net"]["values"], shape=x.shape, name="make_pwlinr()(x)")
    want = ref.line(x)
    if not np.all(np.isfinite(got)):
        return Verdict(False, "make_pwlinr()(x) has non-finite values", float("inf"))
    err = float(np.max(np.abs(got - want)))
    v = compare(got, want, list(x), "make_pwlinr()(x)", atol=LINE_TOL)
    return Verdict(v.passed, v.message + (f" (max error {err:.1e})" if v.passed else ""), err)


def _types(desc: dict[str, Any], want: list[str], what: str) -> Verdict:
    if desc["class"] != "Sequential":
        return Verdict(False, f"{what} is a {desc['class']}, expected torch.nn.Sequential")
    got = [layer["type"] for layer in desc["layers"]]
    if got != want:
        return Verdict(False, f"{what} has layers {got}, expected {want}")
    return Verdict(True, f"{what} layers are {' → '.join(want)}")


# --- Task 2.4: knots_to_net --------------------------------------------------------------------


def _knot_sets(data: dict[str, Any], where: str, tol: float = EXACT_KNOT_TOL) -> Verdict:
    worst = 0.0
    for s in data["sets"]:
        xs, ys, grid = as_array(s["xs"]), as_array(s["ys"]), as_array(s["grid"])
        bad = failure(s, "error", f"knots_to_net with {len(xs)} knots")
        if bad is not None:
            return Verdict(False, bad.message, float("inf"))
        got = as_array(s["values"], shape=grid.shape, name="knot net values")
        want = ref.through_knots(xs, ys, grid)
        lo, hi = xs.min(), xs.max()
        mask = (grid >= lo) & (grid <= hi) if where == "inside" else (grid < lo) | (grid > hi)
        if not np.all(np.isfinite(got[mask])):
            return Verdict(
                False, f"knots_to_net with {len(xs)} knots gives non-finite values", float("inf")
            )
        err = float(np.max(np.abs(got[mask] - want[mask]))) if mask.any() else 0.0
        worst = max(worst, err)
        if err > tol:
            i = int(np.argmax(np.abs(got - want) * mask))
            place = (
                "between the knots"
                if where == "inside"
                else "past the end knots (extend the first/last segment)"
            )
            return Verdict(
                False,
                f"knots_to_net with {len(xs)} knots, at x = {num(grid[i])} ({place}): "
                f"{difference(got[i], want[i])}",
                err,
            )
    what = (
        "at and between the knots" if where == "inside" else "extrapolated linearly past both ends"
    )
    return Verdict(
        True,
        f"knots_to_net exact {what} on {len(data['sets'])} knot sets (max error {worst:.1e})",
        worst,
    )


@CHECKS.check("knots", probe="knots_random", weight=3)
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
        bad = failure(s, "error", f"knots_to_net with {n} knots")
        if bad is not None:
            return bad
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
                f"knots_to_net with {n} knots: layers are Linear({shape[0]}, {shape[1]}) and "
                f"Linear({shape[2]}, {shape[3]}); the documented construction uses exactly {n} "
                "hidden units",
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
    return Verdict(True, "knots_to_net: shuffled knots give the function through the sorted knots")


@CHECKS.check("knots")
def knots_close(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """distinct knots however close (1e-8, 3e-9, 1e-13, 1e-17 apart, and 5e-7 apart near
    x = 1000) are valid, not duplicates

    Only equal x values are duplicates: two knots 1e-8, 3e-9 or 1e-13 apart, 5e-7 apart near
    x = 1000 (a relative test such as math.isclose calls them equal), on a slope of at most 2,
    or 1e-17 apart at 0 (below machine epsilon) on a flat segment, must give the exact function
    through all the knots, at, between and past them.
    """
    for s in data["sets"]:
        xs = np.sort(as_array(s["xs"]))
        gap = float(np.min(np.diff(xs)))
        near = f" near x = {num(float(np.round(xs.mean())))}" if abs(xs.mean()) > 100 else ""
        bad = failure(
            s, "error", f"knots_to_net with {len(xs)} knots, two of them {gap:.0e} apart{near},"
        )
        if bad is not None:
            return Verdict(
                False, f"{bad.message}: distinct x are valid knots however close", float("inf")
            )
    v = _knot_sets({"sets": data["sets"]}, "inside", KNOT_TOL)
    w = _knot_sets({"sets": data["sets"]}, "outside", KNOT_TOL)
    if not (v.passed and w.passed):
        bad = v if not v.passed else w
        return Verdict(False, f"knots very close together: {bad.message}", bad.value)
    return Verdict(
        True,
        "knots_to_net: knots 1e-8, 3e-9, 1e-13 and 1e-17 apart, and 5e-7 apart near x = 1000, "
        "give the exact function",
        max(v.value, w.value),
    )


@CHECKS.check("knots", probe="knots_unsorted", weight=0.5)
def knots_lists_unchanged(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """knots_to_net leaves the caller's lists xs and ys unchanged (shuffled knots)"""
    for s in data["sets"]:
        n = len(s["xs"])
        what = f"knots_to_net(xs, ys) with {n} shuffled knots"
        bad = failure(s, "error", what)
        if bad is not None:
            return bad
        if not s["lists_unchanged"]:
            return Verdict(
                False,
                f"{what} changed the lists xs and ys it was given (sort a copy of the knots, "
                "not the caller's lists)",
            )
    return Verdict(True, "knots_to_net leaves the lists xs and ys it is given unchanged")


# --- Task 2.5: make_data -----------------------------------------------------------------------


def _data_parts(got: Any, n: int, seed: int) -> Any:
    """(x, y, prob) as float64 columns, or a failing verdict naming make_data(n, seed)."""
    what = f"make_data(n={n}, seed={seed})"
    bad = failure({"r": got}, "r", what)
    if bad is not None:
        return bad
    if got["count"] != 3 or not got.get("is_tuple"):
        return Verdict(False, f"{what} returned a {got['type']}, expected a tuple (x, y, prob)")
    types = [got[k]["type"] for k in ("x", "y", "prob")]
    if types != ["Tensor"] * 3:
        return Verdict(False, f"{what} returned {types} for x, y, prob, expected tensors")
    shapes = [tuple(got[k]["shape"]) for k in ("x", "y", "prob")]
    if shapes != [(n, 1)] * 3:
        return Verdict(False, f"{what} returned shapes {shapes}, expected ({n}, 1) each")
    dtypes = [got[k]["dtype"] for k in ("x", "y", "prob")]
    if dtypes != ["torch.float32"] * 3:
        return Verdict(False, f"{what} returned dtypes {dtypes}, expected torch.float32 each")
    return [as_array(got[k]["values"], shape=(n,), name=k) for k in ("x", "y", "prob")]


@CHECKS.check("logistic", name="data_spec", probe="data_hidden", weight=2)
def data_hidden(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data: grid, probabilities and seeded labels (types, dtypes, shapes, n and seed)"""
    seed = int(data["seed"])
    runs = {
        "main": (2000, seed),
        "again": (2000, seed),
        "other": (2000, seed + 1),
        "small": (7, seed),
    }
    parts = {}
    for key, (n, s) in runs.items():
        got = _data_parts(data[key], n, s)
        if isinstance(got, Verdict):
            return got
        parts[key] = got
    checks = []
    for key in ("main", "small", "other"):
        n, s = runs[key]
        gx, gy, gp = parts[key]
        x, prob, y = (v.ravel() for v in ref.spec_labels(n, s))
        rows = [f"row {i}" for i in range(n)]
        what = f"make_data(n={n}, seed={s})"
        checks += [
            compare(gx, x, rows, f"x of {what} (torch.linspace(-1, 1, n))", atol=1e-7),
            compare(gp, ref.true_probability(x), rows, f"prob of {what}", atol=1e-6),
            compare(
                gy,
                y,
                rows,
                f"labels y of {what} (torch.bernoulli with Generator().manual_seed(seed))",
            ),
        ]
    v = all_of(*checks)
    if not v.passed:
        return v
    if not np.array_equal(parts["again"][1], parts["main"][1]):
        return Verdict(False, f"make_data gives different labels for the same seed {seed}")
    fresh = data.get("fresh")
    bad = failure(data, "fresh", f"make_data(n=7, seed={seed}) called twice")
    if bad is not None:
        return bad
    if not isinstance(fresh, dict) or fresh.get("shared") is not False:
        return Verdict(
            False,
            f"make_data(n=7, seed={seed}) called twice returned tensors sharing memory: a "
            "caller's in-place change to one result reaches the next; make new tensors on every "
            "call (no cache)",
        )
    if fresh.get("same_values") is not True:
        return Verdict(
            False,
            f"make_data(n=7, seed={seed}) gave other values the second time, after the first "
            "result was changed in place: every call makes new tensors from the seed",
        )
    return Verdict(True, "make_data: grid, true probability and seeded labels as documented")


@CHECKS.check("logistic", probe="data_rng")
def data_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data leaves torch's global random state alone (labels from a private generator)"""
    what = f"make_data(n={data['n']}, seed={data['seed']})"
    return untouched(
        data["after"],
        data["global_seed"],
        what,
        "draw the labels with torch.Generator().manual_seed(seed)",
        outcome=data.get("call"),
        watch=data.get("watch"),
    )


# --- Task 2.6: make_logistic_net and fit_logistic ----------------------------------------------


@CHECKS.check("logistic", probe="logistic_net")
def logistic_trainable(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_logistic_net: every weight and bias requires grad (fit_logistic trains them all)"""
    bad = failure(data, "net", "make_logistic_net()")
    if bad is not None:
        return bad
    rows = [r for r in data["net"]["layers"] if "trainable" in r]
    if not rows:
        return Verdict(False, "make_logistic_net() has no Linear layer")
    for i, row in enumerate(data["net"]["layers"]):
        flags = [bool(f) for f in row.get("trainable", [])]
        if not all(flags):
            return Verdict(
                False,
                f"make_logistic_net(): a parameter of layer {i} ({clean_text(row['type'], 40)}) "
                "does not require grad, so Adam never changes it: leave requires_grad on for "
                "every parameter",
            )
    return Verdict(True, "make_logistic_net(): every weight and bias requires grad")


DEFAULTS = {
    "make_data": {"n": "2000", "seed": "0"},
    "fit_logistic": {"epochs": "1500", "lr": "0.05", "seed": "0", "device": "'cpu'"},
}
"""The documented defaults (the stub's signatures; tests/checks/test_signatures.py checks them
against the reference)."""


@CHECKS.check("logistic", probe="signature_defaults")
def logistic_defaults(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data and fit_logistic keep their documented defaults (n=2000, seed=0; epochs=1500,
    lr=0.05, seed=0, device='cpu'): the default call is the course recipe"""
    bad = failure(data, "points", "make_data()")
    if bad is not None:
        return bad
    if data["points"] != 2000:
        return Verdict(False, f"make_data() gave {data['points']} points, documented n=2000")
    return defaults_verdict(data["signature"], DEFAULTS)


@CHECKS.check("logistic", name="fit_mae", probe="fit", weight=3.5, seeded=True, threshold="fit_mae")
def fit(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fitted probability curve within the calibrated error (make_logistic_net + fit_logistic)

    Mean absolute error of the fitted probability curve against the true one on the training x,
    for the whole recipe: fit_logistic with the submission's own make_logistic_net.
    """
    what = "fit_logistic (with your make_logistic_net)"
    bad = failure(data, "error", what)
    if bad is not None:
        return Verdict(False, bad.message, float("inf"))
    if "dtypes" not in data:
        return Verdict(
            False,
            f"{what} returned a {data['type']}, expected the torch.nn.Sequential it trained",
            float("inf"),
        )
    if data["dtypes"] != ["torch.float32"]:
        return Verdict(
            False,
            f"{what} returned a net with parameters of dtype "
            f"{', '.join(data['dtypes']) or 'none'}, "
            "expected torch.float32 (make_logistic_net's dtype, the dtype of the x and y it is "
            "given): the grader calls the returned net on float32 x",
            float("inf"),
        )
    bad = failure(data, "forward", f"the net {what} returned, called on the float32 training x,")
    if bad is not None:
        return Verdict(False, bad.message, float("inf"))
    x = as_array(data["x"])
    pred = as_array(data["pred"], shape=x.shape, name="predictions")
    layers = data["net"]["layers"]
    kinds = [layer["type"] for layer in layers]
    if kinds[-1:] != ["Sigmoid"]:
        return Verdict(
            False, f"fit_logistic's net has layers {kinds}; it must end in Sigmoid", float("inf")
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
            f"fit_logistic's net is far larger than make_logistic_net ({len(layers)} layers)",
            float("inf"),
        )
    curve = ref.run_layers(layers, x)
    if not (np.all(np.isfinite(curve)) and np.all(np.isfinite(pred))):
        return Verdict(False, "fit_logistic's net predicts non-finite values", float("inf"))
    gap = float(np.max(np.abs(curve - pred)))
    if gap > CONSISTENCY_TOL:
        return Verdict(
            False,
            f"fit_logistic's net: its output differs by up to {num(gap)} from what its layers "
            f"({', '.join(kinds)}) compute in order; return the plain Sequential of "
            "make_logistic_net",
            float("inf"),
        )
    mae = float(np.mean(np.abs(curve - ref.true_probability(x))))
    limit = ctx.threshold("fit_mae")
    plain = ctx.threshold("plain_logistic_mae_min")
    note = f"(a plain logistic fit, no ReLU, cannot go below about {plain:.2f})"
    text = f"fit_logistic: mean |fitted - true probability| = {mae:.4g}"
    if mae <= limit:
        return Verdict(True, f"{text} <= {limit} {note}", mae)
    return Verdict(False, f"{text} > {limit} {note}", mae)


PARAM_NAMES = (
    "first-layer weight[0][0]",
    "first-layer weight[1][0]",
    "second-layer weight[0][0]",
    "second-layer weight[0][1]",
    "second-layer bias[0]",
)


def _fit_params(run: dict[str, Any], what: str) -> Any:
    """The five parameters of one returned net (flat, float64), or a failing verdict."""
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
    return np.concatenate(
        [
            as_array(first["weight"], shape=(2, 1), name="first-layer weight").ravel(),
            as_array(last["weight"], shape=(1, 2), name="second-layer weight").ravel(),
            as_array(last["bias"], shape=(1,), name="second-layer bias").ravel(),
        ]
    )


def _finite_params(run: dict[str, Any], what: str) -> Any:
    """:func:`_fit_params`, finite ones only: the parameters, or a failing verdict whose value
    is inf (a replay check reports its largest difference as the value)."""
    got = _fit_params(run, what)
    if isinstance(got, Verdict):
        return Verdict(False, got.message, float("inf"))
    if not np.all(np.isfinite(got)):
        return Verdict(False, f"{what} gives non-finite parameters", float("inf"))
    return got


def _flat(params: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([np.ravel(p) for p in params])


def _why(got: np.ndarray, x: Any, y: Any, k: int, lr: float, steps: list[Any], tol: float) -> str:
    """A hint that is true: which other recipe the parameters match, if any."""
    if k == 0:
        return "; epochs=0 takes no step: the net comes back as make_logistic_net built it"
    if np.max(np.abs(got - _flat(steps[0]))) <= tol:
        return "; that is the initialisation: no step was taken"
    for j in (k - 1, k + 1):
        if 0 < j < len(steps) and np.max(np.abs(got - _flat(steps[j]))) <= tol:
            return f"; that is what {j} epochs give: run exactly `epochs` steps"
    for other in (0.05, 0.001):
        if np.max(np.abs(got - _flat(ref.fit_replay(x, y, other, k)[k]))) <= tol:
            return f"; that is what lr={num(other)} gives: pass lr to Adam"
    return ""


@CHECKS.check("logistic", probe="fit_replay", weight=3, seeded=True, threshold="fit_replay_atol")
def fit_replay(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic step by step: 0-9 Adam epochs at lr 0.02 from the documented start, on the given
    x, y

    Each call (1, 2, 3, 4, 6 and 9 epochs, lr 0.02, a seed of its own; and 0 epochs with seed 0)
    on the grader's 120 points
    (not make_data's grid), with make_logistic_net replaced by the grader's documented start: the
    returned parameters must be the grader's replay of full-batch Adam on BCELoss after exactly
    that many steps.
    """
    tol = ctx.threshold("fit_replay_atol")
    x, y, lr = data["x"], data["y"], float(data["lr"])
    runs = data["runs"]
    steps = ref.fit_replay(x, y, lr, max(int(r["epochs"]) for r in runs) + 1)
    worst: tuple[float, int, str, np.ndarray] | None = None
    for run in runs:
        k = int(run["epochs"])
        what = f"fit_logistic(x, y, epochs={k}, lr={num(lr)}, seed={run['seed']})"
        got = _finite_params(run, what)
        if isinstance(got, Verdict):
            return got
        err = float(np.max(np.abs(got - _flat(steps[k]))))
        if worst is None or err > worst[0]:
            worst = (err, k, what, got)
    assert worst is not None  # the grader's inputs hold seven runs
    err, k, what, got = worst
    if err > tol:
        want = _flat(steps[k])
        i = int(np.argmax(np.abs(got - want)))
        return Verdict(
            False,
            f"{what} on the grader's {np.size(x)} points: {PARAM_NAMES[i]}: "
            f"{difference(got[i], want[i])} (the grader's replay of {k} full-batch Adam "
            f"step{'s' if k != 1 else ''} on BCELoss from make_logistic_net's documented "
            f"start){_why(got, x, y, k, lr, steps, tol)}",
            err,
        )
    return Verdict(
        True,
        f"fit_logistic: {len(runs)} runs of 0-9 epochs at lr {num(lr)} match the replay step by "
        f"step (max difference {err:.1e})",
        err,
    )


LONG_ATOL = 1e-3
"""fit_long: max |difference| of the five parameters after 1500 epochs (lr 0.01 and 0.02). Correct
loops differ from the replay by at most 5.5e-6 (float32 rounding: a hand-written BCE), a cap,
schedule, clipping, amsgrad or early stop by at least 1.3e-2 (docs/calibration/pwlinr.md). A
module constant: course.yml belongs to the whole course."""


@functools.lru_cache(maxsize=32)
def _long_replay(x: bytes, y: bytes, lr: float, epochs: int) -> tuple[np.ndarray, ...]:
    """The grader's replay of ``epochs`` Adam steps on (x, y), flat parameters after each step
    (cached: every submission graded with a seed shares its inputs, so a batch pays once)."""
    steps = ref.fit_replay(np.frombuffer(x), np.frombuffer(y), lr, epochs)
    return tuple(_flat(p) for p in steps)


@CHECKS.check("logistic", probe="fit_long", weight=3, seeded=True, threshold=LONG_ATOL)
def fit_long(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic over long runs: exactly 1500 Adam steps at a constant lr (0.01 and 0.02)

    Two calls, 1500 epochs at lr 0.01 and at lr 0.02, on 400 points of the documented data
    (seeded), from the grader's documented start: the returned parameters must be the grader's
    replay of exactly 1500 full-batch Adam steps (plain Adam, constant lr: a cap on the epochs, a
    learning-rate schedule, gradient clipping or early stopping changes them).
    """
    x, y = np.ascontiguousarray(as_array(data["x"])), np.ascontiguousarray(as_array(data["y"]))
    worst: tuple[float, str, np.ndarray, tuple[np.ndarray, ...], int] | None = None
    for run in data["runs"]:
        k, lr = int(run["epochs"]), float(run["lr"])
        what = f"fit_logistic(x, y, epochs={k}, lr={num(lr)}, seed={run['seed']})"
        got = _finite_params(run, what)
        if isinstance(got, Verdict):
            return got
        steps = _long_replay(x.tobytes(), y.tobytes(), lr, k)
        err = float(np.max(np.abs(got - steps[k])))
        if worst is None or err > worst[0]:
            worst = (err, what, got, steps, k)
    assert worst is not None  # the grader's inputs hold two runs
    err, what, got, steps, k = worst
    if err <= LONG_ATOL:
        return Verdict(
            True,
            f"fit_logistic: {len(data['runs'])} runs of {k} epochs on {np.size(x)} points match "
            f"the grader's replay (max difference {err:.1e})",
            err,
        )
    want = steps[k]
    i = int(np.argmax(np.abs(got - want)))
    near = [j for j in range(1, k) if np.max(np.abs(got - steps[j])) <= LONG_ATOL]
    hint = (
        f"; that is what {near[-1]} epochs give: run exactly `epochs` steps (no cap, no early stop)"
        if near
        else "; the documented loop is plain Adam at a constant lr (no scheduler, clipping or "
        "early stop)"
    )
    return Verdict(
        False,
        f"{what} on the grader's {np.size(x)} points: {PARAM_NAMES[i]}: "
        f"{difference(got[i], want[i])} (the grader's replay of {k} full-batch Adam steps on "
        f"BCELoss from make_logistic_net's documented start){hint}",
        err,
    )


def _extreme_run(data: dict[str, Any], name: str, ctx: JudgeContext) -> Any:
    """fit_extremes' run ``name``: (what, got, want, replay steps, tol), or a failing verdict."""
    lr = float(data["lr"])
    run = next(r for r in data["runs"] if r["name"] == name)
    k = int(run["epochs"])
    what = f"fit_logistic(x, y, epochs={k}, lr={num(lr)}, seed={run['seed']})"
    got = _finite_params(run, what)
    if isinstance(got, Verdict):
        return got
    x, y = as_array(run["x"]), as_array(run["y"])
    want = _flat(ref.fit_replay(x, y, lr, k, run["start"])[k])
    return what, got, want, (x, y, lr, k, run["start"]), ctx.threshold("fit_replay_atol")


def _extreme_verdict(
    what: str, got: np.ndarray, want: np.ndarray, tol: float, where: str, hint: str, ok: str
) -> Verdict:
    err = float(np.max(np.abs(got - want)))
    if err <= tol:
        return Verdict(True, f"{ok} (max difference {err:.1e})", err)
    i = int(np.argmax(np.abs(got - want)))
    return Verdict(
        False,
        f"{what} {where}: {PARAM_NAMES[i]}: {difference(got[i], want[i])} (the grader's replay "
        f"of the documented loop from the same start){hint}",
        err,
    )


@CHECKS.check(
    "logistic", probe="fit_extremes", weight=0.5, seeded=True, threshold="fit_replay_atol"
)
def fit_soft_targets(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic trains on the y it is given, also targets that are not 0/1 labels

    8 epochs at lr 0.02 from the documented start on 120 points whose targets y are drawn from
    U(0.05, 0.95): BCELoss takes them as they are (no rounding or thresholding of y), and the
    returned parameters must be the grader's replay of the documented loop.
    """
    run = _extreme_run(data, "soft", ctx)
    if isinstance(run, Verdict):
        return run
    what, got, want, (x, y, lr, k, start), tol = run
    binary = (np.asarray(y) > 0.5).astype(np.float64)
    as_labels = _flat(ref.fit_replay(x, binary, lr, k, start)[k])
    hint = (
        "; that is what the targets rounded to 0/1 give: train on y as it is"
        if np.max(np.abs(got - as_labels)) <= tol
        else ""
    )
    return _extreme_verdict(
        what,
        got,
        want,
        tol,
        "on targets y in (0.05, 0.95)",
        hint,
        "fit_logistic trains on soft targets as given",
    )


@CHECKS.check("logistic", probe="fit_extremes", seeded=True, threshold="fit_replay_atol")
def fit_small_gradients(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic where every gradient is near Adam's eps: Adam's default eps, BCELoss's mean

    7 epochs at lr 0.02 from the documented start on 120 points with x of size 1e-7, so every
    gradient is near Adam's eps (1e-8): only there do Adam's eps and the loss's scale show
    (elsewhere Adam divides a gradient's scale out). The returned parameters must be the
    grader's replay of the documented loop (torch.optim.Adam(net.parameters(), lr=lr), BCELoss
    with its mean).
    """
    run = _extreme_run(data, "small", ctx)
    if isinstance(run, Verdict):
        return run
    what, got, want, (x, y, lr, k, start), tol = run
    hint = ""
    for label, kw in (
        ("BCELoss(reduction='sum')", {"reduction": "sum"}),
        *((f"Adam with eps={num(e)}", {"eps": e}) for e in (1e-7, 1e-6, 1e-10)),
    ):
        other = _flat(ref.fit_replay(x, y, lr, k, start, **kw)[k])
        if np.max(np.abs(got - other)) <= tol:
            hint = f"; that is what {label} gives: use Adam's default eps and BCELoss's mean"
            break
    else:
        hint = (
            "; if fit_replay and fit_long pass, what differs is what only gradients near Adam's "
            "eps show: its eps and the loss's scale (torch.optim.Adam(net.parameters(), lr=lr) "
            "and BCELoss() as documented)"
        )
    return _extreme_verdict(
        what,
        got,
        want,
        tol,
        "on 120 points with x of size 1e-7",
        hint,
        "fit_logistic at gradients near Adam's eps matches the replay",
    )


@CHECKS.check("logistic", probe="fit_extremes", seeded=True, threshold="fit_replay_atol")
def fit_saturated(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic with points at p of a few 1e-9: no clamped probabilities

    6 epochs at lr 0.02 from a start where the 60 points in [1, 1.05], labelled 0, sit at p = 2e-9
    to 6e-9 and alone move the first hidden unit's weights (the other 60 are in [-1.5, -0.5]).
    The returned parameters must be the grader's replay of the documented loop: BCELoss on the
    net's probabilities as they are (clamping them to [c, 1 - c], for any c from 1e-8 up, stops
    those points' pull).
    """
    run = _extreme_run(data, "saturated", ctx)
    if isinstance(run, Verdict):
        return run
    what, got, want, (x, y, lr, k, start), tol = run
    first = np.array([0, 2])  # w1[0] and w2[0]: the unit that only the points at x > 0 reach
    init = _flat([np.asarray(v, dtype=np.float64) for v in start])
    moved, meant = (float(np.max(np.abs(v[first] - init[first]))) for v in (got, want))
    still = moved <= tol < meant
    hint = (
        "; the first unit's weights did not move, though the points at p of a few 1e-9 pull "
        "them: a probability clamped away from 0 stops that pull (BCELoss takes p as it is)"
        if still
        else ""
    )
    return _extreme_verdict(
        what,
        got,
        want,
        tol,
        "from a start where half the points sit at p of a few 1e-9",
        hint,
        "fit_logistic with points at p of a few 1e-9 matches the replay",
    )


@CHECKS.check("logistic", probe="fit_replay")
def fit_seed(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic calls torch.manual_seed(seed) first (torch's generator afterwards)"""
    for run in data["runs"]:
        seed = int(run["seed"])
        what = f"fit_logistic(x, y, epochs={run['epochs']}, lr={num(data['lr'])}, seed={seed})"
        bad = failure(run, "fit", what)
        if bad is not None:
            return bad
        got = as_array(run["fit"]["rng_after"], shape=(RNG_DRAWS,), name="torch.rand")
        want = ref.rng_after_fit(seed, RNG_DRAWS)
        if np.array_equal(got, want):
            continue
        if np.array_equal(got, draws_after_seed(seed)):
            hint = "it was seeded after building the net: call torch.manual_seed(seed) first"
        elif seed == 0 and np.array_equal(got, ref.rng_after_fit(int(run["scramble"]), RNG_DRAWS)):
            hint = "it did not call torch.manual_seed(0): seed=0 is a seed like any other"
        elif np.array_equal(got, ref.rng_after_fit(int(run["scramble"]), RNG_DRAWS)):
            hint = "it never called torch.manual_seed"
        elif any(np.array_equal(got, ref.rng_after_fit(s, RNG_DRAWS)) for s in (0, 2025)):
            hint = "it was seeded with a fixed number instead of seed"
        else:
            hint = "call torch.manual_seed(seed) first and draw nothing else from the generator"
        return Verdict(
            False,
            f"after {what}, torch.rand gives {num(got[0])}, expected {num(want[0])} (where "
            f"torch.manual_seed({seed}) and building make_logistic_net leave it): {hint}",
        )
    return Verdict(
        True,
        f"fit_logistic seeds torch's generator with seed ({len(data['runs'])} seeds, "
        "checked by its state afterwards)",
    )


@CHECKS.check("logistic", probe="fit_replay", weight=0.5)
def fit_grads_cleared(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """each epoch ends with zero_grad: the returned net holds no gradient"""
    for run in data["runs"]:
        what = (
            f"fit_logistic(x, y, epochs={run['epochs']}, lr={num(data['lr'])}, seed={run['seed']})"
        )
        bad = failure(run, "fit", what)
        if bad is not None:
            return bad
        states = run["fit"].get("grads")
        if not isinstance(states, list) or not states:
            return Verdict(False, f"{what}: no parameters with a gradient state came back")
        left = [i for i, g in enumerate(states) if clean_text(str(g), 10) not in ("none", "zero")]
        if left:
            return Verdict(
                False,
                f"after {what}, {len(left)} of the net's {len(states)} parameters still hold a "
                "gradient: each epoch is forward, BCELoss, backward, step, zero_grad (in that "
                "order), so the net comes back with its gradients cleared",
            )
    return Verdict(
        True,
        f"fit_logistic returns the net with its gradients cleared ({len(data['runs'])} calls)",
    )


@CHECKS.check("logistic", probe="fit_device", device_only=True)
def fit_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_logistic trains on --device and returns the net there"""
    run = data["runs"][0]
    what = f"fit_logistic(x, y, epochs={DEVICE_EPOCHS}, lr={num(REPLAY_LR)}, device={ctx.device!r})"
    got = _fit_params(run, what)
    if isinstance(got, Verdict):
        return got
    devices = [str(d) for d in run["fit"]["devices"]]
    if not devices or any(d.split(":")[0] != ctx.device for d in devices):
        return Verdict(
            False,
            f"{what} returned a net with parameters on {devices}: move the net and the data to "
            "device and return the net there",
        )
    want = _flat(ref.fit_replay(data["x"], data["y"], float(data["lr"]), DEVICE_EPOCHS)[-1])
    err = float(np.max(np.abs(got - want)))
    if err > ctx.threshold("fit_replay_atol"):
        return Verdict(
            False, f"{what}: the parameters differ from the replay by {num(err)}", float("inf")
        )
    return Verdict(True, f"{what} returns its trained net on {devices[0]}")


# --- Global state: torch's default dtype and grad mode, left as each call found them ----------


def _state(data: dict[str, Any], calls: dict[str, str]) -> Verdict:
    """Each call (``calls``: probe key → the call as written) left torch's default dtype float32
    and gradient tracking on, as it found them."""
    for key, call in calls.items():
        r = data[key]
        bad = failure(r, "call", call)
        if bad is not None:
            return bad
        if r["dtype"] != "torch.float32":
            return Verdict(
                False,
                f"{call} changed torch's default dtype from torch.float32 to {r['dtype']}: the "
                "caller's new tensors and layers change with it (give dtype= to the tensors and "
                "layers that need it instead of torch.set_default_dtype)",
            )
        if not r["grad"]:
            return Verdict(
                False,
                f"{call} left gradient tracking off (torch.is_grad_enabled() is False after the "
                "call; use a `with torch.no_grad():` block, which restores it)",
            )
        if r.get("dtype_other") != "torch.float64":
            return Verdict(
                False,
                f"{call} with torch's default dtype set to torch.float64 by the caller left it "
                f"{r.get('dtype_other')}: a call must put back whatever it found, not a fixed "
                "dtype (better: leave the default alone and give dtype= where needed)",
            )
        training = key == "fit_logistic"  # run from float64 with grad mode on; the rest no_grad
        if not training and r.get("grad_other") is not False:
            return Verdict(
                False,
                f"{call} called inside torch.no_grad() left gradient tracking on: use a `with "
                "torch.no_grad():` block, which puts back the caller's mode, not "
                "set_grad_enabled(False) ... set_grad_enabled(True)",
            )
        if training and r.get("grad_other") is not True:
            return Verdict(
                False,
                f"{call} with a torch.float64 default left gradient tracking off (it was on)",
            )
    verb = "leaves" if len(calls) == 1 else "leave"
    return Verdict(
        True, f"{', '.join(calls)} {verb} torch's default dtype and grad mode as they found them"
    )


@CHECKS.check("line")
def state_line(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula and line_relu leave torch's default dtype and grad mode alone"""
    return _state(data, {"line_formula": "line_formula(x)", "line_relu": "line_relu(x)"})


@CHECKS.check("pwlinr_net", weight=0.75)
def state_pwlinr(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr leaves torch's default dtype and grad mode alone"""
    return _state(data, {"make_pwlinr": "make_pwlinr()"})


@CHECKS.check("knots")
def state_knots(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """knots_to_net leaves torch's default dtype and grad mode alone"""
    return _state(data, {"knots_to_net": "knots_to_net([-1, 0, 2], [0, 1, -1])"})


@CHECKS.check("logistic")
def state_logistic(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data, make_logistic_net and fit_logistic leave torch's default dtype and grad mode
    alone"""
    return _state(
        data,
        {
            "make_data": "make_data(n=5, seed=0)",
            "make_logistic_net": "make_logistic_net()",
            "fit_logistic": "fit_logistic(x, y, epochs=2, lr=0.1, seed=5)",
        },
    )


# --- New objects on every call: no result buffer, no shared parameters -----------------------


@CHECKS.check("line", probe="line_fresh")
def line_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """line_formula and line_relu return a new tensor on every call (no buffer kept between calls,
    no view of x)"""
    for key, name in (("formula", "line_formula"), ("relu", "line_relu")):
        bad = failure(data, key, f"{name}(x)")
        if bad is not None:
            return bad
        r = data[key]
        if r["type"] != "Tensor":
            return Verdict(
                False, f"{name}(x) returned a {clean_text(r['type'])}, expected a tensor"
            )
        if r["shares_input"]:
            return Verdict(
                False,
                f"{name}(x) returned a tensor that shares memory with x: return a new tensor",
            )
        if not r["first_kept"] or r["shares_result"]:
            return Verdict(
                False,
                f"{name}(x) called a second time (on other values of the same shape) changed the "
                "tensor its first call returned: each call must return a new tensor (do not keep "
                "an output buffer between calls)",
            )
    return Verdict(True, "line_formula and line_relu return a new tensor on every call")


def _fresh_net(data: dict[str, Any], key: str, call: str) -> Verdict:
    """``call`` twice gave two nets with parameters of their own."""
    bad = failure(data, key, call)
    if bad is not None:
        return bad
    r = data[key]
    if r.get("same_object") is None:
        return Verdict(False, f"{call} returned a {clean_text(r['type'])}, expected a torch module")
    if r["same_object"]:
        return Verdict(
            False, f"{call} returned the same net object twice: build a new one per call"
        )
    before = as_array(r["before"], name="the second net's output")
    after = as_array(r["after"], shape=before.shape, name="the second net's output")
    if r["shared"] or not np.array_equal(before, after, equal_nan=True):
        return Verdict(
            False,
            f"two calls of {call} returned nets that share parameter memory (changing the first "
            "net's parameters changed the second net): create new parameter tensors on every "
            "call (copy_ values into the layers' own parameters, or clone module-level tensors)",
        )
    return Verdict(True, f"{call} returns a new net with parameters of its own on every call")


@CHECKS.check("pwlinr_net", probe="nets_fresh", weight=0.5)
def pwlinr_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr returns a new net with parameters of its own on every call"""
    return _fresh_net(data, "make_pwlinr", "make_pwlinr()")


@CHECKS.check("knots", probe="nets_fresh", weight=0.5)
def knots_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """knots_to_net returns a new net with parameters of its own on every call"""
    return _fresh_net(data, "knots_to_net", "knots_to_net([-1, 0, 2], [0, 1, -1])")


@CHECKS.check("logistic", probe="nets_fresh", weight=0.5)
def logistic_net_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_logistic_net returns a new net with parameters of its own on every call"""
    return _fresh_net(data, "make_logistic_net", "make_logistic_net()")
