"""The contract of sine_bias: every clause of every student function, and the checks that test it.

``python -m autograder.authoring.contract`` renders it as ``docs/contract/sine_bias.md``.
Device clauses are judged under ``--device cuda`` only (on the CPU their checks say "not
checked"); the hidden probes call every function with arguments other than its defaults and
the course recipe (see ``probes.py``: ``GD_TRAJ_LR``, ``ADAM_TRAJ_RUNS``, ``NOBIAS_REPLAY``,
``BIAS_REPLAYS``), so each pinned value below is a mutant that loses points.
"""

from autograder.authoring.contract import Clause, Function

F = "sine_bias.py"
ACTIVATIONS = ('"tanh"', '"relu"')

CONTRACT = (
    Function(
        "make_train_data",
        "5.1",
        F,
        clauses=(
            Clause(
                "x_i = (i + 0.5) * 10 / n, the midpoint grid of [0, 10]",
                ("train_data", "pieces_data_public"),
            ),
            Clause("y = sin(x)", ("train_data", "pieces_data_public")),
            Clause("float32 tensors", ("train_data", "pieces_data_public"), "dtype"),
            Clause("x and y of shape (n, 1)", ("train_data", "pieces_data_public"), "shape"),
            Clause("on device", ("train_data_device",), "device"),
            Clause(
                "no training point on the evaluation grid when n = 200 (the default)",
                ("train_data",),
                "data",
            ),
        ),
        args={"n": ("train_data", "pieces_data_public"), "device": ("train_data_device",)},
        pins={"n": ("N_TRAIN",)},
    ),
    Function(
        "best_origin_line_mse",
        "5.2",
        F,
        clauses=(
            Clause("c = sum(x * y) / sum(x * x)", ("floor_numbers", "pieces_floor_public")),
            Clause(
                "mse: the mean squared error of c * x (0.4586 on the evaluation grid)",
                ("floor_numbers", "pieces_floor_public"),
            ),
            Clause("returns (c, mse) as two Python floats", ("floor_types",), "type"),
        ),
        args={"x": ("floor_numbers",), "y": ("floor_numbers",)},
    ),
    Function(
        "forward_nobias",
        "5.3",
        F,
        clauses=(
            Clause("relu(x @ W1) @ W2", ("forward_nobias", "pieces_nobias_public")),
            Clause("output of shape (N, 1)", ("forward_nobias", "pieces_nobias_public"), "shape"),
            Clause("float32 in, float32 out", ("forward_nobias",), "dtype"),
            Clause("no bias anywhere: f(3x) = 3 f(x) for x >= 0", ("nobias_homogeneous",)),
        ),
        args={"x": ("forward_nobias",), "w1": ("forward_nobias",), "w2": ("forward_nobias",)},
    ),
    Function(
        "gd_steps",
        "5.4",
        F,
        clauses=(
            Clause(
                "each step: the MSE loss, backward(), W -= lr * W.grad",
                ("gd_trajectory", "gd_public"),
            ),
            Clause("updates the caller's w1 and w2 in place", ("gd_trajectory", "gd_public")),
            Clause(
                "the update under torch.no_grad() (outside it the in-place update raises)",
                ("gd_trajectory",),
                "no_grad",
            ),
            Clause(
                "both gradients zeroed every step (never accumulated)",
                ("gd_trajectory", "gd_public"),
            ),
            Clause(
                "returns steps losses, each measured before its update",
                ("gd_trajectory", "gd_public"),
            ),
            Clause("the losses are a list of Python floats", ("gd_losses_floats",), "type"),
        ),
        args={
            "x": ("gd_trajectory",),
            "y": ("gd_trajectory",),
            "w1": ("gd_trajectory",),
            "w2": ("gd_trajectory",),
            "lr": ("gd_trajectory", "gd_public"),
            "steps": ("gd_trajectory", "gd_public"),
        },
        pins={"lr": ("NOBIAS_LR",), "steps": ("NOBIAS_STEPS",)},
    ),
    Function(
        "train_nobias",
        "5.5",
        F,
        clauses=(
            Clause(
                "trains on make_train_data's data (not the evaluation grid)",
                ("train_nobias_replay",),
                "data",
            ),
            Clause("starts from init_nobias(hidden, seed)", ("train_nobias_replay",), "seed"),
            Clause(
                "gd_steps with lr for steps steps, replayed step by step from the grader's start",
                ("train_nobias_replay",),
                "training",
            ),  # fmt: skip
            Clause(
                "returns the trained W1 (1, H) and W2 (H, 1)",
                ("trained_shapes", "train_nobias_replay"),
                "shape",
            ),
            Clause("float32 tensors", ("trained_shapes",), "dtype"),
            Clause(
                "the loss history: the list of steps losses gd_steps returns",
                ("trained_shapes", "train_nobias_replay"),
                "type",
            ),
            Clause("trains on device and returns W1, W2 there", ("train_nobias_device",), "device"),
            Clause(
                "with the course recipe it reaches the best line through the origin",
                ("fit_nobias",),
            ),
        ),
        args={
            "seed": ("train_nobias_replay",),
            "device": ("train_nobias_device",),
            "hidden": ("train_nobias_replay", "trained_shapes"),
            "lr": ("train_nobias_replay",),
            "steps": ("train_nobias_replay", "trained_shapes"),
        },
        pins={
            "seed": ("0",),
            "hidden": ("NOBIAS_HIDDEN",),
            "lr": ("NOBIAS_LR",),
            "steps": ("NOBIAS_STEPS",),
        },
        training=True,
    ),
    Function(
        "forward_bias",
        "5.6",
        F,
        clauses=(
            Clause(
                "tanh(x @ W1 + b1) @ W2 + b2 for 'tanh'", ("forward_bias", "pieces_bias_public")
            ),
            Clause(
                "relu(x @ W1 + b1) @ W2 + b2 for 'relu'", ("forward_bias", "pieces_bias_public")
            ),
            Clause("output of shape (N, 1)", ("forward_bias", "pieces_bias_public"), "shape"),
            Clause("float32 in, float32 out", ("forward_bias",), "dtype"),
        ),
        args={
            "x": ("forward_bias",),
            "params": ("forward_bias",),
            "activation": ("forward_bias", "pieces_bias_public"),
        },
        pins={"activation": ACTIVATIONS},
    ),
    Function(
        "adam_steps",
        "5.7",
        F,
        clauses=(
            Clause(
                "torch.optim.Adam(lr=lr) over all four tensors, default betas, updated in place",
                ("adam_trajectory_tanh", "adam_trajectory_relu", "adam_public"),
            ),  # fmt: skip
            Clause(
                "full batch, MSE loss, gradients zeroed every step",
                ("adam_trajectory_tanh", "adam_trajectory_relu", "adam_public"),
            ),
            Clause(
                "lr / 10 after 3 * steps // 4 steps (16 of 22, 15 of 21: rounding variants differ)",
                ("adam_trajectory_tanh", "adam_trajectory_relu"),
            ),  # fmt: skip
            Clause(
                "returns steps losses, each measured before its update",
                ("adam_trajectory_tanh", "adam_trajectory_relu", "adam_public"),
            ),
            Clause("the losses are a list of Python floats", ("adam_losses_floats",), "type"),
        ),
        args={
            "x": ("adam_trajectory_tanh", "adam_trajectory_relu"),
            "y": ("adam_trajectory_tanh", "adam_trajectory_relu"),
            "params": ("adam_trajectory_tanh", "adam_trajectory_relu"),
            "activation": ("adam_trajectory_tanh", "adam_trajectory_relu"),
            "lr": ("adam_trajectory_tanh", "adam_trajectory_relu", "adam_public"),
            "steps": ("adam_trajectory_tanh", "adam_trajectory_relu", "adam_public"),
        },
        pins={"activation": ACTIVATIONS, "lr": ("BIAS_LR",), "steps": ("BIAS_STEPS",)},
    ),
    Function(
        "train_bias",
        "5.8",
        F,
        clauses=(
            Clause(
                "trains on make_train_data's data (not the evaluation grid)",
                ("train_bias_replay",),
                "data",
            ),
            Clause("starts from init_bias(hidden, seed)", ("train_bias_replay",), "seed"),
            Clause(
                "adam_steps with activation, lr and steps, replayed step by step from the "
                "grader's start",
                ("train_bias_replay",),
                "training",
            ),  # fmt: skip
            Clause(
                "returns a dict of the trained W1, b1, W2, b2 (shapes as in forward_bias)",
                ("trained_shapes_bias", "train_bias_replay"),
                "shape",
            ),
            Clause("float32 tensors", ("trained_shapes_bias",), "dtype"),
            Clause(
                "the loss history: the list of steps losses adam_steps returns",
                ("trained_shapes_bias", "train_bias_replay"),
                "type",
            ),
            Clause(
                "trains on device and returns its tensors there", ("train_bias_device",), "device"
            ),
            Clause(
                "with the course recipe tanh and relu nets fit sin (grid MSE <= 0.02)",
                ("fit_tanh", "fit_relu"),
            ),
        ),
        args={
            "activation": ("train_bias_replay", "fit_tanh", "fit_relu"),
            "seed": ("train_bias_replay",),
            "device": ("train_bias_device",),
            "hidden": ("train_bias_replay", "trained_shapes_bias"),
            "lr": ("train_bias_replay",),
            "steps": ("train_bias_replay", "trained_shapes_bias"),
        },
        pins={
            "activation": ACTIVATIONS,
            "seed": ("0",),
            "hidden": ("BIAS_HIDDEN",),
            "lr": ("BIAS_LR",),
            "steps": ("BIAS_STEPS",),
        },
        training=True,
    ),
    Function(
        "landmark_predictions",
        "5.9",
        F,
        clauses=(
            Clause("returns (f(pi/2), f(pi)) of predict", ("landmarks_values", "landmarks_public")),
            Clause("two Python floats", ("landmarks_types",), "type"),
            Clause("predict gets an (N, 1) float32 tensor", ("landmarks_call",), "dtype"),
            Clause("computed without tracking gradients", ("landmarks_no_grad",), "no_grad"),
            Clause("the points on device", ("landmarks_device",), "device"),
            Clause(
                "prints them when verbose (the default), nothing otherwise", ("landmarks_verbose",)
            ),
        ),
        args={
            "predict": ("landmarks_values", "landmarks_public"),
            "device": ("landmarks_device",),
            "verbose": ("landmarks_verbose",),
        },
        pins={"verbose": ("True", "False")},
    ),
)
