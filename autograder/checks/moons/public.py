"""Public checks of moons: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use only
the expected values written here, the spec's formula for the model's logits, and tolerances
and limits from course.yml's thresholds (shipped in spec.json; ``train_public`` uses the
tolerances of the hidden replays, so those are never looser).

Every convention the notebook states has a check here (``contract.py``, ``stated=True``): the
layers for relu and tanh, ValueError for other names, PyTorch's default initialisation under the
caller's seed, one model call without gradients in ``predict``, one ``predict`` call in
``grid_predict``, and a four-step smoke test of ``train`` (losses and weights). The device
clauses need a GPU: the hidden device-only checks test them under ``--device cuda``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import difference, failure, num
from autograder.checks.moons.probes import UNKNOWN_ACTIVATIONS, UNKNOWN_OBJECTS
from autograder.checks.plaindata import clean_text

CHECKS = CheckTable(__name__)

# predict_public: the fixed model's label is 1 exactly when x > 0.3
PREDICT_EXPECTED = [0, 0, 1, 1, 1, 0]
PREDICT_POINTS = ((-1.0, 0.0), (0.2, 1.0), (0.4, -1.0), (2.0, 0.5), (0.31, 0.0), (0.29, 5.0))
# grid_public: np.meshgrid([0, 0.5, 1], [-1, 1]) with the same model
GRID_EXPECTED = [[0, 1, 1], [0, 1, 1]]
GRID_POINTS = [[(0.0, -1.0), (0.5, -1.0), (1.0, -1.0)], [(0.0, 1.0), (0.5, 1.0), (1.0, 1.0)]]
# model_seed_public: make_model(2, "relu") right after torch.manual_seed(seed): PyTorch's default
# initialisation draws these w1, b1, w2, b2 (torch 2.13, CPU generator)
SEEDED_PARAMS = {
    11: [
        [[-0.49632996, -0.01901674], [0.68682909, -0.46895120]],
        [0.11871393, 0.27379057],
        [[0.11749976, -0.52546835], [0.10199680, 0.60081369]],
        [-0.32620564, 0.39945433],
    ],
    12: [
        [[-0.04852527, -0.37792480], [-0.06686261, 0.12319532]],
        [-0.12919585, -0.52725488],
        [[0.19414818, -0.36477971], [0.32695267, 0.31457463]],
        [-0.42534548, 0.27552718],
    ],
}
PARAM_NAMES = ("w1", "b1", "w2", "b2")
# train_public: four steps of the specified loop (one Adam, lr 0.05; per step zero_grad, mean
# cross-entropy of all six points, backward, step) from the probe's fixed 3-unit ReLU net
TRAIN_STEPS, TRAIN_LR = 4, 0.05
TRAIN_EXPECTED_LOSSES = [0.81708652, 0.73893732, 0.67443734, 0.62203926]
TRAIN_EXPECTED_PARAMS = [
    [[0.31724253, -0.20735273], [-0.10473251, 0.60420853], [0.90031558, -0.00016496]],
    [-0.08294189, -0.39566821, 0.22730643],
    [[0.10907918, -0.40980142, 0.00144400], [0.09092082, 0.20980144, 0.69855601]],
    [0.20052522, -0.10052520],
]
TRAIN_CALL = "train(model, x, y, steps=4, lr=0.05) on the six-point problem"


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


@CHECKS.check(
    "model",
    name="model_tanh_public",
    description="make_model(3, 'tanh'): layers, shapes, dtype, logits",
)
@CHECKS.check(
    "model", name="model_public", description="make_model(4, 'relu'): layers, shapes, dtype, logits"
)
def model_layers(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Layer sizes, parameter shapes and dtypes of make_model(h, act), and its logits (with the
    grader's parameters copied in) against the spec's formula."""
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


