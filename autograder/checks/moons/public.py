"""Public checks of moons: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use only
the expected values written here and the spec's formula for the model's logits.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import difference, failure, num

CHECKS = CheckTable(__name__)

# predict_public: the fixed model's label is 1 exactly when x > 0.3
PREDICT_EXPECTED = [0, 0, 1, 1, 1, 0]
PREDICT_POINTS = ((-1.0, 0.0), (0.2, 1.0), (0.4, -1.0), (2.0, 0.5), (0.31, 0.0), (0.29, 5.0))
# grid_public: np.meshgrid([0, 0.5, 1], [-1, 1]) with the same model
GRID_EXPECTED = [[0, 1, 1], [0, 1, 1]]
GRID_POINTS = [[(0.0, -1.0), (0.5, -1.0), (1.0, -1.0)], [(0.0, 1.0), (0.5, 1.0), (1.0, 1.0)]]
# train_public: the loss before each of the three steps (mean cross-entropy, Adam, lr 0.01)
TRAIN_EXPECTED_LOSSES = [0.81708647, 0.80035215, 0.78419614]
TRAIN_CALL = "train(model, x, y, steps=3, lr=0.01) on the six-point problem"


def spec_logits(params: list[Any], activation: str, x: Any) -> np.ndarray:
    """``w2 · act(w1 · x + b1) + b2`` in float64, the model the spec describes."""
    w1, b1, w2, b2 = (np.asarray(p, dtype=np.float64) for p in params)
    z = np.asarray(x, dtype=np.float64) @ w1.T + b1
    h = np.maximum(z, 0.0) if activation == "relu" else np.tanh(z)
    return h @ w2.T + b2


def _model_structure(data: dict[str, Any], call: str, h: int) -> Verdict | None:
    """A failing verdict when make_model's result is not two Linear layers of the right shapes."""
    if not data["is_module"]:
        return Verdict(
            False, f"{call} returned a {data.get('type', '?')}, expected a torch.nn.Sequential"
        )
    if data["linears"] != [[2, h], [h, 2]]:
        return Verdict(
            False,
            f"{call} has nn.Linear layers (in, out) = {data['linears']}, expected "
            f"[[2, {h}], [{h}, 2]]",
        )
    want_shapes = [[h, 2], [h], [2, h], [2]]
    if data["param_shapes"] != want_shapes:
        return Verdict(
            False, f"{call} has parameter shapes {data['param_shapes']}, expected {want_shapes}"
        )
    dtypes = data.get("param_dtypes")
    if dtypes is not None and any(d != "float32" for d in dtypes):
        wrong = next(d for d in dtypes if d != "float32")
        return Verdict(
            False,
            f"{call} has parameters of dtype {wrong}, expected float32 (PyTorch's default; the "
            "inputs are float32)",
        )
    return None


