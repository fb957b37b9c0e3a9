"""The documented ThreePieceNet written out (torch float64 for gradients, plain floats for hints):
a restatement of the spec, used by the public and hidden judges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from autograder.checks.core import Verdict
from autograder.checks.judging import difference, num, rel_error
from autograder.checks.relu_ops.calls import error_in

SLOPE = 0.1
PARAM_NAMES = ("w1", "b1", "w2", "b2", "v1", "v2", "c")


def three_piece_net(
    params: Sequence[float], x: float, activation: str, y: float | None = None
) -> tuple[float, float, np.ndarray]:
    """ŷ, loss ``(ŷ - y)²`` (``y = x²`` unless given) and d loss / d params for params
    ``(w1, b1, w2, b2, v1, v2, c)``."""
    import torch

    p = torch.tensor(list(params), dtype=torch.float64, requires_grad=True)
    w1, b1, w2, b2, v1, v2, c = p
    xt = torch.tensor(x, dtype=torch.float64)
    target = xt * xt if y is None else torch.tensor(y, dtype=torch.float64)
    slope = 0.0 if activation == "relu" else SLOPE

    def act(z: torch.Tensor) -> torch.Tensor:
        return torch.where(z > 0, z, z * slope)

    y_hat = v1 * act(w1 * xt + b1) + v2 * act(w2 * xt + b2) + c
    loss = (y_hat - target) ** 2
    (grad,) = torch.autograd.grad(loss, p)
    return float(y_hat.detach()), float(loss.detach()), grad.numpy()


def _act(z: float, slope: float | None) -> float:
    return z if slope is None or z > 0 else slope * z


def y_hat_variants(params: Sequence[float], x: float, activation: str) -> dict[str, float]:
    """ŷ of common wiring mistakes (a description of each -> its ŷ at ``x``)."""
    w1, b1, w2, b2, v1, v2, c = (float(p) for p in params)
    right = 0.0 if activation == "relu" else SLOPE
    other = SLOPE if activation == "relu" else 0.0
    z1, z2 = w1 * x + b1, w2 * x + b2
    other_name = "LeakyRelu" if activation == "relu" else "Relu"
    return {
        "the hidden units skip the activation": v1 * z1 + v2 * z2 + c,
        "the output bias c is missing from ŷ": v1 * _act(z1, right) + v2 * _act(z2, right),
        f"unit 1 uses {other_name}: both units must use ACTIVATIONS[self.activation]": (
            v1 * _act(z1, other) + v2 * _act(z2, right) + c
        ),
        f"unit 2 uses {other_name}: both units must use ACTIVATIONS[self.activation]": (
            v1 * _act(z1, right) + v2 * _act(z2, other) + c
        ),
        f"both units use {other_name}: use ACTIVATIONS[self.activation]": (
            v1 * _act(z1, other) + v2 * _act(z2, other) + c
        ),
        "v1 and v2 are swapped (ŷ = v1·h1 + v2·h2 + c)": (
            v2 * _act(z1, right) + v1 * _act(z2, right) + c
        ),
    }


def close(got: float, want: float, rtol: float = 1e-9) -> bool:
    """``got`` within ``rtol`` of ``want`` (relative to max(1, |want|)); NaN is never close."""
    return bool(abs(got - want) <= rtol * max(1.0, abs(want)))


def wiring_hint(params: Sequence[float], x: float, activation: str, got: float) -> str:
    """What a wrong ŷ is consistent with (``""`` when no common mistake gives it)."""
    for what, value in y_hat_variants(params, x, activation).items():
        if close(got, value):
            return f"; that is the ŷ you get when {what}"
    return ""


def _loss_hint(got_y_hat: float, got_loss: float, x: float, y: float) -> str:
    if y != x * x and close(got_loss, (got_y_hat - x * x) ** 2):
        return "; that is (ŷ - x²)²: the loss must use the target node self.y"
    if close(got_loss, got_y_hat - y):
        return "; that is ŷ - y, not squared"
    if close(got_loss, (got_y_hat - y) ** 2):
        return "; that is (ŷ - y)² of your ŷ, so ŷ is where it goes wrong"
    return ""


def net_verdict(
    activation: str, params: Sequence[float], cases: Sequence[tuple[float, float]], rows: Any
) -> Verdict | None:
    """The first wrong ŷ, loss or gradient of ``ThreePieceNet(activation)`` (a failing
    :class:`Verdict`) at the given ``(x, y)`` cases, or None when all match (within 1e-9)."""
    net = f"ThreePieceNet({activation!r})"
    if not isinstance(rows, list) or len(rows) != len(cases):
        raise ValueError(f"{activation}: expected {len(cases)} results")
    for (x, y), row in zip(cases, rows):
        err = error_in(row)
        if err is not None:
            return Verdict(False, f"{net} (its build, forward or backward) raised {err.describe()}")
        at = f"{net} at x = {num(x)}, y = {num(y)}"
        y_hat, loss, grad = three_piece_net(params, x, activation, y)
        got_y_hat, got_loss = float(row["y_hat"]), float(row["loss"])
        if not close(got_y_hat, y_hat):
            hint = wiring_hint(params, x, activation, got_y_hat)
            return Verdict(False, f"{at}: ŷ {difference(got_y_hat, y_hat)}{hint}")
        if not close(got_loss, loss):
            hint = _loss_hint(got_y_hat, got_loss, x, y)
            return Verdict(False, f"{at}: loss (ŷ - y)² {difference(got_loss, loss)}{hint}")
        got_grad = np.asarray(row["grad"], dtype=np.float64)
        if got_grad.shape != grad.shape:
            raise ValueError(f"{len(got_grad)} parameter gradients, expected 7")
        if not rel_error(got_grad, grad) <= 1e-9:  # NaN fails too
            errors = np.abs(got_grad - grad) / np.maximum(1e-8, np.abs(got_grad) + np.abs(grad))
            i = int(np.nanargmax(np.where(np.isnan(errors), np.inf, errors)))
            return Verdict(
                False,
                f"{at}: d loss / d {PARAM_NAMES[i]} {difference(got_grad[i], grad[i])} "
                "(ŷ and the loss are right: check get_parent_grad of Relu/LeakyRelu and that the "
                "graph is built from the nodes in self.params)",
            )
    return None
