"""The contract of pwlinr: every clause of the student functions' docstrings (and of the module
docstring's conventions), every argument, and the checks that test each
(``docs/contract/pwlinr.md`` is generated from it by ``python -m autograder.authoring.contract``).
"""

from autograder.authoring.contract import Clause, Function

F = "pwlinr.py"

_LINE_CHECKS = ("line_public", "formula_dense")
_RELU_CHECKS = ("line_public", "relu_dense")

CONTRACT = (
    Function(
        "line_formula",
        "2.1",
        F,
        clauses=(
            Clause("y = 9·x + 4.5 for x < 0, -4.5·x + 4.5 for x >= 0", _LINE_CHECKS),
            Clause("x == 0 belongs to one piece: y(0) = 4.5", ("formula_dense", "line_public")),
            Clause("returns a torch.Tensor", ("formula_dense", "line_public"), "type"),
            Clause("y has x's shape (N, 1)", ("formula_dense", "line_public"), "shape"),
            Clause(
                "y has x's dtype (float64 in, float64 out; float32 in, float32 out)",
                ("formula_dense", "formula_float32"),
                "dtype",
            ),
            Clause("y is on x's device", ("formula_device",), "device"),
            Clause(
                "a new tensor: x itself is left unchanged",
                ("formula_dense", "formula_float32", "line_public"),
                "unchanged",
            ),
        ),
        args={"x": ("line_public", "formula_dense", "formula_float32", "formula_device")},
    ),
    Function(
        "line_relu",
        "2.2",
        F,
        clauses=(
            Clause("y = -4.5·relu(x) - 9·relu(-x) + 4.5 (the same line)", _RELU_CHECKS),
            Clause("returns a torch.Tensor", ("relu_dense", "line_public"), "type"),
            Clause("y has x's shape (N, 1)", ("relu_dense", "line_public"), "shape"),
            Clause(
                "y has x's dtype (float64 and float32 inputs)",
                ("relu_dense", "relu_float32"),
                "dtype",
            ),
            Clause("y is on x's device", ("relu_device",), "device"),
            Clause(
                "x is left unchanged",
                ("relu_dense", "relu_float32", "line_public"),
                "unchanged",
            ),
        ),
        args={"x": ("line_public", "relu_dense", "relu_float32", "relu_device")},
    ),
    Function(
        "make_pwlinr",
        "2.3",
        F,
        clauses=(
            Clause(
                "Sequential(Linear(1, 2, bias=False), ReLU(), Linear(2, 1))",
                ("pwlinr_structure",),
                "type",
            ),
            Clause(
                "first layer weight [[1], [-1]], second layer weight [[-4.5, -9]], bias [4.5]",
                ("pwlinr_structure",),
            ),
            Clause("the net computes the line", ("pwlinr_public", "pwlinr_dense")),
            Clause("torch's default dtype (float32 parameters)", ("pwlinr_float32",), "dtype"),
        ),
    ),
    Function(
        "knots_to_net",
        "2.4",
        F,
        clauses=(
            Clause(
                "the continuous piecewise-linear function through the knots (exact at and "
                "between them)",
                ("knots_public", "knots_exact"),
            ),
            Clause(
                "extended past the first and last knot by the first and last segment's slopes",
                ("knots_public", "knots_extrapolate"),
            ),
            Clause("knots in any order are sorted by x first", ("knots_unsorted",)),
            Clause(
                "fewer than two knots, xs and ys of different lengths, duplicate x, non-finite x "
                "or y raise ValueError",
                ("knots_invalid",),
                "raises",
            ),
            Clause(
                "Sequential(Linear(1, H), ReLU(), Linear(H, 1)) with exactly H = n hidden units "
                "(k = n - 2 kinks + 2 units for the first slope)",
                ("knots_hidden_units", "knots_public"),
                "shape",
            ),
            Clause("parameters are float64", ("knots_float64",), "dtype"),
        ),
        args={
            "xs": ("knots_public", "knots_exact", "knots_unsorted", "knots_invalid"),
            "ys": ("knots_public", "knots_exact", "knots_unsorted", "knots_invalid"),
        },
    ),
    Function(
        "make_data",
        "2.5",
        F,
        clauses=(
            Clause(
                "returns a tuple (x, y, prob) of tensors",
                ("data_public", "data_spec"),
                "type",
            ),
            Clause("each of shape (n, 1)", ("data_public", "data_spec"), "shape"),
            Clause("each float32", ("data_public", "data_spec"), "dtype"),
            Clause("x = torch.linspace(-1, 1, n).reshape(-1, 1)", ("data_public", "data_spec")),
            Clause("prob = true_probability(x)", ("data_public", "data_spec")),
            Clause(
                "y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed)): "
                "labels 0.0/1.0, the same for the same seed, others for another",
                ("data_public", "data_spec"),
                "seed",
            ),
            Clause(
                "torch's global random state is neither used nor reseeded",
                ("data_rng",),
                "unchanged",
            ),
        ),
        args={"n": ("data_public", "data_spec", "data_rng"), "seed": ("data_spec", "data_rng")},
        pins={"n": ("2000",), "seed": ("0",)},
    ),
    Function(
        "make_logistic_net",
        "2.6",
        F,
        clauses=(
            Clause(
                "Sequential(Linear(1, 2, bias=False), ReLU(), Linear(2, 1), Sigmoid())",
                ("logistic_init",),
                "type",
            ),
            Clause(
                "first layer weight [[1], [-1]], second layer weight and bias all zero",
                ("logistic_init",),
            ),
        ),
    ),
    Function(
        "fit_logistic",
        "2.6",
        F,
        clauses=(
            Clause(
                "exactly `epochs` full-batch Adam(lr) steps on BCELoss (forward, loss, backward, "
                "step, zero_grad) from make_logistic_net's documented start",
                ("fit_replay",),
                "training",
            ),
            Clause(
                "trains on the x, y it is given (not a data set of its own)",
                ("fit_replay",),
                "data",
            ),
            Clause(
                "returns the trained net (the torch.nn.Sequential of make_logistic_net)",
                ("fit_replay", "fit_mae"),
                "type",
            ),
            Clause(
                "calls torch.manual_seed(seed) first, then builds the net: torch's generator is "
                "left where that puts it",
                ("fit_seed",),
                "seed",
            ),
            Clause(
                "with the default recipe the fitted probability curve is close to the truth "
                "(the whole recipe: make_logistic_net + fit_logistic)",
                ("fit_mae",),
            ),
            Clause(
                "the net and the data are moved to device; the net is returned on device",
                ("fit_device",),
                "device",
            ),
        ),
        args={
            "x": ("fit_replay", "fit_mae"),
            "y": ("fit_replay", "fit_mae"),
            "epochs": ("fit_replay",),
            "lr": ("fit_replay",),
            "seed": ("fit_seed",),
            "device": ("fit_device",),
        },
        pins={"epochs": ("1500",), "lr": ("0.05",), "seed": ("0", "2025")},
        training=True,
    ),
)