@CHECKS.check("model", name="model_public")
def model_layers(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model(4, 'relu'): layers, shapes, dtype, logits

    Layer sizes, parameter shapes and dtypes of make_model(h, act), and its logits (with the
    grader's parameters copied in) against the spec's formula.
    """
    h, act = int(data["hidden"]), data["activation"]
    call = f"make_model({h}, {act!r})"
    raised = failure(data, "raised", call)
    if raised is not None:
        return raised
    wrong = _model_structure(data, call, h)
    if wrong is not None:
        return wrong
    logits = np.asarray(data["logits"], dtype=np.float64)
    n = len(data["X"])
    if logits.shape != (n, 2):
        why = f" ({data['forward_error']})" if data.get("forward_error") else ""
        return Verdict(
            False,
            f"{call}, with the grader's parameters copied in, returns logits of shape "
            f"{logits.shape} for {n} float32 points{why}, expected ({n}, 2)",
        )
    want = spec_logits(data["params"], act, data["X"])  # the grader's parameters, copied in
    scale = max(1.0, float(np.max(np.abs(want))))
    err = float(np.max(np.abs(logits - want))) / scale if np.all(np.isfinite(logits)) else np.inf
    if not err <= 1e-5:  # NaN fails too
        i, j = np.unravel_index(int(np.argmax(np.abs(logits - want))), want.shape)
        return Verdict(
            False,
            f"{call}: logits differ from Linear -> {act} -> Linear (with the grader's parameters) "
            f"at point {i}, logit {j}: {difference(logits[i, j], want[i, j])}",
            err,
        )
    if data.get("param_dtypes") is None:
        return Verdict(False, f"{call}: no parameter dtypes were reported")
    if not data.get("is_sequential"):
        return Verdict(
            False, f"{call} returned a {data.get('type', '?')}, expected a torch.nn.Sequential"
        )
    return Verdict(True, f"{call} is Linear(2, {h}) -> {act} -> Linear({h}, 2)", err)


def _first_label_miss(got: np.ndarray, want: np.ndarray, points: Any) -> str:
    """Where the first wrong label is, with its point and how many labels are wrong."""
    bad = got != want
    k = int(np.argmax(bad.ravel()))
    where = np.unravel_index(k, want.shape)
    index = ", ".join(str(int(i)) for i in where)
    at = ""
    if points is not None:
        p = np.asarray(points, dtype=np.float64).reshape(-1, 2)[k]
        at = f" (the point ({num(float(p[0]))}, {num(float(p[1]))}))"
    return (
        f"label [{index}]{at} is {int(got.flat[k])}, expected {int(want.flat[k])}; "
        f"{int(bad.sum())} of {want.size} labels are wrong"
    )


def labels_ok(data: dict[str, Any], want: Any, what: str, points: Any = None) -> Verdict:
    """Returned labels: an int64 numpy array of the expected shape and values."""
    want = np.asarray(want)
    raised = failure(data, "raised", what)
    if raised is not None:
        return raised
    if data["type"] != "ndarray":
        hint = " (use .cpu().numpy())" if data["type"] == "Tensor" else ""
        return Verdict(False, f"{what} returned a {data['type']}, expected a numpy array{hint}")
    got = np.asarray(data["values"])
    if got.shape != want.shape:
        hint = ""
        if got.shape == (*want.shape, 2):
            hint = ": that is one value per class (logits?); the label is the argmax over them"
        return Verdict(
            False,
            f"{what} returned shape {got.shape}, expected {want.shape} (one label per point)"
            + hint,
        )
    if data["dtype"] != "int64":
        hint = (
            ": labels are the argmax of the logits"
            if np.dtype(data["dtype"]).kind not in "iu"
            else " (convert with .astype(np.int64))"
        )
        return Verdict(False, f"{what} returned dtype {data['dtype']}, expected int64{hint}")
    got = got.astype(np.int64)
    if np.array_equal(got, want):
        return Verdict(True, f"{what}: all {want.size} labels match")
    return Verdict(False, f"{what}: {_first_label_miss(got, want, points)}")


@CHECKS.check("predict")
def predict_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict: labels of six points for a fixed model"""
    return labels_ok(
        data, PREDICT_EXPECTED, "predict(model, x) on six points", points=PREDICT_POINTS
    )


@CHECKS.check("grid")
def grid_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict: labels on a 2 × 3 mesh for a fixed model"""
    return labels_ok(data, GRID_EXPECTED, "grid_predict on a 2 × 3 mesh", points=GRID_POINTS)


@CHECKS.check("train_loop", weight=2)
def train_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train: the first three losses on a tiny fixed problem

    The three returned losses of a fixed tiny problem, to 1e-5.
    """
    raised = failure(data, "raised", TRAIN_CALL)
    if raised is not None:
        return raised
    losses = np.asarray(data["losses"], dtype=np.float64)
    if losses.shape != (3,):
        return Verdict(
            False, f"{TRAIN_CALL} returned {losses.size} losses, expected 3 (one per step)"
        )
    want = np.asarray(TRAIN_EXPECTED_LOSSES)
    bad = ~(np.abs(losses - want) <= 1e-5)
    if bad.any():
        i = int(np.argmax(bad))
        return Verdict(
            False,
            f"{TRAIN_CALL}: the loss of step {i + 1}: {difference(losses[i], want[i])} (entry i "
            "is the mean cross-entropy computed before step i's update)",
        )
    return Verdict(True, "train: the three losses are the mean cross-entropy before each step")


@CHECKS.check("train_loop", probe="train_public")
def train_types(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train returns a list of Python floats

    The type of what train returns (a list) and of its entries (float, as from loss.item()).
    """
    raised = failure(data, "raised", TRAIN_CALL)
    if raised is not None:
        return raised
    if data["losses_type"] != "list":
        return Verdict(False, f"{TRAIN_CALL} returned a {data['losses_type']}, expected a list")
    if data["item_types"] != ["float"]:
        kinds = ", ".join(data["item_types"]) or "nothing"
        hint = " (use loss.item())" if "Tensor" in data["item_types"] else ""
        return Verdict(
            False, f"{TRAIN_CALL} returned a list of {kinds}, expected Python floats{hint}"
        )
    return Verdict(True, "train returns a list of Python floats")
