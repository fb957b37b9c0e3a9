"""Judge-side reference for numerical_gradient: the probes' test functions differentiated by hand,
and the usual wrong difference formulas (a hint is given only when a result matches one)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from autograder.checks.numerical_gradient.probes import FUNCTIONS

GRADIENTS = {
    "sq": lambda x: np.array([2 * x[0], 2 * x[1]]),
    "xy": lambda x: np.array([x[1], x[0]]),
    "sin_xy": lambda x: np.cos(x[0] * x[1]) * np.array([x[1], x[0]]),
    "xy_plus_sq": lambda x: np.array([x[1] + 2 * x[0], x[0]]),
    "d3": lambda x: np.array(
        [x[1] * x[2] + np.sin(x[2]), x[0] * x[2], x[0] * x[1] + x[0] * np.cos(x[2])]
    ),
    "cubic": lambda x: np.array(
        [
            3 * x[0] ** 2 + 2 * x[0] * x[1] - 2 * x[1] ** 2,
            x[0] ** 2 - 4 * x[0] * x[1] - 1.5 * x[1] ** 2,
        ]
    ),
    "cubic3": lambda x: np.array(
        [
            3 * x[0] ** 2 + x[1] * x[2],
            x[0] * x[2] + 4 * x[1] * x[2],
            x[0] * x[1] + 2 * x[1] ** 2 - 3 * x[2] ** 2,
        ]
    ),
}
THIRD = {"cubic": (6.0, -3.0), "cubic3": (6.0, 0.0, -6.0)}
"""d³f/dx_i³ of the cubics: their central difference is exactly the gradient + h²/6 · THIRD."""


def gradient(name: str, x: np.ndarray) -> np.ndarray:
    """Analytic gradient at one point (1-D) or at each row (2-D)."""
    x = np.asarray(x, dtype=np.float64)
    g = GRADIENTS[name]
    return g(x) if x.ndim == 1 else np.array([g(row) for row in x]).reshape(x.shape)


def central_exact(name: str, x: np.ndarray, h: float) -> np.ndarray:
    """The central difference with step ``h`` at one point, computed independently of the
    probes' closed forms: exact for the quadratics and cubics (gradient + h²/6 · f'''), by
    the identity sin(a + b) - sin(a - b) = 2 cos(a) sin(b) for the two sines."""
    x = np.asarray(x, dtype=np.float64)
    if name in THIRD:
        return GRADIENTS[name](x) + h**2 / 6 * np.asarray(THIRD[name])
    if name == "sin_xy":
        c = np.cos(x[0] * x[1])
        return np.array([c * np.sin(h * x[1]) / h, c * np.sin(h * x[0]) / h])
    if name == "d3":
        g = GRADIENTS["d3"](x)
        g[2] = x[0] * x[1] + x[0] * np.cos(x[2]) * np.sin(h) / h
        return g
    return GRADIENTS[name](x)  # quadratic: the central difference is exact


def point_rel_error_rows(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """CS231n-style relative error of each point (row), ``|g - g*| / max(1e-8, |g| + |g*|)``
    with vector norms; ``inf`` for a point with a non-finite entry."""
    got = np.atleast_2d(np.asarray(got, dtype=np.float64))
    want = np.atleast_2d(np.asarray(want, dtype=np.float64))
    if got.shape != want.shape:
        raise ValueError(f"shape {got.shape} does not match expected {want.shape}")
    with np.errstate(invalid="ignore", over="ignore"):
        num = np.linalg.norm(got - want, axis=1)
        den = np.maximum(1e-8, np.linalg.norm(got, axis=1) + np.linalg.norm(want, axis=1))
        err = num / den
    return np.where(np.all(np.isfinite(got), axis=1), err, np.inf)


def point_rel_error(got: np.ndarray, want: np.ndarray) -> float:
    """The worst point's relative error (:func:`point_rel_error_rows`), 0 for no points."""
    err = point_rel_error_rows(got, want)
    return float(np.max(err)) if err.size else 0.0


def _per_coordinate(
    f: Callable[[np.ndarray], float], x: np.ndarray, step: Callable[[np.ndarray, int], float]
) -> np.ndarray:
    return np.array([step(x, i) for i in range(x.size)])


def _shift(x: np.ndarray, i: int, d: float) -> np.ndarray:
    y = x.copy()
    y[i] += d
    return y


def variants(name: str, x: np.ndarray, h: float) -> dict[str, np.ndarray]:
    """What the usual wrong formulas give at one point (for hints that name the mistake only when
    the result matches it)."""
    f = FUNCTIONS[name][0]
    x = np.asarray(x, dtype=np.float64)
    ones = np.ones_like(x)
    no_restore, p = [], x.copy()
    for i in range(x.size):  # x[i] is left at v - h before the next coordinate
        v = p[i]
        p[i] = v + h
        fp = f(p)
        p[i] = v - h
        no_restore.append((fp - f(p)) / (2 * h))
    return {
        "a forward difference (f(x + h·e_i) - f(x)) / h": _per_coordinate(
            f, x, lambda x, i: (f(_shift(x, i, h)) - f(x)) / h
        ),
        "the central difference divided by h instead of 2h": _per_coordinate(
            f, x, lambda x, i: (f(_shift(x, i, h)) - f(_shift(x, i, -h))) / h
        ),
        "h added to every coordinate at once, f(x + h) - f(x - h)": _per_coordinate(
            f, x, lambda x, i: (f(x + h * ones) - f(x - h * ones)) / (2 * h)
        ),
        "a point that is not put back after each coordinate (x[i] stays at v - h)": np.array(
            no_restore
        ),
    }
