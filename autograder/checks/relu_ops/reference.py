"""Judge-side reference values for relu_ops (never shipped to a grading child)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from autograder.checks.judging import rel_error
from autograder.checks.relu_ops.probes import given_init
from autograder.checks.relu_ops.public import EXACT_STEPS

SLOPE = 0.1


def relu(x: float) -> float:
    return x if x > 0 else 0.0


def leaky(x: float) -> float:
    return x if x >= 0 else SLOPE * x


def relu_grad(x: float) -> float:
    return 1.0 if x > 0 else 0.0


def leaky_grad(x: float) -> float:
    return 1.0 if x > 0 else SLOPE


class TorchOps:
    """The ``composites`` namespace over torch float64 tensors, with this course's kink
    conventions."""

    def __init__(self) -> None:
        import torch

        self.t = torch

    def const(self, v: float) -> Any:
        return self.t.tensor(v, dtype=self.t.float64)

    def add(self, a: Any, b: Any) -> Any:
        return a + b

    def sub(self, a: Any, b: Any) -> Any:
        return a - b

    def mul(self, a: Any, b: Any) -> Any:
        return a * b

    def square(self, a: Any) -> Any:
        return a * a

    def relu(self, a: Any) -> Any:
        return self.t.where(a > 0, a, a * 0.0)

    def leaky(self, a: Any) -> Any:
        return self.t.where(a > 0, a, a * SLOPE)


def torch_value_and_grad(fn: Any, point: Sequence[float]) -> tuple[float, np.ndarray]:
    """Value and float64 autograd gradient of a composite at ``point``."""
    ops = TorchOps()
    leaves = [ops.t.tensor(v, dtype=ops.t.float64, requires_grad=True) for v in point]
    out = fn(ops, *leaves)
    grads = ops.t.autograd.grad(out, leaves, allow_unused=True)
    return float(out.detach()), np.array([0.0 if g is None else float(g) for g in grads])


@functools.lru_cache(maxsize=64)
def _trajectory(
    init: tuple[float, ...], seed: int, lr: float, steps: int, activation: str
) -> tuple[float, ...]:
    """Per-sample SGD in Python floats, bit for bit what torch float64 autograd of
    :func:`three_piece_net` gives (same operations, same order), about 500 times faster: a
    20000-step replay takes milliseconds, and a batch pays for it once per seed."""
    import random

    rng = random.Random(seed)
    w1, b1, w2, b2, v1, v2, c = (float(p) for p in init)
    slope = 0.0 if activation == "relu" else SLOPE
    for _ in range(steps):
        x = rng.uniform(0.0, 2.0)
        z1, z2 = w1 * x + b1, w2 * x + b2
        h1 = z1 if z1 > 0 else z1 * slope
        h2 = z2 if z2 > 0 else z2 * slope
        g = 2.0 * (v1 * h1 + v2 * h2 + c - x * x)  # d loss / d ŷ
        g1 = g * v1 if z1 > 0 else g * v1 * slope  # d loss / d z1
        g2 = g * v2 if z2 > 0 else g * v2 * slope
        w1, b1, w2, b2 = w1 - lr * (g1 * x), b1 - lr * g1, w2 - lr * (g2 * x), b2 - lr * g2
        v1, v2, c = v1 - lr * (g * h1), v2 - lr * (g * h2), c - lr * g
    return (w1, b1, w2, b2, v1, v2, c)


def sgd_trajectory(
    init: Sequence[float], seed: int, lr: float, steps: int, activation: str = "leaky_relu"
) -> np.ndarray:
    """Parameters ``(w1, b1, w2, b2, v1, v2, c)`` after ``steps`` per-sample SGD steps from
    ``init`` with x drawn from ``random.Random(seed)``: shape ``(7,)``, float64."""
    key = tuple(float(p) for p in init)
    return np.array(_trajectory(key, int(seed), float(lr), int(steps), activation))


def sgd_hint(
    got: np.ndarray, init: Sequence[float], seed: int, lr: float, steps: int, activation: str
) -> str:
    """What wrong parameters after ``steps`` steps are consistent with (``""``: none of these)."""
    other = "relu" if activation == "leaky_relu" else "leaky_relu"
    candidates = [
        (f"{steps - 1} step(s) give", (init, seed, lr, steps - 1, activation)),
        (f"{steps + 1} steps give", (init, seed, lr, steps + 1, activation)),
        ("lr = 0.01 gives: use the lr argument", (init, seed, 0.01, steps, activation)),
        ("seed 0 gives: use the seed argument", (given_init(0), 0, lr, steps, activation)),
        (
            f"activation={other!r} gives: use the activation argument",
            (init, seed, lr, steps, other),
        ),
    ]
    for what, args in candidates:
        if rel_error(got, sgd_trajectory(*args)) <= 1e-9:
            fix = "" if "argument" in what else f": {EXACT_STEPS}"
            return f"; that is what {what}{fix}"
    return ""


BEST_THREE_PIECE_MSE = 0.0010985
"""Least-squares optimum of a continuous three-piece line against x² on [0, 2] (knots 2/3, 4/3)."""
BEST_TWO_PIECE_MSE = 0.0055611
BEST_LINE_MSE = 0.0889778


def three_piece_curve(params: Sequence[float], x: np.ndarray, activation: str) -> np.ndarray:
    """ŷ of the course's net with parameters ``(w1, b1, w2, b2, v1, v2, c)`` on an array of x."""
    w1, b1, w2, b2, v1, v2, c = (float(p) for p in params)
    slope = 0.0 if activation == "relu" else SLOPE

    def act(z: np.ndarray) -> np.ndarray:
        return np.where(z > 0, z, z * slope)

    return v1 * act(w1 * x + b1) + v2 * act(w2 * x + b2) + c
