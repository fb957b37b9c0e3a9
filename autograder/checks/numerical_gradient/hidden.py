"""Hidden checks of numerical_gradient (scored by the autograder; students see names and points only)."""

from autograder.checks.core import Check
from autograder.checks.numerical_gradient import _judges as j

CHECKS = (
    Check("single_points", "single_point", "single_points", j.single_points, "1-D gradients of non-separable functions (D = 2 and 3)",
          weight=2, threshold="grad_rel_tol"),
    Check("batches", "batch", "batches", j.batches, "batch gradients, shape and dtype (N = 1, 3, 25)", weight=2, threshold="grad_rel_tol"),
    Check("square_batch", "batch", "batches", j.square_batch, "N = D batches, where a transposition keeps the shape",
          weight=2, threshold="grad_rel_tol"),
    Check("input_unchanged", "input_safety", "input_safety", j.input_unchanged, "x is unchanged after the call"),
    Check("input_unchanged_on_error", "input_safety", "input_safety", j.input_unchanged_on_error, "x is unchanged when f raises"),
    Check("bad_dimensions", "input_safety", "bad_dimensions", j.bad_dimensions, "0-D and 3-D x raise ValueError"),
    Check("integer_input", "input_safety", "integer_input", j.integer_input, "integer input gives float64 gradients",
          threshold="grad_rel_tol"),
    Check("fields", "gradient_field", "fields", j.fields, "quiver arrows equal -∇f on square and non-square grids", weight=3,
          threshold="grad_rel_tol"),
)
