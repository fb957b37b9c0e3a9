"""Results made up by a child that took over its probes: cheap forgeries must not pass.

Each payload is what a submission could report without solving the task (all zeros,
a shape that lies about its values, numbers read off the public data set, NaN); the
judging process must fail the check with a reason instead of passing it or crashing.
Found by a review of every judge after the inputs moved to the grader.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograder.checks.core import Verdict


def _judge(suites, aid: str, check: str, data: dict) -> Verdict:
    suite = suites[aid]
    return suite.judge(suite.check(check), data, "cpu")


def test_moons_model_logits_are_judged_with_the_graders_weights(suites):
    def case(h: int, n: int) -> dict:
        zeros = [np.zeros(s, np.float32) for s in ((h, 2), (h,), (2, h), (2,))]
        return {
            "is_module": True,
            "linears": [[2, h], [h, 2]],
            "param_shapes": [[h, 2], [h], [2, h], [2]],
            "params": zeros,
            "logits": np.zeros((n, 2), np.float32),
        }

    v = _judge(suites, "moons", "model_all", {"cases": [case(h, 64) for h in (3, 32, 5, 32)]})
    assert not v.passed and "logits differ" in v.message
    assert not _judge(suites, "moons", "model_public", case(4, 5)).passed


@pytest.mark.parametrize("act", ["relu", "tanh"])
def test_moons_heldout_logits_read_off_the_public_data_set_do_not_pass(suites, act):
    from sklearn.datasets import make_moons

    suite = suites["moons"]
    check = suite.check(f"converge_{act}")
    inputs = suite.inputs(check, "cpu")
    p = suite.spec.params
    _, yt = make_moons(
        int(p["n_test"]),
        noise=float(p["noise"]),
        random_state=int(p["test_seed_offset"]) + inputs["seed"],
    )
    perfect = np.stack([np.where(yt == 0, 20.0, -20.0), np.where(yt == 1, 20.0, -20.0)], axis=1)
    h = int(p["hidden"])
    untrained = [np.zeros(s, np.float32) for s in ((h, 2), (h,), (2, h), (2,))]
    forged = {"losses": np.zeros(int(p["steps"])), "logits": perfect, "params": untrained}
    v = _judge(suites, "moons", f"converge_{act}", forged)
    assert not v.passed and "disagree" in v.message


def test_sine_bias_landmarks_come_from_the_parameters(suites):
    """A flat net (MSE ~0.5) reporting f(pi/2) = 1, f(pi) = 0 and a perfect loss history."""
    h = int(suites["sine_bias"].spec.params["bias_hidden"])
    zeros = {"W1": (1, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}
    params = {
        k: {
            "type": "Tensor",
            "dtype": "float32",
            "shape": list(s),
            "device": "cpu",
            "values": np.zeros(s, np.float32),
        }
        for k, s in zeros.items()
    }
    forged = {
        "params": params,
        "losses": np.zeros(int(suites["sine_bias"].spec.params["bias_steps"])),
        "grid_pred": np.zeros(1001),
        "landmarks": [1.0, 0.0],
    }
    assert not _judge(suites, "sine_bias", "fit_relu", forged).passed


def test_sine_bias_reported_shapes_must_match_the_values(suites):
    """Claiming the width of 32 while sending 200 hidden units (or 16M, which would exhaust memory
    here)."""
    h = int(suites["sine_bias"].spec.params["bias_hidden"])
    shapes = {
        "W1": ((1, h), (1, 200)),
        "b1": ((h,), (200,)),
        "W2": ((h, 1), (200, 1)),
        "b2": ((1,), (1,)),
    }
    params = {
        k: {
            "type": "Tensor",
            "dtype": "float32",
            "shape": list(claimed),
            "device": "cpu",
            "values": np.zeros(real, np.float32),
        }
        for k, (claimed, real) in shapes.items()
    }
    forged = {
        "params": params,
        "losses": np.zeros(int(suites["sine_bias"].spec.params["bias_steps"])),
        "grid_pred": np.zeros(1001),
    }
    v = _judge(suites, "sine_bias", "fit_relu", forged)
    assert not v.passed and "values reported for shape" in v.message


def test_sine_bias_homogeneity_needs_the_real_outputs(suites):
    suite = suites["sine_bias"]
    cases = [{"out": {}, "at_x": np.zeros((64, 1)), "at_3x": np.zeros((64, 1))} for _ in range(2)]
    assert suite.judge(suite.check("nobias_homogeneous"), {"cases": cases}, "cpu").passed is False


def test_numerical_gradient_values_must_have_the_reported_shape(suites):
    suite = suites["numerical_gradient"]
    inputs = suite.inputs(suite.check("single_points"), "cpu")
    rows = {
        name: [
            {"shape": list(np.shape(r["x"])), "dtype": "float64", "value": np.zeros((3, 1, 2))}
            for r in cases
        ]
        for name, cases in inputs.items()
    }
    v = suite.judge(suite.check("single_points"), rows, "cpu")
    assert not v.passed and "gradient values for x of shape" in v.message


def test_pwlinr_fit_refuses_a_huge_reported_net_before_evaluating_it(suites):
    layers = [
        {
            "type": "Linear",
            "in_features": 1,
            "out_features": 10**6,
            "weight": np.ones((10**6, 1)),
            "bias": None,
        },
        {"type": "ReLU"},
        {
            "type": "Linear",
            "in_features": 10**6,
            "out_features": 1,
            "weight": np.ones((1, 10**6)),
            "bias": np.zeros(1),
        },
        {"type": "Sigmoid"},
    ]
    forged = {
        "type": "Sequential",
        "dtypes": ["torch.float32"],
        "pred": np.zeros(2000),
        "net": {"layers": layers},
    }
    v = _judge(suites, "pwlinr", "fit_mae", forged)
    assert not v.passed and "far larger" in v.message


def test_relu_ops_net_forward_nan_does_not_pass(suites):
    from autograder.checks.relu_ops.netmath import three_piece_net

    suite = suites["relu_ops"]
    inputs = suite.inputs(suite.check("net_forward"), "cpu")
    forged = {
        act: [
            {
                "y_hat": math.nan,
                "loss": math.nan,
                "grad": list(three_piece_net(inputs["params"], row["x"], act)[2]),
            }
            for row in inputs[act]
        ]
        for act in ("relu", "leaky_relu")
    }
    assert not suite.judge(suite.check("net_forward"), forged, "cpu").passed


def test_numbers_too_big_for_a_float_fail_the_check_not_the_submission(suites):
    forged = {"start": [10**400] * 7, "after": {}, "global_random": True}
    v = _judge(suites, "relu_ops", "sgd_steps", forged)
    assert not v.passed and "unexpected result" in v.message


def test_messages_quoting_reported_values_stay_short(suites):
    suite = suites["numerical_gradient"]
    data = {
        f"{label}_{key}": value
        for label in ("point", "batch")
        for key, value in (
            ("ok_unchanged", True),
            ("raise1", "_Boom"),
            ("raise3", "_Boom"),
            ("raise3_unchanged", True),
            ("raise1_unchanged", False),
            ("raise1_x", np.zeros(10**6)),
            ("raise3_x", np.zeros(1)),
        )
    }
    v = suite.judge(suite.check("input_unchanged_on_error"), data, "cpu")
    assert not v.passed and len(v.message) <= 500
