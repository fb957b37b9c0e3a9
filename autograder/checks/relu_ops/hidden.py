"""Hidden checks of relu_ops: scored by the autograder; students see names and points only.

Each judge is declared as a check next to its definition (``@CHECKS.check``). Weights are
chosen so that the checks' shares of a group, rounded to 4 decimals as results.json shows
them, add up to the group's points (``tests/test_layout.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, as_array, compare, rel_error
from autograder.checks.relu_ops import reference as ref
from autograder.checks.relu_ops.composites import COMPOSITES
from autograder.checks.relu_ops.probes import FIT_GRID

CHECKS = CheckTable(__name__)


@CHECKS.check("forward", probe="ops_hidden", weight=2)
def forward_all(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """values at negative, zero, tiny and positive inputs

    Plain-float and node forward values of both activations, exactly.
    """
    xs = data["x"]
    return all_of(
        compare(data["relu"], [ref.relu(x) for x in xs], xs, "relu(x)"),
        compare(data["Relu"]["value"], [ref.relu(x) for x in xs], xs, "Relu node value"),
        compare(data["leaky_relu"], [ref.leaky(x) for x in xs], xs, "leaky_relu(x)", rtol=1e-12),
        compare(
            data["LeakyRelu"]["value"],
            [ref.leaky(x) for x in xs],
            xs,
            "LeakyRelu node value",
            rtol=1e-12,
        ),
    )


@CHECKS.check("local_grads", probe="ops_hidden", weight=2)
def grads_at_kink(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """Relu'(0) = 0, LeakyRelu'(0) = 0.1 and tiny inputs

    get_parent_grad of both nodes, including the conventions at 0.
    """
    xs = data["x"]
    return all_of(
        compare(data["Relu"]["grad"], [ref.relu_grad(x) for x in xs], xs, "Relu.get_parent_grad"),
        compare(
            data["LeakyRelu"]["grad"],
            [ref.leaky_grad(x) for x in xs],
            xs,
            "LeakyRelu.get_parent_grad",
        ),
    )


@CHECKS.check("leaky_slope", probe="leaky_slope")
def slope_exact(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyRelu slope is exactly 0.1 for x < 0

    For negative x: leaky_relu(x) / x and the node gradient are 0.1 (to 1e-12).
    """
    xs = np.asarray(data["x"])
    ratio = np.asarray(data["leaky_relu"]) / xs
    node_ratio = np.asarray(data["LeakyRelu"]["value"]) / xs
    return all_of(
        compare(ratio, np.full(xs.shape, 0.1), list(xs), "leaky_relu(x)/x for x < 0", rtol=1e-12),
        compare(
            node_ratio, np.full(xs.shape, 0.1), list(xs), "LeakyRelu value/x for x < 0", rtol=1e-12
        ),
        compare(
            data["LeakyRelu"]["grad"],
            np.full(xs.shape, 0.1),
            list(xs),
            "LeakyRelu gradient for x < 0",
            rtol=1e-12,
        ),
    )


def _composite_errors(data: dict[str, Any]) -> tuple[float, float, float, str]:
    """Worst relative errors: backward vs torch, backward vs central difference, forward vs
    torch."""
    h = float(data["h"])
    worst_torch = worst_cd = worst_value = 0.0
    where = ""
    for name, (fn, _inputs, points) in COMPOSITES.items():
        rows = data[name]
        if len(rows) != len(points):
            raise ValueError(f"{name}: {len(rows)} rows for {len(points)} points")
        for row, point in zip(rows, points):
            value, grad = ref.torch_value_and_grad(fn, point)
            got = as_array(row["grad"], shape=grad.shape, name=f"{name} gradient")
            cd = (
                as_array(row["plus"], shape=grad.shape) - as_array(row["minus"], shape=grad.shape)
            ) / (2 * h)
            e_t, e_c, e_v = rel_error(got, grad), rel_error(got, cd), rel_error(row["value"], value)
            if max(e_t, e_c, e_v) > max(worst_torch, worst_cd, worst_value):
                where = f"{name} at {tuple(point)}"
            worst_torch, worst_cd, worst_value = (
                max(worst_torch, e_t),
                max(worst_cd, e_c),
                max(worst_value, e_v),
            )
    return worst_torch, worst_cd, worst_value, where


