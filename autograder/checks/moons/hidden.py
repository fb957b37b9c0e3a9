"""Hidden checks of moons: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import as_array
from autograder.checks.moons import reference as ref
from autograder.checks.moons.probes import UNKNOWN_ACTIVATIONS, moons_data
from autograder.checks.moons.public import labels_ok, model_layers, spec_logits

CHECKS = CheckTable(__name__)

TIE = 1e-4  # points whose two logits are closer than this may go either way


@CHECKS.check("model", probe="model_hidden", weight=2)
def model_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model: widths 3, 5, 32 with relu and tanh

    make_model for widths 3, 5, 32 and both activations: layers, shapes and logits.
    """
    for case in data["cases"]:
        v = model_layers(case, ctx)
        if not v.passed:
            return v
    return Verdict(True, "make_model builds Linear -> relu/tanh -> Linear for every width tried")


@CHECKS.check("model", probe="model_hidden")
def model_unknown(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model rejects an unknown activation with ValueError"""
    for name in UNKNOWN_ACTIVATIONS:
        raised = data["unknown_activation_raises"][name]
        if raised != "ValueError":
            how = "raised " + raised if raised != "nothing" else "returned"
            return Verdict(False, f"make_model(4, {name!r}) should raise ValueError, but {how}")
    return Verdict(True, "unknown activations ('sigmoid', 'gelu', 'zzz') raise ValueError")


def _labels_vs_params(data: dict[str, Any], activation: str, x: Any, what: str) -> Verdict:
    logits = spec_logits(data["params"], activation, np.asarray(x).reshape(-1, 2))
    want = logits.argmax(axis=1).reshape(np.asarray(x).shape[:-1])
    got = np.asarray(data["values"])
    if got.shape == want.shape:  # near-ties may round either way: take the student's answer there
        tie = (np.abs(logits[:, 1] - logits[:, 0]) < TIE).reshape(want.shape)
        want = np.where(tie, got, want)
    return labels_ok(data, want, what)


@CHECKS.check("predict", probe="predict_hidden", weight=2)
def predict_values(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict: argmax labels of random nets

    predict against the argmax of the logits of random ReLU and tanh nets on 3000 points.
    """
    for act in ("relu", "tanh"):
        v = _labels_vs_params(data[act], act, data[act]["X"], f"predict ({act} net, 3000 points)")
        if not v.passed:
            return v
    return Verdict(
        True, "predict returns the argmax labels of 3000 points for a ReLU and a tanh net"
    )


@CHECKS.check("predict")
def predict_vectorized(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict: one model call, no sample loop

    At most a few model calls and a bounded number of tensor/array operations for 2000 points.
    """
    n, calls, ops = int(data["n"]), int(data["calls"]), int(data["ops"])
    max_calls, max_ops = (
        int(ctx.threshold("predict_max_calls")),
        int(ctx.threshold("predict_max_ops")),
    )
    if calls > max_calls:
        return Verdict(
            False,
            f"predict called the model {calls} times for {n} points; call it once on the whole "
            "batch",
            calls,
        )
    if ops > max_ops:
        return Verdict(
            False,
            f"predict applied {ops} operations to the logits of {n} points (limit {max_ops}): "
            "that is a Python loop over samples; use argmax over dim 1 instead",
            ops,
        )
    if data["shape"] != [n]:
        return Verdict(
            False, f"predict returned shape {tuple(data['shape'])} for {n} points, expected ({n},)"
        )
    return Verdict(
        True, f"predict is vectorized ({calls} model call(s), {ops} operations on the logits)", ops
    )


@CHECKS.check("grid", probe="grid_hidden")
def grid_values(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict: labels on an uneven 13 × 17 mesh

    grid_predict on an uneven 13 × 17 mesh: Z[i, j] is the label of (xx[i, j], yy[i, j]).
    """
    points = np.stack([np.asarray(data["xx"]), np.asarray(data["yy"])], axis=-1)
    return _labels_vs_params(data, "tanh", points, "grid_predict (13 × 17 mesh)")


@CHECKS.check(
    "train_loop",
    name="trajectory_tanh",
    description="train: 20 steps match the specified loop (tanh)",
)
@CHECKS.check(
    "train_loop",
    name="trajectory_relu",
    description="train: 20 steps match the specified loop (ReLU)",
)
def trajectory(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """The student's first k steps against the specified loop from the same weights and data."""
    act, steps = data["activation"], int(data["steps"])
    tol = ctx.threshold("traj_atol")
    losses = as_array(data["losses"])
    if losses.shape != (steps,):
        return Verdict(
            False, f"train(steps={steps}) returned {losses.size} losses, expected {steps}"
        )
    want_params, want_losses = ref.reference_train(
        data["init"], act, data["X"], data["y"], steps=steps, lr=float(ctx.param("lr"))
    )
    got_params = [
        as_array(p, shape=np.asarray(w).shape, name="parameter")
        for p, w in zip(data["params"], want_params, strict=True)
    ]
    d_loss = (
        float(np.max(np.abs(losses - want_losses))) if np.all(np.isfinite(losses)) else float("inf")
    )
    d_param = max(
        float(np.max(np.abs(g - w))) if np.all(np.isfinite(g)) else float("inf")
        for g, w in zip(got_params, want_params)
    )
    if d_loss > tol:
        i = int(np.argmax(np.abs(losses - want_losses))) if np.isfinite(d_loss) else 0
        return Verdict(
            False,
            f"{act}: loss of step {i + 1} is {losses[i]:.6f}, expected {want_losses[i]:.6f} "
            "(mean cross-entropy of the logits, computed before that step's Adam update)",
            d_loss,
        )
    if d_param > tol:
        return Verdict(
            False,
            f"{act}: after {steps} steps the weights differ from {steps} steps of Adam(lr) on the "
            "mean "
            f"cross-entropy with zero_grad every step by {d_param:.2e} > {tol:g}",
            d_param,
        )
    return Verdict(
        True,
        f"{act}: {steps} steps match the specified loop (max differences: weights {d_param:.1e}, "
        f"losses {d_loss:.1e})",
        max(d_param, d_loss),
    )


@CHECKS.check(
    "convergence",
    name="converge_tanh",
    description="tanh net on fresh moons: accuracy, CE, last losses",
    seeded=True,
    threshold=1.0,
)
@CHECKS.check(
    "convergence",
    name="converge_relu",
    description="ReLU net on fresh moons: accuracy, CE, last losses",
    seeded=True,
    threshold=1.0,
)
def converge(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Held-out accuracy and cross-entropy, and the tail of the training losses, of the full recipe.

    The held-out points and labels are drawn here, and the logits are computed here from the
    trained parameters (the model's own logits must agree with them), so nothing the child says
    about the held-out set is believed. Accuracy is the argmax of those logits (what ``predict``
    should return), so a mistake in ``predict`` costs points in its own group only.
    """
    act, seed = data["activation"], int(data["seed"])
    steps, tail, hidden = int(ctx.param("steps")), int(ctx.param("tail")), int(ctx.param("hidden"))
    n_test, noise = int(ctx.param("n_test")), float(ctx.param("noise"))
    losses = as_array(data["losses"])
    if losses.shape != (steps,):
        return Verdict(
            False, f"{act}: train(steps={steps}) returned {losses.size} losses, expected {steps}"
        )
    shapes = ((hidden, 2), (hidden,), (2, hidden), (2,))
    if len(data["params"]) != len(shapes):
        return Verdict(
            False,
            f"{act}: the trained model has {len(data['params']) // 2} Linear layers, expected 2",
        )
    params = [
        as_array(p, shape=s, name="trained parameter") for p, s in zip(data["params"], shapes)
    ]
    x_test, yt = moons_data(n_test, noise, int(ctx.param("test_seed_offset")) + seed)
    tail_max = (
        float(np.max(losses[-tail:])) if np.all(np.isfinite(losses[-tail:])) else float("inf")
    )
    acc_min, ce_max, tail_lim = (
        ctx.threshold("test_acc_min"),
        ctx.threshold("test_ce_max"),
        ctx.threshold("tail_loss_max"),
    )

    def worst(z: np.ndarray) -> tuple[float, float, float]:
        """Accuracy, cross-entropy, and the worst of the three criteria as a fraction of its limit
        (<= 1 passes)."""
        acc, ce = float(np.mean(z.argmax(axis=1) == yt)), ref.cross_entropy(z, yt)
        return acc, ce, max((1.0 - acc) / (1.0 - acc_min), ce / ce_max, tail_max / tail_lim)

    logits = spec_logits(params, act, x_test)
    own = as_array(data["logits"], shape=(n_test, 2), name="held-out logits")
    scale = max(1.0, float(np.max(np.abs(logits)))) if np.all(np.isfinite(logits)) else float("inf")
    if not float(np.max(np.abs(own - logits))) <= 1e-4 * scale:
        claimed = (
            worst(own)[2] if np.all(np.isfinite(own)) else float("inf")
        )  # the value for margins
        return Verdict(
            False,
            f"{act}: the trained model's logits disagree with Linear -> {act} -> Linear applied "
            "to its "
            "own parameters (or are not finite)",
            claimed,
        )
    acc, ce, value = worst(logits)
    summary = (
        f"{act}: held-out accuracy {acc:.4f} (≥ {acc_min}), held-out cross-entropy {ce:.4f} (≤ "
        f"{ce_max}), "
        f"largest of the last {tail} training losses {tail_max:.4f} (≤ {tail_lim})"
    )
    return Verdict(acc >= acc_min and ce <= ce_max and tail_max <= tail_lim, summary, value)
