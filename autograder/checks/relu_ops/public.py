"""Public checks of relu_ops: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use
only the expected values written here and the spec's formula in ``netmath``. Each check
names one function and reads only that function's calls (``calls``).
"""

from __future__ import annotations

from typing import Any

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.relu_ops import calls
from autograder.checks.relu_ops.netmath import net_verdict

CHECKS = CheckTable(__name__)

# x = -2 and x = 3 (probe ``ops_public``)
EXPECTED = {
    "relu": [0.0, 3.0],
    "leaky_relu": [-0.2, 3.0],
    "relu_grad": [0.0, 1.0],
    "leaky_grad": [0.1, 1.0],
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
    """relu(x) at x = -2 and x = 3"""
    return calls.values(data, "relu", EXPECTED["relu"])


@CHECKS.check("forward", probe="ops_public")
def leaky_relu_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """leaky_relu(x) at x = -2 and x = 3"""
    return calls.values(data, "leaky_relu", EXPECTED["leaky_relu"], rtol=1e-12, hint=leaky_hint)


@CHECKS.check("forward", probe="ops_public")
def relu_node_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.compute at x = -2 and x = 3"""
    return calls.node_values(data, "Relu", EXPECTED["relu"], rtol=0.0)


@CHECKS.check("forward", probe="ops_public")
def leaky_node_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.compute at x = -2 and x = 3"""
    return calls.node_values(data, "LeakyRelu", EXPECTED["leaky_relu"], rtol=1e-12, hint=leaky_hint)


@CHECKS.check("local_grads", probe="ops_public")
def relu_grad_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu.get_parent_grad at x = -2 and x = 3"""
    return calls.values(data, "Relu_grad", EXPECTED["relu_grad"], hint=relu_grad_hint)


@CHECKS.check("local_grads", probe="ops_public")
def leaky_grad_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu.get_parent_grad at x = -2 and x = 3"""
    return calls.values(
        data, "LeakyRelu_grad", EXPECTED["leaky_grad"], rtol=1e-12, hint=leaky_grad_hint
    )


@CHECKS.check("three_piece")
def net_forward(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """ThreePieceNet wiring: prediction, loss, gradients

    ThreePieceNet.build: predictions, loss and parameter gradients against torch float64, with
    fixed parameters and targets y = x².
    """
    params = data["params"]
    for act in ("relu", "leaky_relu"):
        cases = [(float(row["x"]), float(row["x"]) ** 2) for row in data[act]]
        bad = net_verdict(act, params, cases, data[act])
        if bad is not None:
            return bad
    return Verdict(True, "ThreePieceNet computes the right prediction, loss and gradients")
