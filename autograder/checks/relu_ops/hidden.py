"""Hidden checks of relu_ops (scored by the autograder; students see names and points only)."""

from autograder.checks.core import Check
from autograder.checks.relu_ops import _judges as j

CHECKS = (
    Check("forward_all", "forward", "ops_hidden", j.forward, "values at negative, zero, tiny and positive inputs", weight=2),
    Check("grads_at_kink", "local_grads", "ops_hidden", j.local_grads, "Relu'(0) = 0, LeakyRelu'(0) = 0.1 and tiny inputs", weight=2),
    Check("slope_exact", "leaky_slope", "leaky_slope", j.slope, "LeakyRelu slope is exactly 0.1 for x < 0"),
    Check("graph_vs_torch", "graph_grads", "composite_grads", j.composite_vs_torch, "composite graphs vs torch float64 autograd"),
    Check("graph_vs_central", "graph_grads", "composite_grads", j.composite_vs_central, "composite graphs vs central differences"),
    Check("sgd_steps", "three_piece", "sgd_steps", j.sgd_steps, "fit_square takes the specified SGD steps"),
    Check("fit_leaky", "three_piece", "fit_leaky", j.fit_leaky, "LeakyReLU fit of x² reaches the calibrated MSE", weight=2,
          seeded=True, threshold="fit_mse_leaky"),
    Check("fit_relu", "three_piece", "fit_relu", j.fit_relu, "ReLU fit of x² reaches the calibrated MSE",
          seeded=True, threshold="fit_mse_relu"),
)
