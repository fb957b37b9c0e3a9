"""Public checks of relu_ops: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use
only the expected values written here and the spec's formula in ``netmath``. Each check
names one function and reads only that function's calls (``calls``). Every convention the
notebook states (the values at the kink, the slope 0.1, Python floats, the parent left as it is,
the target node, fit_square's steps) has a check here, so that passing them all locally never
loses points on one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import rel_error
from autograder.checks.relu_ops import calls
from autograder.checks.relu_ops.netmath import net_verdict, replay_verdict
from autograder.checks.relu_ops.probes import SMOKE

CHECKS = CheckTable(__name__)

# x = -2, 0 and 3 (probe ``ops_public``): relu(0) = 0, Relu'(0) = 0, LeakyRelu'(0) = 0.1
EXPECTED = {
    "relu": [0.0, 0.0, 3.0],
    "leaky_relu": [-0.2, 0.0, 3.0],
    "relu_grad": [0.0, 0.0, 1.0],
    "leaky_grad": [0.1, 0.1, 1.0],
}

# fit_square(activation, steps=k, lr=0.05, seed=3) (probe ``fit_smoke``): the given start
# (w1, b1, w2, b2, v1, v2, c) of ThreePieceNet(activation, 3), then the parameters after
# k = 1, 2, 3, 4 per-sample SGD steps (4: for the hint only). Each step draws x from one
# random.Random(3) (x = 0.476, 1.088, 0.740, 1.208) and sets y = x².
SMOKE_START = (
    0.9479820666192317,
    -0.5505343316804,
    1.0415680154384779,
    -1.1152764097038952,
    1.1257203041080541,
    0.5655288592398131,
    0.0,
)
SMOKE_AFTER = {
    "leaky_relu": (
        (
            0.9494432651598311,
            -0.5474641305365233,
            1.0423020787229123,
            -1.1137340307095773,
            1.125449312173826,
            0.5638391098075818,
            0.027273214604664225,
        ),
        (
            1.0228001137876084,
            -0.4800689547373132,
            1.0790531431921642,
            -1.0799697060821498,
            1.1545503336125091,
            0.5650827864484745,
            0.08715612098721387,
        ),
        (
            1.0361902529031841,
            -0.46197197931119016,
            1.079708509779664,
            -1.0790839682323252,
            1.1588876410373388,
            0.5646414446218657,
            0.10283060039210809,
        ),
        (
            1.080135493146425,
            -0.425588652517306,
            1.1011198209858026,
            -1.0613570260564131,
            1.1836765429907017,
            0.5717063100244965,
            0.13422564293593647,
        ),
    ),
    "relu": (
        (
            0.9479820666192317,
            -0.5505343316804,
            1.0415680154384779,
            -1.1152764097038952,
            1.1257203041080541,
            0.5655288592398131,
            0.02265086549879317,
        ),
        (
            1.0227076274783635,
            -0.4818816781790228,
            1.0791079452367627,
            -1.080787330421291,
            1.155072931735425,
            0.5666526456797442,
            0.08363639916185792,
        ),
        (
            1.0352181627333799,
            -0.46497350066693693,
            1.0791079452367627,
            -1.080787330421291,
            1.1590959494575075,
            0.5666526456797442,
            0.09827458957177633,
        ),
        (
            1.0805930309799479,
            -0.4274065502871802,
            1.1012905688162182,
            -1.0624218000846766,
            1.1845513497001139,
            0.573867317450317,
            0.13068515092119626,
        ),
    ),
}


def leaky_hint(x: float, got: float) -> str:
    """For a wrong leaky_relu(x) at x < 0: the slope it used."""
    return f" (slope {got / x:.6g} below zero; this course's LEAKY_SLOPE is 0.1)" if x < 0 else ""


def leaky_grad_hint(x: float, got: float) -> str:
    """For a wrong LeakyRelu gradient at x <= 0: the convention."""
    if x == 0:
        return " (this course's convention: LeakyRelu'(0) = LEAKY_SLOPE = 0.1)"
    return " (the slope below zero is LEAKY_SLOPE = 0.1)" if x < 0 else ""


def relu_grad_hint(x: float, got: float) -> str:
    """For a wrong Relu gradient at 0: the convention."""
    return " (this course's convention: Relu'(0) = 0)" if x == 0 else ""


@CHECKS.check("forward", probe="ops_public")
def relu_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """relu(x) at x = -2, 0 and 3 (relu(0) = 0)"""
    return calls.values(data, "relu", EXPECTED["relu"])


@CHECKS.check("forward", probe="ops_public")
def leaky_relu_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """leaky_relu(x) at x = -2, 0 and 3 (slope 0.1 below zero)"""
    return calls.values(data, "leaky_relu", EXPECTED["leaky_relu"], rtol=1e-12, hint=leaky_hint)


@CHECKS.check("forward", probe="ops_public")
def relu_node_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.compute at x = -2, 0 and 3; its parent's value unchanged"""
    return calls.node_values(data, "Relu", EXPECTED["relu"], rtol=0.0)


