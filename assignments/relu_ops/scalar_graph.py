"""A tiny scalar computational graph (given code: identical in the stub and the solution).

Every node holds one float ``value``. An :class:`Op` computes its value from its
parents in :meth:`Op.compute` and reports its local derivative with respect to one
parent in :meth:`Op.get_parent_grad`. :func:`forward` evaluates a graph and
:func:`backward` accumulates ``d(output)/d(node)`` into every node's ``grad``; both
walk the graph in topological order with an explicit stack, so long chains never
hit Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Iterable


class Node:
    """A graph node: parents, a value and the gradient of the output with respect to it."""

    def __init__(self, *parents: Node, name: str | None = None) -> None:
        self.parents: list[Node] = list(parents)
        self.value: float | None = None
        self.grad: float = 0.0
        self.name = name or type(self).__name__

    def __repr__(self) -> str:
        return f"{self.name}(value={self.value})"


class Variable(Node):
    """A leaf whose value is set from outside: an input, a target or a trainable parameter."""

    def __init__(
        self, value: float = 0.0, *, trainable: bool = False, name: str | None = None
    ) -> None:
        super().__init__(name=name)
        self.value = float(value)
        self.trainable = trainable

    def set(self, value: float) -> None:
        self.value = float(value)


def Parameter(value: float, name: str | None = None) -> Variable:
    """A trainable :class:`Variable`."""
    return Variable(value, trainable=True, name=name)


class Op(Node):
    """An operation node. Subclasses implement ``compute`` and ``get_parent_grad``."""

    def compute(self) -> None:
        """Set ``self.value`` from the parents' values."""
        raise NotImplementedError

    def get_parent_grad(self, parent: Node) -> float:
        """The local derivative d(self)/d(parent) at the current parent values."""
        raise NotImplementedError


class Add(Op):
    """The sum of any number of parents."""

    def compute(self) -> None:
        self.value = sum(p.value for p in self.parents)

    def get_parent_grad(self, parent: Node) -> float:
        return 1.0


class Mul(Op):
    """The product of two parents."""

    def compute(self) -> None:
        a, b = self.parents
        self.value = a.value * b.value

    def get_parent_grad(self, parent: Node) -> float:
        a, b = self.parents
        return b.value if parent is a else a.value


class Sub(Op):
    """``parents[0] - parents[1]``."""

    def compute(self) -> None:
        a, b = self.parents
        self.value = a.value - b.value

    def get_parent_grad(self, parent: Node) -> float:
        return 1.0 if parent is self.parents[0] else -1.0


class Square(Op):
    """``parents[0] ** 2`` (for squared-error losses)."""

    def compute(self) -> None:
        self.value = self.parents[0].value ** 2

    def get_parent_grad(self, parent: Node) -> float:
        return 2.0 * self.parents[0].value


def topological_order(output: Node) -> list[Node]:
    """Every node that ``output`` depends on, parents before children (iterative DFS)."""
    order: list[Node] = []
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(output, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in reversed(node.parents) if id(p) not in seen)
    return order


def forward(output: Node) -> float:
    """Compute every op ``output`` depends on, in order; return ``output.value``."""
    for node in topological_order(output):
        if isinstance(node, Op):
            node.compute()
    return output.value


def backward(output: Node) -> None:
    """Set ``node.grad = d(output)/d(node)`` for every node, after a :func:`forward`.

    A parent that appears twice (``Mul(x, x)``) collects one contribution per edge.
    """
    order = topological_order(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        if isinstance(node, Op):
            for parent in node.parents:
                parent.grad += node.grad * node.get_parent_grad(parent)


def sgd_step(params: Iterable[Variable], lr: float) -> None:
    """One gradient-descent update ``p <- p - lr * p.grad`` on every trainable parameter."""
    for p in params:
        if p.trainable:
            p.value -= lr * p.grad
