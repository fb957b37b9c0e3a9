"""Hidden checks of sine_bias: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, as_array
from autograder.checks.sine_bias import reference as ref
from autograder.checks.sine_bias.probes import N_EVAL, PARAM_NAMES, X_MAX
from autograder.checks.sine_bias.public import tensor_ok, values_ok

CHECKS = CheckTable(__name__)

LANDMARKS = np.array(
    [math.pi / 2, math.pi], dtype=np.float32
)  # where the probes evaluate f (float32, as there)
FWD_RTOL, FWD_ATOL = (
    1e-5,
    1e-5,
)  # float32 forwards of the same formula (any device, any reduction order)
# the net's own predictions vs the formula applied to its returned parameters (relative to scale)
CONSISTENCY = 1e-4


def _on_device(d: dict[str, Any], ctx: JudgeContext, what: str) -> Verdict:
    if d.get("device") != ctx.device:
        return Verdict(
            False,
            f"{what} is on {d.get('device')!r}, expected the device it was asked for "
            f"({ctx.device!r})",
        )
    return Verdict(True, f"{what} on {ctx.device}")


# --- pieces -------------------------------------------------------------------------------------


@CHECKS.check("pieces")
def train_data(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data: float32 (n, 1) midpoints and sin x on the device

    make_train_data(): float32 (n, 1) midpoints of [0, 10] and sin x, on the requested device.
    """
    verdicts = []
    for key, n in (("default", 200), ("n37", 37)):
        xd, yd = data[key]
        x = (np.arange(n, dtype=np.float64) + 0.5) * (X_MAX / n)
        verdicts += [
            tensor_ok(xd, (n, 1), f"make_train_data({'' if key == 'default' else n}) x"),
            tensor_ok(yd, (n, 1), f"make_train_data({'' if key == 'default' else n}) y"),
            _on_device(xd, ctx, "x"),
            values_ok(
                xd["values"], x, f"x for n = {n} (midpoints (i + 0.5)·10/n)", rtol=1e-6, atol=1e-6
            ),
            values_ok(yd["values"], np.sin(x), f"y = sin x for n = {n}", rtol=1e-6, atol=1e-6),
        ]
    return all_of(*verdicts)


