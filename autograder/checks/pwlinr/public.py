"""Public checks of pwlinr: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so every expected
value is written out here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, compare

CHECKS = CheckTable(__name__)

# x = -1, -0.5, 0, 0.5, 1 (probe ``line_public``)
LINE = [-4.5, 0.0, 4.5, 2.25, 0.0]
# knots (-1, 0), (0, 1), (2, -1) at x = -2, -1, -0.5, 0, 1, 2, 3 (probe ``knots_public``)
KNOTS = [-1.0, 0.0, 0.5, 1.0, 0.0, -1.0, -2.0]
# make_data(n=5, seed=0)
DATA_X = [-1.0, -0.5, 0.0, 0.5, 1.0]
DATA_PROB = [0.0109869428, 0.5, 0.9890130758, 0.9046505094, 0.5]
DATA_Y = [0.0, 0.0, 1.0, 1.0, 1.0]


@CHECKS.check("line")
def line_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """both line constructions at five points"""
    xs = list(data["x"])
    return all_of(
        compare(data["formula"], LINE, xs, "line_formula(x)", atol=1e-6),
        compare(data["relu"], LINE, xs, "line_relu(x)", atol=1e-6),
    )


@CHECKS.check("pwlinr_net", probe="line_public")
def pwlinr_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr() at five points"""
    return compare(data["net"], LINE, list(data["x"]), "make_pwlinr()(x)", atol=1e-6)


@CHECKS.check("knots")
def knots_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """three knots, evaluated at seven points"""
    layers = data["net"]["layers"]
    types = [layer["type"] for layer in layers]
    if types != ["Linear", "ReLU", "Linear"]:
        return Verdict(
            False, f"knots_to_net returned layers {types}, expected Linear, ReLU, Linear"
        )
    if layers[0]["out_features"] != 3:
        return Verdict(
            False, f"3 knots (1 kink) should give 3 hidden units, got {layers[0]['out_features']}"
        )
    return compare(
        data["values"],
        KNOTS,
        list(data["grid"]),
        "knots_to_net((-1, 0), (0, 1), (2, -1))",
        atol=1e-6,
    )


@CHECKS.check("logistic")
def data_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data(n=5, seed=0)"""
    shapes = [np.asarray(data[k]).shape for k in ("x", "y", "prob")]
    if shapes != [(5, 1)] * 3:
        return Verdict(False, f"make_data(n=5) returned shapes {shapes}, expected (5, 1) each")
    return all_of(
        compare(np.ravel(data["x"]), DATA_X, DATA_X, "x", atol=1e-7),
        compare(np.ravel(data["prob"]), DATA_PROB, DATA_X, "prob", atol=1e-6),
        compare(np.ravel(data["y"]), DATA_Y, DATA_X, "y (seed 0)"),
    )
