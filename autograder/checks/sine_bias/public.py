"""Public checks of sine_bias: what students run with ``grader.check`` before submitting.

Self-contained on purpose: the student release ships this file, so its judges use only
the expected values written here (computed once with the reference solution in float32).
The tiny problem: x = 0.5, 1.5, 2.5, 4.0, y = sin x, 3 hidden units (see ``probes.py``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import all_of, compare, failure

CHECKS = CheckTable(__name__)

RTOL, ATOL = 1e-4, 1e-5

DATA_X4 = [1.25, 3.75, 6.25, 8.75]
DATA_Y4 = [0.94898462, -0.57156134, -0.03317922, 0.62472397]
FLOOR_TINY = [0.0082798209, 0.53851682]  # (c, mse) of the best line through the origin
NOBIAS_TINY = [0.18, 0.54, 0.9, 1.44]
TANH_TINY = [1.26623833, 1.11108410, 0.56865275, -0.18485922]
RELU_TINY = [1.15, 1.03, 1.21, 1.81]
GD_TINY = {  # gd_steps(x, y, W1, W2, lr=0.05, steps=3)
    "losses": [1.30395448, 0.59641939, 0.54722142],
    "W1": [[0.63497716, -0.5, 0.42623690]],
    "W2": [[0.37088543], [1.2], [-0.49808422]],
}
ADAM_TINY = {  # adam_steps(x, y, params, act, lr=0.1, steps=4): lr 0.01 for the 4th step
    "tanh": {
        "losses": [0.23999628, 0.22651106, 0.21355484, 0.16398305],
        "params": {
            "W1": [[0.78456903, -0.53279239, 0.41724041]],
            "b1": [-0.55928642, 0.93544066, -0.78697848],
            "W2": [[0.55433685], [0.92165881], [-0.16308235]],
            "b2": [0.12441786],
        },
    },
    "relu": {
        "losses": [1.85329211, 0.79697019, 0.39121664, 0.52886933],
        "params": {
            "W1": [[0.53195614, -0.76721317, 0.58435237]],
            "b1": [-0.64768988, 0.73012459, -0.64077133],
            "W2": [[0.32733092], [0.93353266], [-0.69804686]],
            "b2": [-0.00264949],
        },
    },
}


def tensor_ok(
    d: dict[str, Any], shape: tuple[int, ...], what: str, dtype: str = "float32"
) -> Verdict:
    """The probe's description of a returned value is a tensor of this shape and dtype."""
    if d["type"] != "Tensor":
        return Verdict(False, f"{what} should be a torch.Tensor, got {d['type']}")
    if tuple(d["shape"]) != shape:
        return Verdict(False, f"{what} has shape {tuple(d['shape'])}, expected {shape}")
    if np.shape(d["values"]) != shape:  # what is judged is the values, whatever shape was reported
        return Verdict(False, f"{what}: {np.size(d['values'])} values reported for shape {shape}")
    if dtype and d["dtype"] != dtype:
        return Verdict(False, f"{what} has dtype {d['dtype']}, expected {dtype}")
    return Verdict(True, f"{what}: {dtype} tensor of shape {shape}")


