"""Hidden checks of sine_bias: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).

Device clauses (``*_device``) are judged only when the grading device is not the CPU; on the
CPU they say so with ``NOT_CHECKED_ON_CPU``, after the function ran (a function that raises
fails them everywhere, so the stub scores zero on every machine).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks.core import NOT_CHECKED_ON_CPU, CheckTable, JudgeContext, Verdict, as_error
from autograder.checks.global_rng import untouched
from autograder.checks.judging import all_of, as_array, failure, first_mismatch, num
from autograder.checks.plaindata import clean_text
from autograder.checks.sine_bias import reference as ref
from autograder.checks.sine_bias.probes import (
    ADAM_QUIET_RUNS,
    ADAM_STALE_RUNS,
    FRESH_N,
    GD_GRADS_RUNS,
    N_TRAIN,
    PARAM_NAMES,
    QUIET_B1,
    TINY_PARAMS,
    TINY_X,
    X_MAX,
)
from autograder.checks.sine_bias.public import grads_ok, tensor_ok, values_ok
from autograder.checks.sine_bias.public import kinds_ok as _kinds_ok

CHECKS = CheckTable(__name__)

LANDMARKS = np.array(
    [math.pi / 2, math.pi], dtype=np.float32
)  # where the probes evaluate f (float32, as there)
# float32 forwards of the same formula (any device, any reduction order)
FWD_RTOL, FWD_ATOL = 1e-5, 1e-5
LANDMARK_RTOL = LANDMARK_ATOL = 1e-6  # as strict as the public landmarks check
CONSISTENCY = 1e-4
"""The net's own predictions vs the formula applied to its returned parameters (relative to
scale): only a hint in the fit messages."""


def state_reason(run: dict[str, Any], fn: str) -> str | None:
    """None when the call left torch's grad mode and default dtype as it found them (the probe's
    ``before`` and ``after``), else what changed and what to do instead."""
    before, after = run.get("before", {}), run.get("after", {})
    if after.get("grad") != before.get("grad"):
        mode = "off" if not after.get("grad") else "on"
        return (
            f"{fn} left gradient tracking {mode} after it returned (torch.set_grad_enabled "
            "changes it for all the code that runs after; use a with torch.no_grad(): block)"
        )
    if after.get("dtype") != before.get("dtype"):
        return (
            f"{fn} changed torch's default dtype from {before.get('dtype')} to "
            f"{after.get('dtype')} (torch.set_default_dtype changes it for all the code after)"
        )
    return None


def _on_device(devices: Any, ctx: JudgeContext, what: str) -> Verdict:
    """Every device name in ``devices`` is the one asked for."""
    names = [str(d) for d in np.asarray(devices, dtype=object).reshape(-1)]
    wrong = sorted({d for d in names if d != ctx.device})
    if not names:
        return Verdict(False, f"{what}: nothing was recorded")
    if wrong:
        return Verdict(
            False, f"{what} is on {', '.join(wrong)}, expected the device asked for ({ctx.device})"
        )
    return Verdict(True, f"{what} on {ctx.device}")


# --- pieces -------------------------------------------------------------------------------------


@CHECKS.check("pieces", weight=2)
def train_data(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data: float32 (n, 1) midpoints and sin x, n = 200 and 37

    make_train_data(): float32 (n, 1) midpoints of [0, 10] and sin x, for the default n = 200
    and for n = 37.
    """
    verdicts = []
    for key, n in (("default", N_TRAIN), ("n37", 37)):
        call = "make_train_data()" if key == "default" else f"make_train_data({n})"
        xd, yd = data[key]
        x = (np.arange(n, dtype=np.float64) + 0.5) * (X_MAX / n)
        verdicts += [
            tensor_ok(xd, (n, 1), f"{call} x"),
            tensor_ok(yd, (n, 1), f"{call} y"),
            values_ok(
                xd["values"], x, f"{call} x (midpoints (i + 0.5)·10/n)", rtol=1e-6, atol=1e-6
            ),
            values_ok(yd["values"], np.sin(x), f"{call} y = sin x", rtol=1e-6, atol=1e-6),
        ]
    return all_of(*verdicts)


@CHECKS.check("pieces")
def train_data_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data puts x and y on the device asked for (checked under --device cuda only)"""
    if ctx.device == "cpu":
        return Verdict(True, NOT_CHECKED_ON_CPU)
    labels = ("make_train_data(7, device=...)", "make_train_data(7, device)", "make_train_data()")
    return all_of(
        *(_on_device(d, ctx, f"{label}: x and y") for label, d in zip(labels, data["devices"]))
    )


@CHECKS.check("pieces", weight=4)
def train_data_fresh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data returns new tensors on every call, with the same values

    make_train_data(23, device) twice: the second call returns other tensor objects than the
    first, on storage of their own, with the same values bit for bit even after the first call's
    x and y were changed in place (x += 1, y *= -2). A module-level cache of (x, y) per (n,
    device) hands every caller the same tensors, so one caller's in-place change (a shuffle, a
    normalisation) shows in every later call.
    """
    call = f"make_train_data({FRESH_N}, device)"
    for i, name in enumerate(("x", "y")):
        if data["same"][i] is not False:
            return Verdict(
                False,
                f"a second {call} returned the very {name} tensor object of the first call: "
                "build new tensors on every call (no cache), or a caller's in-place change to "
                f"one call's {name} shows in every later call",
            )
        if data["shared"][i] is not False:
            return Verdict(
                False,
                f"a second {call} returned an {name} that shares its storage with the first "
                "call's (a view of a cached tensor): build new tensors on every call",
            )
    for i, name in enumerate(("x", "y")):
        first = as_array(data["first"][i], name=f"{call} {name} (first call)")
        second = as_array(data["second"][i], name=f"{call} {name} (second call)")
        if first.shape != second.shape:
            return Verdict(
                False,
                f"two calls of {call} gave {name} of shapes {first.shape} and {second.shape}",
            )
        if not np.array_equal(first, second):
            diff = np.argwhere(first != second)
            at = tuple(int(v) for v in diff[0]) if diff.size else ()
            return Verdict(
                False,
                f"after the first {call}'s x += 1 and y *= -2 (in place), the second call's "
                f"{name}{list(at)} is {num(float(second[at]))}, the first call gave "
                f"{num(float(first[at]))}: every call must give new tensors with the same "
                "values (nothing kept between calls)",
            )
    return Verdict(
        True, f"{call} twice: new tensors each time, with equal values (in-place edits stay put)"
    )


@CHECKS.check("pieces", weight=5, probe="loops_rng")
def train_data_global_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data leaves torch's global generator where the caller left it

    After torch.manual_seed(g), one draw and make_train_data(23, device), torch.rand gives what
    it gives without the call: make_train_data neither reseeds nor draws from the global
    generator (the midpoint grid has nothing random), and no global generator state is saved
    and put back.
    """
    case = data["data"]
    return untouched(
        case["after"],
        int(case["global_seed"]),
        f"make_train_data({FRESH_N}, device)",
        "the midpoints (i + 0.5)·10/n are not random: do not call torch.manual_seed or draw "
        "random numbers in make_train_data",
        outcome=case.get("call"),
        watch=case.get("watch"),
    )


@CHECKS.check("pieces", weight=2)
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


@CHECKS.check("pieces", probe="floor_numbers")
def floor_types(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """best_origin_line_mse returns (c, mse) as two Python floats"""
    for kinds, where in zip(data["kinds"], ("the evaluation grid", "random data")):
        v = _kinds_ok(kinds, f"best_origin_line_mse on {where}", ("tuple", "list"))
        if not v.passed:
            return v
    if len(data["grid"]) != 2 or len(data["random"]) != 2:
        return Verdict(False, "best_origin_line_mse should return two numbers (c, mse)")
    return Verdict(True, "best_origin_line_mse returns (c, mse) as Python floats")


@CHECKS.check("pieces", probe="floor_numbers")
def floor_inputs_unchanged(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """best_origin_line_mse leaves the caller's x and y as they were (float32 and float64)"""
    if not data.get("inputs_unchanged"):
        return Verdict(
            False,
            "best_origin_line_mse(x, y) changed the caller's x or y (on float32 or on float64 "
            "inputs, where .double() returns the tensor itself): compute the residual out of "
            "place (c * x - y), not with -= or other in-place operations",
        )
    return Verdict(True, "best_origin_line_mse leaves x and y as they were")


@CHECKS.check("pieces", weight=2)
def forward_nobias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias vs relu(x @ W1) @ W2 on random inputs

    forward_nobias against relu(x @ W1) @ W2 on random inputs (including x < 0).
    """
    verdicts = []
    for case in data["cases"]:
        h = np.asarray(case["W1"]).shape[1]
        want = ref.nobias_curve(case["W1"], case["W2"], as_array(case["x"]))
        verdicts += [
            tensor_ok(case["out"], (len(want), 1), f"forward_nobias output (N = 64, H = {h})"),
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
        f"forward_nobias: f(3x) != 3 f(x) for x >= 0 (deviation {worst:.2e}): a bias-free ReLU "
        "net is positively homogeneous",
        worst,
    )


@CHECKS.check("pieces", weight=3)
def forward_bias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_bias vs act(x @ W1 + b1) @ W2 + b2 (tanh, relu)

    forward_bias against act(x @ W1 + b1) @ W2 + b2 with random parameters.
    """
    verdicts = []
    for case in data["cases"]:
        act, h = case["activation"], np.asarray(case["params"]["W1"]).shape[1]
        want = ref.bias_curve(case["params"], act, as_array(case["x"]))
        verdicts += [
            tensor_ok(case["out"], (len(want), 1), f"forward_bias output ({act}, N = 64, H = {h})"),
            values_ok(
                case["out"]["values"],
                want,
                f"forward_bias ({act}, H = {h}) vs {act}(x @ W1 + b1) @ W2 + b2",
                rtol=FWD_RTOL,
                atol=FWD_ATOL,
            ),
        ]
    return all_of(*verdicts)


