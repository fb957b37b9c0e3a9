"""The contract of relu_ops: every clause of the docstrings students implement, and its checks.

``python -m autograder.authoring.contract`` renders it as ``docs/contract/relu_ops.md``; each
pinned value becomes a mutant that hard-codes the argument and must lose points.
"""

from autograder.authoring.contract import Clause, Function

F = "relu_ops.py"

_GRAPH = ("graph_vs_torch", "graph_vs_central")

CONTRACT = (
    Function(
        "relu",
        "1.1",
        F,
        (
            Clause("x if x > 0 else 0.0", ("relu_public", "relu_all")),
            Clause("relu(0) = 0 (the kink belongs to the flat side)", ("relu_all",)),
            Clause("returns a Python float (relu(0.0) is 0.0, not 0)", ("relu_float",), "type"),
        ),
        args={"x": ("relu_public", "relu_all")},
    ),
    Function(
        "leaky_relu",
        "1.2",
        F,
        (
            Clause(
                "x if x >= 0 else LEAKY_SLOPE * x",
                ("leaky_relu_public", "leaky_relu_all"),
            ),
            Clause("the slope below zero is exactly 0.1", ("leaky_relu_slope", "leaky_relu_all")),
            Clause("returns a Python float", ("leaky_relu_float",), "type"),
        ),
        args={"x": ("leaky_relu_public", "leaky_relu_all", "leaky_relu_slope")},
    ),
    Function(
        "Relu.compute",
        "1.1",
        F,
        (
            Clause(
                "sets self.value to relu(parent.value)",
                ("relu_node_public", "relu_node_all", "graph_vs_torch"),
            ),
            Clause("self.value is a Python float", ("relu_node_float",), "type"),
            Clause("leaves the parent's value as it is", ("relu_node_all",), "unchanged"),
        ),
    ),
    Function(
        "Relu.get_parent_grad",
        "1.1",
        F,
        (
            Clause(
                "1.0 if the parent's value is > 0, else 0.0",
                ("relu_grad_public", "relu_grad_all", *_GRAPH),
            ),
            Clause("Relu'(0) = 0", ("relu_grad_all",)),
            Clause("returns a Python float", ("relu_grad_float",), "type"),
        ),
        args={"parent": ("relu_grad_public", "relu_grad_all")},
    ),
    Function(
        "LeakyRelu.compute",
        "1.2",
        F,
        (
            Clause(
                "sets self.value to leaky_relu(parent.value)",
                ("leaky_node_public", "leaky_node_all", "leaky_node_slope", "graph_vs_torch"),
            ),
            Clause("self.value is a Python float", ("leaky_node_float",), "type"),
            Clause("leaves the parent's value as it is", ("leaky_node_all",), "unchanged"),
        ),
    ),
    Function(
        "LeakyRelu.get_parent_grad",
        "1.2",
        F,
        (
            Clause(
                "1.0 if the parent's value is > 0, else LEAKY_SLOPE = 0.1",
                ("leaky_grad_public", "leaky_grad_all", "leaky_grad_slope", *_GRAPH),
            ),
            Clause("LeakyRelu'(0) = 0.1", ("leaky_grad_all",)),
            Clause("returns a Python float", ("leaky_grad_float",), "type"),
        ),
        args={"parent": ("leaky_grad_public", "leaky_grad_all", "leaky_grad_slope")},
    ),
    Function(
        "ThreePieceNet.build",
        "1.3",
        F,
        (
            Clause(
                "ŷ = v1·act(w1·x + b1) + v2·act(w2·x + b2) + c from self.x and self.params",
                ("net_forward", "net_wiring"),
            ),
            Clause(
                "both hidden units use ACTIVATIONS[self.activation] (relu and leaky_relu)",
                ("net_forward", "net_wiring"),
            ),
            Clause(
                "loss = Square(Sub(y_hat, self.y)): the target node, whatever y is",
                ("net_wiring",),
            ),
            Clause(
                "returns (y_hat, loss); backward reaches every node of self.params",
                ("net_forward", "net_wiring"),
            ),
        ),
    ),
    Function(
        "fit_square",
        "1.4",
        F,
        (
            Clause(
                "per-sample SGD from ThreePieceNet(activation, seed)'s start, replayed step by "
                "step (1, 2 and 7 steps) at the grader's lr and seed",
                ("sgd_steps", "sgd_steps_relu"),
                "training",
            ),
            Clause(
                "each step draws x ~ U(0, 2) from one random.Random(seed) and sets y = x²",
                ("sgd_steps", "sgd_steps_relu"),
                "data",
            ),
            Clause(
                "the seed argument seeds both the net and the draws",
                ("sgd_steps", "sgd_steps_relu"),
                "seed",
            ),
            Clause(
                "exactly `steps` steps of forward, backward and sgd_step(net.params, lr)",
                ("sgd_steps", "sgd_steps_relu"),
            ),
            Clause(
                "returns the trained ThreePieceNet",
                ("sgd_steps", "sgd_steps_relu", "fit_leaky", "fit_relu"),
                "type",
            ),
            Clause(
                "20000 steps at lr 0.01 fit x² on [0, 2] (calibrated MSE, both activations)",
                ("fit_leaky", "fit_relu"),
            ),
        ),
        args={
            "activation": ("sgd_steps_relu", "fit_relu"),
            "steps": ("sgd_steps", "sgd_steps_relu"),
            "lr": ("sgd_steps", "sgd_steps_relu"),
            "seed": ("sgd_steps", "sgd_steps_relu", "fit_leaky", "fit_relu"),
        },
        pins={
            "activation": ('"leaky_relu"', '"relu"'),
            "steps": ("20000",),
            "lr": ("0.01",),
            "seed": ("0", "42"),
        },
        training=True,
    ),
)
