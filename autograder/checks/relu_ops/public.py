"""Public checks of relu_ops: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use
only the expected values written here and the spec's formula in ``netmath``.
"""

from __future__ import annotations

from typing import Any

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, compare, rel_error
from autograder.checks.relu_ops.netmath import three_piece_net

CHECKS = CheckTable(__name__)

# x = -2 and x = 3 (probe ``ops_public``)
EXPECTED = {
    "relu": [0.0, 3.0],
    "leaky_relu": [-0.2, 3.0],
    "relu_grad": [0.0, 1.0],
    "leaky_grad": [0.1, 1.0],
}


@CHECKS.check("forward", probe="ops_public")
def forward_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """both activations at x = -2 and x = 3"""
    xs = data["x"]
    return all_of(
        compare(data["relu"], EXPECTED["relu"], xs, "relu(x)"),
        compare(data["Relu"]["value"], EXPECTED["relu"], xs, "Relu node value"),
        compare(data["leaky_relu"], EXPECTED["leaky_relu"], xs, "leaky_relu(x)", rtol=1e-12),
        compare(
            data["LeakyRelu"]["value"],
            EXPECTED["leaky_relu"],
            xs,
            "LeakyRelu node value",
            rtol=1e-12,
        ),
    )


@CHECKS.check("local_grads", probe="ops_public")
def grads_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """local gradients at x = -2 and x = 3"""
    xs = data["x"]
    return all_of(
        compare(data["Relu"]["grad"], EXPECTED["relu_grad"], xs, "Relu.get_parent_grad"),
        compare(
            data["LeakyRelu"]["grad"],
            EXPECTED["leaky_grad"],
            xs,
            "LeakyRelu.get_parent_grad",
            rtol=1e-12,
        ),
    )


@CHECKS.check("three_piece")
def net_forward(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """ThreePieceNet wiring: prediction, loss, gradients

    ThreePieceNet.build: predictions, loss and parameter gradients against torch float64.
    """
    params = data["params"]
    for act in ("relu", "leaky_relu"):
        for row in data[act]:
            y_hat, loss, grad = three_piece_net(params, row["x"], act)
            if not abs(row["y_hat"] - y_hat) <= 1e-9 * max(1.0, abs(y_hat)):  # NaN fails too
                return Verdict(
                    False,
                    f"{act} net: y_hat at x={row['x']} is {row['y_hat']!r}, expected {y_hat!r}",
                )
            if not abs(row["loss"] - loss) <= 1e-9 * max(1.0, abs(loss)):
                return Verdict(
                    False,
                    f"{act} net: loss at x={row['x']} is {row['loss']!r}, expected {loss!r} = "
                    "(y_hat - x²)²",
                )
            if not rel_error(row["grad"], grad) <= 1e-9:
                return Verdict(
                    False,
                    f"{act} net: parameter gradients at x={row['x']} do not match torch autograd",
                )
    return Verdict(True, "ThreePieceNet computes the right prediction, loss and gradients")
