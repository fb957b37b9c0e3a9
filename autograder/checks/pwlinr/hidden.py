"""Hidden checks of pwlinr (scored by the autograder; students see names and points only)."""

from autograder.checks.core import Check
from autograder.checks.pwlinr import _judges as j

CHECKS = (
    Check("formula_dense", "line", "line_dense", j.line_formula, "line_formula on 6001 points of [-3, 3] including 0", weight=2),
    Check("relu_dense", "line", "line_dense", j.line_relu, "line_relu on 6001 points of [-3, 3] including 0", weight=2),
    Check("pwlinr_dense", "pwlinr_net", "line_dense", j.pwlinr_values, "make_pwlinr() on 6001 points of [-3, 3] including 0"),
    Check("pwlinr_structure", "pwlinr_net", "pwlinr_structure", j.pwlinr_structure, "layer types, shapes, bias and exact parameters",
          weight=2),
    Check("knots_exact", "knots", "knots_random", j.knots_exact, "exact at and between random knots (2 to 13 knots)", weight=2),
    Check("knots_extrapolate", "knots", "knots_random", j.knots_extrapolate, "linear past both end knots"),
    Check("knots_hidden_units", "knots", "knots_random", j.knots_structure, "n knots → exactly n hidden units"),
    Check("knots_unsorted", "knots", "knots_unsorted", j.knots_unsorted, "shuffled knots are sorted first"),
    Check("knots_invalid", "knots", "knots_invalid", j.knots_invalid, "duplicate x and other bad input raise ValueError"),
    Check("data_spec", "logistic", "data_hidden", j.data_hidden, "make_data: grid, probabilities and seeded labels"),
    Check("logistic_init", "logistic", "logistic_net", j.logistic_init, "make_logistic_net layers and initialisation"),
    Check("fit_mae", "logistic", "fit", j.fit, "fitted probability curve within the calibrated error", weight=2,
          seeded=True, threshold="fit_mae"),
)