@CHECKS.check("pieces")
def floor_numbers(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """best_origin_line_mse: 0.4586 on the grid, least squares on random data

    best_origin_line_mse: the 0.4586 floor on the evaluation grid, and least squares on random data.
    """
    c, mse = data["grid"]
    x, y = as_array(data["x"]).reshape(-1), as_array(data["y"]).reshape(-1)
    c_r = float(np.sum(x * y) / np.sum(x * x))
    mse_r = float(np.mean((c_r * x - y) ** 2))
    return all_of(
        values_ok(
            [c, mse],
            [ref.FLOOR_C, ref.FLOOR_MSE],
            "best_origin_line_mse on linspace(0, 10, 1001): (c, mse)",
            rtol=0,
            atol=2e-6,
        ),
        values_ok(
            data["random"],
            [c_r, mse_r],
            "best_origin_line_mse on random data: (c = Σxy/Σx², mse)",
            rtol=1e-5,
            atol=1e-6,
        ),
    )


@CHECKS.check("pieces")
def forward_nobias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias vs relu(x @ W1) @ W2 on random inputs

    forward_nobias against relu(x @ W1) @ W2 on random inputs (including x < 0).
    """
    verdicts = []
    for case in data["cases"]:
        h = np.asarray(case["W1"]).shape[1]
        want = ref.nobias_curve(case["W1"], case["W2"], as_array(case["x"]))
        verdicts += [
            tensor_ok(case["out"], (len(want), 1), f"forward_nobias output (H = {h})"),
            values_ok(
                case["out"]["values"],
                want,
                f"forward_nobias (H = {h}) vs relu(x @ W1) @ W2",
                rtol=FWD_RTOL,
                atol=FWD_ATOL,
            ),
        ]
    return all_of(*verdicts)


@CHECKS.check("pieces", probe="forward_nobias")
def nobias_homogeneous(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias is positively homogeneous: f(3x) = 3 f(x)

    Positive homogeneity: forward_nobias(3x) = 3 forward_nobias(x) for x >= 0 (no hidden bias
    anywhere).

    f(x) itself must be the net's value at the grader's |x| first, so outputs that are merely
    homogeneous (all zeros, say) prove nothing.
    """
    worst = 0.0
    for case in data["cases"]:
        at_x, at_3x = as_array(case["at_x"]).reshape(-1), as_array(case["at_3x"]).reshape(-1)
        if at_x.shape != at_3x.shape or not (
            np.all(np.isfinite(at_x)) and np.all(np.isfinite(at_3x))
        ):
            return Verdict(False, "forward_nobias returned non-finite or inconsistent outputs")
        want = ref.nobias_curve(case["W1"], case["W2"], np.abs(as_array(case["x"])))
        v = values_ok(
            at_x,
            want,
            "forward_nobias at x >= 0 vs relu(x @ W1) @ W2",
            rtol=FWD_RTOL,
            atol=FWD_ATOL,
        )
        if not v.passed:
            return v
        scale = max(1.0, float(np.max(np.abs(at_3x))))
        worst = max(worst, float(np.max(np.abs(at_3x - 3 * at_x))) / scale)
    if worst <= 1e-5:
        return Verdict(True, f"f(3x) = 3 f(x) for x >= 0 (worst deviation {worst:.1e})", worst)
    return Verdict(
        False,
        f"f(3x) != 3 f(x) for x >= 0 (deviation {worst:.2e}): a bias-free ReLU net is positively "
        "homogeneous",
        worst,
    )


@CHECKS.check("pieces", weight=2)
def forward_bias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_bias vs act(x @ W1 + b1) @ W2 + b2 (tanh, relu)

    forward_bias against act(x @ W1 + b1) @ W2 + b2 with random parameters.
    """
    verdicts = []
    for case in data["cases"]:
        act, h = case["activation"], np.asarray(case["params"]["W1"]).shape[1]
        want = ref.bias_curve(case["params"], act, as_array(case["x"]))
        verdicts += [
            tensor_ok(case["out"], (len(want), 1), f"forward_bias output ({act}, H = {h})"),
            values_ok(
                case["out"]["values"],
                want,
                f"forward_bias ({act}, H = {h}) vs {act}(x @ W1 + b1) @ W2 + b2",
                rtol=FWD_RTOL,
                atol=FWD_ATOL,
            ),
        ]
    return all_of(*verdicts)


@CHECKS.check("pieces")
def trained_shapes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias / train_bias return the named parameters, shapes, dtypes, losses

    train_nobias / train_bias return the parameters the spec names, float32, on the device, and the
    loss history.
    """
    nb = data["nobias"]
    verdicts = [
        tensor_ok(nb["W1"], (1, 6), "train_nobias(hidden=6) W1"),
        tensor_ok(nb["W2"], (6, 1), "train_nobias(hidden=6) W2"),
        _on_device(nb["W1"], ctx, "train_nobias W1"),
        Verdict(
            len(nb["losses"]) == 3,
            f"train_nobias(steps=3) returned {len(nb['losses'])} losses, expected 3",
        ),
    ]
    shapes = {"W1": (1, 9), "b1": (9,), "W2": (9, 1), "b2": (1,)}
    for act in ("tanh", "relu"):
        d = data[act]
        if d["type"] != "dict" or d["keys"] != sorted(PARAM_NAMES):
            return Verdict(
                False,
                f"train_bias({act!r}) should return a dict with keys W1, b1, W2, b2, got "
                f"{d['type']} {d['keys']}",
            )
        verdicts += [
            tensor_ok(d["params"][k], s, f"train_bias({act!r}, hidden=9) {k}")
            for k, s in shapes.items()
        ]
        verdicts += [
            _on_device(d["params"]["b1"], ctx, f"train_bias({act!r}) b1"),
            Verdict(
                len(d["losses"]) == 4,
                f"train_bias(steps=4) returned {len(d['losses'])} losses, expected 4",
            ),
        ]
    return all_of(*verdicts)


# --- trajectories -------------------------------------------------------------------------------


def _deviation(got: Any, want: Any) -> float:
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if g.shape != w.shape:
        return math.inf
    if not np.all(np.isfinite(g)):
        return math.inf
    return float(np.max(np.abs(g - w) / (np.abs(w) + 1e-12))) if g.size else 0.0


def _close(got: Any, want: Any, ctx: JudgeContext) -> bool:
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return (
        g.shape == w.shape
        and bool(np.all(np.isfinite(g)))
        and bool(
            np.allclose(g, w, rtol=ctx.threshold("traj_rtol"), atol=ctx.threshold("traj_atol"))
        )
    )


def _compare_run(
    pairs: list[tuple[str, Any, Any]], ctx: JudgeContext, what: str
) -> tuple[Verdict, float]:
    worst = max(_deviation(g, w) for _, g, w in pairs)
    for name, got, want in pairs:
        if not _close(got, want, ctx):
            g = np.asarray(got, dtype=np.float64)
            if g.shape != np.asarray(want).shape:
                return Verdict(
                    False,
                    f"{what}: {name} has shape {g.shape}, expected {np.asarray(want).shape}",
                    worst,
                ), worst
            return Verdict(
                False,
                f"{what}: {name} differs from the specified loop (max relative deviation "
                f"{worst:.2g})",
                worst,
            ), worst
    return Verdict(
        True, f"{what} matches the specified loop (max relative deviation {worst:.1e})", worst
    ), worst


@CHECKS.check("gd_loop", weight=3)
def gd_trajectory(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps: the first traj_steps steps match the hand-written loop (2 seeds)

    gd_steps for k steps from init_nobias on the training data, against the reference loop,
    two seeds.
    """
    lr, k = float(data["lr"]), int(data["steps"])
    worst = 0.0
    for run in data["runs"]:
        want = ref.gd_run(run["init"], lr, k)
        pairs = [
            ("the loss history", run["losses"], want["losses"]),
            ("W1", run["W1"], want["W1"]),
            ("W2", run["W2"], want["W2"]),
        ]
        v, dev = _compare_run(
            pairs, ctx, f"gd_steps, {k} steps from init_nobias(16, {run['seed']})"
        )
        worst = max(worst, dev)
        if not v.passed:
            return Verdict(
                False,
                v.message + "; each step: MSE loss, backward, W -= lr * W.grad under no_grad, "
                "zero both grads",
                worst,
            )
    return Verdict(
        True,
        f"gd_steps matches the hand-written loop step by step (max relative deviation {worst:.1e})",
        worst,
    )


@CHECKS.check(
    "adam_loop",
    name="adam_trajectory_relu",
    description="adam_steps: the first traj_steps steps match the Adam loop (relu)",
)
@CHECKS.check(
    "adam_loop",
    name="adam_trajectory_tanh",
    description="adam_steps: the first traj_steps steps match the Adam loop (tanh)",
)
def adam_trajectory(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps for k steps from init_bias on the training data, against the reference Adam
    loop."""
    act, lr, k = data["activation"], float(data["lr"]), int(data["steps"])
    want = ref.adam_run(data["init"], act, lr, k)
    pairs = [("the loss history", data["losses"], want["losses"])]
    pairs += [(n, data["params"][n], want["params"][n]) for n in PARAM_NAMES]
    v, _ = _compare_run(
        pairs, ctx, f"adam_steps ({act}), {k} steps from init_bias(32, {data['seed']})"
    )
    if v.passed:
        return v
    return Verdict(
        False,
        v.message + "; Adam over all four tensors, zero_grad every step, MSE loss, lr / 10 after "
        "3 * steps // 4 steps",
        v.value,
    )


# --- fits ---------------------------------------------------------------------------------------


def _curve_checks(
    data: dict[str, Any], curve: np.ndarray, steps: int, what: str
) -> tuple[Verdict, np.ndarray]:
    """Loss history and the net's grid predictions (which must agree with its parameters)."""
    losses = as_array(data["losses"])
    if losses.shape != (steps,):
        return Verdict(
            False, f"{what}: the loss history has {losses.size} entries, expected {steps}"
        ), np.zeros(0)
    pred = as_array(data["grid_pred"])
    if pred.shape != (N_EVAL,):
        return Verdict(
            False, f"{what}: the net gave {pred.size} predictions for {N_EVAL} grid points"
        ), np.zeros(0)
    if not (np.all(np.isfinite(pred)) and np.all(np.isfinite(curve))):
        return Verdict(
            False,
            f"{what}: the trained net predicts non-finite values (did training diverge?)",
            math.inf,
        ), pred
    scale = max(1.0, float(np.max(np.abs(curve))))
    if float(np.max(np.abs(pred - curve))) > CONSISTENCY * scale:
        return Verdict(
            False,
            f"{what}: the net's predictions disagree with the formula applied to its returned "
            "parameters",
        ), pred
    return Verdict(True, ""), pred


@CHECKS.check("fit_nobias", seeded=True, threshold="nobias_mse_max")
def fit_nobias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """no-bias net reaches the best line through the origin (0.4575 <= MSE <= 0.459)

    train_nobias reaches the best line through the origin (MSE 0.4586 on the grid), and no lower.
    """
    h, steps = int(data["hidden"]), int(data["steps"])
    shape = all_of(tensor_ok(data["W1"], (1, h), "W1"), tensor_ok(data["W2"], (h, 1), "W2"))
    if not shape.passed:
        return Verdict(False, f"train_nobias: {shape.message}")
    x, y = ref.eval_grid()
    curve = ref.nobias_curve(data["W1"]["values"], data["W2"]["values"], x)
    v, pred = _curve_checks(data, curve, steps, "train_nobias")
    if not v.passed:
        return v
    mse = float(np.mean((pred - y) ** 2))
    lo, hi = ctx.threshold("nobias_mse_min"), ctx.threshold("nobias_mse_max")
    losses = as_array(data["losses"])
    f_half, f_pi = (
        float(v) for v in ref.nobias_curve(data["W1"]["values"], data["W2"]["values"], LANDMARKS)
    )
    context = (
        f"(best line through the origin {ref.FLOOR_MSE:.4f}, zero predictor "
        f"{ref.ZERO_MSE:.4f}; f(pi/2) = {f_half:.3f}, f(pi) = {f_pi:.3f})"
    )
    if not losses[-1] < losses[0]:
        return Verdict(
            False,
            f"train_nobias: the training loss did not decrease ({losses[0]:.4g} -> "
            f"{losses[-1]:.4g})",
            mse,
        )
    if lo <= mse <= hi:
        return Verdict(True, f"no-bias net: grid MSE {mse:.5f} in [{lo}, {hi}] {context}", mse)
    why = (
        "below what any bias-free ReLU net can reach: is there a bias?"
        if mse < lo
        else "not yet at the best line through the origin"
    )
    return Verdict(
        False, f"no-bias net: grid MSE {mse:.5f} outside [{lo}, {hi}], {why} {context}", mse
    )


def _fit_bias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    act, h, steps = data["activation"], int(data["hidden"]), int(data["steps"])
    shapes = {"W1": (1, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}
    shape = all_of(*(tensor_ok(data["params"][k], s, k) for k, s in shapes.items()))
    if not shape.passed:
        return Verdict(False, f"train_bias({act!r}): {shape.message}")
    x, y = ref.eval_grid()
    curve = ref.bias_curve({k: data["params"][k]["values"] for k in PARAM_NAMES}, act, x)
    v, pred = _curve_checks(data, curve, steps, f"train_bias({act!r})")
    if not v.passed:
        return v
    mse = float(np.mean((pred - y) ** 2))
    limit, tol = ctx.threshold("bias_mse_max"), ctx.threshold("landmark_tol")
    f_half, f_pi = (
        float(v)
        for v in ref.bias_curve(
            {k: data["params"][k]["values"] for k in PARAM_NAMES}, act, LANDMARKS
        )
    )
    marks = f"f(pi/2) = {f_half:.3f}, f(pi) = {f_pi:.3f}"
    if not mse <= limit:
        return Verdict(
            False,
            f"{act} net with biases: grid MSE {mse:.4g} > {limit} ({marks}; "
            f"no bias at all stalls near 0.19 (tanh) / 0.4586 (relu))",
            mse,
        )
    if not (
        abs(f_half - 1) <= tol and abs(f_pi) <= tol
    ):  # f from the returned parameters, computed here
        return Verdict(False, f"{act} net with biases: {marks}, expected 1 and 0 within {tol}", mse)
    return Verdict(True, f"{act} net with biases: grid MSE {mse:.2e} <= {limit}; {marks}", mse)


@CHECKS.check("fit_bias", seeded=True, threshold="bias_mse_max")
def fit_tanh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """tanh net with biases: grid MSE <= 0.02, f(pi/2) ~ 1, f(pi) ~ 0"""
    return _fit_bias(data, ctx)


@CHECKS.check("fit_bias", seeded=True, threshold="bias_mse_max")
def fit_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """relu net with biases: grid MSE <= 0.02, f(pi/2) ~ 1, f(pi) ~ 0"""
    return _fit_bias(data, ctx)


# --- landmarks ----------------------------------------------------------------------------------


@CHECKS.check("landmarks", name="landmarks_values", probe="landmarks_hidden")
def landmarks(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions for random quadratic predictors

    landmark_predictions returns (f(pi/2), f(pi)) of the predictor it is given.
    """
    xs = np.array([math.pi / 2, math.pi], dtype=np.float32).astype(np.float64)
    for case in data["cases"]:
        if case["type"] not in ("tuple", "list") or len(case["values"]) != 2:
            return Verdict(
                False, f"landmark_predictions should return (f(pi/2), f(pi)), got a {case['type']}"
            )
        a, b, c = case["coef"]
        v = values_ok(
            case["values"],
            a * xs + b + c * xs * xs,
            "landmark_predictions: (f(pi/2), f(pi))",
            rtol=1e-5,
            atol=1e-5,
        )
        if not v.passed:
            return v
    return Verdict(True, "landmark_predictions returns (f(pi/2), f(pi)) for every predictor tried")
