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