@CHECKS.check("forward", probe="ops_public")
def leaky_node_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.compute at x = -2, 0 and 3; its parent's value unchanged"""
    return calls.node_values(data, "LeakyRelu", EXPECTED["leaky_relu"], rtol=1e-12, hint=leaky_hint)


@CHECKS.check("forward", probe="ops_public")
def relu_float_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """relu returns a Python float at x = -2, 0 and 3 (relu(0.0) is 0.0, not 0)"""
    return calls.python_floats(data, "relu", "the result")


@CHECKS.check("forward", probe="ops_public")
def leaky_relu_float_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """leaky_relu returns a Python float at x = -2, 0 and 3"""
    return calls.python_floats(data, "leaky_relu", "the result")


@CHECKS.check("forward", probe="ops_public")
def relu_node_float_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.compute sets self.value to a Python float at x = -2, 0 and 3"""
    return calls.python_floats(data, "Relu", "self.value")


@CHECKS.check("forward", probe="ops_public")
def leaky_node_float_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.compute sets self.value to a Python float at x = -2, 0 and 3"""
    return calls.python_floats(data, "LeakyRelu", "self.value")


@CHECKS.check("local_grads", probe="ops_public")
def relu_grad_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.get_parent_grad at x = -2, 0 and 3 (Relu'(0) = 0)"""
    return calls.values(data, "Relu_grad", EXPECTED["relu_grad"], hint=relu_grad_hint)


@CHECKS.check("local_grads", probe="ops_public")
def leaky_grad_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad at x = -2, 0 and 3 (LeakyRelu'(0) = 0.1)"""
    return calls.values(
        data, "LeakyRelu_grad", EXPECTED["leaky_grad"], rtol=1e-12, hint=leaky_grad_hint
    )


@CHECKS.check("local_grads", probe="ops_public")
def relu_grad_float_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.get_parent_grad returns a Python float at x = -2, 0 and 3"""
    return calls.python_floats(data, "Relu_grad", "the gradient")


@CHECKS.check("local_grads", probe="ops_public")
def leaky_grad_float_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad returns a Python float at x = -2, 0 and 3"""
    return calls.python_floats(data, "LeakyRelu_grad", "the gradient")


@CHECKS.check("three_piece")
def net_forward(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """ThreePieceNet wiring: prediction, loss, gradients

    ThreePieceNet.build: predictions, loss and parameter gradients against torch float64, with
    fixed parameters, at targets y = x² and y ≠ x² (the loss uses the target node self.y).
    """
    params = data["params"]
    for act in ("relu", "leaky_relu"):
        cases = [(float(row["x"]), float(row["y"])) for row in data[act]]
        bad = net_verdict(act, params, cases, data[act])
        if bad is not None:
            return bad
    return Verdict(True, "ThreePieceNet computes the right prediction, loss and gradients")


EXACT_STEPS = "take exactly `steps` steps, each one forward, backward, then sgd_step"


def _smoke_hint(activation: str, after: dict[str, Any]) -> Callable[[np.ndarray, int], str]:
    """What the wrong parameters are consistent with, where every run (k = 1, 2, 3) agrees: one
    step too few or too many, or the other activation (``""``: none of these)."""
    other = "relu" if activation == "leaky_relu" else "leaky_relu"
    table = (SMOKE_START, *SMOKE_AFTER[activation])
    candidates = (
        ("{k_1} step(s) give: " + EXACT_STEPS, lambda k: table[k - 1]),
        ("{k1} steps give: " + EXACT_STEPS, lambda k: table[k + 1]),
        (
            f"activation={other!r} gives: use the activation argument",
            lambda k: SMOKE_AFTER[other][k - 1],
        ),
    )
    runs = {
        int(k): v
        for k, v in after.items()
        if k in ("1", "2", "3")
        and isinstance(v, list)
        and len(v) == 7
        and all(isinstance(p, float | int) for p in v)
    }

    def hint(got: np.ndarray, k: int) -> str:
        for what, params in candidates:
            if all(rel_error(v, params(j)) <= 1e-9 for j, v in runs.items()):
                return "; that is what " + what.format(k_1=k - 1, k1=k + 1)
        return ""

    return hint


def _smoke(data: dict[str, Any], activation: str) -> Verdict:
    seed, lr, steps = SMOKE["seed"], SMOKE["lr"], SMOKE["steps"]
    run = data[activation]
    return replay_verdict(
        run,
        activation,
        seed,
        lr,
        SMOKE_START,
        steps,
        lambda k: SMOKE_AFTER[activation][k - 1],
        _smoke_hint(activation, run["after"] if isinstance(run.get("after"), dict) else {}),
    )


@CHECKS.check("three_piece", probe="fit_smoke")
def fit_smoke(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('leaky_relu') takes the specified SGD steps (smoke run)

    fit_square('leaky_relu', steps=k, lr=0.05, seed=3) for k = 1, 2, 3: the parameters equal
    per-sample SGD from the given start, x from random.Random(3), y = x², to 1e-9.
    """
    return _smoke(data, "leaky_relu")


@CHECKS.check("three_piece", probe="fit_smoke")
def fit_smoke_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square('relu') takes the specified SGD steps (smoke run)

    The same first three steps for the ReLU net.
    """
    return _smoke(data, "relu")
