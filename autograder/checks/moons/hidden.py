"""Hidden checks of moons: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``), public checks included: model
weights add up to 10 (of 2 points), predict 16 (of 2), grid 5 (of 1), train_loop 25 (of 3),
convergence 4 (of 3).

Every convention the notebook states has a public check (``public.py``: layers, tanh, ValueError,
the default initialisation, one no-grad model call in predict, one predict call in grid_predict,
a four-step smoke test of train); the checks here vary the arguments (widths, seeds, random nets,
meshes, learning rates and step counts), check the device clauses and convergence.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.global_rng import RNG_DRAWS, untouched
from autograder.checks.judging import as_array, difference, failure, num
from autograder.checks.moons import reference as ref
from autograder.checks.moons.probes import (
    AGAIN_COUNTS,
    AGAIN_SCALE,
    LARGE_N,
    QUIET_B1,
    QUIET_RUNS,
    STALE_GRAD,
    draws_after_init,
    init_params,
    moons_data,
)
from autograder.checks.moons.public import labels_ok, model_layers, spec_logits

CHECKS = CheckTable(__name__)

TIE = 1e-4  # points whose two logits are closer than this may go either way
PARAM_NAMES = ("w1", "b1", "w2", "b2")
# replay_relu / replay_tanh: the 1000 losses of the convergence run against the grader's own replay
# of the specified loop (same data, same start), as |loss - reference| / reference. (Module
# constants, not course.yml thresholds: docs/calibration/moons.md gives the measurements.)
# Correct loops (a hand-written log-sum-exp, one-hot targets) drift by <= 9.2e-7 in steps 1..100
# and <= 3.0e-3 in all 1000 (ReLU: the drift grows ~40x from step 100 to 200); AdamW(1e-4) is off
# by >= 2.8e-5 by step 100, amsgrad, weight decay, a schedule or an early stop by >= 0.12 overall.
REPLAY_EARLY_STEPS = 100
REPLAY_EARLY_RTOL = 3e-6
REPLAY_RTOL = 2e-2
REPLAY_DEVICE_FACTOR = 10.0  # off the CPU (cuda), both tolerances times this: unmeasured drift


@CHECKS.check("model", probe="model_hidden", weight=3)
def model_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model: widths 3, 5, 32 with relu and tanh

    make_model for widths 3, 5, 32 and both activations: layers, shapes, dtypes and logits.
    """
    for case in data["cases"]:
        v = model_layers(case, ctx)
        if not v.passed:
            return v
    return Verdict(True, "make_model builds Linear -> relu/tanh -> Linear for every width tried")