@CHECKS.check("model", probe="model_hidden")
def model_unknown(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model rejects an unknown activation with ValueError"""
    labels = [repr(n) for n in UNKNOWN_ACTIVATIONS] + list(UNKNOWN_OBJECTS)
    for label in labels:
        raised = data["unknown_activation_raises"][label]
        if raised != "ValueError":
            how = "raised " + clean_text(raised) if raised != "nothing" else "it returned a model"
            return Verdict(
                False,
                f"make_model(4, {label}) should raise ValueError (only the strings 'relu' and "
                f"'tanh', exactly, are activations), but {how}",
            )
    return Verdict(True, f"unknown activations ({', '.join(labels)}) raise ValueError")


@CHECKS.check("model")
def model_seed_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model keeps PyTorch's default initialisation (seeds 11 and 12)

    After torch.manual_seed(s), make_model(2, 'relu')'s parameters are what PyTorch's default
    nn.Linear initialisation draws for s (written out here), for s = 11 and 12.
    """
    h, act = int(data["hidden"]), data["activation"]
    got_all = []
    for case in data["cases"]:
        call = f"make_model({h}, {act!r}) after torch.manual_seed({int(case['seed'])})"
        raised = failure(case, "raised", call)
        if raised is not None:
            return raised
        got = [np.asarray(p, dtype=np.float64) for p in case["params"]]
        want = [np.asarray(w, dtype=np.float64) for w in SEEDED_PARAMS[int(case["seed"])]]
        if [g.shape for g in got] != [w.shape for w in want]:
            return Verdict(
                False,
                f"{call} has parameter shapes {[list(g.shape) for g in got]}, expected "
                f"{[list(w.shape) for w in want]}",
            )
        got_all.append((call, got, want))
    same = all(np.array_equal(a, b) for a, b in zip(got_all[0][1], got_all[1][1], strict=True))
    for call, got, want in got_all:
        for name, g, w in zip(PARAM_NAMES, got, want):
            diff = np.abs(g - w)
            if not float(np.max(diff)) <= 1e-6:  # NaN fails too
                k = int(np.argmax(diff)) if np.all(np.isfinite(diff)) else 0
                why = (
                    "it built the same parameters for both seeds: do not call torch.manual_seed "
                    "inside make_model"
                    if same
                    else "keep PyTorch's default initialisation (no re-initialisation, layers "
                    "created in the order Linear(2, h), Linear(h, 2))"
                )
                return Verdict(
                    False,
                    f"{call}: {name} entry {k}: {difference(g.flat[k], w.flat[k])} (PyTorch's "
                    f"default initialisation); {why}",
                )
    return Verdict(True, "make_model draws PyTorch's default initialisation (seeds 11 and 12)")


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


@CHECKS.check("predict", weight=2)
def predict_vectorized(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict: one model call on all points, no sample loop

    The model is called exactly once, on all 5000 points, and a bounded number of tensor/array
    operations touch its output.
    """
    n = int(data["n"])
    raised = failure(data, "raised", f"predict(model, x) on {n} points")
    if raised is not None:
        return raised
    calls, ops, rows = int(data["calls"]), int(data["ops"]), [int(r) for r in data["rows"]]
    max_calls = int(ctx.threshold("predict_max_calls"))
    max_ops = int(ctx.threshold("predict_max_ops"))
    if calls > max_calls or rows != [n] * calls:
        sizes = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
        return Verdict(
            False,
            f"predict(model, x) on {n} points called the model {calls} times (on {sizes} "
            f"points); call it once on all {n} points",
            calls,
        )
    if calls == 0:
        return Verdict(False, f"predict(model, x) on {n} points never called the model", 0)
    if ops > max_ops:
        return Verdict(
            False,
            f"predict(model, x) on {n} points applied {ops} operations to the logits (limit "
            f"{max_ops}): that is a loop over samples; take the argmax over dim 1 at once",
            ops,
        )
    if data["shape"] != [n]:
        return Verdict(
            False,
            f"predict(model, x) returned shape {tuple(data['shape'])} for {n} points, expected "
            f"({n},)",
        )
    return Verdict(
        True, f"predict is vectorized (1 model call on {n} points, {ops} operations on the logits)"
    )


@CHECKS.check("predict", probe="predict_vectorized")
def predict_no_grad(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict calls the model without tracking gradients

    torch.is_grad_enabled() is False while the model runs (torch.no_grad() or
    torch.inference_mode()).
    """
    n = int(data["n"])
    raised = failure(data, "raised", f"predict(model, x) on {n} points")
    if raised is not None:
        return raised
    grad = [bool(g) for g in data["grad_enabled"]]
    if not grad:
        return Verdict(False, f"predict(model, x) on {n} points never called the model")
    if any(grad):
        return Verdict(
            False,
            "predict called the model with gradient tracking on; call it inside torch.no_grad() "
            "(detaching the logits afterwards still records the graph)",
        )
    return Verdict(True, "predict calls the model without tracking gradients")


@CHECKS.check("predict")
def predict_state(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict leaves the model and torch's grad mode as it found them

    After predict(model, x): the model's parameters are still float32 and still require gradients,
    and torch.is_grad_enabled() is what it was before (torch.no_grad() is a with-block, not a
    global switch), so the model can still be trained.
    """
    what = "predict(model, x) on six points"
    raised = failure(data, "raised", what)
    if raised is not None:
        return raised
    if data.get("grad_off_after") is not False:
        return Verdict(
            False,
            f"{what} called inside torch.no_grad() left gradients switched on afterwards "
            f"(torch.is_grad_enabled() is {data.get('grad_off_after')}): use the block `with "
            "torch.no_grad():`, which puts back whatever mode the caller had, instead of "
            "set_grad_enabled(False) ... set_grad_enabled(True)",
        )
    if bool(data["grad_enabled_after"]) != bool(data["grad_enabled_before"]):
        return Verdict(
            False,
            f"after {what}, torch.is_grad_enabled() is {bool(data['grad_enabled_after'])} (it was "
            f"{bool(data['grad_enabled_before'])}): use the block `with torch.no_grad():` instead "
            "of switching gradients off globally (torch.set_grad_enabled(False)), or a later "
            "train cannot call backward()",
        )
    wrong = [d for d in data["param_dtypes"] if d != "float32"]
    if wrong or not data["param_dtypes"]:
        return Verdict(
            False,
            f"after {what}, the model's parameters are {wrong[0] if wrong else 'missing'}, "
            "expected float32: predict must not convert the model (convert the input x to "
            "float32 instead)",
        )
    if not all(bool(r) for r in data["requires_grad"]):
        return Verdict(
            False,
            f"after {what}, the model's parameters no longer require gradients: predict must not "
            "change the model (torch.no_grad() alone turns tracking off, for the call only)",
        )
    modes = data.get("training_after")
    if (
        not isinstance(modes, dict)
        or modes.get("train") is not True
        or modes.get("eval") is not False
    ):
        return Verdict(
            False,
            f"{what} changed the model's train/eval mode (a model in train mode came back "
            f"{_mode(modes, 'train')}, one in eval mode {_mode(modes, 'eval')}): predict must "
            "leave the model as it found it (no model.eval() or model.train())",
        )
    return Verdict(
        True, "predict leaves the model (float32, requiring gradients, its mode) and grad mode"
    )


def _mode(modes: Any, key: str) -> str:
    value = modes.get(key) if isinstance(modes, dict) else None
    return {True: "in train mode", False: "in eval mode"}.get(value, "without a mode")


@CHECKS.check("grid")
def grid_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict: labels on a 2 × 3 mesh for a fixed model"""
    return labels_ok(data, GRID_EXPECTED, "grid_predict on a 2 × 3 mesh", points=GRID_POINTS)


@CHECKS.check("grid")
def grid_calls(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict calls predict exactly once, on all points of the mesh"""
    size = int(np.asarray(data["xx"]).size)
    shape = " × ".join(str(int(s)) for s in np.shape(data["xx"]))
    what = f"grid_predict(model, xx, yy) on a {shape} mesh"
    raised = failure(data, "raised", what)
    if raised is not None:
        return raised
    rows = [int(r) for r in data["predict_rows"]]
    if rows != [size]:
        sizes = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
        on = f" (on {sizes} points)" if rows else ""
        return Verdict(
            False,
            f"{what} called predict {len(rows)} times{on}; call predict once on all {size} points",
            len(rows),
        )
    return Verdict(True, f"grid_predict calls predict once on all {size} points")


def _train_losses(losses: np.ndarray, tol: float) -> Verdict | None:
    """A failing verdict when the returned losses are not the expected ones (to ``tol``)."""
    if losses.shape != (TRAIN_STEPS,):
        return Verdict(
            False,
            f"{TRAIN_CALL} returned {losses.size} losses, expected {TRAIN_STEPS} (one per step: "
            "use the steps argument)",
        )
    want = np.asarray(TRAIN_EXPECTED_LOSSES)
    bad = ~(np.abs(losses - want) <= tol)  # NaN fails too
    if not bad.any():
        return None
    i = int(np.argmax(bad))
    if i == 0:
        hint = (
            "the loss of the untrained model: the mean cross-entropy (nn.CrossEntropyLoss()) of "
            "the logits of all six points against the integer labels"
        )
    elif np.all(losses == losses[0]):
        hint = (
            "the loss never changes: no update reaches the parameters (each step: zero_grad, "
            "loss.backward(), then optimizer.step())"
        )
    else:
        hint = (
            f"the losses of steps 1 to {i} match, so the loss is right but the updates differ: "
            f"one torch.optim.Adam(model.parameters(), lr={TRAIN_LR}) with its default settings "
            "(no weight decay, schedule or clipping), one optimizer.step() per step"
        )
    return Verdict(
        False,
        f"{TRAIN_CALL}: the loss of step {i + 1}: {difference(losses[i], want[i])} ({hint})",
        float(np.max(np.abs(losses - want))),
    )


@CHECKS.check("train_loop", weight=4)
def train_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train: four steps at lr 0.05 on six points (losses and weights)

    A smoke test of the loop: from a fixed 3-unit ReLU net, train(model, x, y, steps=4, lr=0.05)
    on six points returns the four losses of the specified loop (to traj_loss_atol) and leaves the
    caller's model holding the weights after four Adam updates (to traj_atol), the tolerances of
    the hidden replays.
    """
    raised = failure(data, "raised", TRAIN_CALL)
    if raised is not None:
        return raised
    losses = np.asarray(data["losses"], dtype=np.float64)
    wrong = _train_losses(losses, ctx.threshold("traj_loss_atol"))
    if wrong is not None:
        return wrong
    got = [np.asarray(p, dtype=np.float64) for p in data["params"]]
    want = [np.asarray(w, dtype=np.float64) for w in TRAIN_EXPECTED_PARAMS]
    if [g.shape for g in got] != [w.shape for w in want]:
        return Verdict(
            False,
            f"after {TRAIN_CALL} the model has parameter shapes {[list(g.shape) for g in got]}, "
            f"expected {[list(w.shape) for w in want]}",
        )
    tol = ctx.threshold("traj_atol")
    for name, g, w in zip(PARAM_NAMES, got, want):
        diff = np.abs(g - w)
        if not float(np.max(diff)) <= tol:  # NaN fails too
            k = int(np.argmax(diff)) if np.all(np.isfinite(diff)) else 0
            return Verdict(
                False,
                f"{TRAIN_CALL}: the losses match, but afterwards the model's {name} entry {k}: "
                f"{difference(g.flat[k], w.flat[k])} (train updates the caller's model in place: "
                f"{TRAIN_STEPS} Adam updates with lr={TRAIN_LR}, one per step)",
                float(np.max(diff)) if np.all(np.isfinite(diff)) else float("inf"),
            )
    return Verdict(
        True, f"train: {TRAIN_STEPS} losses and the weights after {TRAIN_STEPS} steps match"
    )


@CHECKS.check("train_loop", probe="train_public", weight=2)
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
