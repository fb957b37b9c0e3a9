"""The contract of moons: every clause of the student functions' docstrings (and of the module's
conventions), every argument, and the checks that test them (``docs/contract/moons.md``)."""

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
                ("model_public", "model_all"),
                "type",
            ),
            Clause(
                "the layers are Linear(2, hidden) and Linear(hidden, 2): parameter shapes "
                "(hidden, 2), (hidden,), (2, hidden), (2,)",
                ("model_public", "model_all", "model_seed"),
                "shape",
            ),
            Clause(
                '"relu" is nn.ReLU(), "tanh" is nn.Tanh(), between the two layers (the logits of '
                "the grader's parameters copied in)",
                ("model_public", "model_all"),
            ),
            Clause("anything else raises ValueError", ("model_unknown",), "raises"),
            Clause(
                "keep PyTorch's default dtype (float32 parameters)",
                ("model_public", "model_all"),
                "dtype",
            ),
            Clause(
                "keep PyTorch's default initialisation; callers seed with torch.manual_seed "
                "(no seeding or re-initialising inside)",
                ("model_seed",),
                "seed",
            ),
        ),
        args={
            "hidden": ("model_all", "model_seed"),
            "activation": ("model_all", "model_unknown"),
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
            ),
            Clause(
                "shape (N,): one label per point",
                ("predict_public", "predict_values", "predict_vectorized"),
                "shape",
            ),
            Clause("labels are an int64 array", ("predict_public", "predict_values"), "dtype"),
            Clause(
                "returns a numpy array (not a tensor)",
                ("predict_public", "predict_values"),
                "type",
            ),
            Clause(
                "calls the model exactly once, on all N points (no Python loop over samples, no "
                "batches)",
                ("predict_vectorized",),
                "calls",
            ),
            Clause("without tracking gradients (torch.no_grad())", ("predict_no_grad",), "no_grad"),
            Clause(
                "on the device the model's parameters live on (the model stays there); returns "
                "a CPU numpy array",
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
            Clause("Z has the shape S of xx and yy", ("grid_public", "grid_values"), "shape"),
            Clause(
                "Z[i, j] is the label of the point (xx[i, j], yy[i, j])",
                ("grid_public", "grid_values"),
            ),
            Clause(
                "Z is predict's labels: an int64 numpy array",
                ("grid_public", "grid_values"),
                "dtype",
            ),
            Clause("calls predict exactly once, on all points", ("grid_calls",), "calls"),
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
            ),
            Clause(
                "trains model in place (the caller's model holds the trained parameters)",
                ("trajectory_relu", "trajectory_tanh", "converge_relu", "converge_tanh"),
            ),
            Clause(
                "on all the given points x, y at once (full batch, the data it is given)",
                ("trajectory_relu", "trajectory_tanh"),
                "data",
            ),
            Clause(
                "entry i is the loss computed in step i, before that step's update",
                ("train_public", "trajectory_relu", "trajectory_tanh"),
            ),
            Clause(
                "returns steps losses",
                ("train_public", "trajectory_relu", "trajectory_tanh", "converge_relu"),
                "shape",
            ),
            Clause("returns a list of Python floats (loss.item())", ("train_types",), "type"),
            Clause(
                "move the model and the data to device first: the parameters end on device",
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
            "model": ("trajectory_relu", "trajectory_tanh"),
            "x": ("trajectory_relu", "trajectory_tanh"),
            "y": ("trajectory_relu", "trajectory_tanh"),
            "steps": ("trajectory_relu", "trajectory_tanh", "converge_relu"),
            "lr": ("trajectory_relu", "trajectory_tanh"),
            "device": ("train_device",),
        },
        pins={"steps": ("20", "1000"), "lr": ("0.01",)},
        training=True,
    ),
)
