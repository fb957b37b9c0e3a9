"""Public checks of numerical_gradient: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so every expected
value is written out here. Each task is checked on its own: ``numerical_gradient`` runs with
the grader's stand-in for ``_gradient_at`` (it returns the exact central difference of the
point it is handed) and ``gradient_field`` with a stand-in for ``numerical_gradient``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict, as_error
from autograder.checks.judging import all_of, num

CHECKS = CheckTable(__name__)

TOL = 1e-6


def _text(values: Any) -> str:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 0:
        return num(float(arr))
    return "[" + ", ".join(_text(v) for v in arr) + "]"


def _close(got: Any, want: list[Any], what: str) -> Verdict:
    err = as_error(got)
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}")
    want_arr = np.asarray(want, dtype=np.float64)
    if got.get("type", "ndarray") != "ndarray":
        return Verdict(False, f"{what} returned a {got['type']}, expected a numpy array")
    if got["shape"] != list(want_arr.shape):
        return Verdict(False, f"{what} has shape {tuple(got['shape'])}, expected {want_arr.shape}")
    if got["dtype"] != "float64":
        return Verdict(False, f"{what} has dtype {got['dtype']}, expected float64")
    value = np.asarray(got["value"], dtype=np.float64)
    if value.shape != want_arr.shape or not np.allclose(value, want_arr, atol=TOL, rtol=0):
        return Verdict(False, f"{what}: got {_text(value)}, expected {_text(want_arr)}")
    return Verdict(True, f"{what} is right")


@CHECKS.check("single_point")
def point_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """_gradient_at at two points"""
    return all_of(
        _close(data["xy"], [4.0, 3.0], "_gradient_at(x0·x1, point=[3.0, 4.0], h=1e-4)"),
        _close(data["sq"], [2.0, -4.0], "_gradient_at(x0² + x1², point=[1.0, -2.0], h=1e-4)"),
    )


@CHECKS.check("batch")
def batch_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """numerical_gradient of one point and of a batch of two rows (N = D = 2)"""
    stand_in = " (with the grader's stand-in for _gradient_at)"
    return all_of(
        _close(data["point"], [4.0, 3.0], "numerical_gradient(x0·x1, x=[3.0, 4.0])" + stand_in),
        _close(
            data["batch"],
            [[4.0, 3.0], [2.0, 1.0]],
            "numerical_gradient(x0·x1, x=[[3.0, 4.0], [1.0, 2.0]])" + stand_in,
        ),
    )


@CHECKS.check("gradient_field")
def field_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """arrows of x0·x1 on a 2 × 3 grid"""
    what = "gradient_field(x0·x1, x0=[-1.0, 0.0, 1.0], x1=[-1.0, 1.0])"
    err = as_error(data["outcome"]) if isinstance(data["outcome"], dict) else None
    if err is not None:
        return Verdict(False, f"{what} raised {err.describe()}")
    want = {
        "X": [[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]],
        "Y": [[-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]],
        "U": [[1.0, 1.0, 1.0], [-1.0, -1.0, -1.0]],  # -∂(x0·x1)/∂x0 = -x1
        "V": [[1.0, 0.0, -1.0], [1.0, 0.0, -1.0]],  # -∂(x0·x1)/∂x1 = -x0
    }
    for k, w in want.items():
        got = np.asarray(data[k], dtype=np.float64)
        if got.shape != (2, 3):
            return Verdict(False, f"{what}: {k} has shape {got.shape}, expected (2, 3)")
        if not np.allclose(got, w, atol=TOL, rtol=0):
            return Verdict(False, f"{what}: {k} is {_text(got)}, expected {_text(w)}")
    return Verdict(True, "gradient_field of x0·x1 on a 2 × 3 grid is right")
