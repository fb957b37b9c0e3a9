"""Public checks of moons: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use only
the expected values written here and the spec's formula for the model's logits.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, compare

CHECKS = CheckTable(__name__)

# predict_public: the fixed model's label is 1 exactly when x > 0.3
PREDICT_EXPECTED = [0, 0, 1, 1, 1, 0]
# grid_public: np.meshgrid([0, 0.5, 1], [-1, 1]) with the same model
GRID_EXPECTED = [[0, 1, 1], [0, 1, 1]]
# train_public: the loss before each of the three steps (mean cross-entropy, Adam, lr 0.01)
TRAIN_EXPECTED_LOSSES = [0.81708647, 0.80035215, 0.78419614]


def spec_logits(params: list[Any], activation: str, x: Any) -> np.ndarray:
    """``w2 · act(w1 · x + b1) + b2`` in float64, the model the spec describes."""
    w1, b1, w2, b2 = (np.asarray(p, dtype=np.float64) for p in params)
    z = np.asarray(x, dtype=np.float64) @ w1.T + b1
    h = np.maximum(z, 0.0) if activation == "relu" else np.tanh(z)
    return h @ w2.T + b2


@CHECKS.check("model", name="model_public")
def model_layers(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model(4, 'relu'): layers, shapes, logits

    Layer sizes and parameter shapes of make_model(h, act), and its logits (with the grader's
    parameters copied in) against the spec's formula.
    """
    h, act = int(data["hidden"]), data["activation"]
    if not data["is_module"]:
        return Verdict(False, "make_model must return a torch.nn.Module (an nn.Sequential)")
    if data["linears"] != [[2, h], [h, 2]]:
        return Verdict(
            False,
            f"make_model({h}, {act!r}) has nn.Linear layers (in, out) = {data['linears']}, "
            f"expected [[2, {h}], [{h}, 2]]",
        )
    want_shapes = [[h, 2], [h], [2, h], [2]]
    if data["param_shapes"] != want_shapes:
        return Verdict(
            False,
            f"make_model({h}, {act!r}) has parameter shapes {data['param_shapes']}, expected "
            f"{want_shapes}",
        )
    logits = np.asarray(data["logits"], dtype=np.float64)
    n = len(data["X"])
    if logits.shape != (n, 2):
        return Verdict(
            False,
            f"make_model({h}, {act!r}) returns logits of shape {logits.shape} for {n} points, "
            f"expected ({n}, 2)",
        )
    want = spec_logits(
        data["params"], act, data["X"]
    )  # the grader's parameters, copied into the model
    err = float(np.max(np.abs(logits - want))) / max(1.0, float(np.max(np.abs(want))))
    if not err <= 1e-5:  # NaN fails too
        return Verdict(
            False,
            f"make_model({h}, {act!r}): logits differ from Linear -> {act} -> Linear by {err:.2e}",
            err,
        )
    return Verdict(
        True, f"make_model({h}, {act!r}) is Linear(2, {h}) -> {act} -> Linear({h}, 2)", err
    )


def labels_ok(data: dict[str, Any], want: Any, what: str) -> Verdict:
    """Returned labels: a numpy integer array of the expected shape and values."""
    want = np.asarray(want)
    if data["type"] != "ndarray":
        return Verdict(
            False, f"{what} returned a {data['type']}; return a numpy array (use .cpu().numpy())"
        )
    got = np.asarray(data["values"])
    if got.shape != want.shape:
        return Verdict(
            False,
            f"{what} returned shape {got.shape}, expected {want.shape}: one label per point, not "
            "logits or probabilities",
        )
    if np.dtype(data["dtype"]).kind not in "iu":
        return Verdict(
            False,
            f"{what} returned dtype {data['dtype']}; labels are integers (int64), the argmax of "
            "the logits",
        )
    return compare(
        got.ravel(), want.ravel(), [f"position {i}" for i in range(want.size)], f"{what} labels"
    )


@CHECKS.check("predict")
def predict_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict: labels of six points for a fixed model"""
    return labels_ok(data, PREDICT_EXPECTED, "predict")


@CHECKS.check("grid")
def grid_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict: labels on a 2 × 3 mesh for a fixed model"""
    return labels_ok(data, GRID_EXPECTED, "grid_predict")


@CHECKS.check("train_loop")
def train_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train: the first three losses on a tiny fixed problem

    The three returned losses of a fixed tiny problem, to 1e-5.
    """
    losses = np.asarray(data["losses"], dtype=np.float64)
    if losses.shape != (3,):
        return Verdict(
            False, f"train(steps=3) returned {losses.size} losses, expected 3 (one per step)"
        )
    return all_of(
        compare(
            losses,
            TRAIN_EXPECTED_LOSSES,
            ["step 1", "step 2", "step 3"],
            "the losses returned by train",
            atol=1e-5,
        ),
        Verdict(True, "losses are the mean cross-entropy before each Adam step"),
    )