@CHECKS.check("graph_grads", probe="composite_grads")
def graph_vs_torch(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """composite graphs vs torch float64 autograd

    Backward gradients of the composites against torch float64 autograd.
    """
    tol = ctx.threshold("grad_rel_tol")
    e_torch, _, e_value, where = _composite_errors(data)
    worst = max(e_torch, e_value)
    if worst <= tol:
        return Verdict(
            True,
            f"gradients match torch autograd (worst rel. error {worst:.1e} <= {tol:.0e})",
            worst,
        )
    return Verdict(
        False,
        f"gradient or value differs from torch autograd: rel. error {worst:.2e} > {tol:.0e} "
        f"({where})",
        worst,
    )


@CHECKS.check("graph_grads", probe="composite_grads")
def graph_vs_central(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """composite graphs vs central differences

    Backward gradients of the composites against central differences of the student's forward.
    """
    tol = ctx.threshold("central_diff_rel_tol")
    _, e_cd, _, where = _composite_errors(data)
    if e_cd <= tol:
        return Verdict(
            True,
            f"gradients match central differences (worst rel. error {e_cd:.1e} <= {tol:.0e})",
            e_cd,
        )
    return Verdict(
        False,
        f"backward disagrees with your own forward's central differences: {e_cd:.2e} > {tol:.0e} "
        f"({where})",
        e_cd,
    )


@CHECKS.check("three_piece")
def sgd_steps(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """fit_square takes the specified SGD steps

    fit_square's first steps equal per-sample SGD from the given start, x from random.Random(seed).
    """
    init = as_array(data["init"], shape=(7,), name="given initialisation")
    if rel_error(as_array(data["start"], shape=(7,), name="starting parameters"), init) > 1e-12:
        return Verdict(
            False,
            "ThreePieceNet(activation, seed) does not start from the given initialisation; "
            "leave __post_init__ as it was handed out",
            float("inf"),
        )
    worst = 0.0
    for k in ("1", "5"):
        got = as_array(data["after"][k], shape=(7,), name=f"parameters after {k} step(s)")
        want = ref.sgd_trajectory(init, int(data["seed"]), float(data["lr"]), int(k))
        err = rel_error(got, want)
        worst = max(worst, err)
        if err > 1e-9:
            return Verdict(
                False,
                f"after {k} step(s) the parameters differ from SGD on (y_hat - x²)² (rel. error "
                f"{err:.1e}); "
                "draw x with random.Random(seed).uniform(0, 2), set x and y = x², forward, "
                "backward, sgd_step",
                err,
            )
    return Verdict(True, "fit_square takes exactly the specified SGD steps", worst)


def _fit(data: dict[str, Any], ctx: JudgeContext, key: str, activation: str) -> Verdict:
    """MSE of the trained net against x², computed here from its parameters (the predictions must
    agree).

    The grid is the probe's, taken from the probe module here, never read back from the child
    (a forged result with its own x could otherwise choose where the fit is judged).
    """
    x = FIT_GRID
    y_hat = as_array(data["y_hat"], shape=x.shape, name="predictions")
    params = as_array(data["params"], shape=(7,), name="parameters")
    curve = ref.three_piece_curve(params, x, activation)
    if not (np.all(np.isfinite(curve)) and np.all(np.isfinite(y_hat))):
        return Verdict(False, "the trained net predicts non-finite values", float("inf"))
    if np.max(np.abs(curve - y_hat)) > 1e-8 * max(1.0, float(np.max(np.abs(curve)))):
        claimed = float(
            np.mean((y_hat - x * x) ** 2)
        )  # the value for margins: MSE of what predict returned
        return Verdict(
            False,
            "net.predict disagrees with the net's own parameters (w1, b1, w2, b2, v1, v2, c)",
            claimed,
        )
    mse = float(np.mean((curve - x * x) ** 2))
    limit = ctx.threshold(key)
    context = (
        f"(best possible three-piece fit: {ref.BEST_THREE_PIECE_MSE:.4f}, two pieces: "
        f"{ref.BEST_TWO_PIECE_MSE:.4f})"
    )
    if mse <= limit:
        return Verdict(True, f"MSE on [0, 2] is {mse:.5f} <= {limit} {context}", mse)
    return Verdict(False, f"MSE on [0, 2] is {mse:.5f} > {limit} {context}", mse)


@CHECKS.check("three_piece", weight=2, seeded=True, threshold="fit_mse_leaky")
def fit_leaky(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """LeakyReLU fit of x² reaches the calibrated MSE"""
    return _fit(data, ctx, "fit_mse_leaky", "leaky_relu")


@CHECKS.check("three_piece", seeded=True, threshold="fit_mse_relu")
def fit_relu(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """ReLU fit of x² reaches the calibrated MSE"""
    return _fit(data, ctx, "fit_mse_relu", "relu")
