"""The contract of moons: every clause of the student functions' docstrings (and of the module's
conventions), every argument, and the checks that test them (``docs/contract/moons.md``).

``stated=True``: the notebook or the module docstring states it to students ("the checks test
exactly these"), so a public check covers it. The device clauses are stated too, but a CPU cannot
tell a device slip from the right code: they are checked by the device-only hidden checks under
``--device cuda`` (on a CPU the gradebook says they were not checked), not locally.
"""

from autograder.authoring.contract import Clause, Function

F = "moons.py"

CONTRACT = (
    Function(
        "make_model",
        "4.1",
        F,
        clauses=(
            Clause(
                "returns nn.Sequential(nn.Linear(2, hidden), <activation>, nn.Linear(hidden, 2))",
                ("model_public", "model_tanh_public", "model_all"),
                "type",
                stated=True,
            ),
            Clause(
                "the layers are Linear(2, hidden) and Linear(hidden, 2): parameter shapes "
                "(hidden, 2), (hidden,), (2, hidden), (2,)",
                (
                    "model_public",
                    "model_tanh_public",
                    "model_seed_public",
                    "model_all",
                    "model_seed",
                ),
                "shape",
                stated=True,
            ),
            Clause(
                "the model returns logits of shape (N, 2) for float32 inputs of shape (N, 2)",
                ("model_public", "model_tanh_public", "model_all"),
                "shape",
                stated=True,
            ),
            Clause(
                '"relu" is nn.ReLU(), "tanh" is nn.Tanh(), between the two layers (the logits of '
                "the grader's parameters copied in, at points near the data and far out, where "
                "pre-activations pass 6: ReLU6 or Hardtanh show)",
                ("model_public", "model_tanh_public", "model_all"),
                stated=True,
            ),
            Clause(
                'anything else raises ValueError (other names such as "linear" or "", "ReLU" '
                'or "TANH", names that contain "relu" or "tanh" such as "leaky_relu", and '
                "objects such as nn.ReLU() or None: the names are exact strings)",
                ("model_unknown",),
                "raises",
                stated=True,
            ),
            Clause(
                "keep PyTorch's default dtype (float32 parameters)",
                ("model_public", "model_tanh_public", "model_all"),
                "dtype",
                stated=True,
            ),
            Clause(
                "keep PyTorch's default initialisation; callers seed with torch.manual_seed "
                "(no seeding or re-initialising inside)",
                ("model_seed_public", "model_seed"),
                "seed",
                stated=True,
            ),
            Clause(
                "draws from torch's global generator exactly what building the two layers "
                "draws (no test forward on random inputs, no other draw or reseeding)",
                ("model_draws",),
                "seed",
            ),
        ),
        args={
            "hidden": ("model_all", "model_seed", "model_tanh_public"),
            "activation": ("model_all", "model_unknown", "model_tanh_public"),
        },
        pins={"hidden": ("32", "4"), "activation": ('"relu"', '"tanh"')},
    ),
    Function(
        "predict",
        "4.2",
        F,
        clauses=(
            Clause(
                "class labels: the argmax of the logits",
                ("predict_public", "predict_values"),
                stated=True,
            ),
            Clause(
                "tied logits give the argmax's first index, class 0",
                ("predict_ties",),
            ),
            Clause(
                "one point (N = 1) gives shape (1,), not a 0-d array",
                ("predict_one_point",),
                "shape",
            ),
            Clause(
                "no points (N = 0) give an int64 array of shape (0,)",
                ("predict_no_points",),
                "shape",
            ),
            Clause(
                "x is any numpy array of points: float64 ones (make_moons', np.meshgrid's) too",
                ("predict_float64",),
                "dtype",
            ),
            Clause(
                "shape (N,): one label per point",
                ("predict_public", "predict_values", "predict_vectorized"),
                "shape",
                stated=True,
            ),
            Clause(
                "labels are an int64 array",
                ("predict_public", "predict_values"),
                "dtype",
                stated=True,
            ),
            Clause(
                "returns a (CPU) numpy array, not a tensor",
                ("predict_public", "predict_values"),
                "type",
                stated=True,
            ),
            Clause(
                "calls the model exactly once, on all N points (no Python loop over samples, no "
                "batches: 5000 points, more than a chunk of 4096)",
                ("predict_vectorized",),
                "calls",
                stated=True,
            ),
            Clause(
                "without tracking gradients (torch.no_grad())",
                ("predict_no_grad",),
                "no_grad",
                stated=True,
            ),
            Clause(
                "leaves the model and torch's grad mode as it found them: parameters still float32 "
                "and requiring gradients, the model's train/eval mode and torch.is_grad_enabled() "
                "unchanged (torch.no_grad() is a with-block; model.double(), "
                "requires_grad_(False), model.eval(), set_grad_enabled(False) show)",
                ("predict_state",),
                "unchanged",
                stated=True,
            ),
            Clause(
                "answers from the model as it is at each call: a second call on the same model "
                "object after its parameters changed gives the new labels (nothing remembered)",
                ("predict_again",),
            ),
            Clause(
                "called inside torch.no_grad(), leaves gradients off (a with-block, not "
                "set_grad_enabled(False) ... set_grad_enabled(True))",
                ("predict_state",),
                "unchanged",
            ),
            Clause(
                "on the device the model's parameters live on (the model stays there); returns "
                "a CPU numpy array (checked under --device cuda only)",
                ("predict_device",),
                "device",
            ),
        ),
        args={"model": ("predict_values",), "x": ("predict_values",)},
    ),
    Function(
        "grid_predict",
        "4.3",
        F,
        clauses=(
            Clause(
                "Z has the shape S of xx and yy",
                ("grid_public", "grid_values"),
                "shape",
                stated=True,
            ),
            Clause(
                "Z[i, j] is the label of the point (xx[i, j], yy[i, j])",
                ("grid_public", "grid_values"),
                stated=True,
            ),
            Clause(
                "Z is predict's labels: an int64 numpy array",
                ("grid_public", "grid_values"),
                "dtype",
                stated=True,
            ),
            Clause(
                "calls predict exactly once, on all points",
                ("grid_calls",),
                "calls",
                stated=True,
            ),
            Clause(
                "any shape S: a mesh made with indexing='ij', 1-D, 3-D and 0-d xx, yy too (the "
                "points are xx and yy flattened, not a mesh rebuilt from their axes), and the "
                "points keep their values (no cast to a narrow float: checked next to a decision "
                "boundary at x0 = 1000.3)",
                ("grid_shapes",),
                "shape",
            ),
            Clause(
                "the caller's xx and yy are left as they were (shape and values)",
                ("grid_leaves_mesh",),
                "unchanged",
            ),
        ),
        args={
            "model": ("grid_values",),
            "xx": ("grid_values",),
            "yy": ("grid_values",),
        },
    ),
    Function(
        "train",
        "4.4",
        F,
        clauses=(
            Clause(
                "one Adam(model.parameters(), lr=lr); steps times: zero_grad, mean "
                "cross-entropy (nn.CrossEntropyLoss, integer labels), backward, step",
                ("train_public", "trajectory_relu", "trajectory_tanh"),
                "training",
                stated=True,
            ),
            Clause(
                "a smoke test: 4 steps at lr 0.05 from a fixed 3-unit ReLU net on six points give "
                "the specified losses and weights (no zero_grad, step, backward, the wrong loss, "
                "a new optimizer per step, a hard-coded lr or step count all show)",
                ("train_public",),
                "smoke",
                stated=True,
            ),
            Clause(
                "trains model in place (the caller's model holds the trained parameters)",
                ("train_public", "trajectory_relu", "trajectory_tanh", "converge_relu"),
                stated=True,
            ),
            Clause(
                "on all the given points x, y at once (full batch, the data it is given)",
                ("train_public", "trajectory_relu", "trajectory_tanh"),
                "data",
                stated=True,
            ),
            Clause(
                "full batch at any size: 3000 points too (no minibatches above some size)",
                ("train_full_batch_large",),
                "training",
            ),
            Clause(
                "returns a new list on every call: a second call leaves the first call's list as "
                "it was (no module-level list)",
                ("train_new_list",),
                "no_alias",
            ),
            Clause(
                "entry i is the loss computed in step i, before that step's update",
                ("train_public", "trajectory_relu", "trajectory_tanh"),
                stated=True,
            ),
            Clause(
                "returns steps losses",
                ("train_public", "trajectory_relu", "trajectory_tanh", "converge_relu"),
                "shape",
                stated=True,
            ),
            Clause(
                "leaves the caller's x and y as they were (no shuffling or converting in place)",
                ("train_keeps_data",),
                "unchanged",
            ),
            Clause(
                "the plain mean cross-entropy and Adam step also where class weights, gradient "
                "clipping or keeping the best parameters would differ (unbalanced classes, "
                "gradient norms above 1, a loss that goes up and down); the model holds the "
                "parameters of the last update",
                ("train_unbalanced",),
                "training",
            ),
            Clause(
                "one new torch.optim.Adam per call: a later call on the same model starts a "
                "fresh optimizer at its own lr, also when that lr is the earlier call's",
                ("train_fresh_optimizer",),
                "training",
            ),
            Clause(
                "runs all steps however small the loss gets (no early stop); steps=0 returns [] "
                "and changes nothing: the parameters and a caller's leftover .grad stay as they "
                "were",
                ("train_all_steps",),
                "training",
            ),
            Clause(
                "also when the loss is NaN (a NaN point): every step runs and every loss is "
                "returned (no break on a non-finite loss)",
                ("train_nonfinite_loss",),
                "training",
            ),
            Clause(
                "Adam's default eps (1e-8) and backward() on the mean cross-entropy (not the "
                "sum): checked from nets with one quiet hidden unit, whose output weights' "
                "gradients are near eps, the one place where eps and the loss's scale change "
                "Adam's steps",
                ("train_small_gradients",),
                "training",
            ),
            Clause(
                "zeroes the gradients first in every step: a model handed in with a caller's "
                "leftover .grad trains as the specified loop does",
                ("train_unbalanced", "train_fresh_optimizer"),
                "training",
            ),
            Clause(
                "draws nothing from and does not reseed torch's global generator (the caller "
                "seeds before make_model), saves and restores no global generator state, and "
                "leaves numpy's and Python's global generators alone",
                ("train_global_rng",),
                "seed",
            ),
            Clause(
                "keeps the model float32 (the trained model still takes the float32 inputs)",
                ("converge_relu", "converge_tanh", "replay_relu", "replay_tanh"),
                "dtype",
            ),
            Clause(
                "every step is the specified Adam(lr) update, for all the graded run's 1000 steps: "
                "each loss matches the grader's replay from the same start (a schedule from step "
                "100, weight decay, AdamW, amsgrad, another eps, an early stop all show)",
                ("replay_relu", "replay_tanh"),
                "training",
            ),
            Clause(
                "returns a list of Python floats (loss.item())",
                ("train_types",),
                "type",
                stated=True,
            ),
            Clause(
                "move the model and the data to device first: the parameters end on device "
                "(checked under --device cuda only)",
                ("train_device",),
                "device",
            ),
            Clause(
                "full-batch Adam trains the moons: held-out accuracy, cross-entropy and the last "
                "losses (ReLU and tanh)",
                ("converge_relu", "converge_tanh"),
            ),
        ),
        args={
            "model": ("train_public", "trajectory_relu", "trajectory_tanh"),
            "x": ("train_public", "trajectory_relu", "trajectory_tanh"),
            "y": ("train_public", "trajectory_relu", "trajectory_tanh"),
            "steps": (
                "train_public",
                "trajectory_relu",
                "trajectory_tanh",
                "converge_relu",
                "replay_relu",
            ),
            "lr": ("train_public", "trajectory_relu", "trajectory_tanh"),
            "device": ("train_device",),
        },
        pins={"steps": ("20", "1000"), "lr": ("0.01",)},
        training=True,
    ),
)
