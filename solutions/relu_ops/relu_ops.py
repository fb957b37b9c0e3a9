"""Assignment 1: ReLU and LeakyReLU as nodes of the scalar graph, and a three-piece fit of x².

Conventions (the checks test exactly these):

* ``relu(x) = x`` for ``x > 0`` and ``0`` otherwise, so ``relu(0) = 0``;
  its derivative is ``1`` for ``x > 0`` and ``0`` for ``x <= 0``, so ``Relu'(0) = 0``.
* ``leaky_relu(x) = x`` for ``x >= 0`` and ``0.1 * x`` for ``x < 0``;
  its derivative is ``1`` for ``x > 0`` and ``0.1`` for ``x <= 0``, so ``LeakyRelu'(0) = 0.1``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from scalar_graph import (
    Add,
    Mul,
    Node,
    Op,
    Parameter,
    Square,
    Sub,
    Variable,
    backward,
    forward,
    sgd_step,
)

LEAKY_SLOPE = 0.1
"""Slope of LeakyReLU for negative inputs (a fixed hyper-parameter of this course)."""


def relu(x: float) -> float:
    """ReLU of one float, for use outside the graph (plots): ``x`` if ``x > 0`` else ``0.0``.

    Always a Python ``float``: ``relu(0.0)`` is ``0.0`` (not the int ``0``, not a numpy scalar).
    """
    # BEGIN SOLUTION (Task 1.1)
    return float(x) if x > 0 else 0.0
    # END SOLUTION


def leaky_relu(x: float) -> float:
    """LeakyReLU of one float: ``x`` if ``x >= 0`` else ``LEAKY_SLOPE * x``, as a Python
    ``float``."""
    # BEGIN SOLUTION (Task 1.2)
    return float(x) if x >= 0 else LEAKY_SLOPE * float(x)
    # END SOLUTION


class Relu(Op):
    """ReLU node with exactly one parent."""

    def compute(self) -> None:
        """Set ``self.value`` to ``relu(parent.value)`` (a Python float); leave the parent's
        value as it is."""
        # BEGIN SOLUTION (Task 1.1)
        assert len(self.parents) == 1, "Relu takes exactly one parent"
        self.value = relu(self.parents[0].value)
        # END SOLUTION

    def get_parent_grad(self, parent: Node) -> float:
        """d relu / d parent at the parent's current value, as a Python float: 1.0 if it is
        > 0, else 0.0 (also at 0)."""
        # BEGIN SOLUTION (Task 1.1)
        return 1.0 if self.parents[0].value > 0 else 0.0
        # END SOLUTION


class LeakyRelu(Op):
    """LeakyReLU node (slope ``LEAKY_SLOPE`` below zero) with exactly one parent."""

    def compute(self) -> None:
        """Set ``self.value`` to ``leaky_relu(parent.value)`` (a Python float); leave the
        parent's value as it is."""
        # BEGIN SOLUTION (Task 1.2)
        assert len(self.parents) == 1, "LeakyRelu takes exactly one parent"
        self.value = leaky_relu(self.parents[0].value)
        # END SOLUTION

    def get_parent_grad(self, parent: Node) -> float:
        """d leaky_relu / d parent, as a Python float: 1.0 if the parent's value is > 0, else
        ``LEAKY_SLOPE`` (also at 0)."""
        # BEGIN SOLUTION (Task 1.2)
        return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE
        # END SOLUTION


ACTIVATIONS: dict[str, type[Op]] = {"relu": Relu, "leaky_relu": LeakyRelu}


@dataclass
class ThreePieceNet:
    """x → two linear units ``w_i·x + b_i`` → activation → ``v_1·h_1 + v_2·h_2 + c`` → ŷ.

    Each hidden unit bends at ``x = -b_i / w_i``, so ŷ is a line with at most two kinks:
    three pieces. ``x`` and ``y`` are input :class:`Variable` nodes, ``y_hat`` the
    prediction node and ``loss`` the squared error ``(ŷ - y)²``.
    """

    activation: str = "leaky_relu"
    seed: int = 0
    x: Variable = field(init=False)
    y: Variable = field(init=False)
    params: list[Variable] = field(init=False)
    y_hat: Node = field(init=False)
    loss: Node = field(init=False)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        # Given initialisation: slopes near 1 and kinks spread over (0.2, 1.8).
        kinks = sorted(rng.uniform(0.2, 1.8) for _ in range(2))
        w = [rng.uniform(0.8, 1.2) for _ in range(2)]
        self.params = [
            Parameter(w[0], "w1"), Parameter(-w[0] * kinks[0], "b1"),
            Parameter(w[1], "w2"), Parameter(-w[1] * kinks[1], "b2"),
            Parameter(rng.uniform(0.5, 1.5), "v1"), Parameter(rng.uniform(0.5, 1.5), "v2"),
            Parameter(0.0, "c"),
        ]  # fmt: skip
        self.x = Variable(0.0, name="x")
        self.y = Variable(0.0, name="y")
        self.y_hat, self.loss = self.build()

    def build(self) -> tuple[Node, Node]:
        """Wire the graph from ``self.x`` and ``self.params``; return ``(y_hat, loss)``.

        Use ``ACTIVATIONS[self.activation]`` for both hidden units, ``y_hat = v1·h1 + v2·h2 + c``
        and ``Square(Sub(y_hat, self.y))`` for the loss: ``self.y`` is the target node, whatever
        value it is set to (not necessarily x²).
        """
        # BEGIN SOLUTION (Task 1.3)
        w1, b1, w2, b2, v1, v2, c = self.params
        act = ACTIVATIONS[self.activation]
        h1 = act(Add(Mul(w1, self.x), b1))
        h2 = act(Add(Mul(w2, self.x), b2))
        y_hat = Add(Mul(v1, h1), Mul(v2, h2), c)
        return y_hat, Square(Sub(y_hat, self.y))
        # END SOLUTION

    def predict(self, x: float) -> float:
        """ŷ for one input value."""
        self.x.set(x)
        return forward(self.y_hat)


def fit_square(
    activation: str = "leaky_relu", *, steps: int = 20000, lr: float = 0.01, seed: int = 0
) -> ThreePieceNet:
    """Fit ``y = x²`` on ``[0, 2]`` by per-sample SGD and return the trained net.

    Exactly ``steps`` steps at learning rate ``lr``. The net starts from
    ``ThreePieceNet(activation, seed)``; one generator ``random.Random(seed)``, made once,
    supplies every x. Each step draws ``x ~ U(0, 2)`` from it, sets the input node to ``x`` and
    the target node to ``x²``, runs :func:`forward` and :func:`backward` on ``net.loss`` and
    calls :func:`sgd_step` on ``net.params`` (with the gradients as ``backward`` left them:
    no clipping or scaling, however large they are).
    """
    net = ThreePieceNet(activation, seed)
    # BEGIN SOLUTION (Task 1.4)
    rng = random.Random(seed)
    for _ in range(steps):
        x = rng.uniform(0.0, 2.0)
        net.x.set(x)
        net.y.set(x * x)
        forward(net.loss)
        backward(net.loss)
        sgd_step(net.params, lr)
    # END SOLUTION
    return net
