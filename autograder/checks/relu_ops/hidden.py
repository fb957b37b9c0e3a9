"""Hidden checks of relu_ops: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``) and names one
student function (the composite graphs, two ops together, are the exception: they say so).
Weights are chosen so that the checks' shares of a group, rounded to 4 decimals as
results.json shows them, add up to the group's points (``tests/test_layout.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import as_array, difference, num, rel_error
from autograder.checks.relu_ops import calls
from autograder.checks.relu_ops import reference as ref
from autograder.checks.relu_ops.calls import a, error_in
from autograder.checks.relu_ops.composites import COMPOSITES
from autograder.checks.relu_ops.netmath import (
    net_verdict,
    replay_verdict,
    start_failed,
    wiring_hint,
)
from autograder.checks.relu_ops.probes import FIT_GRID, PARAM_NAMES, SGD_STEPS, given_init
from autograder.checks.relu_ops.public import (
    EXACT_STEPS,
    leaky_grad_hint,
    leaky_hint,
    relu_grad_hint,
)
from autograder.checks.signatures import defaults_verdict

CHECKS = CheckTable(__name__)


def _want(data: dict[str, Any], fn: Any) -> list[float]:
    return [fn(float(x)) for x in data["x"]]


# -- forward: values at negative, zero, tiny and positive inputs, and their types ---------------


@CHECKS.check("forward", probe="ops_hidden", weight=2)
def relu_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """relu(x) at negative, zero, tiny and positive x (relu(0) = 0), exactly"""
    return calls.values(data, "relu", _want(data, ref.relu))


@CHECKS.check("forward", probe="ops_hidden", weight=2)
def leaky_relu_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """leaky_relu(x) at negative, zero, tiny and positive x"""
    return calls.values(data, "leaky_relu", _want(data, ref.leaky), rtol=1e-12, hint=leaky_hint)


@CHECKS.check("forward", probe="ops_hidden", weight=2)
def relu_node_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.compute at negative, zero, tiny and positive x; its parent's value unchanged;
    computed again after the parent changed, the new value"""
    return calls.node_values(data, "Relu", _want(data, ref.relu), rtol=0.0, again=ref.relu)


@CHECKS.check("forward", probe="ops_hidden", weight=2)
def leaky_node_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.compute at negative, zero, tiny and positive x; its parent's value unchanged;
    computed again after the parent changed, the new value"""
    return calls.node_values(
        data, "LeakyRelu", _want(data, ref.leaky), rtol=1e-12, hint=leaky_hint, again=ref.leaky
    )


@CHECKS.check("forward", probe="ops_hidden")
def relu_float(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """relu returns a Python float (relu(0.0) is 0.0, not 0)"""
    return calls.python_floats(data, "relu", "the result")


@CHECKS.check("forward", probe="ops_hidden")
def leaky_relu_float(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """leaky_relu returns a Python float"""
    return calls.python_floats(data, "leaky_relu", "the result")


@CHECKS.check("forward", probe="ops_hidden")
def relu_node_float(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.compute sets self.value to a Python float"""
    return calls.python_floats(data, "Relu", "self.value")


