"""Hidden checks of numerical_gradient: scored by the autograder; students see names and points
only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.numerical_gradient import reference as ref
from autograder.checks.numerical_gradient.probes import BAD_DIMENSIONS, NON_SEPARABLE

CHECKS = CheckTable(__name__)


def _one(name: str, row: dict[str, Any], tol: float) -> tuple[Verdict | None, float]:
    x = np.asarray(row["x"], dtype=np.float64)
    if row["shape"] != list(x.shape):
        hint = " (each ROW of a 2-D x is one point: do not transpose)" if x.ndim == 2 else ""
        return Verdict(
            False,
            f"{name}: gradient for x of shape {x.shape} has shape {tuple(row['shape'])}{hint}",
        ), float("inf")
    if row["dtype"] != "float64":
        return Verdict(
            False, f"{name}: gradient has dtype {row['dtype']}, expected float64"
        ), float("inf")
    if np.shape(row["value"]) != x.shape:  # the values judged, whatever shape was reported
        return Verdict(
            False, f"{name}: {np.size(row['value'])} gradient values for x of shape {x.shape}"
        ), float("inf")
    err = ref.point_rel_error(row["value"], ref.gradient(name, x))
    if err > tol:
        return Verdict(
            False,
            f"{name}: rel. error {err:.2e} > {tol:.0e} against the analytic gradient for x of "
            "shape "
            f"{x.shape} (central differences, h = 1e-4?)",
            err,
        ), err
    return None, err


def _all(data: dict[str, Any], ctx: JudgeContext, what: str, select: Any = None) -> Verdict:
    tol = ctx.threshold("grad_rel_tol")
    worst = 0.0
    for name in NON_SEPARABLE:
        rows = data[name]
        for row in rows if select is None else select(name, rows):
            bad, err = _one(name, row, tol)
            if bad is not None:
                return bad
            worst = max(worst, err)
    return Verdict(
        True,
        f"{what} match the analytic gradients (worst rel. error {worst:.1e} <= {tol:.0e})",
        worst,
    )


@CHECKS.check("single_point", weight=2, threshold="grad_rel_tol")
def single_points(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """1-D gradients of non-separable functions (D = 2 and 3)"""
    return _all(data, ctx, "1-D gradients of x0·x1, sin(x0·x1), x0·x1 + x0² and a 3-D function")


@CHECKS.check("batch", weight=2, threshold="grad_rel_tol")
def batches(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """batch gradients, shape and dtype (N = 1, 3, 25)"""
    return _all(data, ctx, "batch gradients (N = 1, 3, 25 rows)", lambda name, rows: rows[1:])


@CHECKS.check("batch", probe="batches", weight=2, threshold="grad_rel_tol")
def square_batch(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """N = D batches, where a transposition keeps the shape

    N = D: a transposed batch still has the right shape, only the values give it away.
    """
    return _all(data, ctx, "N = D batches", lambda name, rows: rows[:1])


@CHECKS.check("input_safety", probe="input_safety")
def input_unchanged(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """x is unchanged after the call"""
    for label in ("point", "batch"):
        if not data[f"{label}_ok_unchanged"]:
            return Verdict(
                False,
                f"numerical_gradient changed the caller's x ({label}); work on a copy or restore "
                "every entry",
            )
    return Verdict(True, "x is unchanged after the call (one point and a batch)")


@CHECKS.check("input_safety", probe="input_safety")
def input_unchanged_on_error(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """x is unchanged when f raises"""
    for label in ("point", "batch"):
        for k in (1, 3):
            if data[f"{label}_raise{k}"] != "_Boom":
                got = (
                    "returned normally"
                    if data[f"{label}_raise{k}"] == "nothing"
                    else f"raised {data[f'{label}_raise{k}']}"
                )
                return Verdict(
                    False,
                    f"when f raises, numerical_gradient must let the exception through; it {got}",
                )
            if not data[f"{label}_raise{k}_unchanged"]:
                return Verdict(
                    False,
                    f"after f raised on call {k + 1}, the caller's x ({label}) was left changed: "
                    f"{np.asarray(data[f'{label}_raise{k}_x']).round(6).tolist()} (restore in a "
                    "finally block)",
                )
    return Verdict(
        True, "x is unchanged when f raises midway, and the exception reaches the caller"
    )


@CHECKS.check("input_safety", threshold="grad_rel_tol")
def integer_input(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """integer input gives float64 gradients"""
    tol = ctx.threshold("grad_rel_tol")
    if not data["unchanged"]:
        return Verdict(False, "numerical_gradient changed the caller's integer x")
    worst = 0.0
    for label in ("point", "batch"):
        row = data[label]
        x = np.asarray(row["x"], dtype=np.float64)
        if row["dtype"] != "float64":
            return Verdict(
                False, f"integer {label}: gradient has dtype {row['dtype']}, expected float64"
            )
        if row["shape"] != list(x.shape) or np.shape(row["value"]) != x.shape:
            return Verdict(
                False,
                f"integer {label}: gradient has shape {tuple(row['shape'])}, expected {x.shape}",
            )
        err = ref.point_rel_error(row["value"], ref.gradient("xy_plus_sq", x))
        worst = max(worst, err)
        if err > tol:
            return Verdict(
                False,
                f"integer {label}: rel. error {err:.2e} > {tol:.0e} (x + h on an int array is "
                "still an int)",
                err,
            )
    return Verdict(
        True, f"integer input gives float64 gradients (worst rel. error {worst:.1e})", worst
    )


@CHECKS.check("gradient_field", weight=3, threshold="grad_rel_tol")
def fields(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """quiver arrows equal -∇f on square and non-square grids"""
    tol = ctx.threshold("grad_rel_tol")
    worst = 0.0
    for fd in data["fields"]:
        x0, x1 = np.asarray(fd["x0"]), np.asarray(fd["x1"])
        gx, gy = np.meshgrid(x0, x1)
        got = {k: np.asarray(fd[k]) for k in "XYUV"}
        for k, want in (("X", gx), ("Y", gy)):
            if got[k].shape != want.shape or not np.array_equal(got[k], want):
                return Verdict(
                    False,
                    f"{fd['name']}: {k} is not np.meshgrid(x0, x1)[{'XY'.index(k)}] (shape "
                    f"{got[k].shape}, expected {want.shape})",
                )
        for k in "UV":
            if got[k].shape != gx.shape:
                return Verdict(
                    False,
                    f"{fd['name']}: {k} has shape {got[k].shape}, expected the grid's {gx.shape}",
                )
        g = ref.gradient(fd["name"], np.column_stack([gx.ravel(), gy.ravel()]))
        err = ref.point_rel_error(-np.column_stack([got["U"].ravel(), got["V"].ravel()]), g)
        worst = max(worst, err)
        if err > tol:
            return Verdict(
                False,
                f"{fd['name']} on a {gx.shape} grid: arrows differ from -∇f (rel. error {err:.2e} "
                f"> {tol:.0e}); "
                "pass the points as rows, shape (N, 2)",
                err,
            )
    return Verdict(
        True,
        f"arrows equal -∇f on square and non-square grids (worst rel. error {worst:.1e})",
        worst,
    )


@CHECKS.check("input_safety")
def bad_dimensions(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """0-D and 3-D x raise ValueError

    x with other than 1 or 2 dimensions raises ValueError (added after cosmic-ray found the
    contract untested).
    """
    wrong = {k: data[k] for k in BAD_DIMENSIONS if data[k] != "ValueError"}
    if wrong:
        return Verdict(
            False,
            "x with other than 1 or 2 dimensions must raise ValueError; got "
            + ", ".join(f"{k}: {v}" for k, v in wrong.items()),
        )
    return Verdict(True, "0-D and 3-D x raise ValueError")
