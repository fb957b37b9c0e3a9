"""Public checks of pwlinr: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so every expected
value is written out here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, compare, failure

CHECKS = CheckTable(__name__)

# x = -1, -0.5, 0, 0.5, 1 (probe ``line_public``)
LINE = [-4.5, 0.0, 4.5, 2.25, 0.0]
# knots (-1, 0), (0, 1), (2, -1) at x = -2, -1, -0.5, 0, 1, 2, 3 (probe ``knots_public``)
KNOTS = [-1.0, 0.0, 0.5, 1.0, 0.0, -1.0, -2.0]
# make_data(n=5, seed=0)
DATA_X = [-1.0, -0.5, 0.0, 0.5, 1.0]
DATA_PROB = [0.0109869428, 0.5, 0.9890130758, 0.9046505094, 0.5]
DATA_Y = [0.0, 0.0, 1.0, 1.0, 1.0]


def _values(data: dict[str, Any], key: str, what: str, n: int) -> Any:
    """The values ``what`` returned, or a failing verdict (it raised, returned no tensor, or one of
    another shape or dtype, or changed x)."""
    got = failure(data, key, what)
    if got is not None:
        return got
    out = data[key]
    if out["type"] != "Tensor":
        return Verdict(False, f"{what} returned a {out['type']}, expected a torch.Tensor")
    if list(out["shape"]) != [n, 1]:
        return Verdict(
            False, f"{what} returned shape {tuple(out['shape'])} for x of shape ({n}, 1)"
        )
    if out["dtype"] != "torch.float64":
        return Verdict(False, f"{what} returned {out['dtype']} for a float64 x (keep x's dtype)")
    if not out["x_unchanged"]:
        return Verdict(False, f"{what} changed its input x in place")
    return np.asarray(out["values"], dtype=np.float64)


def _line(data: dict[str, Any], key: str, what: str) -> Verdict:
    xs = list(data["x"])
    got = _values(data, key, what, len(xs))
    return got if isinstance(got, Verdict) else compare(got, LINE, xs, what, atol=1e-6)


@CHECKS.check("line")
def line_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """both line constructions at five points"""
    return all_of(
        _line(data, "formula", "line_formula(x)"),
        _line(data, "relu", "line_relu(x)"),
    )


@CHECKS.check("pwlinr_net")
def pwlinr_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_pwlinr() at five points"""
    got = failure(data, "net", "make_pwlinr() (or evaluating its net)")
    if got is not None:
        return got
    return compare(data["net"]["values"], LINE, list(data["x"]), "make_pwlinr()(x)", atol=1e-6)


@CHECKS.check("knots", weight=2)
def knots_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """three knots, evaluated at seven points"""
    got = failure(data, "error", "knots_to_net([-1, 0, 2], [0, 1, -1])")
    if got is not None:
        return got
    layers = data["net"]["layers"]
    types = [layer["type"] for layer in layers]
    if types != ["Linear", "ReLU", "Linear"]:
        return Verdict(
            False, f"knots_to_net returned layers {types}, expected Linear, ReLU, Linear"
        )
    if layers[0]["out_features"] != 3:
        return Verdict(
            False,
            "knots_to_net: 3 knots (1 kink) should give 3 hidden units, got "
            f"{layers[0]['out_features']}",
        )
    return compare(
        data["values"],
        KNOTS,
        list(data["grid"]),
        "knots_to_net((-1, 0), (0, 1), (2, -1))",
        atol=1e-6,
    )


@CHECKS.check("logistic", weight=2)
def data_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_data(n=5, seed=0)"""
    what = "make_data(n=5, seed=0)"
    got = failure(data, "data", what)
    if got is not None:
        return got
    out = data["data"]
    if out["count"] != 3:
        return Verdict(False, f"{what} returned a {out['type']}, expected a tuple (x, y, prob)")
    types = [out[k]["type"] for k in ("x", "y", "prob")]
    if types != ["Tensor"] * 3:
        return Verdict(False, f"{what} returned {types} for x, y, prob, expected tensors")
    shapes = [tuple(out[k]["shape"]) for k in ("x", "y", "prob")]
    if shapes != [(5, 1)] * 3:
        return Verdict(False, f"{what} returned shapes {shapes}, expected (5, 1) each")
    dtypes = [out[k]["dtype"] for k in ("x", "y", "prob")]
    if dtypes != ["torch.float32"] * 3:
        return Verdict(False, f"{what} returned dtypes {dtypes}, expected torch.float32 each")
    return all_of(
        compare(out["x"]["values"], DATA_X, DATA_X, f"x of {what}", atol=1e-7),
        compare(out["prob"]["values"], DATA_PROB, DATA_X, f"prob of {what}", atol=1e-6),
        compare(out["y"]["values"], DATA_Y, DATA_X, f"y of {what}"),
    )