@CHECKS.check("forward", probe="ops_hidden")
def leaky_node_float(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.compute sets self.value to a Python float"""
    return calls.python_floats(data, "LeakyRelu", "self.value")


# -- local gradients: the kink conventions and types --------------------------------------------


@CHECKS.check("local_grads", probe="ops_hidden", weight=3)
def relu_grad_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.get_parent_grad at negative, zero, tiny and positive x (Relu'(0) = 0), exactly"""
    return calls.values(data, "Relu_grad", _want(data, ref.relu_grad), hint=relu_grad_hint)


@CHECKS.check("local_grads", probe="ops_hidden", weight=3)
def leaky_grad_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad at negative, zero, tiny and positive x (LeakyRelu'(0) = 0.1),
    exactly"""
    return calls.values(data, "LeakyRelu_grad", _want(data, ref.leaky_grad), hint=leaky_grad_hint)


@CHECKS.check("local_grads", probe="ops_hidden", weight=2)
def relu_grad_current(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.get_parent_grad at the parent's current value (the parent set again, no new
    compute)"""
    return calls.at_current_value(data, "Relu_grad", ref.relu_grad)


@CHECKS.check("local_grads", probe="ops_hidden", weight=2)
def leaky_grad_current(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad at the parent's current value (the parent set again, no new
    compute)"""
    return calls.at_current_value(data, "LeakyRelu_grad", ref.leaky_grad)


@CHECKS.check("local_grads", probe="ops_hidden")
def relu_grad_float(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.get_parent_grad returns a Python float"""
    return calls.python_floats(data, "Relu_grad", "the gradient")


@CHECKS.check("local_grads", probe="ops_hidden")
def leaky_grad_float(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad returns a Python float"""
    return calls.python_floats(data, "LeakyRelu_grad", "the gradient")


# -- the slope below zero, on random negative inputs --------------------------------------------


@CHECKS.check("leaky_slope", probe="leaky_slope", weight=2)
def leaky_relu_slope(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """leaky_relu(x) = 0.1·x at 32 random x < 0 (and x at 8 random x > 0), to 1e-12"""
    return calls.values(data, "leaky_relu", _want(data, ref.leaky), rtol=1e-12, hint=leaky_hint)


@CHECKS.check("leaky_slope", probe="leaky_slope")
def leaky_node_slope(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.compute gives 0.1·x at 32 random x < 0 (and x at 8 random x > 0), to 1e-12"""
    return calls.node_values(data, "LeakyRelu", _want(data, ref.leaky), rtol=1e-12, hint=leaky_hint)


@CHECKS.check("leaky_slope", probe="leaky_slope")
def leaky_grad_slope(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad is 0.1 at 32 random x < 0 (and 1 at 8 random x > 0), to 1e-12"""
    return calls.values(
        data, "LeakyRelu_grad", _want(data, ref.leaky_grad), rtol=1e-12, hint=leaky_grad_hint
    )


# -- composite graphs of both ops ---------------------------------------------------------------


def _composite_errors(data: dict[str, Any]) -> dict[str, tuple[float, str]] | Verdict:
    """Per comparison (torch, central, value): the worst relative error and where it is."""
    h = float(data["h"])
    worst = {"torch": (0.0, ""), "central": (0.0, ""), "value": (0.0, "")}
    for name, (fn, inputs, points) in COMPOSITES.items():
        rows = data[name]
        err = error_in(rows)
        if err is not None:
            return Verdict(
                False,
                f"the composite graph {name} ({(fn.__doc__ or '').strip()}) built from your Relu "
                f"and LeakyRelu nodes raised {err.describe()}",
                float("inf"),
            )
        if len(rows) != len(points):
            raise ValueError(f"{name}: {len(rows)} rows for {len(points)} points")
        for row, point in zip(rows, points):
            value, grad = ref.torch_value_and_grad(fn, point)
            got = as_array(row["grad"], shape=grad.shape, name=f"{name} gradient")
            cd = (
                as_array(row["plus"], shape=grad.shape) - as_array(row["minus"], shape=grad.shape)
            ) / (2 * h)
            at = f"{name} at ({', '.join(f'{i}={num(v)}' for i, v in zip(inputs, point))})"
            for kind, mine, theirs in (("torch", got, grad), ("central", got, cd)):
                e = rel_error(mine, theirs)
                if not e <= worst[kind][0]:
                    j = _worst_entry(mine, theirs)
                    worst[kind] = (e, f"{at}: d/d{inputs[j]} {difference(mine[j], theirs[j])}")
            e = rel_error(row["value"], value)
            if not e <= worst["value"][0]:
                worst["value"] = (e, f"{at}: value {difference(row['value'], value)}")
    return worst


def _worst_entry(a: np.ndarray, b: np.ndarray) -> int:
    err = np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))
    return int(np.argmax(np.where(np.isfinite(err), err, np.inf)))


@CHECKS.check("graph_grads", probe="composite_grads")
def graph_vs_torch(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """composite graphs vs torch float64 autograd

    Values and backward gradients of composites of Relu and LeakyRelu nodes against torch float64
    autograd.
    """
    tol = ctx.threshold("grad_rel_tol")
    worst = _composite_errors(data)
    if isinstance(worst, Verdict):
        return worst
    (e, where) = max(worst["torch"], worst["value"], key=lambda t: t[0])
    if e <= tol:
        return Verdict(True, f"values and gradients match torch autograd (worst {e:.1e})", e)
    return Verdict(
        False, f"relative error {e:.2e} > {tol:.0e} against torch float64 autograd ({where})", e
    )


@CHECKS.check("graph_grads", probe="composite_grads")
def graph_vs_central(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """composite graphs vs central differences

    Backward gradients of the composites against central differences of the student's forward.
    """
    tol = ctx.threshold("central_diff_rel_tol")
    worst = _composite_errors(data)
    if isinstance(worst, Verdict):
        return worst
    e, where = worst["central"]
    if e <= tol:
        return Verdict(True, f"gradients match central differences (worst {e:.1e})", e)
    return Verdict(
        False,
        f"backward disagrees with central differences of your own forward: relative error "
        f"{e:.2e} > {tol:.0e} ({where})",
        e,
    )


# -- the three-piece net ------------------------------------------------------------------------


@CHECKS.check("three_piece")
def net_wiring(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """ThreePieceNet.build with random parameters and targets y ≠ x²

    ŷ, loss and parameter gradients of both activations' nets against torch float64, at points on
    both sides of each unit's kink.
    """
    for act in ("relu", "leaky_relu"):
        case = data[act]
        rows = case["rows"]
        cases = [(float(r["x"]), float(r["y"])) for r in rows]
        bad = net_verdict(act, case["params"], cases, rows)
        if bad is not None:
            return bad
    return Verdict(True, "both nets compute ŷ, (ŷ - y)² and its gradients from their parameters")


def _sgd(data: dict[str, Any], activation: str) -> Verdict:
    """fit_square's parameters after 0, 1, 2 and 7 steps against per-sample SGD replayed from
    the given start at the grader's lr and seed; Python's global random state untouched."""
    init = as_array(data["init"], shape=(7,), name="given initialisation")
    seed, lr = int(data["seed"]), float(data["lr"])
    if data.get("global_random") is not True:
        return Verdict(
            False,
            f"fit_square({activation!r}, steps=s, lr={num(lr)}, seed={seed}) for s in "
            f"{', '.join(str(k) for k in SGD_STEPS)} used, reseeded or saved and restored a "
            "global random generator (random.seed / random.uniform / random.setstate): draw "
            "every x from "
            "one random.Random(seed) made in fit_square, and leave the caller's random state "
            "alone",
            float("inf"),
        )
    v = replay_verdict(
        data,
        activation,
        seed,
        lr,
        init,
        SGD_STEPS,
        lambda k: ref.sgd_trajectory(init, seed, lr, k, activation),
        lambda got, k: ref.sgd_hint(got, init, seed, lr, k, activation),
    )
    if not v.passed:
        return v
    calls = f"fit_square({activation!r}, steps=s, lr={num(lr)}, seed={seed})"
    later = data.get("later")
    changed = [
        k
        for k in SGD_STEPS
        if not isinstance(later, dict) or later.get(str(k)) != data["after"][str(k)]
    ]
    if changed or data.get("distinct") is not True:
        what = (
            f"the net returned for s = {changed[0]} changed when later calls ran"
            if changed
            else "two calls returned the same net object"
        )
        return Verdict(
            False,
            f"{calls} for s in {', '.join(str(k) for k in SGD_STEPS)}, then once more: {what}; "
            "every call builds its own ThreePieceNet(activation, seed) and trains it (no net "
            "or result kept between calls, no functools.cache)",
            float("inf"),
        )
    return v


@CHECKS.check("three_piece")
def sgd_steps(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('leaky_relu') takes the specified SGD steps

    fit_square's parameters after 0, 1, 2 and 7 steps at a learning rate and seed other than
    the defaults equal per-sample SGD from the given start, x from random.Random(seed); the
    global random generator is neither used nor reseeded.
    """
    return _sgd(data, "leaky_relu")


@CHECKS.check("three_piece")
def sgd_steps_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('relu') takes the specified SGD steps

    The same replay for the ReLU net.
    """
    return _sgd(data, "relu")


def _large(data: dict[str, Any], activation: str) -> Verdict:
    v = _sgd(data, activation)
    if v.passed:
        return Verdict(True, f"{v.message} (from a start six times the given one)", v.value)
    return Verdict(
        False,
        f"from a start six times the given one (gradients in the hundreds): {v.message}; "
        "every step is p.value -= lr·p.grad exactly (no clipping or scaling of the gradient)",
        v.value,
    )


@CHECKS.check("three_piece", weight=2)
def sgd_large(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('leaky_relu') takes the plain SGD steps also where the gradients are large

    With ThreePieceNet's start multiplied by 6 (gradients reach the hundreds), the parameters
    after 0, 1, 2 and 7 steps at lr 2e-4 equal per-sample SGD from that start: a clipped or
    normalised gradient shows.
    """
    return _large(data, "leaky_relu")


EXTREME_HINTS = {
    "lr_zero": "lr=0 is a learning rate like any other: no step moves anything (no `lr or ...`)",
    "lr_above_0.1": "lr is used as given, also above 0.1 (no cap)",
    "huge_gradients": (
        "from a start 1000 times the given one the gradients exceed 1e9: every step is "
        "p.value -= lr·p.grad, however large the gradient (no step skipped, clipped or scaled)"
    ),
}


def _overflow(run: dict[str, Any], seed: int, init: np.ndarray) -> Verdict:
    """The overflow run: which parameters are left non-finite after the step, and the finite
    ones, against the replay (past the overflow only the pattern is the same for every correct
    loop)."""
    lr, k = float(run["lr"]), int(run["steps"][0])
    call = f"fit_square('leaky_relu', steps={k}, lr={num(lr)}, seed={seed})"
    got = run["after"][str(k)]
    err = error_in(got)
    if err is not None:
        return Verdict(False, f"{call} from a start 1e160 times the given one raised "
                       f"{err.describe()}", float("inf"))  # fmt: skip
    if not isinstance(got, list):
        return Verdict(False, f"{call} returned {str(got.get('returned'))[:80]}", float("inf"))
    got_a = as_array(got, shape=(7,), name="parameters")
    want = ref.sgd_trajectory(init, seed, lr, k)
    finite = np.isfinite(want)
    if (
        np.array_equal(np.isfinite(got_a), finite)
        and rel_error(got_a[finite], want[finite]) <= 1e-9
    ):
        return Verdict(True, "the step is taken when the loss overflows", 0.0)
    return Verdict(
        False,
        f"{call} from a start 1e160 times the given one (ŷ overflows, the loss is not finite): "
        f"the parameters are {np.array2string(got_a, precision=4)}, expected "
        f"{np.array2string(want, precision=4)}: {EXACT_STEPS}, also when the loss is inf or "
        "nan (no break, no skipped step)",
        float("inf"),
    )


@CHECKS.check("three_piece", probe="sgd_extremes", weight=2)
def sgd_extremes(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('leaky_relu') takes the plain SGD steps at lr 0, at lr 0.12, with gradients
    above 1e9 and when the loss overflows

    Each run from the given start (scaled 1000 times for the huge gradients, 1e160 times for the
    overflow): the parameters after each step count equal per-sample SGD replayed from that
    start at that lr: no `lr or default`, no cap on lr, no skipped, clipped or scaled step, no
    early stop on a non-finite loss.
    """
    if "net" in data:
        return Verdict(False, f"ThreePieceNet is {str(data['net'].get('returned'))[:80]}")
    seed = int(data["seed"])
    worst = 0.0
    for run in data["runs"]:
        init = np.asarray(data["init"], dtype=np.float64) * float(run["scale"])
        if run["name"] == "overflow":
            v = _overflow(run, seed, init)
        else:
            lr, steps = float(run["lr"]), [int(k) for k in run["steps"]]
            v = replay_verdict(
                run,
                "leaky_relu",
                seed,
                lr,
                list(init),
                steps,
                lambda k, init=init, lr=lr: ref.sgd_trajectory(init, seed, lr, k),
                lambda got, k, init=init, lr=lr: ref.sgd_hint(got, init, seed, lr, k, "leaky_relu"),
            )
            if not v.passed:
                v = Verdict(False, f"{EXTREME_HINTS[run['name']]}: {v.message}", v.value)
        if not v.passed:
            return v
        worst = max(worst, v.value or 0.0)
    return Verdict(
        True,
        "fit_square takes the plain SGD steps at lr 0 and 0.12, with gradients above 1e9 and "
        "when the loss overflows",
        worst,
    )


DEFAULTS = {
    "fit_square": {"activation": "'leaky_relu'", "steps": "20000", "lr": "0.01", "seed": "0"}
}
"""fit_square's documented defaults (the stub's signature; tests/checks/test_signatures.py
checks them against the reference)."""


@CHECKS.check("three_piece", probe="signature_defaults")
def fit_defaults(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square keeps its documented defaults (activation='leaky_relu', steps=20000, lr=0.01,
    seed=0): fit_square() alone is the course recipe

    The signature's defaults, and fit_square(steps=0): a leaky_relu net at the given start for
    seed 0.
    """
    err = error_in(data["steps0"])
    if err is not None:
        return Verdict(False, f"fit_square(steps=0) raised {err.describe()}")
    start = data["start"]
    if data["steps0"].get("activation") != "leaky_relu" or error_in(start) is not None:
        return Verdict(
            False, "fit_square(steps=0) did not return a 'leaky_relu' net: the default activation"
        )
    if rel_error(as_array(start, shape=(7,), name="parameters"), given_init(0)) > 1e-12:
        return Verdict(False, "fit_square(steps=0) does not start from seed 0's given start")
    return defaults_verdict(data["signature"], DEFAULTS)


@CHECKS.check("three_piece")
def sgd_large_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('relu') takes the plain SGD steps also where the gradients are large

    The same replay for the ReLU net.
    """
    return _large(data, "relu")


def _fit_failure(data: dict[str, Any], call: str, activation: str) -> Verdict | None:
    """A failing verdict when fit_square raised or returned no net, or predict raised."""
    if "net" in data:
        got = data["net"]
        err = error_in(got)
        if err is not None and data.get("start"):
            return start_failed(activation, "seed", err)
        if err is not None:
            return Verdict(False, f"{call} raised {err.describe()}", float("inf"))
        returned = str(got.get("returned") if isinstance(got, dict) else got)[:80]
        return Verdict(
            False, f"{call} returned {a(returned)}, not the trained ThreePieceNet", float("inf")
        )
    err = error_in(data["y_hat"])
    if err is not None:
        return Verdict(False, f"net.predict of the net {call} returned raised {err.describe()}")
    return None


def _fit(data: dict[str, Any], ctx: JudgeContext, key: str, activation: str) -> Verdict:
    """MSE of the trained net against x², computed here from its parameters (the predictions must
    agree).

    The grid is the probe's, taken from the probe module here, never read back from the child
    (a forged result with its own x could otherwise choose where the fit is judged).
    """
    call = _fit_call(data, ctx, activation)
    failed = _fit_failure(data, call, activation)
    if failed is not None:
        return failed
    x = FIT_GRID
    y_hat = as_array(data["y_hat"], shape=x.shape, name="predictions")
    params = as_array(data["params"], shape=(7,), name="parameters")
    curve = ref.three_piece_curve(params, x, activation)
    if not (np.all(np.isfinite(curve)) and np.all(np.isfinite(y_hat))):
        return Verdict(False, f"the net {call} returned predicts non-finite values", float("inf"))
    off = np.abs(curve - y_hat) > 1e-8 * max(1.0, float(np.max(np.abs(curve))))
    if off.any():
        i = int(np.argmax(off))
        claimed = float(np.mean((y_hat - x * x) ** 2))  # for margins: the MSE of what predict gave
        hint = wiring_hint(params, float(x[i]), activation, float(y_hat[i]))
        return Verdict(
            False,
            f"{call}: the returned net predicts {num(y_hat[i])} at x = {num(x[i])}, but its own "
            f"parameters (net.params) give ŷ = {num(curve[i])} with {activation} units{hint}; "
            "check the wiring in ThreePieceNet.build (ŷ = v1·h1 + v2·h2 + c, both units "
            "ACTIVATIONS[self.activation]) and that fit_square returns the net it trained, "
            "ThreePieceNet(activation, seed)",
            claimed,
        )
    mse = float(np.mean((curve - x * x) ** 2))
    limit = ctx.threshold(key)
    context = (
        f"(best possible three-piece fit: {ref.BEST_THREE_PIECE_MSE:.4f}, two pieces: "
        f"{ref.BEST_TWO_PIECE_MSE:.4f})"
    )
    if mse <= limit:
        return Verdict(True, f"MSE on [0, 2] is {mse:.5f} <= {limit} {context}", mse)
    return Verdict(False, f"{call}: MSE on [0, 2] is {mse:.5f} > {limit} {context}", mse)


def _fit_call(data: dict[str, Any], ctx: JudgeContext, activation: str) -> str:
    steps, lr = ctx.param("fit_steps"), ctx.param("fit_lr")
    return f"fit_square({activation!r}, steps={steps}, lr={lr}, seed={int(data['seed'])})"


def _trajectory(data: dict[str, Any], ctx: JudgeContext, activation: str) -> Verdict:
    """The trained net's parameters against the grader's replay of all ``fit_steps`` steps from
    the given start (``ref.sgd_trajectory``, bit for bit torch float64 autograd): a schedule, a
    cap or early stop, a recycled or other stream of x, clipping... show here, however good the
    final fit."""
    call = _fit_call(data, ctx, activation)
    failed = _fit_failure(data, call, activation)
    if failed is not None:
        return failed
    seed, steps, lr = int(data["seed"]), int(ctx.param("fit_steps")), float(ctx.param("fit_lr"))
    got = as_array(data["params"], shape=(7,), name="parameters")
    init = given_init(seed)
    want = ref.sgd_trajectory(init, seed, lr, steps, activation)
    e = rel_error(got, want)
    limit = ctx.threshold("fit_replay_rel_tol")
    if e <= limit:
        return Verdict(True, f"{call}: all {steps} steps replayed (relative error {e:.2g})", e)
    hint = ref.sgd_hint(got, init, seed, lr, steps, activation)
    i = int(np.argmax(np.abs(got - want)))
    return Verdict(
        False,
        f"{call}: the trained {PARAM_NAMES[i]}: {difference(float(got[i]), float(want[i]))}; "
        f"the parameters differ from exactly {steps} per-sample SGD steps at lr {lr} from "
        f"ThreePieceNet({activation!r}, seed) (relative error {e:.2g} > {limit:.0e})"
        + (
            f"; {hint}"
            if hint
            else "; every step draws its x from the one random.Random(seed) "
            "and calls sgd_step(net.params, lr) with the lr given, for all steps"
        ),
        e,
    )


@CHECKS.check(
    "three_piece", probe="fit_leaky", weight=2, seeded=True, threshold="fit_replay_rel_tol"
)
def fit_trajectory_leaky(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('leaky_relu') takes exactly the specified steps, all of them

    The LeakyReLU fit's parameters equal the grader's replay of all its SGD steps (a learning
    rate schedule, a step cap, early stopping or a recycled stream of x shows).
    """
    return _trajectory(data, ctx, "leaky_relu")


@CHECKS.check(
    "three_piece", probe="fit_relu", weight=2, seeded=True, threshold="fit_replay_rel_tol"
)
def fit_trajectory_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('relu') takes exactly the specified steps, all of them

    The same replay for the ReLU fit.
    """
    return _trajectory(data, ctx, "relu")


@CHECKS.check("three_piece", weight=2, seeded=True, threshold="fit_mse_leaky")
def fit_leaky(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyReLU fit of x² reaches the calibrated MSE"""
    return _fit(data, ctx, "fit_mse_leaky", "leaky_relu")


@CHECKS.check("three_piece", weight=2, seeded=True, threshold="fit_mse_relu")
def fit_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """ReLU fit of x² reaches the calibrated MSE"""
    return _fit(data, ctx, "fit_mse_relu", "relu")
