"""Composite functions written once over an ``ops`` namespace.

The probe evaluates them as scalar graphs built from the student's ``Relu`` and
``LeakyRelu`` nodes; the judge evaluates the same code with torch float64
autograd. Each entry: name → (function, input names, evaluation points). The points
keep every activation input at least 0.05 away from its kink, so central
differences with h = 1e-5 never straddle one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Fn = Callable[..., Any]


def mixed(o: Any, a: Any, b: Any, c: Any) -> Any:
    """relu(a·b + c) · leaky(a − b) + leaky(c)²"""
    return o.add(o.mul(o.relu(o.add(o.mul(a, b), c)), o.leaky(o.sub(a, b))), o.square(o.leaky(c)))


def three_piece(o: Any, x: Any, w1: Any, b1: Any, w2: Any, b2: Any, v1: Any, v2: Any) -> Any:
    """(v1·relu(w1·x + b1) + v2·leaky(w2·x + b2) − x²)²: the course's fit with both activations."""
    y_hat = o.add(
        o.mul(v1, o.relu(o.add(o.mul(w1, x), b1))), o.mul(v2, o.leaky(o.add(o.mul(w2, x), b2)))
    )
    return o.square(o.sub(y_hat, o.mul(x, x)))


def shared(o: Any, x: Any, y: Any) -> Any:
    """A node used twice: relu(x·y)·leaky(x·y − 1) with x·y built once."""
    xy = o.mul(x, y)
    return o.mul(o.relu(xy), o.leaky(o.sub(xy, o.const(1.0))))


def deep_chain(o: Any, x: Any, w: Any) -> Any:
    """leaky applied 400 times to alternating ±(w·x): a graph deeper than naive recursion likes."""
    h = o.mul(w, x)
    for i in range(400):
        h = o.leaky(h) if i % 2 else o.relu(o.add(h, o.const(0.001)))
    return h


COMPOSITES: dict[str, tuple[Fn, tuple[str, ...], tuple[tuple[float, ...], ...]]] = {
    "mixed": (
        mixed,
        ("a", "b", "c"),
        ((1.5, 0.5, -0.3), (-1.2, 0.7, 0.4), (0.6, 1.1, -2.0), (2.0, -0.5, 1.5)),
    ),
    "three_piece": (
        three_piece,
        ("x", "w1", "b1", "w2", "b2", "v1", "v2"),
        (
            (0.3, 1.1, -0.6, 0.9, -1.2, 0.7, 1.3),
            (1.7, 1.1, -0.6, 0.9, -1.2, 0.7, 1.3),
            (1.0, -0.8, 0.5, 1.4, -0.2, 1.2, 0.8),
        ),
    ),
    "shared": (shared, ("x", "y"), ((0.8, 1.7), (-0.9, 1.4), (0.5, -0.8))),
    "deep_chain": (deep_chain, ("x", "w"), ((0.75, 1.2), (-0.4, 0.9))),
}