def _forward_grads(data: dict[str, Any], bias: bool) -> Verdict:
    fn = "forward_bias" if bias else "forward_nobias"
    worst = 0.0
    for case in data["cases"]:
        act = case["activation"]
        if (act is not None) != bias:
            continue
        h = np.asarray(case["params"]["W1"]).shape[1]
        args = f"x, params, {act!r}" if bias else "x, W1, W2"
        v = grads_ok(case["result"], ref.forward_grads(case), f"{fn}({args}) (H = {h})")
        if not v.passed:
            return v
        worst = max(worst, v.value or 0.0)
    return Verdict(
        True,
        f"{fn}: autograd reaches every parameter with the documented gradient (largest "
        f"deviation {worst:.2g} of the tolerance)",
        worst,
    )


@CHECKS.check("pieces", weight=3, probe="forward_grads")
def forward_nobias_grads(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias is differentiable: autograd gives the documented gradients for W1 and W2

    forward_nobias(x, W1, W2) with leaf parameters that require grad, on random x in [-3, 10]:
    backward of sum(r * output) for random r gives W1.grad and W2.grad of relu(x @ W1) @ W2
    (gd_steps trains through it).
    """
    return _forward_grads(data, bias=False)


@CHECKS.check("pieces", weight=2, probe="forward_grads")
def forward_bias_grads(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_bias is differentiable: autograd gives the documented gradients for all four
    tensors

    forward_bias(x, params, act), tanh and relu, with leaf parameters that require grad: backward
    of sum(r * output) for random r gives the gradients of act(x @ W1 + b1) @ W2 + b2 for W1, b1,
    W2 and b2 (adam_steps trains all four through it).
    """
    return _forward_grads(data, bias=True)


def _args_unchanged(data: dict[str, Any], key: str, call: str) -> Verdict:
    bad = failure(data, key, call)
    if bad is not None:
        return bad
    changed = [str(c) for c in data[key]]
    if changed:
        return Verdict(
            False,
            f"{call} changed its arguments: {'; '.join(changed)} (a forward pass must not modify "
            "the tensors or the dict it is given: later code, adam_steps's optimizer included, "
            "still uses them)",
        )
    return Verdict(True, f"{call} leaves its arguments as they were")


@CHECKS.check("pieces", weight=2, probe="forward_args")
def forward_nobias_args(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias leaves x, W1 and W2 as they were (shapes, values)"""
    return _args_unchanged(data, "nobias", "forward_nobias(x, W1, W2) on the tiny problem")


@CHECKS.check("pieces", weight=2, probe="forward_args")
def forward_bias_args(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_bias leaves x and the params dict as they were (keys, the same tensors, shapes,
    values)

    forward_bias(x, params, act), tanh and relu, on the tiny problem: afterwards params has the
    keys W1, b1, W2, b2 holding the very tensors it was given, with their shapes and values, and
    x is unchanged.
    """
    return all_of(
        *(
            _args_unchanged(data, act, f"forward_bias(x, params, {act!r}) on the tiny problem")
            for act in ("tanh", "relu")
        )
    )


def _losses_ok(res: dict[str, Any], steps: int, what: str) -> Verdict:
    """A list of ``steps`` numbers (that they are Python floats is the loop's clause, judged by
    gd_losses_floats / adam_losses_floats, so a loop returning tensors is not blamed here)."""
    bad = failure(res, "losses", f"{what}: turning the loss history into numbers")
    if bad is not None:
        return bad
    n = np.size(res["losses"])
    if n != steps:
        return Verdict(False, f"{what} returned {n} losses, expected {steps} (one per step)")
    kind = str(res["loss_kinds"].get("type", ""))
    if kind != "list":
        return Verdict(False, f"{what}: the loss history should be a list, got a {kind}")
    return Verdict(True, f"{what}: a list of {steps} losses")


@CHECKS.check("pieces", weight=2)
def trained_shapes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias returns float32 W1 (1, H), W2 (H, 1) and a list of steps losses

    train_nobias(seed, hidden=6, lr=1e-4, steps=3): W1 (1, 6) and W2 (6, 1) float32 tensors and
    the loss history, a list of 3 losses.
    """
    what = "train_nobias(seed, hidden=6, lr=1e-4, steps=3)"
    bad = failure(data, "nobias", what)
    if bad is not None:
        return bad
    nb = data["nobias"]
    if "returned" in nb:
        return Verdict(
            False, f"{what} should return (W1, W2, losses), got a {nb['returned']} of "
            f"{nb['length']}"
        )  # fmt: skip
    return all_of(
        tensor_ok(nb["W1"], (1, 6), f"{what} W1"),
        tensor_ok(nb["W2"], (6, 1), f"{what} W2"),
        _losses_ok(nb, 3, what),
    )


@CHECKS.check("pieces", weight=2, probe="trained_shapes")
def trained_shapes_bias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias returns a dict of float32 W1, b1, W2, b2 and a list of steps losses

    train_bias(act, seed, hidden=9, lr=1e-3, steps=4), tanh and relu: a dict of float32 tensors
    W1 (1, 9), b1 (9,), W2 (9, 1), b2 (1,) and the loss history, a list of 4 losses.
    """
    shapes = {"W1": (1, 9), "b1": (9,), "W2": (9, 1), "b2": (1,)}
    verdicts = []
    for act in ("tanh", "relu"):
        what = f"train_bias({act!r}, seed, hidden=9, lr=1e-3, steps=4)"
        bad = failure(data, act, what)
        if bad is not None:
            return bad
        d = data[act]
        if "returned" in d:
            return Verdict(
                False, f"{what} should return (params, losses), got a {d['returned']} of "
                f"{d['length']}"
            )  # fmt: skip
        if d["type"] != "dict" or d["keys"] != sorted(PARAM_NAMES):
            return Verdict(
                False,
                f"{what} should return a dict with keys W1, b1, W2, b2, got a {d['type']} with "
                f"keys {', '.join(map(str, d['keys'])) or 'none'}",
            )
        verdicts += [tensor_ok(d["params"][k], s, f"{what} {k}") for k, s in shapes.items()]
        verdicts.append(_losses_ok(d, 4, what))
    return all_of(*verdicts)


# --- trajectories -------------------------------------------------------------------------------


def _excess(got: Any, want: Any, ctx: JudgeContext) -> float:
    """``max |g - w| / (atol + rtol |w|)``: allclose(rtol=traj_rtol, atol=traj_atol) holds iff
    this is at most 1 (inf for another shape or a non-finite value)."""
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if g.shape != w.shape or not np.all(np.isfinite(g)):
        return math.inf
    if not g.size:
        return 0.0
    rtol, atol = ctx.threshold("traj_rtol"), ctx.threshold("traj_atol")
    return float(np.max(np.abs(g - w) / (atol + rtol * np.abs(w))))


def _first_difference(pairs: list[tuple[str, Any, Any]], ctx: JudgeContext) -> str:
    """Where the first of ``pairs`` (name, got, want) leaves the tolerance, in plain numbers."""
    rtol, atol = ctx.threshold("traj_rtol"), ctx.threshold("traj_atol")
    for name, got, want in pairs:
        if _excess(got, want, ctx) <= 1:
            continue
        g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
        if name == "the loss history":
            if g.shape != w.shape:
                return f"the loss history has {g.size} entries, expected {w.size}"
            labels: list[Any] = [f"step {i + 1}" for i in range(w.size)]
        elif g.shape != w.shape:
            return f"{name} has shape {g.shape}, expected {w.shape}"
        else:
            labels = [f"{name}[{', '.join(map(str, i))}]" for i in np.ndindex(w.shape)]
        miss = first_mismatch(g.reshape(-1), w.reshape(-1), labels, atol=atol, rtol=rtol)
        if miss is None:  # a non-finite value isclose does not flag
            return f"{name} holds non-finite values"
        return f"{'the loss ' if name == 'the loss history' else ''}{miss}"
    return "no difference"


def _first_bad_step(got: Any, want: Any, ctx: JudgeContext) -> int | None:
    """The first step (1-based) whose loss leaves the trajectory tolerance, None if none does
    (0 when the histories have different lengths or non-finite values)."""
    g, w = np.asarray(got, dtype=np.float64).reshape(-1), np.asarray(want, dtype=np.float64)
    if g.shape != w.shape:
        return 0
    bad = ~np.isclose(g, w, rtol=ctx.threshold("traj_rtol"), atol=ctx.threshold("traj_atol"))
    return int(np.argmax(bad)) + 1 if bad.any() else None


def _unchanged(got: Any, start: Any) -> bool:
    """Whether a tensor after the loop still holds exactly its start."""
    g, w = np.asarray(got, dtype=np.float64), np.asarray(start, dtype=np.float64)
    return g.shape == w.shape and bool(np.array_equal(g, w))


def _loop_hint(
    got: Any, want: Any, ctx: JudgeContext, steps: int, adam: bool, untouched: bool = False
) -> str:
    """What the first differing step of a loop's loss history points to (the loss at step k is
    measured before update k, so step 1 judges the forward and the loss alone); ``untouched``:
    the tensors handed over still hold the start after the call."""
    k = _first_bad_step(got, want, ctx)
    update = (
        "Adam over all four tensors with lr and the default betas"
        if adam
        else "W -= lr * W.grad for both tensors under torch.no_grad()"
    )
    if k == 0:
        return f"return one loss per step ({steps} steps), each measured before its update"
    if k == 1:
        return (
            "the first loss already differs, before any update: compute the MSE "
            "((y_hat - y) ** 2).mean() of the net on the x and y you are handed"
        )
    if k == 2:
        return f"the first loss matches but the second does not: the first update ({update})"
    if adam and k == 3 * steps // 4 + 2:
        return (
            f"the losses match up to step {k - 1} and differ from step {k}: the learning-rate drop "
            f"(lr / 10 after 3 * steps // 4 = {3 * steps // 4} steps, the schedule stepped once "
            "after each optimizer step)"
        )
    if k is None and untouched:
        return (
            "every loss matches but the tensors you were handed still hold the start after the "
            "call: the loop trained other tensors (copies); update the ones you were handed in "
            "place"
        )
    if k is None:
        small = (
            "an Adam setting other than lr and the defaults, such as eps, betas or weight decay"
            if adam
            else "anything besides W -= lr * W.grad, such as momentum, weight decay or a clamp"
        )
        return (
            "every loss agrees within the tolerance but the tensors after the loop differ: "
            f"either every update is slightly off ({small}) or the last update is missing or "
            "extra"
        )
    zero = "zero_grad every step" if adam else "zero both gradients every step"
    tail = f", lr / 10 after 3 * steps // 4 = {3 * steps // 4} steps" if adam else ""
    return (
        f"the losses match for {k - 1} steps and then drift apart from step {k}: {update}, "
        f"{zero}{tail} (an optimizer variant such as amsgrad, weight decay, clipping or a clamp "
        "shows only after some steps)"
    )


def _replayed(pairs: list[tuple[str, Any, Any]], ctx: JudgeContext, what: str) -> Verdict:
    worst = max(_excess(g, w, ctx) for _, g, w in pairs)
    if worst <= 1:
        return Verdict(
            True,
            f"{what} matches the reference loop step by step (largest deviation "
            f"{worst:.2g} of the tolerance)",
            worst,
        )
    difference = _first_difference(pairs, ctx)
    return Verdict(False, f"{what} differs from the reference loop: {difference}", worst)


@CHECKS.check("gd_loop", weight=3)
def gd_trajectory(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps: 22 steps (lr 8e-4) match the hand-written loop step by step (2 seeds, 2 targets)

    gd_steps for 22 steps with lr 8e-4 from init_nobias(16, seed) on the training x, against the
    reference loop, two seeds, the second on targets other than sin x: every loss (before its
    update), W1 and W2 after; and torch's grad mode and default dtype as they were after the call.
    """
    lr, k = float(data["lr"]), int(data["steps"])
    worst = 0.0
    for run in data["runs"]:
        want = ref.gd_run(run["init"], lr, k, run["y"])
        pairs = [
            ("the loss history", run["losses"], want["losses"]),
            ("W1", run["W1"], want["W1"]),
            ("W2", run["W2"], want["W2"]),
        ]
        targets = "sin x" if run["y"] is None else "other targets y (not sin x)"
        what = (
            f"gd_steps(x, y, W1, W2, lr={num(lr)}, steps={k}) from init_nobias(16, {run['seed']}) "
            f"on {targets}"
        )
        v = _replayed(pairs, ctx, what)
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            still = all(_unchanged(run[n], run["init"][n]) for n in ("W1", "W2"))
            hint = _loop_hint(run["losses"], want["losses"], ctx, k, adam=False, untouched=still)
            return Verdict(False, f"{v.message}; {hint}", worst)
        reason = state_reason(run, "gd_steps")
        if reason is not None:
            return Verdict(False, reason, worst)
    return Verdict(
        True,
        f"gd_steps matches the hand-written loop step by step, 2 starts, sin x and other targets "
        f"(largest deviation {worst:.2g} of the tolerance)",
        worst,
    )


@CHECKS.check("gd_loop", probe="gd_trajectory")
def gd_losses_floats(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps returns its losses as a list of Python floats"""
    for run in data["runs"]:
        v = _kinds_ok(run["loss_kinds"], "gd_steps: the returned losses")
        if not v.passed:
            return v
    return Verdict(True, "gd_steps returns a list of Python floats")


@CHECKS.check("gd_loop", weight=2, probe="gd_grads_after")
def gd_grads_zeroed(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps leaves no gradient behind: W1.grad and W2.grad are zero (or None) once it returns

    gd_steps for 1 step (lr 8e-4) from init_nobias(16, 7) and for 5 steps (lr 5e-4) from
    init_nobias(16, 8) on the training data: afterwards W1.grad and W2.grad are None or all
    zeros. The docstring zeroes both gradients after each update; zeroed at the start of each
    step instead, the losses and weights are the same but the last step's gradient stays in
    W.grad, and the next backward() (a second gd_steps call) adds onto it. Judged on its own
    (the probe hands gd_steps the specified forward, and nothing here depends on the updates).
    """
    runs = data["runs"]
    if not isinstance(runs, list) or len(runs) != len(GD_GRADS_RUNS):
        return Verdict(False, f"gd_steps: expected {len(GD_GRADS_RUNS)} recorded runs")
    for (seed, lr, steps), run in zip(GD_GRADS_RUNS, runs):
        what = (
            f"gd_steps(x, y, W1, W2, lr={num(lr)}, steps={steps}) from "
            f"init_nobias({int(ctx.param('nobias_hidden'))}, {seed}) on sin x"
        )
        for name in ("W1", "W2"):
            grad = run["grads"][name]
            if grad is None:
                continue
            g = as_array(grad)
            left = float(np.max(np.abs(g))) if g.size else 0.0
            if not math.isfinite(left) or left != 0.0:
                return Verdict(
                    False,
                    f"{what} left {name}.grad non-zero after it returned (largest |{name}.grad| "
                    f"{left:.3g}): zero both gradients after each update (W -= lr * W.grad, then "
                    "W.grad.zero_()), not at the start of the next step, or the next backward() "
                    "(a second gd_steps call) adds the old gradient onto the new one",
                    left,
                )
    return Verdict(
        True, "gd_steps leaves W1.grad and W2.grad zero (or None) after 1 and after 5 steps", 0.0
    )


@CHECKS.check("gd_loop", weight=2, probe="loops_rng")
def gd_global_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps leaves torch's global generator where the caller left it

    After torch.manual_seed(g), one draw and gd_steps(x, y, W1, W2, lr=0.05, steps=2) on the tiny
    problem (the specified forward), torch.rand gives what it gives without the call: gd_steps
    neither reseeds nor draws from the global generator (full batch, no shuffle), and no global
    generator state is saved and put back.
    """
    case = data["gd"]
    return untouched(
        case["after"],
        int(case["global_seed"]),
        "gd_steps(x, y, W1, W2, lr=0.05, steps=2) on 4 points",
        "every step uses the full batch in its order: do not call torch.manual_seed, "
        "torch.randperm or any other random draw in gd_steps",
        outcome=case.get("call"),
        watch=case.get("watch"),
    )


@CHECKS.check(
    "adam_loop",
    weight=3,
    name="adam_trajectory_relu",
    description="adam_steps: 22, 21 and 120 steps match the Adam loop step by step (relu)",
)
@CHECKS.check(
    "adam_loop",
    weight=3,
    name="adam_trajectory_tanh",
    description="adam_steps: 22, 21 and 120 steps match the Adam loop step by step (tanh)",
)
def adam_trajectory(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps for 22 steps (lr 0.03), 21 steps (lr 0.015) and 120 steps (lr 0.02) from
    init_bias(32, seed + i) on the training x (the last two on targets other than sin x), against
    the reference Adam loop (lr / 10 after 16, 15 and 90 steps); and torch's grad mode and
    default dtype as they were after each call.

    The hint follows the first differing step: step 1 is the loss of the start (forward and
    MSE), step 2 the first update, the step after the milestone the learning-rate drop; a later
    drift is an optimizer variant (amsgrad shows only in the long run)."""
    act = data["activation"]
    worst = 0.0
    for run in data["runs"]:
        lr, k = float(run["lr"]), int(run["steps"])
        want = ref.adam_run(run["init"], act, lr, k, y=run["y"])
        pairs = [("the loss history", run["losses"], want["losses"])]
        pairs += [(n, run["params"][n], want["params"][n]) for n in PARAM_NAMES]
        targets = "sin x" if run["y"] is None else "other targets y (not sin x)"
        what = (
            f"adam_steps(x, y, params, {act!r}, lr={num(lr)}, steps={k}) from "
            f"init_bias(32, {run['seed']}) on {targets}"
        )
        v = _replayed(pairs, ctx, what)
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            replaced = [str(n) for n in run.get("replaced", [])]
            if replaced:
                hint = (
                    f"params[{', '.join(map(repr, replaced))}] no longer holds the tensor it was "
                    "handed after the call: the optimizer updates the tensors it was given, so "
                    "nothing (forward_bias included) may put other tensors into params"
                )
            else:
                still = all(_unchanged(run["params"][n], run["init"][n]) for n in PARAM_NAMES)
                hint = _loop_hint(run["losses"], want["losses"], ctx, k, adam=True, untouched=still)
            return Verdict(False, f"{v.message}; {hint}", worst)
        reason = state_reason(run, "adam_steps")
        if reason is not None:
            return Verdict(False, reason, worst)
    steps = ", ".join(str(int(r["steps"])) for r in data["runs"])
    return Verdict(
        True,
        f"adam_steps ({act}) matches the Adam loop step by step, {steps} steps, sin x and other "
        f"targets (largest deviation {worst:.2g} of the tolerance)",
        worst,
    )


@CHECKS.check("adam_loop", weight=0.5, probe="adam_trajectory_tanh")
def adam_losses_floats(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps returns its losses as a list of Python floats"""
    for run in data["runs"]:
        v = _kinds_ok(run["loss_kinds"], "adam_steps: the returned losses")
        if not v.passed:
            return v
    return Verdict(True, "adam_steps returns a list of Python floats")


@CHECKS.check("adam_loop", weight=0.5, probe="adam_trajectory_tanh")
def adam_in_place(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps trains the tensors it is handed: after each call params holds the same tensor
    objects as before (a caller that kept ``W1 = params["W1"]`` sees it trained)"""
    for run in data["runs"]:
        replaced = [str(n) for n in run.get("replaced", [])]
        if replaced:
            names = ", ".join(f"params[{n!r}]" for n in replaced)
            return Verdict(
                False,
                f"adam_steps(x, y, params, {data['activation']!r}, lr={num(float(run['lr']))}, "
                f"steps={int(run['steps'])}) put other tensors into {names}: the tensors it was "
                "handed were never trained, so a caller holding them (W1 = params['W1'] before "
                "the call) still has the start; give Adam the tensors in params and leave the "
                "dict's entries as they are",
            )
    return Verdict(True, "adam_steps trains the tensors in params in place (same objects after)")


def _adam_pairs(res: dict[str, Any], want: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(name, got, want) of one adam_steps call: the loss history and the four tensors after."""
    pairs = [("the loss history", res["losses"], want["losses"])]
    return pairs + [(n, res["params"][n], want["params"][n]) for n in PARAM_NAMES]


def _milestone_hint(steps: int) -> str:
    """Where the learning-rate drop falls for ``steps`` steps, in words."""
    m = 3 * steps // 4
    if m == 0:
        return (
            f"with steps = {steps} the milestone 3 * steps // 4 is 0, so every step runs at "
            "lr / 10 (MultiStepLR(optimizer, [0], gamma=0.1) drops the rate as soon as it is made)"
        )
    return (
        f"with steps = {steps} the milestone 3 * steps // 4 is {m}: {m} step{'s' * (m > 1)} at "
        f"lr, then {steps - m} at lr / 10 (if the drop is right, the update itself differs: see "
        "adam_trajectory_*)"
    )


@CHECKS.check("adam_loop", weight=2, probe="adam_short")
def adam_short_steps(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps for 1, 2 and 3 steps: the lr drop at 3 * steps // 4 = 0, 1, 2, step by step

    adam_steps for 1 step (tanh, lr 0.03), 2 steps (relu, lr 0.02) and 3 steps (tanh, lr 0.025)
    from init_bias(32, seed + 20 + i) on the training data, against the reference Adam loop:
    every loss and all four tensors after. The milestone 3 * steps // 4 is 0, 1 and 2, so the one
    step of the first run is taken at lr / 10 (MultiStepLR([0]) drops the rate when it is made);
    StepLR(step_size=3 * steps // 4), equal from 2 steps on, divides by zero at 1 step, and
    max(1, ...), round or ceil of 0.75 * steps and 3 * (steps // 4) put the drop elsewhere.
    """
    worst = 0.0
    for run in data["runs"]:
        act, lr, k = str(run["activation"]), float(run["lr"]), int(run["steps"])
        what = (
            f"adam_steps(x, y, params, {act!r}, lr={num(lr)}, steps={k}) from "
            f"init_bias(32, {run['seed']}) on sin x"
        )
        bad = failure(run, "result", what)
        if bad is not None:
            err = as_error(run["result"])
            todo = err is not None and err.kind == "NotImplementedError"
            return bad if todo else Verdict(False, f"{bad.message}; {_milestone_hint(k)}")
        res = run["result"]
        want = ref.adam_run(run["init"], act, lr, k)
        v = _replayed(_adam_pairs(res, want), ctx, what)
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            first = _first_bad_step(res["losses"], want["losses"], ctx)
            hint = (
                _loop_hint(res["losses"], want["losses"], ctx, k, adam=True)
                if first in (0, 1)
                else _milestone_hint(k)
            )
            return Verdict(False, f"{v.message}; {hint}", worst)
        reason = state_reason(res, "adam_steps")
        if reason is not None:
            return Verdict(False, reason, worst)
    return Verdict(
        True,
        "adam_steps matches the Adam loop for 1, 2 and 3 steps (lr / 10 after 0, 1 and 2 steps; "
        f"largest deviation {worst:.2g} of the tolerance)",
        worst,
    )


@CHECKS.check("adam_loop", weight=2, probe="adam_twice")
def adam_second_call(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps called again on the same params starts a new Adam and schedule (replayed)

    adam_steps twice on the same params dict and tensors, the second call with another lr and
    step count (tanh: 6 steps at lr 0.03, then 5 at lr 0.01; relu: 7 at lr 0.02, then 3 at lr
    0.05) from init_bias(32, seed + 30 + i) on the training data. The first call is replayed from
    the grader's start; the second as a fresh reference Adam loop (its own Adam(lr) and
    MultiStepLR at 3 * steps // 4) from the tensors the first call left, once they match the
    replay. An optimizer or schedule kept between calls (a cache keyed by the tensors or the
    dict) carries Adam's moments, its step count and the dropped rate into the second call.
    """
    worst = 0.0
    for run in data["runs"]:
        act, seed = str(run["activation"]), int(run["seed"])
        lr1, k1 = float(run["first"]["lr"]), int(run["first"]["steps"])
        lr2, k2 = float(run["second"]["lr"]), int(run["second"]["steps"])
        first = (
            f"adam_steps(x, y, params, {act!r}, lr={num(lr1)}, steps={k1}) from "
            f"init_bias(32, {seed})"
        )
        second = (
            f"a second adam_steps(x, y, params, {act!r}, lr={num(lr2)}, steps={k2}) on what "
            f"lr={num(lr1)}, steps={k1} left of init_bias(32, {seed})"
        )
        calls = run["calls"]
        if not isinstance(calls, list) or not calls:
            return Verdict(False, f"{first}: nothing was recorded")
        bad = failure({"call": calls[0]}, "call", first)
        if bad is not None:
            return bad
        v = _replayed(
            _adam_pairs(calls[0], ref.adam_run(run["init"], act, lr1, k1)),
            ctx,
            f"the first call, {first},",
        )
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            return Verdict(
                False,
                f"{v.message} (the Adam loop itself, see adam_trajectory_{act}): the second call "
                "is judged from where a correct first call leaves the tensors",
                worst,
            )
        if len(calls) < 2:
            return Verdict(False, f"{second}: nothing was recorded")
        bad = failure({"call": calls[1]}, "call", second)
        if bad is not None:
            return bad
        want = ref.adam_run(calls[0]["params"], act, lr2, k2)
        v = _replayed(_adam_pairs(calls[1], want), ctx, second)
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            return Verdict(
                False,
                f"{v.message}; each call needs a new Adam(lr=lr) and MultiStepLR: one kept from "
                "an earlier call (cached by the tensors' ids) carries its moments, step count "
                "and lowered lr over",
                worst,
            )
        reason = state_reason(calls[1], "adam_steps")
        if reason is not None:
            return Verdict(False, reason, worst)
    return Verdict(
        True,
        "adam_steps called a second time on the same params runs a fresh Adam loop with the new "
        f"lr and steps (tanh, relu; largest deviation {worst:.2g} of the tolerance)",
        worst,
    )


@CHECKS.check("adam_loop", weight=2, probe="loops_rng")
def adam_global_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps leaves torch's global generator where the caller left it

    After torch.manual_seed(g), one draw and adam_steps(x, y, params, 'tanh', lr=0.08, steps=2) on
    the tiny problem (the specified forward), torch.rand gives what it gives without the call:
    adam_steps neither reseeds nor draws from the global generator (full batch, no shuffle), and
    no global generator state is saved and put back.
    """
    case = data["adam"]
    return untouched(
        case["after"],
        int(case["global_seed"]),
        "adam_steps(x, y, params, 'tanh', lr=0.08, steps=2) on 4 points",
        "every step uses the full batch in its order: do not call torch.manual_seed, "
        "torch.randperm or any other random draw in adam_steps",
        outcome=case.get("call"),
        watch=case.get("watch"),
    )


def _adam_replays(
    data: dict[str, Any],
    count: int,
    ctx: JudgeContext,
    what_of: Callable[[dict[str, Any]], str],
    hint_of: Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], str],
) -> Verdict | float:
    """Each of the ``count`` recorded adam_steps runs (``data["runs"]``, each call's outcome under
    "result") against the reference Adam loop from its start: a failing verdict (what the call
    raised, or its first difference followed by ``hint_of(run, result, replay)``), else the
    largest deviation in units of the tolerance."""
    runs = data["runs"]
    if not isinstance(runs, list) or len(runs) != count:
        return Verdict(False, f"adam_steps: expected {count} recorded runs")
    worst = 0.0
    for run in runs:
        what = what_of(run)
        bad = failure(run, "result", what)
        if bad is not None:
            return bad
        res = run["result"]
        act, lr, k = str(run["activation"]), float(run["lr"]), int(run["steps"])
        want = ref.adam_run(run["init"], act, lr, k)
        v = _replayed(_adam_pairs(res, want), ctx, what)
        worst = max(worst, v.value or 0.0)
        if not v.passed:
            return Verdict(False, f"{v.message}; {hint_of(run, res, want)}", worst)
    return worst


@CHECKS.check("adam_loop", weight=2, probe="adam_quiet", seeded=True)
def adam_small_gradients(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps where a gradient is near Adam's eps: the default eps, backward on the mean

    adam_steps for 12 steps (tanh, lr 0.02) and 10 steps (relu, lr 0.03) from init_bias(32, seed
    + 50 + i) with one quiet hidden unit (its W1 and W2 entries 0, its b1 1e-8), on the training
    data, against the reference Adam loop: the quiet unit's output weight gets a gradient near
    Adam's eps (1e-8), the one place where eps and the loss's scale change Adam's steps
    (elsewhere Adam divides a gradient's scale out). torch.optim.Adam(params, lr=lr) with its
    default eps, and backward() on the mean squared error (not the sum), as documented.
    """

    def what(run: dict[str, Any]) -> str:
        return (
            f"adam_steps(x, y, params, {run['activation']!r}, lr={num(float(run['lr']))}, "
            f"steps={int(run['steps'])}) from init_bias(32, {run['seed']}) with hidden unit "
            f"{run['unit']} quiet (W1, W2 entries 0, b1 {num(QUIET_B1)}) on sin x"
        )

    def hint(run: dict[str, Any], res: dict[str, Any], want: dict[str, Any]) -> str:
        act, lr, k = str(run["activation"]), float(run["lr"]), int(run["steps"])
        for label, kw in (
            ("backward() on the sum of the squared errors", {"summed": True}),
            *((f"Adam with eps={num(e)}", {"eps": e}) for e in (1e-7, 1e-6, 1e-10)),
        ):
            other = ref.adam_run(run["init"], act, lr, k, **kw)
            if max(_excess(g, w, ctx) for _, g, w in _adam_pairs(res, other)) <= 1:
                return (
                    f"that is what {label} gives: use Adam's default eps and backward() on the mean"
                )
        return (
            "if adam_trajectory_tanh and adam_trajectory_relu pass, what differs is what only a "
            "gradient near Adam's eps shows: its eps and the loss's scale (torch.optim.Adam("
            "params.values(), lr=lr) with its defaults, backward() on the mean squared error)"
        )

    worst = _adam_replays(data, len(ADAM_QUIET_RUNS), ctx, what, hint)
    if isinstance(worst, Verdict):
        return worst
    return Verdict(
        True,
        "adam_steps matches the Adam loop where a gradient is near Adam's eps (tanh and relu, "
        f"largest deviation {worst:.2g} of the tolerance)",
        worst,
    )


@CHECKS.check("adam_loop", weight=2, probe="adam_stale")
def adam_stale_grads(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps zeroes the gradients before each loss: stale .grad handed in is discarded

    adam_steps for 6 steps (tanh, lr 0.03) and 5 steps (relu, lr 0.02) from init_bias(32, seed +
    40 + i) on the training data, every tensor handed in with its .grad already filled (0.5, then
    -0.5), against the reference Adam loop from the grader's start: each step zeroes the
    gradients, computes the loss, calls backward() and steps, so the stale gradients never reach
    an update. optimizer.zero_grad() moved after optimizer.step() is the same loop for tensors
    that come in with .grad None, but adds the stale gradient to the first step's.
    """

    def what(run: dict[str, Any]) -> str:
        return (
            f"adam_steps(x, y, params, {run['activation']!r}, lr={num(float(run['lr']))}, "
            f"steps={int(run['steps'])}) from init_bias(32, {run['seed']}) on sin x, every tensor "
            f"handed in with .grad = {num(float(run['stale']))} everywhere"
        )

    def hint(run: dict[str, Any], res: dict[str, Any], want: dict[str, Any]) -> str:
        if _first_bad_step(res["losses"], want["losses"], ctx) == 2:
            return (
                "the first update already differs: zero the gradients at the start of each "
                "step (optimizer.zero_grad() before the loss and backward()), so gradients the "
                "tensors come in with are discarded, not added onto the first step's"
            )
        return _loop_hint(res["losses"], want["losses"], ctx, int(run["steps"]), adam=True)

    worst = _adam_replays(data, len(ADAM_STALE_RUNS), ctx, what, hint)
    if isinstance(worst, Verdict):
        return worst
    return Verdict(
        True,
        "adam_steps discards the stale gradients it is handed (zero_grad before each loss): "
        f"tanh and relu match the Adam loop (largest deviation {worst:.2g} of the tolerance)",
        worst,
    )


# --- train_nobias / train_bias step by step -----------------------------------------------------


def _same(got: Any, want: Any, rtol: float = 1e-6, atol: float = 1e-7) -> bool:
    g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return g.shape == w.shape and bool(np.allclose(g, w, rtol=rtol, atol=atol))


def _data_used(call: dict[str, Any]) -> str | None:
    """None when the loop was handed make_train_data's 200 midpoints and sin x, else what it got."""
    x_want, y_want = (t.double().numpy() for t in ref.spec_train_data())
    x, y = np.asarray(call["data_x"], dtype=np.float64), call["data_y"]
    if _same(x, x_want, atol=1e-6) and _same(y, y_want, atol=1e-6):
        return None
    grid, _ = ref.eval_grid()
    if _same(x.reshape(-1), grid, atol=1e-6):
        got = "the evaluation grid linspace(0, 10, 1001)"
    elif x.size and np.all(np.isfinite(x)):
        got = (
            f"{x.size} points in [{num(round(float(x.min()), 4))}, {num(round(float(x.max()), 4))}]"
        )
    else:
        got = f"data of shape {x.shape}"
    if _same(x, x_want, atol=1e-6):
        got = "make_train_data's x but other targets than sin x"
    return f"it trains on {got}, not on make_train_data's 200 midpoints of [0, 10] and sin x"


def _wiring(
    data: dict[str, Any], run: dict[str, Any], returned: dict[str, Any], loop: str, start: str
) -> str | None:
    """None when train_* handed ``loop`` exactly the specified data, start, lr and steps, once,
    and returned what it trained; else what differs (a reason a student can act on)."""
    n = int(data.get("n_calls", 0))
    if n == 0 or not data.get("calls"):
        return f"it trains without calling {loop}"
    if n > 1:
        return f"it calls {loop} {n} times"
    call = data["calls"][0]
    reason = _data_used(call)
    if reason is not None:
        return reason
    names = list(run["init"])
    if not all(_same(call["start"][k], run["init"][k]) for k in names):
        return f"it starts {loop} from other weights than {start}"
    if "act" in call and call["act"] != run["activation"]:
        return f"it hands {loop} the activation {call['act']!r}, expected {run['activation']!r}"
    if not math.isclose(float(call["rate"]), float(run["lr"]), rel_tol=1e-9):
        return f"it hands {loop} lr = {num(call['rate'])}, expected {num(run['lr'])}"
    if float(call["count"]) != int(run["steps"]):
        return f"it hands {loop} steps = {num(call['count'])}, expected {run['steps']}"
    if as_error(call["losses"]) is not None or not _same(returned["losses"], call["losses"], 0, 0):
        return f"it returns another loss history than the one {loop} returned"
    if not all(_same(returned[k], call["end"][k], 0, 0) for k in names):
        return f"it returns other tensors than the ones {loop} trained"
    return None


def _replay_run(
    data: dict[str, Any], run: dict[str, Any], ctx: JudgeContext, bias: bool
) -> Verdict:
    """One train_* replay: the reference loop from the grader's start, or (when the numbers
    differ) a correct hand-over to a wrong loop, which is that loop's checks' business."""
    h, k, lr, seed = int(run["hidden"]), int(run["steps"]), float(run["lr"]), int(run["seed"])
    act = f"{run['activation']!r}, " if bias else ""
    fn = "train_bias" if bias else "train_nobias"
    what = f"{fn}({act}{seed}, hidden={h}, lr={num(lr)}, steps={k})"
    loop = "adam_steps" if bias else "gd_steps"
    start = f"init_bias({h}, {seed})" if bias else f"init_nobias({h}, {seed})"
    bad = failure(data, "result", what)
    if bad is not None:
        return bad
    res = data["result"]
    if "returned" in res:
        wanted = "(params, losses)" if bias else "(W1, W2, losses)"
        return Verdict(False, f"{what} should return {wanted}, got a {res['returned']} of "
                              f"{res['length']}")  # fmt: skip
    shapes = {"W1": (1, h), "b1": (h,), "W2": (h, 1), "b2": (1,)} if bias else {}
    tensors = res.get("params", {}) if bias else {k_: res[k_] for k_ in ("W1", "W2")}
    shapes = shapes or {"W1": (1, h), "W2": (h, 1)}
    missing = [n for n in shapes if n not in tensors]
    if missing:
        return Verdict(False, f"{what} returned no {', '.join(missing)}")
    shape = all_of(*(tensor_ok(tensors[n], s, f"{what} {n}", dtype="") for n, s in shapes.items()))
    if not shape.passed:
        return shape
    bad = failure(res, "losses", f"{what}: turning the loss history into numbers")
    if bad is not None:
        return bad
    # The data clause on its own: a few steps on the evaluation grid stay within the tolerance
    # of the same steps on the training data.
    if data.get("calls"):
        reason = _data_used(data["calls"][0])
        if reason is not None:
            return Verdict(False, f"{what}: {reason}")
    returned = {n: tensors[n]["values"] for n in shapes} | {"losses": res["losses"]}
    want = (
        ref.adam_run(run["init"], run["activation"], lr, k)
        if bias
        else ref.gd_run(run["init"], lr, k)
    )
    ref_tensors = want["params"] if bias else want
    pairs = [("the loss history", res["losses"], want["losses"])]
    pairs += [(n, returned[n], ref_tensors[n]) for n in shapes]
    v = _replayed(pairs, ctx, f"{what}, replayed from {start} on make_train_data's data,")
    if v.passed:
        return v
    reason = _wiring(data, run, returned, loop, start)
    if reason is None:
        return Verdict(
            True,
            f"{what} hands {loop} make_train_data's data, {start}, lr and steps and returns what "
            f"it trained; the numbers differ from the reference only because {loop} does (see "
            f"the {'adam_loop' if bias else 'gd_loop'} checks)",
        )
    return Verdict(False, f"{v.message}; {reason}", v.value)


@CHECKS.check("fit_nobias", weight=2, seeded=True, threshold=1.0)
def train_nobias_replay(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias step by step: make_train_data's data, init_nobias(hidden, seed), lr, steps

    train_nobias(seed, device, hidden=11, lr=7e-4, steps=19), (seed + 1, hidden=7, lr=1e-4,
    steps=6), (0, hidden=5, lr=3e-4, steps=4) and (5, hidden=3, lr=6e-4, steps=5) against the
    reference loop replayed from init_nobias(hidden, seed) on make_train_data's 200 midpoints:
    every loss, W1 and W2. The second run ends far above the floor (a retry on a high loss
    shows), seed 0 is a seed like any other, and seed 5's three units all start dead (a retry
    from another seed shows). A correct hand-over to a wrong gd_steps passes
    (gd_steps's checks fail). The value is the largest deviation as a fraction of the trajectory
    tolerance (<= 1 passes).
    """
    worst = 0.0
    messages = []
    for run in data["runs"]:
        v = _replay_run(run, run, ctx, bias=False)
        if not v.passed:
            return v
        worst = max(worst, v.value or 0.0)
        messages.append(v.message)
    return Verdict(True, "; ".join(messages), worst)


@CHECKS.check("fit_bias", weight=2, seeded=True, threshold=1.0)
def train_bias_replay(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias step by step: make_train_data's data, init_bias(hidden, seed), lr, steps

    train_bias("tanh", seed, device, hidden=13, lr=0.03, steps=21), ("relu", seed + 1,
    hidden=9, lr=0.015, steps=22) and ("relu", 0, hidden=6, lr=0.02, steps=5: seed 0 is a seed
    like any other) against the reference Adam loop replayed from
    init_bias(hidden, seed) on make_train_data's 200 midpoints: every loss and all four tensors.
    A correct hand-over to a wrong adam_steps passes (adam_steps's checks fail).
    """
    worst = 0.0
    messages = []
    for run in data["runs"]:
        v = _replay_run(run, run, ctx, bias=True)
        if not v.passed:
            return v
        worst = max(worst, v.value or 0.0)
        messages.append(v.message)
    return Verdict(True, "; ".join(messages), worst)


@CHECKS.check("fit_nobias")
def train_nobias_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias trains on the device asked for and returns W1, W2 there (--device cuda only)"""
    if ctx.device == "cpu":
        return Verdict(True, NOT_CHECKED_ON_CPU)
    return all_of(
        _on_device(data["trained_on"], ctx, "train_nobias(3, device, ...): what gd_steps gets"),
        _on_device(data["returned"], ctx, "train_nobias(3, device, ...): the returned W1, W2"),
    )


@CHECKS.check("fit_bias")
def train_bias_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias trains on the device asked for and returns its tensors there (--device cuda
    only)"""
    if ctx.device == "cpu":
        return Verdict(True, NOT_CHECKED_ON_CPU)
    return all_of(
        _on_device(
            data["trained_on"], ctx, "train_bias('relu', 3, device, ...): what adam_steps gets"
        ),  # fmt: skip
        _on_device(
            data["returned"], ctx, "train_bias('relu', 3, device, ...): the returned params"
        ),
    )


def _global_rng(data: dict[str, Any], bias: bool) -> Verdict:
    case = data["bias" if bias else "nobias"]
    seed, g = int(case["seed"]), int(case["global_seed"])
    what = (
        f"train_bias('tanh', {seed}, device, hidden=3, lr=1e-4, steps=2)"
        if bias
        else f"train_nobias({seed}, device, hidden=3, lr=1e-4, steps=2)"
    )
    start = "init_bias" if bias else "init_nobias"
    return untouched(
        case["after"],
        g,
        what,
        f"the start comes from {start}(hidden, seed), whose generator is its own; do not call "
        f"torch.manual_seed or draw random numbers in {'train_bias' if bias else 'train_nobias'}",
        outcome=case.get("call"),
        watch=case.get("watch"),
    )


@CHECKS.check("fit_nobias", probe="train_rng")
def train_nobias_global_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias leaves torch's global generator where the caller left it

    After torch.manual_seed(g) and train_nobias(seed, ...) (g is not seed), torch.rand gives what
    it gives straight after torch.manual_seed(g): train_nobias neither reseeds nor draws from the
    global generator (its start comes from init_nobias's own generator). Run with the specified
    data, start and a loop that draws nothing, so only train_nobias itself is judged.
    """
    return _global_rng(data, bias=False)


@CHECKS.check("fit_bias", probe="train_rng")
def train_bias_global_rng(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias leaves torch's global generator where the caller left it

    After torch.manual_seed(g) and train_bias('tanh', seed, ...) (g is not seed), torch.rand
    gives what it gives straight after torch.manual_seed(g): train_bias neither reseeds nor draws
    from the global generator (its start comes from init_bias's own generator). Run with the
    specified data, start and a loop that draws nothing, so only train_bias itself is judged.
    """
    return _global_rng(data, bias=True)


# --- the course-recipe runs, as handed over -----------------------------------------------------


def _recipe(data: dict[str, Any], ctx: JudgeContext, bias: bool) -> Verdict:
    """train_* with the course recipe: the one loop call it makes is the specified one (its own
    make_train_data's data, the grader's start, lr, steps) and it returns what that call trained
    and returned; where it does not call the loop once, its numbers must match the grader's
    reference run (cached per seed) within the trajectory tolerance.

    Over 2000 Adam steps float rounding alone (float64 against float32, another device) moves
    the parameters by up to 0.09 and single losses by 100 %, as much as training more does, so
    the numbers cannot tell an extra polish from another machine: the hand-over can.
    """
    act = str(data.get("activation", "")) if bias else ""
    h, k, seed = int(data["hidden"]), int(data["steps"]), int(data["seed"])
    lr = float(ctx.param("bias_lr" if bias else "nobias_lr"))
    fn, loop = ("train_bias", "adam_steps") if bias else ("train_nobias", "gd_steps")
    what = f"{fn}({act + ', ' if bias else ''}{seed}, device) with the course recipe"
    start = f"{'init_bias' if bias else 'init_nobias'}({h}, {seed})"
    names = PARAM_NAMES if bias else ("W1", "W2")
    tensors = data["params"] if bias else {n: data[n] for n in names}
    returned = {n: tensors[n]["values"] for n in names} | {"losses": data["losses"]}
    run = {"init": ref.init_arrays(bias, h, seed), "lr": lr, "steps": k}
    if bias:
        run["activation"] = act
    reason = _wiring(data, run, returned, loop, start)
    if reason is None:
        return Verdict(
            True,
            f"{what} makes one {loop} call, with its make_train_data's data, {start}, lr and "
            f"steps, and returns what it trained and returned",
            0.0,
        )
    want = ref.recipe_run(act, h, seed, lr, k)
    pairs = [("the loss history", data["losses"], want["losses"])]
    pairs += [(n, returned[n], want["params"][n]) for n in names]
    v = _replayed(pairs, ctx, f"{what}, replayed from {start},")
    if v.passed:
        return v
    return Verdict(False, f"{what}: {reason}", v.value)


@CHECKS.check("fit_nobias", weight=2, probe="fit_nobias", seeded=True, threshold=1.0)
def train_nobias_recipe(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias with the course recipe runs gd_steps once, as specified, and returns its result

    train_nobias(seed, device) with 16 units, lr 5e-4 and 500 steps: one gd_steps call with
    make_train_data's data, init_nobias(16, seed), lr and steps, and it returns the tensors that
    call trained and the losses it returned (no retry, no extra training). The value: 0 when the
    hand-over is exact, else the deviation from the grader's reference run as a fraction of the
    trajectory tolerance.
    """
    return _recipe(data, ctx, bias=False)


@CHECKS.check(
    "fit_bias",
    weight=2,
    name="train_bias_recipe_relu",
    probe="fit_relu",
    seeded=True,
    threshold=1.0,
    description="train_bias('relu') with the course recipe runs adam_steps once, as specified, "
    "and returns its result",
)
@CHECKS.check(
    "fit_bias",
    weight=2,
    name="train_bias_recipe_tanh",
    probe="fit_tanh",
    seeded=True,
    threshold=1.0,
    description="train_bias('tanh') with the course recipe runs adam_steps once, as specified, "
    "and returns its result",
)
def train_bias_recipe(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias(act, seed, device) with 32 units, lr 0.02 and 2000 steps: one adam_steps call
    with make_train_data's data, init_bias(32, seed), the activation, lr and steps, and it
    returns the tensors that call trained and the losses it returned (no extra polish). The
    value: 0 when the hand-over is exact, else the deviation from the grader's reference run as a
    fraction of the trajectory tolerance."""
    return _recipe(data, ctx, bias=True)


# --- fits ---------------------------------------------------------------------------------------


def _curve_checks(
    data: dict[str, Any], curve: np.ndarray, steps: int, what: str, fwd: str
) -> tuple[Verdict, str]:
    """The loss history and the net's curve; and a hint when the student's own forward gives
    other grid predictions for the returned parameters."""
    losses = as_array(data["losses"])
    if losses.shape != (steps,):
        return Verdict(
            False, f"{what}: the loss history has {losses.size} entries, expected {steps}"
        ), ""
    if not np.all(np.isfinite(curve)):
        return Verdict(
            False,
            f"{what}: the trained parameters give non-finite predictions (did training diverge?)",
            math.inf,
        ), ""
    hint = ""
    pred = data.get("grid_pred")
    if as_error(pred) is not None:
        hint = f"; {fwd} raised {as_error(pred).describe()} on the grid"  # type: ignore[union-attr]
    else:
        p = np.asarray(pred, dtype=np.float64).reshape(-1)
        scale = max(1.0, float(np.max(np.abs(curve))))
        if p.shape != curve.shape or not float(np.max(np.abs(p - curve))) <= CONSISTENCY * scale:
            hint = (
                f"; your {fwd} gives other grid predictions for these parameters than the formula "
                f"(see the {fwd} check)"
            )
    return Verdict(True, ""), hint


@CHECKS.check("fit_nobias", weight=2, seeded=True, threshold="nobias_mse_max")
def fit_nobias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """no-bias net reaches the best line through the origin (0.4575 <= MSE <= 0.459)

    train_nobias reaches the best line through the origin (MSE 0.4586 on the grid), and no lower:
    the returned W1, W2 through relu(x @ W1) @ W2 on linspace(0, 10, 1001).
    """
    h, steps = int(data["hidden"]), int(data["steps"])
    what = f"train_nobias(seed, hidden={h}, steps={steps})"
    shape = all_of(tensor_ok(data["W1"], (1, h), "W1"), tensor_ok(data["W2"], (h, 1), "W2"))
    if not shape.passed:
        return Verdict(False, f"{what}: {shape.message}")
    x, y = ref.eval_grid()
    curve = ref.nobias_curve(data["W1"]["values"], data["W2"]["values"], x)
    v, hint = _curve_checks(data, curve, steps, what, "forward_nobias")
    if not v.passed:
        return v
    mse = float(np.mean((curve - y) ** 2))
    lo, hi = ctx.threshold("nobias_mse_min"), ctx.threshold("nobias_mse_max")
    losses = as_array(data["losses"])
    f_half, f_pi = (
        float(v) for v in ref.nobias_curve(data["W1"]["values"], data["W2"]["values"], LANDMARKS)
    )
    context = (
        f"(best line through the origin {ref.FLOOR_MSE}, zero predictor {ref.ZERO_MSE}; "
        f"f(pi/2) = {f_half:.4f}, f(pi) = {f_pi:.4f})"
    )
    if not losses[-1] < losses[0]:
        return Verdict(
            False,
            f"{what}: the training loss did not decrease ({num(losses[0])} -> {num(losses[-1])})"
            + hint,
            mse,
        )
    if lo <= mse <= hi:
        return Verdict(True, f"no-bias net: grid MSE {mse:.6f} in [{lo}, {hi}] {context}", mse)
    why = (
        "below what any bias-free ReLU net can reach: is there a bias?"
        if mse < lo
        else "not yet at the best line through the origin"
    )
    return Verdict(
        False, f"no-bias net: grid MSE {mse:.6f} outside [{lo}, {hi}], {why} {context}{hint}", mse
    )


def _fit_bias(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    act, h, steps = data["activation"], int(data["hidden"]), int(data["steps"])
    what = f"train_bias({act!r}, seed, hidden={h}, steps={steps})"
    shapes = {"W1": (1, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}
    shape = all_of(*(tensor_ok(data["params"][k], s, k) for k, s in shapes.items()))
    if not shape.passed:
        return Verdict(False, f"{what}: {shape.message}")
    x, y = ref.eval_grid()
    params = {k: data["params"][k]["values"] for k in PARAM_NAMES}
    curve = ref.bias_curve(params, act, x)
    v, hint = _curve_checks(data, curve, steps, what, "forward_bias")
    if not v.passed:
        return v
    mse = float(np.mean((curve - y) ** 2))
    limit, tol = ctx.threshold("bias_mse_max"), ctx.threshold("landmark_tol")
    f_half, f_pi = (float(v) for v in ref.bias_curve(params, act, LANDMARKS))
    marks = f"f(pi/2) = {f_half:.4f}, f(pi) = {f_pi:.4f}"
    if not mse <= limit:
        return Verdict(
            False,
            f"{act} net with biases: grid MSE {mse:.4g} > {limit} ({marks}; "
            f"no bias at all stalls near 0.19 (tanh) / 0.4586 (relu)){hint}",
            mse,
        )
    if not (abs(f_half - 1) <= tol and abs(f_pi) <= tol):  # f from the returned parameters
        return Verdict(
            False, f"{act} net with biases: {marks}, expected 1 and 0 within {tol}{hint}", mse
        )
    return Verdict(True, f"{act} net with biases: grid MSE {mse:.3g} <= {limit}; {marks}", mse)


@CHECKS.check("fit_bias", weight=3, seeded=True, threshold="bias_mse_max")
def fit_tanh(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """tanh net with biases: grid MSE <= 0.02, f(pi/2) ~ 1, f(pi) ~ 0"""
    return _fit_bias(data, ctx)


@CHECKS.check("fit_bias", weight=3, seeded=True, threshold="bias_mse_max")
def fit_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """relu net with biases: grid MSE <= 0.02, f(pi/2) ~ 1, f(pi) ~ 0"""
    return _fit_bias(data, ctx)


# --- landmarks ----------------------------------------------------------------------------------


def _term(v: float, text: str, first: bool = False) -> str:
    """``v`` times ``text`` as a term of a sum, every digit kept: ``-1.5393`` -> `` - 1.5393``."""
    sign = "-" if v < 0 else ("" if first else "+")
    lead = sign if first else f" {sign} "
    return f"{lead}{num(abs(v))}{text}"


def _cases(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each case named by its predictor with the coefficients in full (the tolerance is 1e-6)."""
    out = []
    for case in data["cases"]:
        a, b, c = (float(v) for v in case["coef"])
        f = _term(a, "·x", first=True) + _term(b, "") + _term(c, "·x²")
        inside = " called inside torch.no_grad()" if case.get("no_grad") else ""
        out.append((f"landmark_predictions(f) for f(x) = {f}{inside}", case))
    return out


@CHECKS.check("landmarks", weight=2, name="landmarks_values", probe="landmarks_hidden")
def landmarks(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions for random quadratic predictors

    landmark_predictions returns (f(pi/2), f(pi)) of the predictor it is given (as strict as the
    public check: rtol = atol = 1e-6 against f computed in float32).
    """
    for what, case in _cases(data):
        if case["type"] not in ("tuple", "list") or len(case["values"]) != 2:
            return Verdict(False, f"{what} should return (f(pi/2), f(pi)), got a {case['type']}")
        v = values_ok(
            case["values"],
            ref.landmark_values(case["coef"]),
            f"{what}: (f(pi/2), f(pi))",
            rtol=LANDMARK_RTOL,
            atol=LANDMARK_ATOL,
        )
        if not v.passed:
            return v
    return Verdict(True, "landmark_predictions returns (f(pi/2), f(pi)) for every predictor tried")


@CHECKS.check("landmarks", probe="landmarks_hidden")
def landmarks_types(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions returns two Python floats"""
    for what, case in _cases(data):
        items = sorted(set(map(str, case["item_types"])))
        if len(case["item_types"]) != 2 or items != ["float"]:
            return Verdict(
                False,
                f"{what} returned {', '.join(map(str, case['item_types'])) or 'nothing'}, "
                "expected two Python floats (use .tolist(), .item() or float(...))",
            )
    return Verdict(True, "landmark_predictions returns Python floats")


@CHECKS.check("landmarks", probe="landmarks_hidden")
def landmarks_call(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions hands predict an (N, 1) float32 tensor"""
    for what, case in _cases(data):
        if not case["calls"]:
            return Verdict(False, f"{what} never called predict")
        for call in case["calls"]:
            shape = [int(s) for s in call["shape"]]
            if call["dtype"] != "float32" or len(shape) != 2 or shape[1] != 1:
                got = (
                    f"a {call['dtype']} tensor"
                    if call["dtype"]
                    else "something other than a tensor"
                )
                return Verdict(
                    False,
                    f"{what} called predict with {got} of shape {tuple(shape)}, expected an "
                    "(N, 1) float32 tensor (the points pi/2 and pi as rows)",
                )
    return Verdict(True, "landmark_predictions hands predict (N, 1) float32 tensors")


@CHECKS.check("landmarks", weight=2, probe="landmarks_hidden")
def landmarks_no_grad(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions calls predict without tracking gradients, and leaves them on after

    landmark_predictions calls predict without tracking gradients (torch.no_grad), and torch's
    grad mode and default dtype are as they were once it returns, whether it was called with
    gradients on (torch.set_grad_enabled(False) would leave training broken after it) or inside
    torch.no_grad() (set_grad_enabled(True) afterwards would switch them on for the caller).
    """
    for what, case in _cases(data):
        if not case["calls"]:
            return Verdict(False, f"{what} never called predict")
        if any(bool(call["grad"]) for call in case["calls"]):
            return Verdict(
                False,
                f"{what} called predict with gradient tracking on: compute the predictions inside "
                "torch.no_grad()",
            )
        reason = state_reason(case, "landmark_predictions")
        if reason is not None:
            return Verdict(False, f"{what}: {reason}")
    return Verdict(
        True,
        "landmark_predictions calls predict with gradients off and leaves them on after it returns",
    )


@CHECKS.check("landmarks")
def landmarks_verbose(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions prints (f(pi/2), f(pi)) when verbose (the default), nothing otherwise

    What it prints is compared with what the same call returned (4 decimals, as the given print
    line writes them), so wrong values are charged once, by landmarks_values.
    """
    a, b = (float(v) for v in ref.landmark_values(data["coef"]))
    for key, call in (("loud", "verbose=True"), ("default", "no verbose argument")):
        text = str(data[key])
        # The printing is judged against what the call itself returned: wrong values are the
        # landmarks_values check's business, printed as they are they print fine.
        own = [float(v) for v in data.get("returned", {}).get(key, [])]
        if len(own) == 2 and all(math.isfinite(v) for v in own):
            marks = (f"{own[0]:+.4f}", f"{own[1]:+.4f}")
            source = "the values it returned"
        else:
            marks = (f"{a:+.4f}", f"{b:+.4f}")
            source = "f at pi/2 and pi"
        if not all(m in text for m in marks):
            return Verdict(
                False,
                f"landmark_predictions(f, device) with {call} should print {source}, f(pi/2) = "
                f"{marks[0]} and f(pi) = {marks[1]}, printed {text.strip()[:80]!r}",
            )
    if str(data["quiet"]):
        return Verdict(
            False,
            f"landmark_predictions(f, device, verbose=False) printed {str(data['quiet'])[:80]!r}, "
            "expected nothing",
        )
    return Verdict(True, "landmark_predictions prints only when verbose")


@CHECKS.check("landmarks")
def landmarks_device(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions hands predict its points on the device asked for (--device cuda only)"""
    if ctx.device == "cpu":
        return Verdict(True, NOT_CHECKED_ON_CPU)
    return _on_device(data["devices"], ctx, "landmark_predictions(f, device): the points f gets")


def _new_results(data: dict[str, Any], key: str, call: str) -> Verdict:
    """``call`` twice handed back objects of its own each time."""
    bad = failure(data, key, call)
    if bad is not None:
        return bad
    r = data[key]
    if r["returned"] != "tuple":
        return Verdict(False, f"{call} returned a {clean_text(r['returned'])}, expected a tuple")
    if r["same_container"] or r["shared_tensor"]:
        return Verdict(
            False,
            f"{call} called twice with the same arguments returned the first call's objects "
            "again (the same loss list, params dict or tensor memory): every call trains and "
            "returns new ones (no cache of results)",
        )
    return Verdict(True, f"{call} returns new objects on every call")


@CHECKS.check("fit_nobias", probe="train_repeat")
def train_nobias_new(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_nobias returns new tensors and a new loss list on every call (no cache)"""
    return _new_results(data, "nobias", "train_nobias(2, device, hidden=3, lr=1e-3, steps=2)")


@CHECKS.check("fit_bias", probe="train_repeat")
def train_bias_new(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """train_bias returns new tensors, a new params dict and a new loss list on every call (no
    cache)"""
    return _new_results(data, "bias", "train_bias('relu', 2, device, hidden=3, lr=0.05, steps=2)")


# --- the loops where an argument's or a guard's effect shows ------------------------------------

GD_EXTREME_WHAT = {
    "lr_zero": ("on the tiny problem", "lr=0 is a learning rate like any other: no update"),
    "huge_gradients": (
        "from 1000 times the tiny weights (gradients of size 1e9)",
        "every step is W -= lr * W.grad however large the gradient (no clamping or skipping)",
    ),
    "infinite_target": (
        "with a target of +inf (the loss is inf, then nan)",
        "every step is taken and every loss returned, finite or not (no early stop)",
    ),
}
ADAM_EXTREME_WHAT = {
    "lr_zero": ("on the tiny problem", "lr=0 is a learning rate like any other: no update"),
    "steps_zero": (
        "on the tiny problem",
        "steps=0 takes no step and returns [] (no `steps or default`)",
    ),
    "large_targets": (
        "on the targets 1000·sin x (gradients in the thousands)",
        "Adam steps on the gradients as backward() leaves them (no clipping)",
    ),
    "already_fit": (
        "on targets equal to the start's own output (every loss is 0)",
        "all `steps` steps run however small the loss is (no early stop)",
    ),
}


def _masked_replay(pairs: list[tuple[str, Any, Any]], ctx: JudgeContext, what: str) -> Verdict:
    """A replay past an overflow: the same entries non-finite, the finite ones within the
    trajectory tolerance (where a value is inf or nan only that is the same for every correct
    loop)."""
    for name, got, want in pairs:
        g, w = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
        if g.shape != w.shape:
            return Verdict(False, f"{what}: {name} has shape {g.shape}, expected {w.shape}")
        fin = np.isfinite(w)
        if not np.array_equal(np.isfinite(g), fin) or _excess(g[fin], w[fin], ctx) > 1:
            return Verdict(
                False,
                f"{what}: {name} is {np.array2string(g.reshape(-1), precision=4)}, expected "
                f"{np.array2string(w.reshape(-1), precision=4)}",
            )
    return Verdict(True, f"{what} matches the reference loop (finite and non-finite entries)")


def _extreme_runs(data: dict[str, Any], ctx: JudgeContext, adam: bool) -> Verdict:
    """Each run of gd_extremes / adam_extremes against the reference loop from its start."""
    texts = ADAM_EXTREME_WHAT if adam else GD_EXTREME_WHAT
    x = np.array(TINY_X, dtype=np.float64)
    worst = 0.0
    for run in data["runs"]:
        lr, k, name = float(run["lr"]), int(run["steps"]), run["name"]
        where, rule = texts[name]
        call = (
            f"adam_steps(x, y, params, {run['activation']!r}, lr={num(lr)}, steps={k})"
            if adam
            else f"gd_steps(x, y, W1, W2, lr={num(lr)}, steps={k})"
        )
        what = f"{call} {where}"
        bad = failure(run, "out", what)
        if bad is not None:
            return bad
        got = run["out"]
        if adam:
            xt = ref.tensor32(x)
            if run["targets"] == "fit":
                y = ref.tensor32(ref.bias_curve(TINY_PARAMS, run["activation"], x).reshape(-1, 1))
            else:
                y = ref.sin32(x) if run["y"] is None else ref.tensor32(run["y"])
            want = ref.adam_run(TINY_PARAMS, run["activation"], lr, k, x=xt, y=y)
            pairs = [("the loss history", got["losses"], want["losses"])]
            pairs += [(n, got["params"][n], want["params"][n]) for n in PARAM_NAMES]
        else:
            want = ref.gd_run_on(x, run["init"]["W1"], run["init"]["W2"], lr, k, run["y"])
            pairs = [
                ("the loss history", got["losses"], want["losses"]),
                ("W1", got["W1"], want["W1"]),
                ("W2", got["W2"], want["W2"]),
            ]
        v = (
            _masked_replay(pairs, ctx, what)
            if name == "infinite_target"
            else _replayed(pairs, ctx, what)
        )
        if not v.passed:
            return Verdict(False, f"{v.message}; {rule}", v.value)
        worst = max(worst, v.value or 0.0)
    return Verdict(True, f"{'adam' if adam else 'gd'}_steps: every extreme run as specified", worst)


@CHECKS.check("gd_loop", probe="gd_extremes")
def gd_extremes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps at lr 0, with gradients of size 1e9 and with an infinite target: the plain loop,
    every step (no default for lr, no clamping, no early stop)"""
    return _extreme_runs(data, ctx, adam=False)


@CHECKS.check("adam_loop", probe="adam_extremes")
def adam_extremes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps at lr 0, for 0 steps, on targets 1000·sin x and from a start that already fits:
    the plain loop, every step (no defaults for lr or steps, no clipping, no early stop)"""
    return _extreme_runs(data, ctx, adam=True)
