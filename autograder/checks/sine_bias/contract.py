"""The contract of sine_bias: every clause of every student function, and the checks that test it.

``python -m autograder.authoring.contract`` renders it as ``docs/contract/sine_bias.md``.
Device clauses are judged under ``--device cuda`` only (on the CPU their checks say "not
checked"); the hidden probes call every function with arguments other than its defaults and
the course recipe (see ``probes.py``: ``GD_TRAJ_LR``, ``ADAM_TRAJ_RUNS``, ``ADAM_SHORT_RUNS``,
``ADAM_TWICE_RUNS``, ``GD_GRADS_RUNS``, ``NOBIAS_REPLAYS``, ``BIAS_REPLAYS``; the loops also get
targets other than sin x), so each pinned value below is a
mutant that loses points.

Clauses marked ``stated=True`` are what the notebook's "Conventions (the checks test exactly
these)" and the docstrings tell students; each has a public check (``public.py``), so passing
locally never loses points on one. What stays hidden: random inputs, other arguments, the
device, the step-by-step replays at other settings, and convergence.
"""

from autograder.authoring.contract import Clause, Function

F = "sine_bias.py"
ACTIVATIONS = ('"tanh"', '"relu"')
ADAM_TRAJ = ("adam_trajectory_tanh", "adam_trajectory_relu")

