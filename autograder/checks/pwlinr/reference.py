"""Judge-side reference for pwlinr (never shipped to a grading child or a student)."""

from __future__ import annotations

from typing import Any

import numpy as np


def line(x: np.ndarray) -> np.ndarray:
    """9x + 4.5 for x < 0, -4.5x + 4.5 for x >= 0."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x < 0, 9.0 * x + 4.5, -4.5 * x + 4.5)


def through_knots(xs: Any, ys: Any, t: Any) -> np.ndarray:
    """The continuous piecewise-linear function through the knots (any order), extended linearly."""
    xs, ys, t = (np.asarray(v, dtype=np.float64) for v in (xs, ys, t))
    order = np.argsort(xs)
    xs, ys = xs[order], ys[order]
    out = np.interp(t, xs, ys)
    left, right = t < xs[0], t > xs[-1]
    s0 = (ys[1] - ys[0]) / (xs[1] - xs[0])
    s1 = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    out[left] = ys[0] + s0 * (t[left] - xs[0])
    out[right] = ys[-1] + s1 * (t[right] - xs[-1])
    return out


def true_probability(x: Any) -> np.ndarray:
    """sigmoid of the kinked logit (the line above), in float64."""
    return 1.0 / (1.0 + np.exp(-line(x)))


def spec_labels(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, prob and labels exactly as make_data documents them (float32 torch, private generator)."""
    import torch

    x = torch.linspace(-1, 1, n).reshape(-1, 1)
    logit = torch.where(x < 0, 9.0 * x + 4.5, -4.5 * x + 4.5)
    prob = torch.sigmoid(logit)
    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))
    return x.double().numpy(), prob.double().numpy(), y.double().numpy()


def run_layers(layers: list[dict[str, Any]], x: np.ndarray) -> np.ndarray:
    """Evaluate a described Sequential (Linear / ReLU / Identity / Sigmoid only) on a column of x,
    in float64."""
    h = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    for layer in layers:
        kind = layer["type"]
        if kind == "Linear":
            w = np.asarray(layer["weight"], dtype=np.float64)
            h = h @ w.T
            if layer["bias"] is not None:
                h = h + np.asarray(layer["bias"], dtype=np.float64)
        elif kind == "ReLU":
            h = np.maximum(h, 0.0)
        elif kind == "Identity":
            pass
        elif kind == "Sigmoid":
            h = 1.0 / (1.0 + np.exp(-h))
        else:
            raise ValueError(f"layer type {kind} is not part of the recipe")
    return h.reshape(-1)


LOGISTIC_INIT = ([[1.0], [-1.0]], [[0.0, 0.0]], [0.0])
"""make_logistic_net's documented start: first-layer weight, second-layer weight and bias."""


def fit_replay(
    x: Any,
    y: Any,
    lr: float,
    steps: int,
    start: Any = LOGISTIC_INIT,
    *,
    eps: float = 1e-8,
    reduction: str = "mean",
) -> list[list[np.ndarray]]:
    """fit_logistic's documented loop, replayed from make_logistic_net's documented start (or
    from ``start``: the three parameters, as :data:`LOGISTIC_INIT` holds them). ``eps`` (Adam's)
    and ``reduction`` (BCELoss's) other than the documented ones give the replay of those
    mistakes, for the hints.

    Full-batch Adam(lr) on BCELoss over ``x, y`` (float32 values, as the student trains), the
    net written out with ``torch.nn.functional`` (the same operations as the Sequential; no
    nn.Linear is built here, so torch's global generator is never touched). Returns the
    parameters ``[w1 (2, 1), w2 (1, 2), b2 (1,)]`` as float64 arrays after 0, 1, ..., ``steps``
    steps.
    """
    import torch
    import torch.nn.functional as F  # noqa: N812

    xt = torch.tensor(np.asarray(x, dtype=np.float64).reshape(-1, 1), dtype=torch.float32)
    yt = torch.tensor(np.asarray(y, dtype=np.float64).reshape(-1, 1), dtype=torch.float32)
    params = [torch.tensor(v, dtype=torch.float32, requires_grad=True) for v in start]
    w1, w2, b2 = params
    opt = torch.optim.Adam(params, lr=lr, eps=eps)

    def snapshot() -> list[np.ndarray]:
        return [p.detach().double().numpy().copy() for p in params]

    out = [snapshot()]
    for _ in range(steps):
        prob = torch.sigmoid(F.linear(torch.relu(F.linear(xt, w1)), w2, b2))
        loss = F.binary_cross_entropy(prob, yt, reduction=reduction)
        loss.backward()
        opt.step()
        opt.zero_grad()
        out.append(snapshot())
    return out


def rng_after_fit(seed: int, draws: int) -> np.ndarray:
    """What ``torch.rand(draws)`` gives after ``torch.manual_seed(seed)`` and building
    make_logistic_net's layers (``Linear(1, 2, bias=False)``, then ``Linear(2, 1)``), whose
    default initialisation draws from the generator before the documented values replace it.

    The draws of PyTorch's default ``nn.Linear`` init, made here from a local generator (as
    :func:`autograder.checks.moons.probes.default_init` does, bit for bit).
    """
    import math

    import torch

    gen = torch.Generator().manual_seed(int(seed))
    for fan_in, fan_out, bias in ((1, 2, False), (2, 1, True)):
        w = torch.empty(fan_out, fan_in)
        torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5), generator=gen)
        if bias:
            bound = 1 / math.sqrt(fan_in)
            torch.empty(fan_out).uniform_(-bound, bound, generator=gen)
    return torch.rand(draws, generator=gen).double().numpy()
