"""Public checks of sine_bias: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use only
the expected values written here (computed once with the reference solution in float32).
The tiny problem: x = 0.5, 1.5, 2.5, 4.0, y = sin x, 3 hidden units (see ``probes.py``).

Every convention the notebook states has a check here (the hidden checks add random inputs,
other arguments, the device and convergence): float32 ``(N, 1)`` tensors, the MSE loss, the
200 training midpoints, the 0.4586 floor on the evaluation grid, Python floats where the
docstrings say so, gradients off in ``landmark_predictions``, and a smoke run of each training
function (``train_nobias``, ``train_bias``: what they hand to their loop, from which start, and
what they return).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict, as_error
from autograder.checks.judging import all_of, compare, failure, first_mismatch, num
from autograder.checks.sine_bias.probes import (
    ADAM_PUBLIC_LR,
    ADAM_PUBLIC_STEPS,
    BIAS_SMOKE,
    GD_LARGE,
    NOBIAS_SMOKE,
)

CHECKS = CheckTable(__name__)

RTOL, ATOL = 1e-4, 1e-5
DATA_TOL = 1e-6  # make_train_data against the float64 formula (as the hidden train_data)
SMOKE_RTOL, SMOKE_ATOL = 1e-3, 1e-5  # as the hidden replays (course.yml traj_rtol, traj_atol)
N_TRAIN, X_MAX = 200, 10.0

DATA_X4 = [1.25, 3.75, 6.25, 8.75]
DATA_Y4 = [0.94898462, -0.57156134, -0.03317922, 0.62472397]
FLOOR_TINY = [0.0082798209, 0.53851682]  # (c, mse) of the best line through the origin
FLOOR_GRID = [0.023423, 0.458551]  # the same on make_eval_grid(): linspace(0, 10, 1001)
FLOOR_GRID_ATOL = 2e-6  # as the hidden floor_numbers
NOBIAS_TINY = [0.18, 0.54, 0.9, 1.44]
TANH_TINY = [1.3260392, 1.14244068, 0.576897025, -0.184060216]
RELU_TINY = [1.21, 1.09, 1.27, 1.87]
GD_TINY = {  # gd_steps(x, y, W1, W2, lr=0.05, steps=3)
    "losses": [1.30395448, 0.59641939, 0.54722142],
    "W1": [[0.63497716, -0.5, 0.42623690]],
    "W2": [[0.37088543], [1.2], [-0.49808422]],
}
GD_LARGE_WANT = {  # gd_steps(x, y, 10 W1, 10 W2, lr=1e-4, steps=3), y = 0.3, -0.2, 0.9, -0.6:
    # the first gradients are in the thousands, so a clamped or clipped update differs
    "losses": [8024.72559, 5761.15039, 4205.44775],
    "W1": [[7.34686899, -5.0, 3.47157621]],
    "W2": [[5.10891104], [12.0], [-4.36127472]],
}
ADAM_TARGETS_WANT = {  # adam_steps(x, y, params, "tanh", lr=0.08, steps=5), y as in GD_LARGE_WANT
    "losses": [0.783076227, 0.461534202, 0.402956545, 0.387190402, 0.383553207],
    "params": {
        "W1": [[0.595663428, -0.6488868, 0.437440217]],
        "b1": [-0.52947408, 0.787999511, -0.706353486],
        "W2": [[0.479960948], [0.9437989], [-0.153887913]],
        "b2": [0.0516894050],
    },
}
ADAM_TINY = {  # adam_steps(x, y, params, act, lr=0.08, steps): 5 steps tanh (lr 0.008 for the
    # last 2), 6 steps relu (lr 0.008 for the last 2); round, ceil, 3 * (steps // 4) differ
    "tanh": {
        "losses": [0.2665658, 0.186502174, 0.208628505, 0.177192762, 0.173159003],
        "params": {
            "W1": [[0.742616475, -0.543632507, 0.413557172]],
            "b1": [-0.479011387, 0.914598286, -0.780985653],
            "W2": [[0.534468114], [0.955342114], [-0.197540611]],
            "b2": [0.109555364],
        },
    },
    "relu": {
        "losses": [1.97333455, 0.989852726, 0.487451613, 0.384732872, 0.546411812, 0.558722377],
        "params": {
            "W1": [[0.521443903, -0.61224556, 0.59754473]],
            "b1": [-0.55041343, 0.764869392, -0.628241003],
            "W2": [[0.315578878], [0.920085549], [-0.710632801]],
            "b2": [-0.0102390954],
        },
    },
}
# train_nobias(3, device, hidden=3, lr=2e-3, steps=3): init_nobias(3, 3), then gd_steps on the
# 200 training midpoints
NOBIAS_SMOKE_WANT = {
    "start": {
        "W1": [[0.803276062, 0.174833387, 0.0889780968]],
        "W2": [[-0.613718033], [0.0461824499], [-1.36825919]],
    },
    "losses": [13.6969643, 6.43038702, 5.11615705],
    "params": {
        "W1": [[0.695772827, 0.185685813, -0.0259912461]],
        "W2": [[-0.467871189], [0.0800368935], [-1.36078274]],
    },
}
# train_bias(act, seed, device, hidden=3, lr=0.05, steps=4): init_bias(3, seed), then adam_steps
BIAS_SMOKE_WANT = {
    "tanh": {
        "start": {
            "W1": [[-0.99147296, -0.788861275, -0.428315043]],
            "b1": [0.267249852, 3.72038317, 0.257487118],
            "W2": [[0.313923627], [0.281399786], [0.10902822]],
            "b2": [0.447858274],
        },
        "losses": [0.51188606, 0.449013442, 0.428530812, 0.417476237],
        "params": {
            "W1": [[-0.840374887, -0.942762971, -0.575892508]],
            "b1": [0.113301381, 3.56643939, 0.379385799],
            "W2": [[0.218137234], [0.141911104], [0.021293588]],
            "b2": [0.530572057],
        },
    },
    "relu": {
        "start": {
            "W1": [[0.119277239, 0.118184805, -0.817086339]],
            "b1": [-0.250485986, -0.00850289874, 0.318352252],
            "W2": [[0.56914562], [0.477021933], [0.136923268]],
            "b2": [0.547776818],
        },
        "losses": [1.30868435, 0.700380564, 0.516505659, 0.49267745],
        "params": {
            "W1": [[-0.0141937966, -0.0210504644, -0.951071739]],
            "b1": [-0.383334607, -0.148082435, 0.179700404],
            "W2": [[0.448965669], [0.349054962], [-0.0100222826]],
            "b2": [0.401921958],
        },
    },
}
LANDMARK_TOL = 1e-6  # as the hidden landmarks_values


def tensor_ok(
    d: dict[str, Any], shape: tuple[int, ...], what: str, dtype: str = "float32"
) -> Verdict:
    """The probe's description of a returned value is a tensor of this shape and dtype."""
    if d["type"] != "Tensor":
        return Verdict(False, f"{what} should be a torch.Tensor, got {d['type']}")
    if tuple(d["shape"]) != shape:
        return Verdict(False, f"{what} has shape {tuple(d['shape'])}, expected {shape}")
    if np.shape(d["values"]) != shape:  # what is judged is the values, whatever shape was reported
        return Verdict(False, f"{what}: {np.size(d['values'])} values reported for shape {shape}")
    if dtype and d["dtype"] != dtype:
        return Verdict(False, f"{what} has dtype {d['dtype']}, expected {dtype}")
    return Verdict(True, f"{what}: {dtype} tensor of shape {shape}")


