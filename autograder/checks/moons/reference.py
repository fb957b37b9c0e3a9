"""Judge-side reference for moons (never shipped to a grading child or to students)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def reference_train(
    init: Sequence[Any],
    activation: str,
    x: Any,
    y: Any,
    *,
    steps: int,
    lr: float,
    eps: float = 1e-8,
    summed: bool = False,
) -> tuple[list[np.ndarray], np.ndarray]:
    """The specified loop on CPU in float32 from the given initial ``w1, b1, w2, b2``.

    Returns the parameters after ``steps`` steps and the loss computed in each step
    (before that step's update). Another ``eps`` (Adam's), or ``summed`` (backward on the summed
    cross-entropy, the mean recorded), gives the replay of those mistakes, for the hints.
    """
    import torch
    from torch import nn

    from autograder.checks.moons.probes import model_from

    model = model_from(
        list(init), activation
    )  # uninitialised layers: no draw from torch's global generator
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32))
    targets = torch.as_tensor(np.asarray(y, dtype=np.int64))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=eps)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        (loss * len(targets) if summed else loss).backward()
        optimizer.step()
        losses.append(loss.item())
    return [p.detach().numpy().copy() for p in model.parameters()], np.array(losses)


def cross_entropy(logits: Any, y: Any) -> float:
    """Mean cross-entropy of ``(N, 2)`` logits against integer labels, in float64."""
    z = np.asarray(logits, dtype=np.float64)
    if not np.all(np.isfinite(z)):
        return float("inf")
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True))).ravel()
    return float(np.mean(lse - z[np.arange(len(z)), np.asarray(y)]))
