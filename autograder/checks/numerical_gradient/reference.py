"""Judge-side reference for numerical_gradient: the probes' test functions, differentiated by
hand."""

from __future__ import annotations

import numpy as np

GRADIENTS = {
    "sq": lambda x: np.array([2 * x[0], 2 * x[1]]),
    "xy": lambda x: np.array([x[1], x[0]]),
    "sin_xy": lambda x: np.cos(x[0] * x[1]) * np.array([x[1], x[0]]),
    "xy_plus_sq": lambda x: np.array([x[1] + 2 * x[0], x[0]]),
    "d3": lambda x: np.array(
        [x[1] * x[2] + np.sin(x[2]), x[0] * x[2], x[0] * x[1] + x[0] * np.cos(x[2])]
    ),
}


def gradient(name: str, x: np.ndarray) -> np.ndarray:
    """Analytic gradient at one point (1-D) or at each row (2-D)."""
    x = np.asarray(x, dtype=np.float64)
    g = GRADIENTS[name]
    return g(x) if x.ndim == 1 else np.array([g(row) for row in x]).reshape(x.shape)


def point_rel_error(got: np.ndarray, want: np.ndarray) -> float:
    """CS231n-style relative error per point, ``|g - g*| / max(1e-8, |g| + |g*|)`` (vector norms),
    worst point."""
    got = np.atleast_2d(np.asarray(got, dtype=np.float64))
    want = np.atleast_2d(np.asarray(want, dtype=np.float64))
    if got.shape != want.shape:
        raise ValueError(f"shape {got.shape} does not match expected {want.shape}")
    if not np.all(np.isfinite(got)):
        return float("inf")
    num = np.linalg.norm(got - want, axis=1)
    den = np.maximum(1e-8, np.linalg.norm(got, axis=1) + np.linalg.norm(want, axis=1))
    return float(np.max(num / den)) if got.size else 0.0
