"""Calibrate ``grad_rel_tol``: per-point relative error of central vs forward differences.

Run ``python -m autograder.checks.numerical_gradient.calibrate 200`` from the repository root.
Points are drawn the way the probes draw them; the error is the judges' ``point_rel_error``
against the analytic gradient. Not shipped to grading children or students.
"""

from __future__ import annotations

import sys

import numpy as np

from autograder.checks.numerical_gradient.probes import FUNCTIONS, NON_SEPARABLE, _points
from autograder.checks.numerical_gradient.reference import gradient, point_rel_error


def _central(f, x: np.ndarray, h: float = 1e-4) -> np.ndarray:  # noqa: ANN001
    g = np.zeros_like(x)
    for r in range(x.shape[0]):
        for i in range(x.shape[1]):
            p, m = x[r].copy(), x[r].copy()
            p[i] += h
            m[i] -= h
            g[r, i] = (f(p) - f(m)) / (2 * h)
    return g


def _forward(f, x: np.ndarray, h: float = 1e-4) -> np.ndarray:  # noqa: ANN001
    g = np.zeros_like(x)
    for r in range(x.shape[0]):
        for i in range(x.shape[1]):
            p = x[r].copy()
            p[i] += h
            g[r, i] = (f(p) - f(x[r])) / h
    return g


def main(n_seeds: int = 200) -> None:
    print(f"{n_seeds} seeds x 40 points per function; error = worst point of each batch")
    print("| function | central: median | central: max | forward: min | forward: median |")
    print("|---|---|---|---|---|")
    for name in NON_SEPARABLE:
        f = FUNCTIONS[name][0]
        cen, fwd = [], []
        for s in range(n_seeds):
            x = _points(np.random.default_rng(s), name, 40)
            g = gradient(name, x)
            cen.append(point_rel_error(_central(f, x), g))
            fwd.append(point_rel_error(_forward(f, x), g))
        print(
            f"| {name} | {np.median(cen):.2e} | {max(cen):.2e} | {min(fwd):.2e} | "
            f"{np.median(fwd):.2e} |"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
