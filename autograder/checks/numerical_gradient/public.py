"""Public checks of numerical_gradient: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so every expected
value is written out here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of

CHECKS = CheckTable(__name__)

TOL = 1e-6


def _close(got: dict[str, Any], want: list[Any], what: str) -> Verdict:
    want_arr = np.asarray(want, dtype=np.float64)
    if got["shape"] != list(want_arr.shape):
        return Verdict(False, f"{what}: shape {tuple(got['shape'])}, expected {want_arr.shape}")
    if got["dtype"] != "float64":
        return Verdict(False, f"{what}: dtype {got['dtype']}, expected float64")
    value = np.asarray(got["value"], dtype=np.float64)
    if not np.allclose(value, want_arr, atol=TOL, rtol=0):
        return Verdict(
            False, f"{what}: got {value.round(6).tolist()}, expected {want_arr.tolist()}"
        )
    return Verdict(True, f"{what} is right")


@CHECKS.check("single_point")
def point_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """two gradients at one point"""
    return all_of(
        _close(data["xy"], [4.0, 3.0], "gradient of x0·x1 at (3, 4)"),
        _close(data["sq"], [2.0, -4.0], "gradient of x0² + x1² at (1, -2)"),
    )


@CHECKS.check("batch", probe="point_public")
def batch_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """a batch of two rows (N = D = 2)"""
    return _close(
        data["batch"], [[4.0, 3.0], [2.0, 1.0]], "gradient of x0·x1 at the rows (3, 4) and (1, 2)"
    )


@CHECKS.check("gradient_field")
def field_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """arrows of x0·x1 on a 2 × 3 grid"""
    want = {
        "X": [[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]],
        "Y": [[-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]],
        "U": [[1.0, 1.0, 1.0], [-1.0, -1.0, -1.0]],  # -∂(x0·x1)/∂x0 = -x1
        "V": [[1.0, 0.0, -1.0], [1.0, 0.0, -1.0]],  # -∂(x0·x1)/∂x1 = -x0
    }
    for k, w in want.items():
        got = np.asarray(data[k], dtype=np.float64)
        if got.shape != (2, 3) or not np.allclose(got, w, atol=TOL, rtol=0):
            return Verdict(
                False,
                f"gradient_field(x0·x1, x0=(-1, 0, 1), x1=(-1, 1)): {k} is "
                f"{got.round(6).tolist()}, expected {w}",
            )
    return Verdict(True, "gradient_field of x0·x1 on a 2 × 3 grid is right")