def values_ok(
    got: Any, want: Any, what: str, *, rtol: float = RTOL, atol: float = ATOL, label: str = "entry"
) -> Verdict:
    """``got`` against ``want`` elementwise; a mismatch is named ``label`` i (``step``: i + 1)."""
    want = np.asarray(want, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    if got.size != want.size:
        return Verdict(False, f"{what}: got {got.size} values, expected {want.size}")
    first = 1 if label == "step" else 0
    return compare(
        got.reshape(-1),
        want.reshape(-1),
        [f"{label} {i + first}" for i in range(want.size)],
        what,
        rtol=rtol,
        atol=atol,
    )


GRAD_RTOL, GRAD_ATOL = 1e-4, 1e-5
"""Gradients through a forward: float32 sums in another order (addmm, mm, clamp) stay within
1e-6 relative; a cut gradient is missing or 100 % off."""


def grads_ok(got: Any, want: dict[str, Any], call: str) -> Verdict:
    """The probe's record of ``sum(r * output).backward()`` through a forward (``grads``: each
    parameter's .grad or None, ``tracked``: whether the output required grad) against ``want``;
    the value: the largest deviation as a fraction of the tolerance."""
    err = as_error(got)
    if err is not None:
        return Verdict(False, f"{call} raised {err.describe()} under autograd")
    cut = "(no .item(), .detach(), .data, numpy or Python numbers on the way)"
    if not bool(got.get("tracked")):
        return Verdict(
            False,
            f"{call} with parameters that require grad returns an output that does not require "
            f"grad: autograd cannot reach the parameters; compute it with torch operations {cut}",
        )
    worst = 0.0
    for name, w in want.items():
        g = got["grads"].get(name)
        if g is None:
            return Verdict(
                False,
                f"{call}: no gradient reaches {name} (its .grad is None after backward): "
                f"{name} must enter the output as the tensor it is {cut}",
            )
        g, w = np.asarray(g, dtype=np.float64), np.asarray(w, dtype=np.float64)
        if g.shape != w.shape:
            return Verdict(False, f"{call}: {name}.grad has shape {g.shape}, expected {w.shape}")
        labels = [f"{name}.grad[{', '.join(map(str, i))}]" for i in np.ndindex(w.shape)]
        miss = first_mismatch(g.reshape(-1), w.reshape(-1), labels, atol=GRAD_ATOL, rtol=GRAD_RTOL)
        if miss is not None or not np.all(np.isfinite(g)):
            return Verdict(
                False,
                f"{call}: the gradient of sum(r * output) is wrong {miss or '(non-finite)'}: "
                "autograd differentiates what the forward computes, so it must be the "
                "documented formula",
            )
        if w.size:
            worst = max(worst, float(np.max(np.abs(g - w) / (GRAD_ATOL + GRAD_RTOL * np.abs(w)))))
    return Verdict(True, f"{call}: the gradients reach every parameter and match", worst)


def kinds_ok(kinds: Any, what: str, containers: tuple[str, ...] = ("list",)) -> Verdict:
    """A returned sequence is one of ``containers`` of Python floats."""
    if not isinstance(kinds, dict):
        return Verdict(False, f"{what}: nothing was returned")
    items = [str(t) for t in kinds.get("items", [])]
    kind = str(kinds.get("type", ""))
    if kind not in containers:
        return Verdict(False, f"{what} should be a {' or '.join(containers)}, got a {kind}")
    if items and items != ["float"]:
        return Verdict(
            False,
            f"{what} holds {', '.join(items)} values, expected Python floats (use .item() or "
            "float(...))",
        )
    return Verdict(True, f"{what}: a {kind} of Python floats")


def state_ok(run: dict[str, Any], fn: str) -> Verdict:
    """The call left torch's grad mode and default dtype as it found them."""
    before, after = run.get("before", {}), run.get("after", {})
    if after.get("grad") != before.get("grad"):
        mode = "off" if not after.get("grad") else "on"
        return Verdict(
            False,
            f"{fn} left gradient tracking {mode} after it returned (torch.set_grad_enabled "
            "changes it for all the code that runs after; use a with torch.no_grad(): block)",
        )
    if after.get("dtype") != before.get("dtype"):
        return Verdict(
            False,
            f"{fn} changed torch's default dtype from {before.get('dtype')} to "
            f"{after.get('dtype')} (torch.set_default_dtype changes it for all the code after)",
        )
    return Verdict(True, f"{fn} leaves torch's grad mode and default dtype as they were")


def midpoints(n: int) -> np.ndarray:
    """The training x: ``(i + 0.5) * 10 / n``, i = 0..n-1, in float64."""
    return (np.arange(n, dtype=np.float64) + 0.5) * (X_MAX / n)


# --- pieces -------------------------------------------------------------------------------------


@CHECKS.check("pieces", name="pieces_data_public", probe="pieces_public")
def pieces_data_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data(4) and make_train_data(): float32 (n, 1) midpoints of [0, 10] and sin x"""
    verdicts = []
    calls = (("data", "make_train_data(4)", 4), ("data_default", "make_train_data()", N_TRAIN))
    for key, call, n in calls:
        bad = failure(data, key, call)
        if bad is not None:
            return bad
        x_d, y_d = data[key]
        want_x, tol = (DATA_X4, RTOL) if n == 4 else (midpoints(n), DATA_TOL)
        want_y = DATA_Y4 if n == 4 else np.sin(midpoints(n))
        verdicts += [
            tensor_ok(x_d, (n, 1), f"{call} x"),
            tensor_ok(y_d, (n, 1), f"{call} y"),
            values_ok(
                x_d["values"],
                want_x,
                f"{call} x (midpoints (i + 0.5)·10/n)",
                rtol=tol,
                atol=min(tol, ATOL),
            ),
            values_ok(y_d["values"], want_y, f"{call} y = sin x", rtol=tol, atol=min(tol, ATOL)),
        ]
    return all_of(*verdicts)


@CHECKS.check("pieces", name="pieces_floor_public", probe="pieces_public")
def pieces_floor_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """best_origin_line_mse on the tiny problem and on the evaluation grid (0.4586): two Python
    floats (c, mse)"""
    cases = (
        ("floor", "best_origin_line_mse(x, sin x) on the tiny problem", FLOOR_TINY, RTOL, ATOL),
        ("floor_grid", "best_origin_line_mse(*make_eval_grid())", FLOOR_GRID, 0.0, FLOOR_GRID_ATOL),
    )
    verdicts = []
    for key, what, want, rtol, atol in cases:
        bad = failure(data, key, what)
        if bad is not None:
            return bad
        got = data[key]
        verdicts += [
            kinds_ok(got["kinds"], what, ("tuple", "list")),
            Verdict(
                len(got["values"]) == 2,
                f"{what} returns two numbers"
                if len(got["values"]) == 2
                else f"{what} should return two numbers (c, mse), got {len(got['values'])}",
            ),
            values_ok(got["values"], want, f"{what}: (c, mse)", rtol=rtol, atol=atol),
        ]
    return all_of(*verdicts)


@CHECKS.check("pieces", name="pieces_nobias_public", probe="pieces_public")
def pieces_nobias_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias on the tiny problem: relu(x @ W1) @ W2, float32 (N, 1)"""
    bad = failure(data, "nobias", "forward_nobias(x, W1, W2) on the tiny problem")
    if bad is not None:
        return bad
    return all_of(
        tensor_ok(data["nobias"], (4, 1), "forward_nobias output (N = 4)"),
        values_ok(data["nobias"]["values"], NOBIAS_TINY, "forward_nobias = relu(x @ W1) @ W2"),
    )


@CHECKS.check("pieces", name="pieces_bias_public", probe="pieces_public")
def pieces_bias_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_bias on the tiny problem, tanh and relu: act(x @ W1 + b1) @ W2 + b2, float32
    (N, 1)"""
    verdicts = []
    for act, want in (("tanh", TANH_TINY), ("relu", RELU_TINY)):
        bad = failure(data, act, f"forward_bias(x, params, {act!r}) on the tiny problem")
        if bad is not None:
            return bad
        verdicts += [
            tensor_ok(data[act], (4, 1), f"forward_bias output ({act}, N = 4)"),
            values_ok(
                data[act]["values"],
                want,
                f"forward_bias(..., {act!r}) = {act}(x @ W1 + b1) @ W2 + b2",
            ),
        ]
    return all_of(*verdicts)


GRADS_TINY = {  # gradients of sum(r * f(x)), r = (1, -1, 2, 0.5), on the tiny problem
    "nobias": {"W1": [[3.60000014, 0.0, -2.39999986]], "W2": [[4.79999971], [0.0], [1.80000007]]},
    "tanh": {
        "W1": [[0.24826856, 5.31395245, -2.31389236]],
        "b1": [0.455512375, 2.09590554, -0.875127792],
        "W2": [[1.75116992], [-0.480404109], [-0.365363657]],
        "b2": [2.5],
    },
    "relu": {
        "W1": [[3.60000014, -1.20000005, -0.800000012]],
        "b1": [1.5, 0.0, -0.200000003],
        "W2": [[4.05000019], [0.5], [0.150000036]],
        "b2": [2.5],
    },
}


@CHECKS.check("pieces", name="forward_grads_public", probe="forward_grads_public")
def forward_grads_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias and forward_bias are differentiable: autograd reaches every parameter with
    the documented gradient (tiny problem)"""
    calls = {
        "nobias": "forward_nobias(x, W1, W2)",
        "tanh": "forward_bias(x, params, 'tanh')",
        "relu": "forward_bias(x, params, 'relu')",
    }
    verdicts = [
        grads_ok(data[key], GRADS_TINY[key], f"{call} on the tiny problem")
        for key, call in calls.items()
    ]
    return all_of(*verdicts)


# --- the loops ----------------------------------------------------------------------------------


@CHECKS.check("gd_loop")
def gd_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps: 3 hand-written steps on a tiny problem, and 3 with large gradients on other
    targets; the losses a list of Python floats"""
    large = GD_LARGE
    cases = (
        ("run", "gd_steps(x, sin x, W1, W2, lr=0.05, steps=3) on the tiny problem", GD_TINY),
        (
            "large",
            f"gd_steps(x, y, {num(large['scale'])} W1, {num(large['scale'])} W2, "
            f"lr={num(large['lr'])}, steps={large['steps']}) on the tiny x with the targets "
            "y = 0.3, -0.2, 0.9, -0.6 (gradients in the thousands)",
            GD_LARGE_WANT,
        ),
    )
    verdicts = []
    for key, what, want in cases:
        bad = failure(data, key, what)
        if bad is not None:
            return bad
        run = data[key]
        bad = failure(run, "losses", f"{what}: turning the returned losses into numbers")
        if bad is not None:
            return bad
        k = len(want["losses"])
        verdicts += [
            values_ok(
                run["losses"],
                want["losses"],
                f"{what}: losses (MSE of the y handed in, before each update)",
                label="step",
            ),
            values_ok(run["W1"], want["W1"], f"{what}: W1 after {k} steps (W -= lr * W.grad)"),
            values_ok(run["W2"], want["W2"], f"{what}: W2 after {k} steps (W -= lr * W.grad)"),
            kinds_ok(run["loss_kinds"], "gd_steps: the returned losses"),
            state_ok(run, "gd_steps"),
        ]
    return all_of(*verdicts)


@CHECKS.check("adam_loop", weight=2)
def adam_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps: 5 (tanh) and 6 (relu) Adam steps on a tiny problem, lr / 10 after 3 * steps
    // 4, and 5 (tanh) on other targets; the losses a list of Python floats"""
    verdicts = []
    runs = [(act, act, want, "sin x") for act, want in ADAM_TINY.items()]
    runs.append(("tanh_targets", "tanh", ADAM_TARGETS_WANT, "y = 0.3, -0.2, 0.9, -0.6"))
    for key, act, want, targets in runs:
        k = ADAM_PUBLIC_STEPS[act]
        what = (
            f"adam_steps(x, {'sin x' if key == act else 'y'}, params, {act!r}, "
            f"lr={num(ADAM_PUBLIC_LR)}, steps={k}) on the tiny problem"
            + ("" if key == act else f" with the targets {targets}")
        )
        bad = failure(data, key, what)
        if bad is not None:
            return bad
        run = data[key]
        bad = failure(run, "losses", f"{what}: turning the returned losses into numbers")
        if bad is not None:
            return bad
        drop = f"lr / 10 after 3 * steps // 4 = {3 * k // 4} steps"
        verdicts.append(
            values_ok(
                run["losses"],
                want["losses"],
                f"adam_steps ({act}, {k} steps, targets {targets}) losses",
                label="step",
            )
        )
        for name, values in want["params"].items():
            verdicts.append(
                values_ok(
                    run["params"][name], values, f"{name} after {k} Adam steps ({act}; {drop})"
                )
            )
        verdicts.append(kinds_ok(run["loss_kinds"], "adam_steps: the returned losses"))
        verdicts.append(state_ok(run, "adam_steps"))
    return all_of(*verdicts)


# --- train_nobias / train_bias: smoke runs ------------------------------------------------------


def _data_reason(call: dict[str, Any]) -> str | None:
    """None when the loop was handed the 200 training midpoints and sin x, else what it got."""
    x = np.asarray(call["data_x"], dtype=np.float64)
    y = np.asarray(call["data_y"], dtype=np.float64)
    want = midpoints(N_TRAIN).reshape(-1, 1)
    if x.shape == want.shape and np.allclose(x, want, rtol=0, atol=DATA_TOL):
        if y.shape == want.shape and np.allclose(y, np.sin(want), rtol=0, atol=DATA_TOL):
            return None
        return "it trains on make_train_data's x but other targets than sin x"
    if x.size == 1001 and np.all(np.isfinite(x)) and abs(float(x.min())) < 1e-9:
        got = "the evaluation grid linspace(0, 10, 1001)"
    elif x.size and np.all(np.isfinite(x)):
        lo, hi = (num(round(float(v), 4)) for v in (x.min(), x.max()))
        got = f"{x.size} points in [{lo}, {hi}]"
    else:
        got = f"data of shape {x.shape}"
    return f"it trains on {got}, not on make_train_data's 200 midpoints of [0, 10] and sin x"


def _same(got: Any, want: Any, rtol: float = 1e-6, atol: float = 1e-7) -> bool:
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return g.shape == w.shape and bool(np.allclose(g, w, rtol=rtol, atol=atol))


def _handover(
    data: dict[str, Any], run: dict[str, Any], want: dict[str, Any], returned: dict[str, Any]
) -> str | None:
    """None when train_* handed its loop exactly the start, activation, lr and steps, once, and
    returned what the loop trained and returned; else what differs."""
    loop = "adam_steps" if "activation" in run else "gd_steps"
    n = int(data.get("n_calls", 0))
    if n == 0 or not data.get("calls"):
        return f"it trains without calling {loop}"
    if n > 1:
        return f"it calls {loop} {n} times"
    call = data["calls"][0]
    init = "init_bias" if loop == "adam_steps" else "init_nobias"
    if not all(_same(call["start"][k], v) for k, v in want["start"].items()):
        return f"it starts {loop} from other weights than {init}({run['hidden']}, {run['seed']})"
    if "activation" in run and call["act"] != run["activation"]:
        return f"it hands {loop} the activation {call['act']!r}, expected {run['activation']!r}"
    if not math.isclose(float(call["rate"]), float(run["lr"]), rel_tol=1e-9):
        return f"it hands {loop} lr = {num(call['rate'])}, expected {num(run['lr'])}"
    if float(call["count"]) != int(run["steps"]):
        return f"it hands {loop} steps = {num(call['count'])}, expected {run['steps']}"
    if failure(call, "losses", loop) is not None or not _same(
        returned["losses"], call["losses"], 0, 0
    ):
        return f"it returns another loss history than the one {loop} returned"
    if not all(_same(returned[k], call["end"][k], 0, 0) for k in want["start"]):
        return f"it returns other tensors than the ones {loop} trained"
    return None


def _numbers(pairs: list[tuple[str, Any, Any]]) -> str | None:
    """Where the first of ``pairs`` (name, got, want) leaves the smoke tolerance, else None."""
    for name, got, want in pairs:
        g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
        if g.size != w.size:
            return f"{name} has {g.size} values, expected {w.size}"
        step = name == "the loss"
        labels = [f"{name}, step {i + 1}" if step else f"{name} entry {i}" for i in range(w.size)]
        miss = first_mismatch(
            g.reshape(-1), w.reshape(-1), labels, atol=SMOKE_ATOL, rtol=SMOKE_RTOL
        )
        if miss is not None:
            return miss
        if not np.all(np.isfinite(g)):
            return f"{name} holds non-finite values"
    return None


def _smoke(data: dict[str, Any], run: dict[str, Any], want: dict[str, Any]) -> Verdict:
    """One smoke run of train_nobias / train_bias against the documented loop's numbers."""
    bias = "activation" in run
    fn, loop = ("train_bias", "adam_steps") if bias else ("train_nobias", "gd_steps")
    act = f"{run['activation']!r}, " if bias else ""
    h, k = int(run["hidden"]), int(run["steps"])
    what = f"{fn}({act}{run['seed']}, device, hidden={h}, lr={num(run['lr'])}, steps={k})"
    bad = failure(data, "result", what)
    if bad is not None:
        return bad
    res = data["result"]
    if "returned" in res:
        wanted = "(params, losses)" if bias else "(W1, W2, losses)"
        return Verdict(
            False, f"{what} should return {wanted}, got a {res['returned']} of {res['length']}"
        )
    if bias and (res["type"] != "dict" or res["keys"] != sorted(want["params"])):
        return Verdict(
            False,
            f"{what} should return a dict with keys W1, b1, W2, b2, got a {res['type']} with "
            f"keys {', '.join(map(str, res['keys'])) or 'none'}",
        )
    tensors = res["params"] if bias else {n: res[n] for n in ("W1", "W2")}
    shapes = {n: np.shape(v) for n, v in want["params"].items()}
    shape = all_of(*(tensor_ok(tensors[n], s, f"{what} {n}") for n, s in shapes.items()))
    if not shape.passed:
        return shape
    bad = failure(res, "losses", f"{what}: turning the loss history into numbers")
    if bad is not None:
        return bad
    if res["loss_kinds"].get("type") != "list" or np.size(res["losses"]) != k:
        return Verdict(
            False,
            f"{what}: the loss history should be a list of {k} losses, got a "
            f"{res['loss_kinds'].get('type')} of {np.size(res['losses'])}",
        )
    if data.get("calls"):
        reason = _data_reason(data["calls"][0])
        if reason is not None:
            return Verdict(False, f"{what}: {reason}")
    returned = {n: tensors[n]["values"] for n in shapes} | {"losses": res["losses"]}
    pairs = [("the loss", res["losses"], want["losses"])]
    pairs += [(n, returned[n], want["params"][n]) for n in shapes]
    miss = _numbers(pairs)
    start = f"{'init_bias' if bias else 'init_nobias'}({h}, {run['seed']})"
    if miss is None:
        return Verdict(True, f"{what} matches {loop} run from {start} on the 200 midpoints")
    reason = _handover(data, run, want, returned)
    if reason is None:
        return Verdict(
            True,
            f"{what} hands {loop} the 200 midpoints, {start}, lr and steps and returns what it "
            f"trained; its numbers differ only because {loop} does (see the "
            f"{'adam_loop' if bias else 'gd_loop'} checks)",
        )
    return Verdict(
        False,
        f"{what} differs from {loop} run from {start} on make_train_data's data: {miss}; {reason}",
    )


@CHECKS.check("fit_nobias", name="nobias_smoke_public", probe="train_nobias_smoke")
def nobias_smoke_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias smoke run: 3 steps from init_nobias(3, 3) on the 200 training midpoints

    train_nobias(3, device, hidden=3, lr=2e-3, steps=3): what it hands to gd_steps (the 200
    training midpoints, init_nobias(3, 3), lr, steps) and what it returns (float32 W1 (1, 3),
    W2 (3, 1), the list of 3 losses), against the documented loop's numbers.
    """
    return _smoke(data, NOBIAS_SMOKE, NOBIAS_SMOKE_WANT)


@CHECKS.check("fit_bias", name="bias_smoke_public", probe="train_bias_smoke")
def bias_smoke_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias smoke runs (tanh, relu): 4 Adam steps from init_bias(3, seed) on the 200
    training midpoints

    train_bias("tanh", 3, device, hidden=3, lr=0.05, steps=4) and ("relu", 4, ...): what each
    hands to adam_steps (the 200 training midpoints, init_bias(3, seed), the activation, lr,
    steps) and what it returns (a dict of float32 W1, b1, W2, b2 and the list of 4 losses),
    against the documented loop's numbers.
    """
    verdicts = []
    for run, got in zip(BIAS_SMOKE, data["runs"]):
        v = _smoke(got, run, BIAS_SMOKE_WANT[run["activation"]])
        if not v.passed:
            return v
        verdicts.append(v)
    return all_of(*verdicts)


# --- landmarks ----------------------------------------------------------------------------------


@CHECKS.check("landmarks", weight=2)
def landmarks_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions for f(x) = 2x - 1: (f(pi/2), f(pi)) as two Python floats, predict
    called with an (N, 1) float32 tensor and gradients off (and on again after), printed only
    when verbose"""
    want = [2 * math.pi / 2 - 1, 2 * math.pi - 1]
    marks = [f"{v:+.4f}" for v in want]
    for key, call in (("quiet", "verbose=False"), ("loud", "no verbose argument")):
        what = f"landmark_predictions(f, device) with {call}, for f(x) = 2x - 1"
        bad = failure(data, key, what)
        if bad is not None:
            return bad
        d = data[key]
        if d["type"] not in ("tuple", "list") or len(d["values"]) != 2:
            return Verdict(False, f"{what} should return (f(pi/2), f(pi)), got a {d['type']}")
        v = values_ok(
            d["values"], want, f"{what}: (f(pi/2), f(pi))", rtol=LANDMARK_TOL, atol=LANDMARK_TOL
        )
        if not v.passed:
            return v
        if len(d["item_types"]) != 2 or sorted(set(map(str, d["item_types"]))) != ["float"]:
            return Verdict(
                False,
                f"{what} returned {', '.join(map(str, d['item_types']))}, expected two Python "
                "floats (use .tolist(), .item() or float(...))",
            )
        if not d["calls"]:
            return Verdict(False, f"{what} never called predict")
        for c in d["calls"]:
            shape = [int(s) for s in c["shape"]]
            if c["dtype"] != "float32" or len(shape) != 2 or shape[1] != 1:
                got = f"a {c['dtype']} tensor" if c["dtype"] else "something other than a tensor"
                return Verdict(
                    False,
                    f"{what} called predict with {got} of shape {tuple(shape)}, expected an "
                    "(N, 1) float32 tensor (the points pi/2 and pi as rows)",
                )
            if c["grad"]:
                return Verdict(
                    False,
                    f"{what} called predict with gradient tracking on: compute the predictions "
                    "inside torch.no_grad()",
                )
        state = state_ok(d, "landmark_predictions")
        if not state.passed:
            return Verdict(False, f"{what}: {state.message}")
        printed = str(d["printed"])
        if key == "quiet" and printed:
            return Verdict(False, f"{what} printed {printed[:80]!r}, expected nothing")
        if key == "loud" and not all(m in printed for m in marks):
            return Verdict(
                False,
                f"{what} should print f(pi/2) = {marks[0]} and f(pi) = {marks[1]}, printed "
                f"{printed.strip()[:80]!r}",
            )
    return Verdict(
        True,
        "landmark_predictions for f(x) = 2x - 1: (f(pi/2), f(pi)) as Python floats, predict "
        "called with (N, 1) float32 points and gradients off, printed only when verbose",
    )
