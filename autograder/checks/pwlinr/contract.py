"""The contract of pwlinr: every clause of the student functions' docstrings (and of the module
docstring's conventions), every argument, and the checks that test each
(``docs/contract/pwlinr.md`` is generated from it by ``python -m autograder.authoring.contract``).
"""

from autograder.authoring.contract import Clause, Function

F = "pwlinr.py"
FIT_REPLAYS = (
    "fit_smoke",
    "fit_replay",
    "fit_long",
    "fit_small_gradients",
    "fit_saturated",
    "fit_soft_targets",
)
"""The checks that replay fit_logistic on the grader's own x, y, epochs and lr."""

_LINE_CHECKS = ("formula_public", "formula_dense")
_RELU_CHECKS = ("relu_public", "relu_dense")

CONTRACT = (
    Function(
        "line_formula",
        "2.1",
        F,
        clauses=(
            Clause("y = 9·x + 4.5 for x < 0, -4.5·x + 4.5 for x >= 0", _LINE_CHECKS, stated=True),
            Clause("x == 0 belongs to one piece: y(0) = 4.5", _LINE_CHECKS, stated=True),
            Clause("returns a torch.Tensor", _LINE_CHECKS, "type", stated=True),
            Clause("y has x's shape (N, 1)", _LINE_CHECKS, "shape", stated=True),
            Clause("also for N = 1 and N = 0", ("line_sizes",), "shape"),
            Clause(
                "y has x's dtype (float64 in, float64 out; float32 in, float32 out)",
                ("formula_public", "formula_dense", "formula_float32"),
                "dtype",
                stated=True,
            ),
            Clause("y is on x's device", ("formula_device",), "device"),
            Clause(
                "torch's default dtype and grad mode are left as the call found them (also a "
                "float64 default and grad mode off)",
                ("state_line",),
                "unchanged",
            ),
            Clause(
                "a new tensor: x itself is left unchanged",
                ("formula_public", "formula_dense", "formula_float32"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "a new tensor on every call: no output buffer kept between calls, no view of x",
                ("line_fresh",),
                "no_alias",
            ),
        ),
        args={"x": ("formula_public", "formula_dense", "formula_float32", "formula_device")},
    ),
    Function(
        "line_relu",
        "2.2",
        F,
        clauses=(
            Clause(
                "y = -4.5·relu(x) - 9·relu(-x) + 4.5 (the same line)", _RELU_CHECKS, stated=True
            ),
            Clause("returns a torch.Tensor", _RELU_CHECKS, "type", stated=True),
            Clause("y has x's shape (N, 1)", _RELU_CHECKS, "shape", stated=True),
            Clause("also for N = 1 and N = 0", ("line_sizes",), "shape"),
            Clause(
                "y has x's dtype (float64 and float32 inputs)",
                ("relu_public", "relu_dense", "relu_float32"),
                "dtype",
                stated=True,
            ),
            Clause("y is on x's device", ("relu_device",), "device"),
            Clause(
                "torch's default dtype and grad mode are left as the call found them (also a "
                "float64 default and grad mode off)",
                ("state_line",),
                "unchanged",
            ),
            Clause(
                "x is left unchanged",
                ("relu_public", "relu_dense", "relu_float32"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "a new tensor on every call: no output buffer kept between calls, no view of x",
                ("line_fresh",),
                "no_alias",
            ),
        ),
        args={"x": ("relu_public", "relu_dense", "relu_float32", "relu_device")},
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
                stated=True,
            ),
            Clause(
                "first layer weight [[1], [-1]], second layer weight [[-4.5, -9]], bias [4.5]",
                ("pwlinr_structure",),
                stated=True,
            ),
            Clause("the net computes the line", ("pwlinr_public", "pwlinr_dense"), stated=True),
            Clause(
                "torch's default dtype (float32 parameters, weights and biases)",
                ("pwlinr_float32",),
                "dtype",
                stated=True,
            ),
            Clause(
                "torch's default dtype and grad mode are left as the call found them (also a "
                "float64 default and grad mode off)",
                ("state_pwlinr",),
                "unchanged",
            ),
            Clause(
                "a new net with parameters of its own on every call (no module-level tensors or "
                "net shared between the nets it returns)",
                ("pwlinr_fresh",),
                "no_alias",
            ),
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
                stated=True,
            ),
            Clause(
                "extended past the first and last knot by the first and last segment's slopes",
                ("knots_public", "knots_extrapolate"),
                stated=True,
            ),
            Clause(
                "knots in any order are sorted by x first",
                ("knots_order_public", "knots_unsorted"),
                stated=True,
            ),
            Clause(
                "fewer than two knots, xs and ys of different lengths, duplicate x (with different "
                "or with equal y), non-finite x or y raise ValueError",
                ("knots_invalid",),
                "raises",
                stated=True,
            ),
            Clause(
                "distinct x values are valid however close (1e-8, 3e-9, 1e-13 apart; 1e-17 apart "
                "at 0, below machine epsilon; 5e-7 apart near x = 1000, where a relative test "
                "calls them equal): only equal x are duplicates",
                ("knots_close",),
            ),
            Clause(
                "the caller's lists xs and ys are left unchanged (the knots are sorted in a copy)",
                ("knots_lists_unchanged",),
                "unchanged",
            ),
            Clause(
                "torch's default dtype (float64 layers by dtype=, not set_default_dtype) and grad "
                "mode are left as the call found them (also a float64 default and grad mode off)",
                ("state_knots",),
                "unchanged",
            ),
            Clause(
                "a new net with parameters of its own on every call (no cache by knots)",
                ("knots_fresh",),
                "no_alias",
            ),
            Clause(
                "Sequential(Linear(1, H), ReLU(), Linear(H, 1)) with exactly H = n hidden units "
                "(k = n - 2 kinks + 2 units for the first slope)",
                ("knots_public", "knots_order_public", "knots_hidden_units"),
                "shape",
                stated=True,
            ),
            Clause(
                "parameters (weights and biases) are float64",
                ("knots_float64",),
                "dtype",
                stated=True,
            ),
            Clause(
                "exact to rounding error: within 1e-9 at, between and past random knots",
                ("knots_exact", "knots_extrapolate"),
            ),
            Clause(
                "an interior knot on the line through its neighbours still gets its unit "
                "(exactly H = n)",
                ("knots_hidden_units",),
                "shape",
            ),
            Clause(
                "xs and ys may be any sequence of floats: lists and tuples",
                ("knots_exact", "knots_hidden_units"),
                "type",
            ),
        ),
        args={
            "xs": ("knots_public", "knots_exact", "knots_unsorted", "knots_invalid", "knots_close"),
            "ys": ("knots_public", "knots_exact", "knots_unsorted", "knots_invalid", "knots_close"),
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
                stated=True,
            ),
            Clause("each of shape (n, 1)", ("data_public", "data_spec"), "shape", stated=True),
            Clause("each float32", ("data_public", "data_spec"), "dtype", stated=True),
            Clause(
                "new tensors on every call: a caller's in-place change to one result does not "
                "reach the next (no cache)",
                ("data_spec",),
                "no_alias",
            ),
            Clause(
                "keeps the documented defaults n=2000, seed=0 (make_data() gives 2000 points)",
                ("logistic_defaults",),
            ),
            Clause(
                "x = torch.linspace(-1, 1, n).reshape(-1, 1)",
                ("data_public", "data_spec"),
                stated=True,
            ),
            Clause("prob = true_probability(x)", ("data_public", "data_spec"), stated=True),
            Clause(
                "y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed)): "
                "labels 0.0/1.0, the same for the same seed, others for another",
                ("data_public", "data_spec"),
                "seed",
                stated=True,
            ),
            Clause(
                "torch's global random state is neither used nor reseeded (nor saved and put "
                "back, as fork_rng does)",
                ("data_rng_public", "data_rng"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "torch's default dtype and grad mode are left as the call found them (also a "
                "float64 default and grad mode off)",
                ("state_logistic",),
                "unchanged",
            ),
        ),
        args={
            "n": ("data_public", "data_spec", "data_rng"),
            "seed": ("data_public", "data_spec", "data_rng"),
        },
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
                stated=True,
            ),
            Clause(
                "first layer weight [[1], [-1]], second layer weight and bias all zero",
                ("logistic_init",),
                stated=True,
            ),
            Clause(
                "initialised for the fit: every weight and bias requires grad (fit_logistic's Adam "
                "trains net.parameters())",
                ("logistic_trainable",),
            ),
            Clause(
                "torch's default dtype and grad mode are left as the call found them (also a "
                "float64 default and grad mode off)",
                ("state_logistic",),
                "unchanged",
            ),
            Clause(
                "a new net with parameters of its own on every call (no module-level layer or "
                "tensor shared by the nets it returns)",
                ("logistic_net_fresh",),
                "no_alias",
            ),
        ),
    ),
    Function(
        "fit_logistic",
        "2.6",
        F,
        clauses=(
            Clause(
                "keeps the documented defaults epochs=1500, lr=0.05, seed=0, device='cpu'",
                ("logistic_defaults",),
            ),
            Clause(
                "exactly `epochs` full-batch Adam(lr) steps on BCELoss (forward, loss, backward, "
                "step, zero_grad) from make_logistic_net's documented start",
                ("fit_replay",),
                "training",
            ),
            Clause(
                "epochs=0 takes no step and seed=0 seeds like any other seed (no `epochs or "
                "1500`, no `if seed:`)",
                ("fit_replay", "fit_seed"),
            ),
            Clause(
                "each epoch ends with zero_grad (backward, step, zero_grad): the net comes back "
                "with no gradient left in it",
                ("fit_grads_cleared",),
                "unchanged",
            ),
            Clause(
                "also over long runs (1500 epochs at lr 0.01 and 0.02): plain Adam at a constant "
                "lr, "
                "exactly `epochs` steps (no cap, learning-rate schedule, gradient clipping, "
                "amsgrad or early stop)",
                ("fit_long",),
                "training",
            ),
            Clause(
                "Adam's other settings and BCELoss's reduction are the defaults (eps 1e-8, the "
                "mean over the points): checked where every gradient is near eps (x of size "
                "1e-7), the one place where eps and the loss's scale change Adam's steps",
                ("fit_small_gradients",),
                "training",
            ),
            Clause(
                "BCELoss gets the net's probabilities as they are (no clamping): points at p of "
                "a few 1e-9 still pull their weights",
                ("fit_saturated",),
                "training",
            ),
            Clause(
                "a few steps checked locally: 1, 2 and 3 epochs at lr 0.1 on seven fixed points "
                "give the documented loop's parameters (forward, BCELoss, backward, step, "
                "zero_grad; lr and epochs honoured)",
                ("fit_smoke",),
                "smoke",
                stated=True,
            ),
            Clause(
                "trains on the x, y it is given (not a data set of its own), y as it is (soft "
                "targets in (0.05, 0.95) are not rounded to labels)",
                ("fit_smoke", "fit_replay", "fit_soft_targets"),
                "data",
                stated=True,
            ),
            Clause(
                "returns the trained net (the torch.nn.Sequential of make_logistic_net)",
                ("fit_smoke", "fit_replay", "fit_mae"),
                "type",
                stated=True,
            ),
            Clause(
                "the returned net keeps make_logistic_net's float32 parameters (the dtype of the "
                "x and y it is given)",
                ("fit_mae",),
                "dtype",
            ),
            Clause(
                "torch's default dtype and grad mode are left as the call found them (from a "
                "float32 and from a float64 default, with grad mode on: training needs "
                "gradients)",
                ("state_logistic",),
                "unchanged",
            ),
            Clause(
                "calls torch.manual_seed(seed) first, then builds the net: torch's generator is "
                "left where that puts it",
                ("fit_seed_public", "fit_seed"),
                "seed",
                stated=True,
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
            "x": FIT_REPLAYS + ("fit_mae",),
            "y": FIT_REPLAYS + ("fit_mae",),
            "epochs": FIT_REPLAYS,
            "lr": FIT_REPLAYS,
            "seed": ("fit_seed_public", "fit_seed"),
            "device": ("fit_device",),
        },
        pins={"epochs": ("1500",), "lr": ("0.05",), "seed": ("0", "2025")},
        training=True,
    ),
)