CONTRACT = (
    Function(
        "make_train_data",
        "5.1",
        F,
        clauses=(
            Clause(
                "x_i = (i + 0.5) * 10 / n, the midpoint grid of [0, 10]",
                ("train_data", "pieces_data_public"),
                stated=True,
            ),
            Clause("y = sin(x)", ("train_data", "pieces_data_public"), stated=True),
            Clause("float32 tensors", ("train_data", "pieces_data_public"), "dtype", stated=True),
            Clause(
                "x and y of shape (n, 1)",
                ("train_data", "pieces_data_public"),
                "shape",
                stated=True,
            ),
            Clause("on device", ("train_data_device",), "device"),
            Clause(
                "draws from and reseeds nothing global: torch's global generator is where the "
                "caller's torch.manual_seed left it, and no global generator state is saved "
                "and put back (nothing in it is random)",
                ("train_data_global_rng",),
                "seed",
            ),
            Clause(
                "new tensors on every call (nothing cached between calls): a caller's in-place "
                "change to one call's x or y never shows in another call's",
                ("train_data_fresh",),
                "no_alias",
            ),
            Clause(
                "N = 200 by default; no training point on the evaluation grid then",
                ("train_data", "pieces_data_public"),
                "data",
                stated=True,
            ),
        ),
        args={
            "n": ("train_data", "pieces_data_public", "train_data_fresh"),
            "device": ("train_data_device",),
        },
        pins={"n": ("N_TRAIN",)},
    ),
    Function(
        "best_origin_line_mse",
        "5.2",
        F,
        clauses=(
            Clause(
                "c = sum(x * y) / sum(x * x)",
                ("floor_numbers", "pieces_floor_public"),
                stated=True,
            ),
            Clause(
                "mse: the mean squared error of c * x (0.4586 on the evaluation grid)",
                ("floor_numbers", "pieces_floor_public"),
                stated=True,
            ),
            Clause(
                "returns (c, mse) as two Python floats",
                ("floor_types", "pieces_floor_public"),
                "type",
                stated=True,
            ),
            Clause(
                "leaves the caller's x and y as they were (float64 ones too, which .double() "
                "returns as they are)",
                ("floor_inputs_unchanged",),
                "unchanged",
            ),
        ),
        args={"x": ("floor_numbers", "pieces_floor_public"), "y": ("floor_numbers",)},
    ),
    Function(
        "forward_nobias",
        "5.3",
        F,
        clauses=(
            Clause("relu(x @ W1) @ W2", ("forward_nobias", "pieces_nobias_public"), stated=True),
            Clause(
                "output of shape (N, 1)",
                ("forward_nobias", "pieces_nobias_public"),
                "shape",
                stated=True,
            ),
            Clause(
                "float32 in, float32 out",
                ("forward_nobias", "pieces_nobias_public"),
                "dtype",
                stated=True,
            ),
            Clause(
                "no bias anywhere: f(3x) = 3 f(x) for x >= 0",
                ("nobias_homogeneous", "pieces_nobias_public"),
                stated=True,
            ),
            Clause(
                "leaves x, w1 and w2 as they were (shapes, values)",
                ("forward_nobias_args",),
                "unchanged",
            ),
            Clause(
                "differentiable in w1 and w2: autograd gives relu(x @ W1) @ W2's gradients",
                ("forward_nobias_grads", "forward_grads_public"),
            ),
        ),
        args={
            "x": ("forward_nobias", "forward_nobias_args"),
            "w1": ("forward_nobias", "forward_nobias_args"),
            "w2": ("forward_nobias", "forward_nobias_args"),
        },
    ),
    Function(
        "gd_steps",
        "5.4",
        F,
        clauses=(
            Clause(
                "each step: the MSE loss, backward(), W -= lr * W.grad",
                ("gd_trajectory", "gd_public"),
                stated=True,
            ),
            Clause(
                "updates the caller's w1 and w2 in place",
                ("gd_trajectory", "gd_public"),
                stated=True,
            ),
            Clause(
                "the update under torch.no_grad() (outside it the in-place update raises)",
                ("gd_trajectory", "gd_public"),
                "no_grad",
                stated=True,
            ),
            Clause(
                "both gradients zeroed every step (never accumulated)",
                ("gd_trajectory", "gd_public"),
                stated=True,
            ),
            Clause(
                "both gradients zero (or None) once it returns: zeroed after each update, not at "
                "the start of the next step, so no gradient is left in W.grad for the next "
                "backward() to add onto",
                ("gd_grads_zeroed",),
            ),
            Clause(
                "draws from and reseeds nothing global: torch's global generator is where the "
                "caller's torch.manual_seed left it, and no global generator state is saved "
                "and put back (full batch in its order: no torch.randperm shuffle)",
                ("gd_global_rng",),
                "seed",
            ),
            Clause(
                "returns steps losses, each measured before its update",
                ("gd_trajectory", "gd_public"),
                stated=True,
            ),
            Clause(
                "the losses are a list of Python floats",
                ("gd_losses_floats", "gd_public"),
                "type",
                stated=True,
            ),
            Clause(
                "the loss of the targets y it is handed (public and hidden runs on targets other "
                "than sin x; public: gradients in the thousands, unclamped)",
                ("gd_trajectory", "gd_public"),
                "data",
                stated=True,
            ),
            Clause(
                "leaves torch's grad mode and default dtype as it found them",
                ("gd_trajectory", "gd_public"),
                "unchanged",
                stated=True,
            ),
            Clause(
                "the plain loop at the extremes: lr=0 updates nothing, gradients of size 1e9 are "
                "neither clamped nor skipped, and with a target of +inf (inf, then nan losses) "
                "every step runs and every loss is returned",
                ("gd_extremes",),
                "training",
            ),
        ),
        args={
            "x": ("gd_trajectory",),
            "y": ("gd_trajectory", "gd_public"),
            "w1": ("gd_trajectory", "gd_grads_zeroed"),
            "w2": ("gd_trajectory", "gd_grads_zeroed"),
            "lr": ("gd_trajectory", "gd_public", "gd_extremes"),
            "steps": ("gd_trajectory", "gd_public", "gd_extremes"),
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
                ("train_nobias_replay", "nobias_smoke_public"),
                "data",
                stated=True,
            ),
            Clause(
                "starts from init_nobias(hidden, seed)",
                ("train_nobias_replay", "nobias_smoke_public"),
                "seed",
                stated=True,
            ),
            Clause(
                "draws from and reseeds nothing global: torch's global generator is where the "
                "caller's torch.manual_seed left it, and no global generator state is saved "
                "and put back (fork_rng)",
                ("train_nobias_global_rng",),
                "seed",
            ),
            Clause(
                "gd_steps with lr for steps steps, replayed step by step from the grader's start "
                "(two runs, one ending far above the floor)",
                ("train_nobias_replay",),
                "training",
            ),
            Clause(
                "with the course recipe: one gd_steps call with its data, init_nobias(16, seed), "
                "lr and steps; returns what that call trained and returned (no retry)",
                ("train_nobias_recipe", "train_nobias_replay"),
                "calls",
            ),
            Clause(
                "a few steps checked locally: train_nobias(3, hidden=3, lr=2e-3, steps=3) hands "
                "gd_steps the 200 midpoints, init_nobias(3, 3), lr and steps and returns what it "
                "trained (the documented loop's numbers)",
                ("nobias_smoke_public",),
                "smoke",
                stated=True,
            ),
            Clause(
                "returns the trained W1 (1, H) and W2 (H, 1)",
                ("trained_shapes", "train_nobias_replay", "nobias_smoke_public"),
                "shape",
                stated=True,
            ),
            Clause(
                "float32 tensors",
                ("trained_shapes", "nobias_smoke_public"),
                "dtype",
                stated=True,
            ),
            Clause(
                "the loss history: the list of steps losses gd_steps returns",
                ("trained_shapes", "train_nobias_replay", "nobias_smoke_public"),
                "type",
                stated=True,
            ),
            Clause("trains on device and returns W1, W2 there", ("train_nobias_device",), "device"),
            Clause(
                "seed 0 is a seed like any other, and a start whose units are all dead (seed 5, "
                "hidden 3) is trained as it is (no retry from another seed)",
                ("train_nobias_replay",),
                "seed",
            ),
            Clause(
                "new tensors and a new loss list on every call (no cache of results)",
                ("train_nobias_new",),
                "no_alias",
            ),
            Clause(
                "with the course recipe it reaches the best line through the origin",
                ("fit_nobias",),
            ),
        ),
        args={
            "seed": ("train_nobias_replay", "nobias_smoke_public"),
            "device": ("train_nobias_device",),
            "hidden": ("train_nobias_replay", "trained_shapes", "nobias_smoke_public"),
            "lr": ("train_nobias_replay", "nobias_smoke_public"),
            "steps": ("train_nobias_replay", "trained_shapes", "nobias_smoke_public"),
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
                "tanh(x @ W1 + b1) @ W2 + b2 for 'tanh'",
                ("forward_bias", "pieces_bias_public"),
                stated=True,
            ),
            Clause(
                "relu(x @ W1 + b1) @ W2 + b2 for 'relu'",
                ("forward_bias", "pieces_bias_public"),
                stated=True,
            ),
            Clause(
                "output of shape (N, 1)",
                ("forward_bias", "pieces_bias_public"),
                "shape",
                stated=True,
            ),
            Clause(
                "float32 in, float32 out",
                ("forward_bias", "pieces_bias_public"),
                "dtype",
                stated=True,
            ),
            Clause(
                "leaves x and params as they were: the same keys holding the same tensors, with "
                "their shapes and values",
                ("forward_bias_args",),
                "unchanged",
            ),
            Clause(
                "differentiable in W1, b1, W2 and b2: autograd gives the formula's gradients",
                ("forward_bias_grads", "forward_grads_public"),
            ),
        ),
        args={
            "x": ("forward_bias", "forward_bias_args"),
            "params": ("forward_bias", "forward_bias_args"),
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
                ADAM_TRAJ + ("adam_public",),
                stated=True,
            ),
            Clause(
                "full batch, MSE loss, gradients zeroed every step",
                ADAM_TRAJ + ("adam_public",),
                stated=True,
            ),
            Clause(
                "in place: after the call params holds the very tensors it was handed, trained "
                "(not copies put back into the dict)",
                ("adam_in_place",),
                "no_alias",
            ),
            Clause(
                "lr / 10 after 3 * steps // 4 steps (public: 3 of 5, 4 of 6; hidden: 16 of 22, "
                "15 of 21, 90 of 120: every rounding variant differs)",
                ADAM_TRAJ + ("adam_public",),
                stated=True,
            ),
            Clause(
                "Adam's default eps (1e-8) and backward() on the mean squared error (not the "
                "sum): checked from a start with one quiet hidden unit, whose output weight's "
                "gradient is near eps, the one place where eps and the loss's scale change "
                "Adam's steps",
                ("adam_small_gradients",),
            ),
            Clause(
                "the drop for fewer than 4 steps too: 3 * steps // 4 is 0, 1, 2 for 1, 2, 3 steps "
                "(1 step: at lr / 10; StepLR(step_size=0) raises, max(1, ...), round and ceil "
                "differ), replayed step by step",
                ("adam_short_steps",),
            ),
            Clause(
                "one new Adam and schedule per call: called again on the same params with "
                "another lr and steps it is a fresh Adam loop from where the first call left the "
                "tensors (nothing cached between calls)",
                ("adam_second_call",),
                "calls",
            ),
            Clause(
                "each step: zero the gradients, then the loss, backward(), step: gradients the "
                "tensors come in with are discarded (handed in with .grad filled, it is the Adam "
                "loop from the grader's start; zero_grad after the step adds them to the first)",
                ("adam_stale_grads",),
            ),
            Clause(
                "draws from and reseeds nothing global: torch's global generator is where the "
                "caller's torch.manual_seed left it, and no global generator state is saved "
                "and put back (full batch in its order: no torch.randperm shuffle)",
                ("adam_global_rng",),
                "seed",
            ),
            Clause(
                "returns steps losses, each measured before its update",
                ADAM_TRAJ + ("adam_public",),
                stated=True,
            ),
            Clause(
                "the losses are a list of Python floats",
                ("adam_losses_floats", "adam_public"),
                "type",
                stated=True,
            ),
            Clause(
                "the loss of the targets y it is handed (public and hidden runs on targets other "
                "than sin x)",
                ADAM_TRAJ + ("adam_public",),
                "data",
                stated=True,
            ),
            Clause(
                "leaves torch's grad mode and default dtype as it found them",
                ADAM_TRAJ + ("adam_public",),
                "unchanged",
                stated=True,
            ),
            Clause(
                "the plain loop at the extremes: lr=0 updates nothing, steps=0 returns [], "
                "gradients in the thousands are not clipped, and from a start that already fits "
                "(every loss 0) all steps run",
                ("adam_extremes",),
                "training",
            ),
        ),
        args={
            "x": ADAM_TRAJ,
            "y": ADAM_TRAJ + ("adam_public",),
            "params": ADAM_TRAJ + ("adam_second_call", "adam_stale_grads"),
            "activation": ADAM_TRAJ + ("adam_public",),
            "lr": ADAM_TRAJ + ("adam_public", "adam_second_call", "adam_extremes"),
            "steps": ADAM_TRAJ
            + ("adam_public", "adam_short_steps", "adam_second_call", "adam_extremes"),
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
                ("train_bias_replay", "bias_smoke_public"),
                "data",
                stated=True,
            ),
            Clause(
                "starts from init_bias(hidden, seed)",
                ("train_bias_replay", "bias_smoke_public"),
                "seed",
                stated=True,
            ),
            Clause(
                "draws from and reseeds nothing global: torch's global generator is where the "
                "caller's torch.manual_seed left it, and no global generator state is saved "
                "and put back (fork_rng)",
                ("train_bias_global_rng",),
                "seed",
            ),
            Clause(
                "adam_steps with activation, lr and steps, replayed step by step from the "
                "grader's start",
                ("train_bias_replay",),
                "training",
            ),
            Clause(
                "with the course recipe: one adam_steps call with its data, init_bias(32, seed), "
                "the activation, lr and steps; returns what that call trained and returned (no "
                "extra training)",
                ("train_bias_recipe_tanh", "train_bias_recipe_relu", "train_bias_replay"),
                "calls",
            ),
            Clause(
                "a few steps checked locally: train_bias('tanh', 3, hidden=3, lr=0.05, steps=4) "
                "and ('relu', 4, ...) hand adam_steps the 200 midpoints, init_bias(3, seed), the "
                "activation, lr and steps and return what it trained (the documented loop's "
                "numbers)",
                ("bias_smoke_public",),
                "smoke",
                stated=True,
            ),
            Clause(
                "returns a dict of the trained W1, b1, W2, b2 (shapes as in forward_bias)",
                ("trained_shapes_bias", "train_bias_replay", "bias_smoke_public"),
                "shape",
                stated=True,
            ),
            Clause(
                "float32 tensors",
                ("trained_shapes_bias", "bias_smoke_public"),
                "dtype",
                stated=True,
            ),
            Clause(
                "the loss history: the list of steps losses adam_steps returns",
                ("trained_shapes_bias", "train_bias_replay", "bias_smoke_public"),
                "type",
                stated=True,
            ),
            Clause(
                "trains on device and returns its tensors there", ("train_bias_device",), "device"
            ),
            Clause(
                "seed 0 is a seed like any other (no `seed or 1`)",
                ("train_bias_replay",),
                "seed",
            ),
            Clause(
                "new tensors, a new params dict and a new loss list on every call (no cache of "
                "results)",
                ("train_bias_new",),
                "no_alias",
            ),
            Clause(
                "with the course recipe tanh and relu nets fit sin (grid MSE <= 0.02)",
                ("fit_tanh", "fit_relu"),
            ),
        ),
        args={
            "activation": ("train_bias_replay", "fit_tanh", "fit_relu", "bias_smoke_public"),
            "seed": ("train_bias_replay", "bias_smoke_public"),
            "device": ("train_bias_device",),
            "hidden": ("train_bias_replay", "trained_shapes_bias", "bias_smoke_public"),
            "lr": ("train_bias_replay", "bias_smoke_public"),
            "steps": ("train_bias_replay", "trained_shapes_bias", "bias_smoke_public"),
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
            Clause(
                "returns (f(pi/2), f(pi)) of predict",
                ("landmarks_values", "landmarks_public"),
                stated=True,
            ),
            Clause(
                "two Python floats", ("landmarks_types", "landmarks_public"), "type", stated=True
            ),
            Clause(
                "predict gets an (N, 1) float32 tensor",
                ("landmarks_call", "landmarks_public"),
                "dtype",
                stated=True,
            ),
            Clause(
                "computed without tracking gradients",
                ("landmarks_no_grad", "landmarks_public"),
                "no_grad",
                stated=True,
            ),
            Clause(
                "gradient tracking on again (and the default dtype as it was) once it returns; "
                "called inside torch.no_grad(), off again",
                ("landmarks_no_grad", "landmarks_public"),
                "unchanged",
                stated=True,
            ),
            Clause("the points on device", ("landmarks_device",), "device"),
            Clause(
                "prints them when verbose (the default), nothing otherwise",
                ("landmarks_verbose", "landmarks_public"),
                stated=True,
            ),
        ),
        args={
            "predict": ("landmarks_values", "landmarks_public"),
            "device": ("landmarks_device",),
            "verbose": ("landmarks_verbose", "landmarks_public"),
        },
        pins={"verbose": ("True", "False")},
    ),
)
