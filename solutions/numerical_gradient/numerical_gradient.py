"""Assignment 3: numerical gradients by central differences, one point or a batch of points.

Conventions (the checks test exactly these):

* ``f`` takes ONE point, a 1-D float64 array of length ``D``, and returns a number.
* ``numerical_gradient(f, x)`` with 1-D ``x`` (one point) returns the gradient, shape ``(D,)``;
  with 2-D ``x`` of shape ``(N, D)`` every ROW is a point and the result is ``(N, D)``.
* The result is float64, also for integer input, and the caller's ``x`` is never
  changed, also when ``f`` raises.
* numpy's error state is the caller's (no ``np.errstate`` or ``np.seterr`` here): an
  ``f`` that overflows gives ``inf`` or raises exactly as the caller's settings say.
* Each task is checked on its own: ``numerical_gradient`` runs with the grader's stand-in for
  ``_gradient_at``, and ``gradient_field`` with a stand-in for ``numerical_gradient``. So call
  them as their docstrings say (a broken Task 3.1 then costs no Task 3.2 or 3.3 points).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Fn = Callable[[np.ndarray], float]


def _gradient_at(f: Fn, point: np.ndarray, h: float) -> np.ndarray:
    """Task 3.1: central differences at one point (a float64 array this function may write to).

    For each coordinate ``i``: set ``point[i]`` to ``v + h``, evaluate ``f``, set it to
    ``v - h``, evaluate again, and put the saved ``v`` back (in a ``finally`` block, so the
    point is restored bit for bit even when ``f`` raises, and the exception, whatever its type,
    reaches the caller unchanged). The derivative is ``(f(v + h) - f(v - h)) / (2h)``, with the
    ``h`` given: ``f`` is evaluated exactly ``2·D`` times. Return a new float64 array of shape
    ``(D,)`` (made on every call: not the point, not an array kept between calls).
    """
    # BEGIN SOLUTION (Task 3.1)
    grad = np.zeros(point.shape, dtype=np.float64)
    for i in range(point.size):
        v = point[i]
        try:
            point[i] = v + h
            f_plus = float(f(point))
            point[i] = v - h
            f_minus = float(f(point))
        finally:
            point[i] = v
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
    # END SOLUTION


def numerical_gradient(f: Fn, x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """Task 3.2: the gradient of ``f`` at one point (1-D ``x``) or at each row of a 2-D ``x``.

    Work on a float64 copy of ``x`` (``np.array(x, dtype=np.float64)``: integer input works,
    a read-only ``x`` works, and neither ``f`` nor ``_gradient_at`` is ever handed the
    caller's array). Call :func:`_gradient_at` (f, point, h) once per point, with the ``h``
    given; ``f`` is evaluated only there, and its exceptions reach the caller unchanged. Return
    a new float64 array of shape ``(D,)`` for 1-D ``x`` and ``(N, D)`` for 2-D ``x`` (``N = 1``
    included; ``N = 0`` gives shape ``(0, D)`` with no call). Raise ``ValueError`` for ``x`` with
    other than 1 or 2 dimensions.
    """
    # BEGIN SOLUTION (Task 3.2)
    work = np.array(x, dtype=np.float64)
    if work.ndim == 1:
        return _gradient_at(f, work, h)
    if work.ndim != 2:
        raise ValueError(f"x must be 1-D (one point) or 2-D (one point per row), not {work.ndim}-D")
    grad = np.zeros(work.shape, dtype=np.float64)
    for row in range(work.shape[0]):
        grad[row] = _gradient_at(f, work[row], h)
    return grad
    # END SOLUTION


def gradient_field(
    f: Fn, x0: np.ndarray, x1: np.ndarray, h: float = 1e-4
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Task 3.3: arrows of ``-∇f`` on the grid ``np.meshgrid(x0, x1)``, ready for ``plt.quiver``.

    Return ``(X, Y, U, V)``, all of the meshgrid's shape ``(len(x1), len(x0))`` and all new
    arrays (none shares memory with ``x0`` or ``x1``): ``X, Y = np.meshgrid(x0, x1)``, and
    ``(U[j, i], V[j, i]) = -∇f(X[j, i], Y[j, i])``.
    Build the points as ROWS, shape ``(X.size, 2)``, and call :func:`numerical_gradient` once
    on all of them, with the ``h`` given. Passing ``np.array([X, Y])`` (shape ``(2, N)``)
    treats the two coordinate lists as two N-dimensional points, which is silently wrong for
    any f whose partial derivatives mix the coordinates.
    """
    # BEGIN SOLUTION (Task 3.3)
    xx, yy = np.meshgrid(np.asarray(x0, dtype=np.float64), np.asarray(x1, dtype=np.float64))
    points = np.column_stack([xx.ravel(), yy.ravel()])
    grad = numerical_gradient(f, points, h)
    return xx, yy, -grad[:, 0].reshape(xx.shape), -grad[:, 1].reshape(xx.shape)
    # END SOLUTION