@CHECKS.check("model")
def model_seed(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model keeps PyTorch's default initialisation and the caller's torch.manual_seed

    After torch.manual_seed(s), make_model(6, 'relu')'s parameters equal what PyTorch's default
    nn.Linear initialisation draws for s, for two different seeds s.
    """
    h, act = int(data["hidden"]), data["activation"]
    shapes = ((h, 2), (h,), (2, h), (2,))
    got_all = []
    for case in data["cases"]:
        seed = int(case["seed"])
        call = f"make_model({h}, {act!r}) after torch.manual_seed({seed})"
        raised = failure(case, "raised", call)
        if raised is not None:
            return raised
        got = [np.asarray(p, dtype=np.float64) for p in case["params"]]
        if [g.shape for g in got] != list(shapes):
            return Verdict(
                False,
                f"{call} has parameter shapes {[list(g.shape) for g in got]}, expected "
                f"{[list(s) for s in shapes]}",
            )
        got_all.append(got)
    for case, got in zip(data["cases"], got_all):
        seed = int(case["seed"])
        want = init_params(h, seed)  # a local generator: never torch's global one
        for name, g, w in zip(PARAM_NAMES, got, want):
            diff = np.abs(g - w)
            if not float(np.max(diff)) <= 1e-6:
                k = int(np.argmax(diff)) if np.all(np.isfinite(diff)) else 0
                same = all(
                    np.array_equal(a, b) for a, b in zip(got_all[0], got_all[1], strict=True)
                )
                why = (
                    "it built the same parameters for both seeds: do not call torch.manual_seed "
                    "inside make_model"
                    if same
                    else "keep PyTorch's default initialisation (no re-initialisation, layers "
                    "created in the order Linear(2, h), Linear(h, 2))"
                )
                return Verdict(
                    False,
                    f"make_model({h}, {act!r}) after torch.manual_seed({seed}): {name} entry {k}: "
                    f"{difference(g.flat[k], w.flat[k])} (PyTorch's default initialisation); "
                    + why,
                )
    seeds = " and ".join(str(int(c["seed"])) for c in data["cases"])
    return Verdict(True, f"make_model draws PyTorch's default initialisation (seeds {seeds})")


@CHECKS.check("model", probe="model_seed", weight=2)
def model_draws(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_model draws from torch's global generator what building its two layers draws, and
    nothing more

    After torch.manual_seed(s) and make_model(6, 'relu'), torch.rand gives what it gives after
    building Linear(2, 6) and Linear(6, 2) with PyTorch's default initialisation: no test forward
    on random inputs, no extra draws and no reseeding (the caller's later draws depend on it).
    """
    h, act = int(data["hidden"]), data["activation"]
    for case in data["cases"]:
        seed = int(case["seed"])
        call = f"make_model({h}, {act!r}) after torch.manual_seed({seed})"
        raised = failure(case, "raised", call)
        if raised is not None:
            return raised
        got = as_array(case.get("rng_after"), shape=(RNG_DRAWS,), name="torch.rand")
        want = draws_after_init(((2, h), (h, 2)), seed, RNG_DRAWS)
        if not np.array_equal(got, want):
            return Verdict(
                False,
                f"after {call}, torch.rand() gives {num(got[0])}, expected {num(want[0])} (what "
                "follows building the two layers): make_model drew more random numbers, or "
                "reseeded, after creating its layers; build the Sequential and return it",
            )
    return Verdict(True, "make_model draws exactly what building its two layers draws")


def _labels_vs_params(
    data: dict[str, Any], activation: str, x: Any, what: str, params: Any
) -> Verdict:
    logits = spec_logits(params, activation, np.asarray(x).reshape(-1, 2))
    want = logits.argmax(axis=1).reshape(np.asarray(x).shape[:-1])
    got = np.asarray(data.get("values", []))
    if got.shape == want.shape:  # near-ties may round either way: take the student's answer there
        tie = (np.abs(logits[:, 1] - logits[:, 0]) < TIE).reshape(want.shape)
        want = np.where(tie, got, want)
    return labels_ok(data, want, what, points=x)


@CHECKS.check("predict", probe="predict_hidden", weight=3)
def predict_values(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict: argmax labels of random nets

    predict against the argmax of the logits of random ReLU and tanh nets on 3000 points: an int64
    numpy array of shape (3000,).
    """
    for act in ("relu", "tanh"):
        case = data[act]
        what = f"predict(model, x) with a random 16-unit {act} net on 3000 points"
        v = _labels_vs_params(case, act, case["X"], what, case["params"])
        if not v.passed:
            return v
    return Verdict(
        True, "predict returns the argmax labels of 3000 points for a ReLU and a tanh net"
    )


@CHECKS.check("predict", probe="predict_kinds")
def predict_float64(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict takes float64 points (make_moons' and np.meshgrid's dtype): the argmax labels"""
    case = data["float64"]
    what = "predict(model, x) with x a float64 array of 500 points (a random 16-unit ReLU net)"
    return _labels_vs_params(case, "relu", case["X"], what, case["params"])


@CHECKS.check("predict", probe="predict_kinds")
def predict_ties(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict on tied logits: the argmax takes the first, class 0"""
    case = data["tied"]
    what = "predict(model, x) with a model whose two logits are equal (0) at all 40 points"
    got = labels_ok(case, np.zeros(len(case["X"]), dtype=np.int64), what, points=case["X"])
    if got.passed:
        return got
    return Verdict(False, f"{got.message} (the argmax of tied logits is the first index, class 0)")


@CHECKS.check("predict", probe="predict_kinds", name="predict_no_points")
def predict_empty(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict on no points (N = 0): an int64 array of shape (0,)"""
    case = data["empty"]
    what = "predict(model, x) with x of shape (0, 2) (no points)"
    return labels_ok(case, np.zeros(0, dtype=np.int64), what, points=case["X"])


@CHECKS.check("predict", probe="predict_kinds")
def predict_one_point(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict on a single point (N = 1): an int64 array of shape (1,), not a scalar"""
    case = data["single"]
    what = "predict(model, x) with x of shape (1, 2) (one point; a random 16-unit ReLU net)"
    v = _labels_vs_params(case, "relu", case["X"], what, case["params"])
    if v.passed or case.get("type") != "ndarray" or np.shape(case.get("values")) != ():
        return v
    return Verdict(
        False,
        f"{v.message}: a 0-d array, as squeeze() leaves for one point; the argmax over dim=1 "
        "already has shape (N,)",
    )


@CHECKS.check("predict", probe="predict_kinds", weight=2)
def predict_again(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict answers from the model as it is now: a second call on the same model object,
    after its output layer changed in place, gives the new model's labels (nothing cached)"""
    case = data["again"]
    what = "predict(model, x) on 60 points"
    v = _labels_vs_params(case["first"], "relu", case["X"], what, case["params"])
    if not v.passed:
        return v
    again = f"{what} again, after the model's output layer was negated in place"
    v = _labels_vs_params(case["second"], "relu", case["X"], again, case["flipped"])
    if v.passed:
        return Verdict(True, "predict gives the labels of the model as it is at each call")
    return Verdict(
        False,
        f"{v.message}: predict must run the model it is given at every call (no labels "
        "remembered from an earlier call on the same model or points)",
    )


@CHECKS.check("predict", weight=2, device_only=True)
def predict_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """predict runs the model on the device of its parameters and returns a CPU numpy array

    With the model's parameters on the grading device (cuda), predict's input to the model is on
    that device, the parameters stay there, and the labels come back as an int64 numpy array.
    """
    what = f"predict(model, x) with the model's parameters on {ctx.device}"
    raised = failure(data, "raised", what)
    if raised is not None:
        return raised
    inputs = sorted(set(data["input_devices"]))
    if inputs != [ctx.device]:
        where = ", ".join(inputs) or "nowhere (the model was never called)"
        return Verdict(
            False,
            f"{what} called the model on inputs on {where}; move x to the device of the model's "
            "parameters",
        )
    params = sorted(set(data["param_devices"]))
    if params != [ctx.device]:
        return Verdict(
            False,
            f"after {what}, the parameters are on {', '.join(params)}: predict must not move "
            "the model",
        )
    return _labels_vs_params(data, data["activation"], data["X"], what, data["params"])


@CHECKS.check("grid", probe="grid_hidden")
def grid_values(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict: labels on an uneven 13 × 17 mesh

    grid_predict on an uneven 13 × 17 mesh: Z[i, j] is the label of (xx[i, j], yy[i, j]), an int64
    numpy array of the mesh's shape.
    """
    points = np.stack([np.asarray(data["xx"]), np.asarray(data["yy"])], axis=-1)
    what = "grid_predict(model, xx, yy) on a 13 × 17 mesh"
    return _labels_vs_params(data, "tanh", points, what, data["params"])


@CHECKS.check("grid", probe="grid_hidden")
def grid_leaves_mesh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict leaves the caller's xx and yy as they were (shape and values)"""
    what = "grid_predict(model, xx, yy) on a 13 × 17 mesh"
    raised = failure(data, "raised", what)
    if raised is not None:
        return raised
    if not data.get("mesh_unchanged"):
        return Verdict(
            False,
            f"{what} changed the caller's xx or yy (their shape or values): flatten with ravel() "
            "or reshape(-1), which leave xx and yy alone, not by assigning to .shape or in place",
        )
    return Verdict(True, "grid_predict leaves the caller's mesh as it was")


@CHECKS.check("grid")
def grid_shapes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """grid_predict on any shape S: an indexing="ij" mesh (9 × 7), 1-D xx, yy (11 points), 3-D
    (3 × 4 × 5) and 0-d ones, and a mesh at x0 near 1000 next to the decision boundary

    Z[i, j] is the label of (xx[i, j], yy[i, j]) whatever the mesh's layout, and Z has the shape S
    of xx (also 1-D, 3-D or 0-d): flatten the coordinates, never rebuild the mesh from its axes;
    the points keep their values (no cast to a narrow float).
    """
    for case, what in zip(
        data["cases"],
        (
            "grid_predict(model, xx, yy) on a 9 × 7 mesh made with indexing='ij'",
            "grid_predict(model, xx, yy) with 1-D xx and yy of 11 points",
            "grid_predict(model, xx, yy) with xx and yy of 3-D shape (3, 4, 5)",
            "grid_predict(model, xx, yy) with 0-d xx and yy (one point, shape ())",
            "grid_predict(model, xx, yy) on a 3 × 5 mesh at x0 = 1000.1 to 1000.5, the model's "
            "boundary at x0 = 1000.3",
        ),
        strict=True,
    ):
        points = np.stack([np.asarray(case["xx"]), np.asarray(case["yy"])], axis=-1)
        act, params = case.get("activation", "tanh"), case.get("params", data["params"])
        v = _labels_vs_params(case, act, points, what, params)
        if not v.passed:
            return Verdict(
                False,
                f"{v.message} (Z[i, j] is the label of the point (xx[i, j], yy[i, j]) and Z has "
                "xx's shape: flatten xx and yy, predict once, reshape to xx.shape, the points "
                "as they are)",
            )
    return Verdict(
        True,
        "grid_predict labels every point of an 'ij' mesh, of 1-D, 3-D and 0-d xx, yy, and next to "
        "the boundary at x0 = 1000.3",
    )


def _loss_hint(i: int, losses: np.ndarray, lr: float) -> str:
    """Why loss ``i`` (0-based, the first that differs) differs: the loss itself when it is the
    first one (or the losses never change), else the updates before it."""
    if i == 0:
        return (
            "the mean cross-entropy of all the given points, computed before that step's update: "
            "losses[0] is the loss of the untrained model"
        )
    if np.all(losses[: i + 1] == losses[0]):
        return (
            "the loss never changes: no update reaches the parameters (each step: zero_grad, "
            "loss.backward(), then optimizer.step())"
        )
    return (
        f"the losses of steps 1 to {i} match, so the loss is right but the updates differ from "
        f"the specified ones: one torch.optim.Adam(model.parameters(), lr={num(lr)}) with its "
        "default settings (no weight decay, amsgrad, other eps or betas, schedule, clipping or "
        "early stop), one optimizer.step() per step"
    )


def _replay(
    data: dict[str, Any],
    ctx: JudgeContext,
    call: str,
    scale: float = 1.0,
    want: tuple[list[np.ndarray], np.ndarray] | None = None,
) -> Verdict:
    """The student's steps against the specified loop from the grader's weights and data, within
    the trajectory tolerances times ``scale`` (inputs stretched ``scale`` times give logits, and
    float32 rounding of the loss, that much larger); against ``want`` (parameters, losses: the
    replay of a mistake, for a hint) where given."""
    act, steps, lr = data["activation"], int(data["steps"]), float(data["lr"])
    tol = ctx.threshold("traj_atol") * scale
    loss_tol = ctx.threshold("traj_loss_atol") * scale
    losses = np.asarray(data["losses"], dtype=np.float64)
    if losses.shape != (steps,):
        return Verdict(False, f"{call} returned {losses.size} losses, expected {steps}")
    want_params, want_losses = want or ref.reference_train(
        data["init"], act, data["X"], data["y"], steps=steps, lr=lr
    )
    got_params = [np.asarray(p, dtype=np.float64) for p in data["params"]]
    if [g.shape for g in got_params] != [w.shape for w in want_params]:
        return Verdict(
            False,
            f"after {call} the model has parameter shapes {[list(g.shape) for g in got_params]}, "
            f"expected {[list(w.shape) for w in want_params]}",
        )
    d_losses = np.abs(losses - want_losses)
    d_loss = float(np.max(d_losses)) if np.all(np.isfinite(d_losses)) else float("inf")
    if not d_loss <= loss_tol:
        i = int(np.argmax(~(d_losses <= loss_tol)))
        return Verdict(
            False,
            f"{call}: the loss of step {i + 1}: {difference(losses[i], want_losses[i])} "
            f"({_loss_hint(i, losses, lr)})",
            d_loss,
        )
    d = [np.abs(g - w) for g, w in zip(got_params, want_params)]
    d_each = [float(np.max(x)) if np.all(np.isfinite(x)) else float("inf") for x in d]
    d_param = max(d_each)
    if not d_param <= tol:
        j = int(np.argmax(d_each))
        k = int(np.argmax(d[j])) if np.isfinite(d_each[j]) else 0
        return Verdict(
            False,
            f"{call}: the losses match, but afterwards {PARAM_NAMES[j]} entry {k}: "
            f"{difference(got_params[j].flat[k], want_params[j].flat[k])} ({steps} updates of "
            f"Adam with lr={num(lr)}, one per step)",
            d_param,
        )
    return Verdict(
        True,
        f"{call}: all steps match the specified loop (largest differences: weights "
        f"{d_param:.1e}, losses {d_loss:.1e})",
        max(d_param, d_loss),
    )


@CHECKS.check(
    "train_loop",
    name="trajectory_tanh",
    description="train: the first steps match the specified loop (tanh, its own lr and steps)",
    weight=3,
)
@CHECKS.check(
    "train_loop",
    name="trajectory_relu",
    description="train: the first steps match the specified loop (ReLU, its own lr and steps)",
    weight=3,
)
def trajectory(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """The student's first steps against the specified loop from the same weights and data."""
    call = (
        f"train(model, x, y, steps={int(data['steps'])}, lr={num(float(data['lr']))}) from the "
        f"grader's {data['activation']} net"
    )
    raised = failure(data, "raised", call)
    return raised if raised is not None else _replay(data, ctx, call)


AGAIN_WHERE = (
    "from the grader net",
    "again, on the same model object from a second grader start",
    "a third time, on the same model object from a third grader start (the second call's lr)",
)


def _again_runs(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]] | Verdict:
    """The train_again calls as replay records (each from the parameters it started from),
    and their calls as text; or the verdict why not."""
    runs, calls = [], []
    shape = f"{AGAIN_COUNTS[0]} + {AGAIN_COUNTS[1]} points (class 0 + class 1), ×{num(AGAIN_SCALE)}"
    for i, run in enumerate(data["runs"]):
        text = (
            f"train(model, x, y, steps={int(run['steps'])}, lr={num(float(run['lr']))}) "
            f"{AGAIN_WHERE[i]}, on {shape}"
        )
        bad = failure(run, "raised", text)
        if bad is not None:
            return bad
        runs.append(
            {
                **run,
                "activation": data["activation"],
                "X": data["X"],
                "y": data["y"],
                "init": run["start"],
            }
        )
        calls.append(text)
    return runs, calls


@CHECKS.check("train_loop", probe="train_again", weight=2)
def train_unbalanced(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train: every step the plain mean cross-entropy and Adam update, on unbalanced, stretched
    data (no class weights, no gradient clipping, the last parameters kept), from a model whose
    .grad holds a caller's leftover gradients (zeroed first in every step)

    On 60 points of class 0 and 20 of class 1 stretched 20 times (gradient norms above 1, a
    loss that goes up and down), 16 steps from the grader's net match the specified loop:
    class weights, clipping and restoring the best parameters all change them here.
    """
    got = _again_runs(data)
    if isinstance(got, Verdict):
        return got
    runs, calls = got
    return _replay(runs[0], ctx, calls[0], AGAIN_SCALE)


@CHECKS.check("train_loop", probe="train_again")
def train_new_list(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train returns a new list on every call: a second call leaves the first call's list as it
    was"""
    got = _again_runs(data)
    if isinstance(got, Verdict):
        return got
    runs, calls = got
    first = np.asarray(runs[0].get("losses", []), dtype=np.float64)
    after = np.asarray(data.get("first_after_second", []), dtype=np.float64)
    if data.get("same_list") or not np.array_equal(first, after):
        return Verdict(
            False,
            f"{calls[1]} returned or changed the list the first call returned (it held "
            f"{first.size} losses, afterwards {after.size}): build a new list in every call "
            "(no module-level list)",
        )
    return Verdict(True, "train returns a new list of losses on every call")


@CHECKS.check("train_loop", probe="train_large")
def train_full_batch_large(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train is full batch at any size: 3 steps on 3000 points match the specified loop"""
    call = (
        f"train(model, x, y, steps={int(data['steps'])}, lr={num(float(data['lr']))}) on "
        f"{LARGE_N} points from the grader's ReLU net"
    )
    raised = failure(data, "raised", call)
    if raised is not None:
        return raised
    v = _replay(data, ctx, call)
    if v.passed:
        return v
    return Verdict(
        False,
        f"{v.message}; every step uses all the given points at once, however many (no "
        "minibatches or subsampling)",
        v.value,
    )


@CHECKS.check("train_loop", probe="train_nonfinite")
def train_nonfinite_loss(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train runs every step and returns every loss also when the loss is NaN (no early stop)"""
    steps, lr = int(data["steps"]), float(data["lr"])
    call = f"train(model, x, y, steps={steps}, lr={num(lr)}) on 60 points, one of them NaN"
    raised = failure(data, "raised", call)
    if raised is not None:
        return raised
    losses = np.asarray(data["losses"], dtype=np.float64)
    want_params, want_losses = ref.reference_train(
        data["init"], data["activation"], data["X"], data["y"], steps=steps, lr=lr
    )
    got_params = [np.asarray(p, dtype=np.float64) for p in data["params"]]
    same = losses.shape == want_losses.shape and all(
        g.shape == w.shape and np.array_equal(np.isfinite(g), np.isfinite(w))
        for g, w in zip(got_params, want_params, strict=False)
    )
    if not same or len(got_params) != len(want_params):
        return Verdict(
            False,
            f"{call} returned {losses.size} losses (expected {steps}, all NaN) and the parameters "
            "of fewer updates: train runs all `steps` steps and returns every loss, finite or "
            "not (no break on a NaN or inf loss)",
        )
    return Verdict(True, "train runs every step on a NaN loss")


@CHECKS.check("train_loop", probe="train_again", weight=2)
def train_fresh_optimizer(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train creates a new Adam on every call: a second call on the same model object (its
    parameters set in place to a second grader start, another lr) and a third (a third start,
    the second call's lr) each replay as a fresh optimizer at their own lr

    The third call has the same model and lr as the second, so an optimizer kept between calls
    only while they stay the same (to "resume smoothly") still carries Adam's moments and step
    count into it.
    """
    got = _again_runs(data)
    if isinstance(got, Verdict):
        return got
    runs, calls = got
    for run, call in zip(runs[1:], calls[1:]):
        v = _replay(run, ctx, call, AGAIN_SCALE)
        if not v.passed:
            return Verdict(
                False,
                f"{v.message}; each call creates its own torch.optim.Adam(model.parameters(), "
                "lr=lr) (no optimizer or state kept from an earlier call, also for the same "
                "model and lr)",
                v.value,
            )
    return Verdict(True, "train starts a new Adam on every call (three calls on one model)")


def _quiet_verdict(run: dict[str, Any], ctx: JudgeContext, call: str, v: Verdict) -> Verdict:
    """A failed train_quiet run: which documented setting it breaks, where a replay of that
    mistake matches it (kept short: the replay's own message is long); else the replay's own
    verdict."""
    for label, kw in (
        ("backward() on the summed cross-entropy", {"summed": True}),
        *((f"Adam with eps={num(e)}", {"eps": e}) for e in (1e-7, 1e-6, 1e-10)),
    ):
        params, losses = ref.reference_train(
            run["init"], run["activation"], run["X"], run["y"],
            steps=int(run["steps"]), lr=float(run["lr"]), **kw,
        )  # fmt: skip
        if _replay(run, ctx, "", want=(params, losses)).passed:
            return Verdict(
                False,
                f"{call}: the losses and parameters are what {label} gives (off the specified "
                f"loop by up to {v.value:.1e}): torch.optim.Adam(model.parameters(), lr=lr) with "
                "its default eps, and backward() on the mean cross-entropy",
                v.value,
            )
    return v  # its hint already lists Adam's settings (eps among them)


@CHECKS.check("train_loop", probe="train_quiet", weight=2, seeded=True)
def train_small_gradients(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train where a gradient is near Adam's eps: Adam's default eps, the mean cross-entropy

    14 steps (ReLU, lr 0.02) and 11 steps (tanh, lr 0.03) on the grader's 500 points, each from
    a grader net with one quiet hidden unit (its first-layer weights and output weights 0, its
    bias 1e-8): that unit's output weights get gradients near Adam's eps (1e-8), the one place
    where eps and the loss's scale change Adam's steps. The losses and parameters must be the
    specified loop's: torch.optim.Adam(model.parameters(), lr=lr) with its default eps, and
    backward() on the mean cross-entropy (not the sum).
    """
    worst = 0.0
    for run, inp in zip(data["runs"], QUIET_RUNS, strict=True):
        call = (
            f"train(model, x, y, steps={int(run['steps'])}, lr={num(float(run['lr']))}) from the "
            f"grader's {run['activation']} net with hidden unit {run['unit']} quiet (its weights "
            f"0, its bias {num(QUIET_B1)})"
        )
        bad = failure(run, "raised", call)
        if bad is not None:
            return bad
        v = _replay(run, ctx, call)
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            return _quiet_verdict(run, ctx, call, v)
    return Verdict(
        True,
        f"train matches the specified loop where a gradient is near Adam's eps (ReLU and tanh, "
        f"largest difference {worst:.1e})",
        worst,
    )


@CHECKS.check("train_loop", probe="train_separable")
def train_all_steps(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train runs all its steps, also once the loss is tiny (no early stop), and none for
    steps=0

    Sixty steps at lr 0.1 on eight separable points: the loss falls below 1e-4 within 30 steps;
    train still returns 60 losses and the parameters after the 60th update. steps=0 returns an
    empty list and leaves the model as it was.
    """
    call = f"train(model, x, y, steps={int(data['steps'])}, lr={num(float(data['lr']))})"
    what = f"{call} on eight separable points from the grader's tanh net"
    bad = failure(data, "raised", what)
    if bad is not None:
        return bad
    v = _replay(data, ctx, what)
    if not v.passed and "losses, expected" in v.message:
        return Verdict(
            False,
            f"{v.message}: train runs all `steps` steps, however small the loss gets (no early "
            "stop)",
            v.value,
        )
    if not v.passed:
        return v
    zero = data["zero_steps"]
    what0 = f"train(model, x, y, steps=0, lr={num(float(data['lr']))})"
    bad = failure(zero, "raised", what0)
    if bad is not None:
        return bad
    losses = np.asarray(zero.get("losses", []), dtype=np.float64).reshape(-1)
    moved = any(
        not np.array_equal(np.asarray(g, dtype=np.float32), np.asarray(w, dtype=np.float32))
        for g, w in zip(zero.get("params", []), data["init"], strict=False)
    )
    if losses.size or moved:
        return Verdict(
            False,
            f"{what0} returned {losses.size} losses{' and changed the model' if moved else ''}; "
            "steps=0 means no step: an empty list and the model as it was",
        )
    grads = zero.get("grads", [])
    if len(grads) != len(data["init"]) or any(
        g is None or not np.all(np.asarray(g, dtype=np.float64) == STALE_GRAD) for g in grads
    ):
        return Verdict(
            False,
            f"{what0} on a model whose .grad held the caller's gradients ({num(STALE_GRAD)} "
            "everywhere) changed or cleared them: steps=0 changes nothing (the gradients are "
            "zeroed at the start of each step, and there is none)",
        )
    return Verdict(True, f"{v.message}; steps=0 returns [] and leaves the model unchanged", v.value)


@CHECKS.check("train_loop", probe="trajectory_relu")
def train_keeps_data(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train leaves the caller's x and y as they were

    After train(model, x, y, ...) on the grader's 500 points, the caller's arrays x and y hold what
    they held before (train reads the data; shuffling or converting them in place changes the
    caller's data set).
    """
    call = (
        f"train(model, x, y, steps={int(data['steps'])}, lr={num(float(data['lr']))}) on "
        f"{len(data['y'])} points"
    )
    raised = failure(data, "raised", call)
    if raised is not None:
        return raised
    changed = [n for n in ("x", "y") if not bool(data[f"{n}_unchanged"])]
    if changed:
        return Verdict(
            False,
            f"{call} changed the caller's {' and '.join(changed)} in place: train must leave "
            "the given data as it is (shuffle or convert copies, or nothing: full-batch training "
            "does not need an order)",
        )
    return Verdict(True, "train leaves the caller's x and y unchanged")


@CHECKS.check("train_loop", probe="trajectory_relu")
def train_global_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train leaves torch's global generator where the caller left it

    After torch.manual_seed(g), one draw, and train(model, x, y, ...) on the grader's net and
    data, torch.rand gives what it gives after torch.manual_seed(g) and that draw; train calls
    no global seeding or state-setting function (torch, numpy, random) and draws nothing from
    numpy's or Python's global generator: full-batch Adam needs no random numbers, and reseeding
    inside train would reset the caller's generator (the caller seeds before make_model).
    """
    call = f"train(model, x, y, steps={int(data['steps'])}, lr={num(float(data['lr']))})"
    return untouched(
        data.get("rng_after"),
        int(data["global_seed"]),
        call,
        "train needs no random numbers; leave the seeding to the caller",
        outcome=data.get("raised"),
        watch=data.get("rng_watch"),
    )


@CHECKS.check("train_loop", device_only=True)
def train_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train moves the model and the data to its device

    train(..., device=cuda) from a model on the CPU: afterwards the model's parameters are on
    cuda, and the steps match the specified loop.
    """
    call = (
        f"train(model, x, y, steps={int(data['steps'])}, lr={num(float(data['lr']))}, "
        f"device={ctx.device!r}) from a model on the CPU"
    )
    raised = failure(data, "raised", call)
    if raised is not None:
        return raised
    where = sorted(set(data["param_devices"]))
    if where != [ctx.device]:
        return Verdict(
            False,
            f"after {call}, the model's parameters are on {', '.join(where)}: move the model to "
            "device (model.to(device))",
        )
    return _replay(data, ctx, call)


def _trained_params(data: dict[str, Any], call: str, hidden: int) -> list[np.ndarray] | Verdict:
    """The trained model's ``w1, b1, w2, b2`` as arrays of the right shapes, or a failing verdict
    naming train when the model has other layers or is no longer float32."""
    dtypes = [str(d) for d in data.get("param_dtypes", ["float32"])]  # the probe reports them
    if dtypes != ["float32"]:
        return Verdict(
            False,
            f"after {call} the model's parameters are {', '.join(dtypes) or 'missing'}, expected "
            "float32: train must keep the model's dtype (make_model's float32; the data are "
            "float32), so that the model still takes float32 inputs",
        )
    shapes = ((hidden, 2), (hidden,), (2, hidden), (2,))
    if len(data["params"]) != len(shapes):
        return Verdict(
            False,
            f"after {call} the model has {len(data['params']) // 2} Linear layers, expected 2",
        )
    return [as_array(p, shape=s, name="trained parameter") for p, s in zip(data["params"], shapes)]


def _convergence_run(
    data: dict[str, Any], ctx: JudgeContext
) -> tuple[str, np.ndarray, Any] | Verdict:
    """The convergence run as the judges need it: the call as written, its ``steps`` losses
    (shape ``(steps,)``) and the trained parameters; or the Verdict saying what was wrong."""
    steps, lr = int(ctx.param("steps")), float(ctx.param("lr"))
    call = f"train(model, x, y, steps={steps}, lr={num(lr)}) ({data['activation']} net)"
    raised = failure(data, "raised", call)
    if raised is not None:
        return raised
    losses = as_array(data["losses"])
    if losses.shape != (steps,):
        return Verdict(False, f"{call} returned {losses.size} losses, expected {steps}")
    params = _trained_params(data, call, int(ctx.param("hidden")))
    if isinstance(params, Verdict):
        return params
    return call, losses, params


@CHECKS.check(
    "convergence",
    name="converge_tanh",
    description="train: a tanh net on fresh moons (accuracy, CE, last losses)",
    seeded=True,
    threshold=1.0,
)
@CHECKS.check(
    "convergence",
    name="converge_relu",
    description="train: a ReLU net on fresh moons (accuracy, CE, last losses)",
    seeded=True,
    threshold=1.0,
)
def converge(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Held-out accuracy and cross-entropy, and the tail of the training losses, of the full recipe.

    The probe trains the grader's own net (what make_model builds after torch.manual_seed(seed)),
    so these checks test train alone. The held-out points and labels are drawn here, and the
    logits are computed here from the trained parameters (the model's own logits must agree with
    them), so nothing the child says about the held-out set is believed. Accuracy is the argmax of
    those logits (what ``predict`` should return), so a mistake in ``predict`` costs points in its
    own group only.
    """
    act, seed = data["activation"], int(data["seed"])
    tail = int(ctx.param("tail"))
    n_test, noise = int(ctx.param("n_test")), float(ctx.param("noise"))
    run = _convergence_run(data, ctx)
    if isinstance(run, Verdict):
        return run
    call, losses, params = run
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
    gap = float(np.max(np.abs(own - logits)))
    if not gap <= 1e-4 * scale:
        claimed = worst(own)[2] if np.all(np.isfinite(own)) else float("inf")  # for margins
        return Verdict(
            False,
            f"after {call}, the model's own held-out logits disagree with Linear -> {act} -> "
            f"Linear of its parameters by {num(gap)} (or are not finite): train should only "
            "update the parameters",
            claimed,
        )
    acc, ce, value = worst(logits)
    summary = (
        f"{act}: held-out accuracy {acc:.4f} (≥ {acc_min}), held-out cross-entropy {ce:.4f} "
        f"(≤ {ce_max}), largest of the last {tail} training losses {tail_max:.4f} (≤ {tail_lim})"
    )
    return Verdict(acc >= acc_min and ce <= ce_max and tail_max <= tail_lim, summary, value)


@functools.lru_cache(maxsize=16)
def _reference_run(
    activation: str, seed: int, n_train: int, noise: float, hidden: int, steps: int, lr: float
) -> np.ndarray:
    """The losses of the specified loop on the convergence run's data and start (what make_model
    builds after torch.manual_seed(seed)), replayed here on the CPU; cached, so a batch of
    submissions graded on the same seed replays it once. Read-only."""
    x, y = moons_data(n_train, noise, seed)
    _, losses = ref.reference_train(init_params(hidden, seed), activation, x, y, steps=steps, lr=lr)
    losses = np.asarray(losses, dtype=np.float64)
    losses.setflags(write=False)
    return losses


@CHECKS.check(
    "convergence",
    name="replay_tanh",
    probe="converge_tanh",
    description="train: all 1000 losses of the tanh run match the specified loop's",
    seeded=True,
    threshold=1.0,
)
@CHECKS.check(
    "convergence",
    name="replay_relu",
    probe="converge_relu",
    description="train: all 1000 losses of the ReLU run match the specified loop's",
    seeded=True,
    threshold=1.0,
)
def replay(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """The 1000 losses of the convergence run against the grader's own replay of the specified loop.

    The trajectory checks replay 20 and 13 steps; a learning-rate schedule that starts at step
    100, an early stop that pads the losses, weight decay, amsgrad or another eps change the run
    only later. The judge replays the specified loop (reference.py: one Adam(lr), every step
    zero_grad, mean cross-entropy, backward, step) from the same start on the same data, for all
    1000 steps, and compares each loss relative to the reference's: within REPLAY_EARLY_RTOL for
    the first REPLAY_EARLY_STEPS steps and within REPLAY_RTOL for all of them (float32 drift of
    correct loops grows with the steps: docs/calibration/moons.md).
    """
    act, seed = data["activation"], int(data["seed"])
    steps, lr = int(ctx.param("steps")), float(ctx.param("lr"))
    run = _convergence_run(data, ctx)
    if isinstance(run, Verdict):
        return run
    call, losses, params = run
    want = _reference_run(
        act,
        seed,
        int(ctx.param("n_train")),
        float(ctx.param("noise")),
        int(ctx.param("hidden")),
        steps,
        lr,
    )
    factor = 1.0 if ctx.device == "cpu" else REPLAY_DEVICE_FACTOR
    early = min(REPLAY_EARLY_STEPS, steps)
    rel = np.abs(losses - want) / np.maximum(want, 1e-12)
    rel = np.where(np.isfinite(rel), rel, np.inf)
    tol = np.where(np.arange(steps) < early, REPLAY_EARLY_RTOL, REPLAY_RTOL) * factor
    ratio = rel / tol
    value = float(np.max(ratio))
    if not value <= 1.0:
        i = int(np.argmax(~(ratio <= 1.0)))
        span = f"1 to {early}" if i < early else f"{early + 1} to {steps}"
        return Verdict(
            False,
            f"{call}: the loss of step {i + 1}: {difference(losses[i], want[i])}, off by "
            f"{rel[i]:.1e} of it (allowed {tol[i]:.0e} in steps {span}; "
            f"{_loss_hint(i, losses, lr)})",
            value,
        )
    return Verdict(
        True,
        f"{call}: all {steps} losses match the specified loop (largest relative differences "
        f"{float(np.max(rel[:early])):.1e} in the first {early} steps, "
        f"{float(np.max(rel)):.1e} in all)",
        value,
    )
