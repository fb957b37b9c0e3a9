"""Calibrate ``grad_rel_tol`` and ``central_rel_tol``.

Run ``python -m autograder.checks.numerical_gradient.calibrate 200`` from the repository root.
Points are drawn the way the probes draw them; the error is the judges' ``point_rel_error``.

* ``grad_rel_tol`` (``single_points``: ``_gradient_at`` at h = 1e-4 against the analytic
  gradient): central against forward differences.
* ``central_rel_tol`` (``gradient_at_h``: ``_gradient_at`` at h = 0.02, 0.1, 0.3 against the
  exact central difference, h² term included): three correct implementations against the
  usual mistakes (h hard-coded, forward difference, division by h).

Not shipped to grading children or students.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

from autograder.checks.core import ProbeContext, derive_seed
from autograder.checks.numerical_gradient.probes import (
    FUNCTIONS,
    NON_SEPARABLE,
    _points,
    gradient_at_h_inputs,
)
from autograder.checks.numerical_gradient.reference import (
    central_exact,
    gradient,
    point_rel_error,
)

Impl = Callable[[Callable[[np.ndarray], float], np.ndarray, float], np.ndarray]


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


def _in_place(f, point: np.ndarray, h: float) -> np.ndarray:  # noqa: ANN001
    """The solution's loop: write v ± h into the point, put v back."""
    g = np.zeros(point.shape)
    for i in range(point.size):
        v = point[i]
        point[i] = v + h
        fp = float(f(point))
        point[i] = v - h
        fm = float(f(point))
        point[i] = v
        g[i] = (fp - fm) / (2 * h)
    return g


def _unit(f, point: np.ndarray, h: float) -> np.ndarray:  # noqa: ANN001
    return np.array([(f(point + e) - f(point - e)) / (2 * h) for e in np.eye(point.size) * h])


def _halved(f, point: np.ndarray, h: float) -> np.ndarray:  # noqa: ANN001
    return np.array([(f(point + e) - f(point - e)) / h / 2 for e in np.eye(point.size) * h])


CORRECT: dict[str, Impl] = {"in place": _in_place, "point ± h·e_i": _unit, "/ h / 2": _halved}
WRONG: dict[str, Impl] = {
    "h hard-coded 1e-4": lambda f, p, h: _in_place(f, p, 1e-4),
    "h hard-coded 1e-5": lambda f, p, h: _in_place(f, p, 1e-5),
    "forward difference": lambda f, p, h: _forward(f, p[None, :], h)[0],
    "divided by h": lambda f, p, h: 2 * _in_place(f, p, h),
}


def grad_rel_tol_table(n_seeds: int) -> None:
    print(f"grad_rel_tol: {n_seeds} seeds x 40 points per function; error = worst point")
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


def central_rel_tol_table(n_seeds: int) -> None:
    print(f"\ncentral_rel_tol: the probe's cases for {n_seeds} seeds; error = worst case of a seed")
    print("| implementation | median | max | min |")
    print("|---|---|---|---|")
    for label, impl in (*CORRECT.items(), *WRONG.items()):
        per_seed = []
        for s in range(n_seeds):
            cases = gradient_at_h_inputs(ProbeContext(seed=derive_seed(s, "gradient_at_h")))
            per_seed.append(
                max(
                    point_rel_error(
                        impl(FUNCTIONS[c["name"]][0], c["x"].copy(), c["h"]),
                        central_exact(c["name"], c["x"], c["h"]),
                    )
                    for c in cases["cases"]
                )
            )
        kind = "correct" if label in CORRECT else "wrong"
        print(
            f"| {kind}: {label} | {np.median(per_seed):.2e} | {max(per_seed):.2e} | "
            f"{min(per_seed):.2e} |"
        )


def main(n_seeds: int = 200) -> None:
    grad_rel_tol_table(n_seeds)
    central_rel_tol_table(n_seeds)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
