"""The documented ThreePieceNet written in torch float64 (a restatement of the spec, used by
judges)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SLOPE = 0.1


def three_piece_net(
    params: Sequence[float], x: float, activation: str
) -> tuple[float, float, np.ndarray]:
    """ŷ, loss ``(ŷ - x²)²`` and d loss / d params for params ``(w1, b1, w2, b2, v1, v2, c)``."""
    import torch

    p = torch.tensor(list(params), dtype=torch.float64, requires_grad=True)
    w1, b1, w2, b2, v1, v2, c = p
    xt = torch.tensor(x, dtype=torch.float64)
    slope = 0.0 if activation == "relu" else SLOPE

    def act(z: torch.Tensor) -> torch.Tensor:
        return torch.where(z > 0, z, z * slope)

    y_hat = v1 * act(w1 * xt + b1) + v2 * act(w2 * xt + b2) + c
    loss = (y_hat - xt * xt) ** 2
    (grad,) = torch.autograd.grad(loss, p)
    return float(y_hat.detach()), float(loss.detach()), grad.numpy()