def values_ok(got: Any, want: Any, what: str, *, rtol: float = RTOL, atol: float = ATOL) -> Verdict:
    want = np.asarray(want, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    if got.size != want.size:
        return Verdict(False, f"{what}: got {got.size} values, expected {want.size}")
    return compare(
        got.reshape(-1),
        want.reshape(-1),
        [f"entry {i}" for i in range(want.size)],
        what,
        rtol=rtol,
        atol=atol,
    )


def _outcome(data: dict[str, Any], key: str, what: str) -> Verdict | None:
    """The failure of the function behind ``data[key]`` when it raised, else None."""
    return failure(data, key, what)


@CHECKS.check("pieces", name="pieces_data_public", probe="pieces_public")
def pieces_data_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """make_train_data(4): float32 (4, 1) midpoints of [0, 10] and sin x"""
    bad = _outcome(data, "data", "make_train_data(4)")
    if bad is not None:
        return bad
    x_d, y_d = data["data"]
    return all_of(
        tensor_ok(x_d, (4, 1), "make_train_data(4) x"),
        tensor_ok(y_d, (4, 1), "make_train_data(4) y"),
        values_ok(x_d["values"], DATA_X4, "make_train_data(4) x (midpoints (i + 0.5)·10/n)"),
        values_ok(y_d["values"], DATA_Y4, "make_train_data(4) y = sin x"),
    )


@CHECKS.check("pieces", name="pieces_floor_public", probe="pieces_public")
def pieces_floor_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """best_origin_line_mse on the tiny problem: (c, mse)"""
    bad = _outcome(data, "floor", "best_origin_line_mse(x, sin x) on the tiny problem")
    if bad is not None:
        return bad
    return values_ok(
        data["floor"], FLOOR_TINY, "best_origin_line_mse on the tiny problem: (c, mse)"
    )


@CHECKS.check("pieces", name="pieces_nobias_public", probe="pieces_public")
def pieces_nobias_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_nobias on the tiny problem: relu(x @ W1) @ W2"""
    bad = _outcome(data, "nobias", "forward_nobias(x, W1, W2) on the tiny problem")
    if bad is not None:
        return bad
    return all_of(
        tensor_ok(data["nobias"], (4, 1), "forward_nobias output (N = 4)"),
        values_ok(data["nobias"]["values"], NOBIAS_TINY, "forward_nobias = relu(x @ W1) @ W2"),
    )


@CHECKS.check("pieces", name="pieces_bias_public", probe="pieces_public")
def pieces_bias_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """forward_bias on the tiny problem, tanh and relu: act(x @ W1 + b1) @ W2 + b2"""
    verdicts = []
    for act, want in (("tanh", TANH_TINY), ("relu", RELU_TINY)):
        bad = _outcome(data, act, f"forward_bias(x, params, {act!r}) on the tiny problem")
        if bad is not None:
            return bad
        verdicts += [
            tensor_ok(data[act], (4, 1), f"forward_bias output ({act}, N = 4)"),
            values_ok(
                data[act]["values"],
                want,
                f"forward_bias(..., {act!r}) = {act}(x @ W1 + b1) @ W2 + b2",
            ),
        ]
    return all_of(*verdicts)


@CHECKS.check("gd_loop")
def gd_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """gd_steps: 3 hand-written steps on a tiny problem"""
    return all_of(
        values_ok(data["losses"], GD_TINY["losses"], "gd_steps losses (MSE before each update)"),
        values_ok(data["W1"], GD_TINY["W1"], "W1 after 3 steps (W -= lr * W.grad, grads zeroed)"),
        values_ok(data["W2"], GD_TINY["W2"], "W2 after 3 steps (W -= lr * W.grad, grads zeroed)"),
    )


@CHECKS.check("adam_loop", weight=2)
def adam_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """adam_steps: 4 Adam steps (tanh and relu) on a tiny problem"""
    verdicts = []
    for act, want in ADAM_TINY.items():
        verdicts.append(
            values_ok(data[act]["losses"], want["losses"], f"adam_steps ({act}) losses")
        )
        for name, values in want["params"].items():
            verdicts.append(
                values_ok(data[act]["params"][name], values, f"{name} after 4 Adam steps ({act})")
            )
    return all_of(*verdicts)


@CHECKS.check("landmarks", weight=2)
def landmarks_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """landmark_predictions for f(x) = 2x - 1"""
    if data["type"] not in ("tuple", "list") or len(data["values"]) != 2:
        return Verdict(
            False, f"landmark_predictions should return (f(pi/2), f(pi)), got a {data['type']}"
        )
    want = [2 * math.pi / 2 - 1, 2 * math.pi - 1]
    return values_ok(
        data["values"],
        want,
        "landmark_predictions for f(x) = 2x - 1: (f(pi/2), f(pi))",
        rtol=1e-6,
        atol=1e-6,
    )
