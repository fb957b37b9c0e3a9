"""The contract of relu_ops: every clause of the docstrings students implement, and its checks.

``python -m autograder.authoring.contract`` renders it as ``docs/contract/relu_ops.md``; each
pinned value becomes a mutant that hard-codes the argument and must lose points. Clauses marked
``stated`` are what the notebook's "Conventions (the checks test exactly these)", the README's
student section or the module's docstrings tell students: each has a public check.
"""

from autograder.authoring.contract import Clause, Function

F = "relu_ops.py"

_GRAPH = ("graph_vs_torch", "graph_vs_central")
_SMOKE = ("fit_smoke", "fit_smoke_relu")
_FULL = ("fit_trajectory_leaky", "fit_trajectory_relu")
_REPLAY = ("sgd_steps", "sgd_steps_relu")

CONTRACT = (
    Function(
        "relu",
        "1.1",
        F,
        (
            Clause("x if x > 0 else 0.0", ("relu_public", "relu_all"), stated=True),
            Clause(
                "exact at tiny inputs (±1e-300 and the subnormals ±1e-310, ±5e-324): the kink is "
                "at 0, no tolerance",
                ("relu_all",),
            ),
            Clause(
                "exact at huge and infinite inputs (relu(-inf) = 0.0, relu(1e308) = 1e308: no "
                "arithmetic form that gives nan or inf)",
                ("relu_all",),
            ),
            Clause(
                "relu(0) = 0 (the kink belongs to the flat side)",
                ("relu_public", "relu_all"),
                stated=True,
            ),
            Clause(
                "returns a Python float (relu(0.0) is 0.0, not 0), also for numpy.float64 and "
                "int x",
                ("relu_float_public", "relu_float"),
                "type",
                stated=True,
            ),
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
                stated=True,
            ),
            Clause(
                "the slope below zero is exactly 0.1",
                ("leaky_relu_public", "leaky_relu_slope", "leaky_relu_all"),
                stated=True,
            ),
            Clause(
                "returns a Python float, also for numpy.float64 and int x",
                ("leaky_relu_float_public", "leaky_relu_float"),
                "type",
                stated=True,
            ),
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
                stated=True,
            ),
            Clause(
                "reads the parent on every compute (computed again after the parent changed, "
                "the new value)",
                ("relu_node_all",),
            ),
            Clause(
                "self.value is a Python float",
                ("relu_node_float_public", "relu_node_float"),
                "type",
                stated=True,
            ),
            Clause(
                "leaves the parent's value as it is",
                ("relu_node_public", "relu_node_all"),
                "unchanged",
                stated=True,
            ),
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
                stated=True,
            ),
            Clause("Relu'(0) = 0", ("relu_grad_public", "relu_grad_all"), stated=True),
            Clause(
                "at the parent's current value (set again without a new compute), not from the "
                "node's stored value",
                ("relu_grad_current",),
            ),
            Clause(
                "returns a Python float",
                ("relu_grad_float_public", "relu_grad_float"),
                "type",
                stated=True,
            ),
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
                stated=True,
            ),
            Clause(
                "reads the parent on every compute (computed again after the parent changed, "
                "the new value)",
                ("leaky_node_all",),
            ),
            Clause(
                "self.value is a Python float",
                ("leaky_node_float_public", "leaky_node_float"),
                "type",
                stated=True,
            ),
            Clause(
                "leaves the parent's value as it is",
                ("leaky_node_public", "leaky_node_all"),
                "unchanged",
                stated=True,
            ),
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
                stated=True,
            ),
            Clause("LeakyRelu'(0) = 0.1", ("leaky_grad_public", "leaky_grad_all"), stated=True),
            Clause(
                "at the parent's current value (set again without a new compute), not from the "
                "node's stored value",
                ("leaky_grad_current",),
            ),
            Clause(
                "returns a Python float",
                ("leaky_grad_float_public", "leaky_grad_float"),
                "type",
                stated=True,
            ),
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
                stated=True,
            ),
            Clause(
                "both hidden units use ACTIVATIONS[self.activation] (relu and leaky_relu)",
                ("net_forward", "net_wiring"),
                stated=True,
            ),
            Clause(
                "loss = Square(Sub(y_hat, self.y)): the target node, whatever y is",
                ("net_forward", "net_wiring"),
                stated=True,
            ),
            Clause(
                "returns (y_hat, loss); backward reaches every node of self.params",
                ("net_forward", "net_wiring"),
                stated=True,
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
                "step (0, 1, 2 and 7 steps) at the grader's lr and seed",
                _REPLAY,
                "training",
            ),
            Clause(
                "keeps the documented defaults activation='leaky_relu', steps=20000, lr=0.01, "
                "seed=0 (fit_square(steps=0) is seed 0's leaky_relu start)",
                ("fit_defaults",),
            ),
            Clause(
                "every call builds and returns its own net: no net or result kept between calls "
                "(the nets returned earlier do not change, a repeated call gives a new object)",
                _REPLAY,
                "no_alias",
            ),
            Clause(
                "the plain SGD step also where gradients are large (a start six times the given "
                "one, lr 2e-4): no clipping or scaling of the gradient",
                ("sgd_large", "sgd_large_relu"),
                "training",
            ),
            Clause(
                "lr and the gradients used as given at their extremes: lr=0 moves nothing, lr "
                "0.12 is not capped, gradients above 1e9 are not skipped or clipped, and a step "
                "whose loss overflows to inf or nan is still taken (no early stop)",
                ("sgd_extremes",),
                "training",
            ),
            Clause(
                "smoke run: the parameters after 1, 2 and 3 steps at lr 0.05, seed 3, both "
                "activations (never calling forward, backward or sgd_step, ignoring lr, steps, "
                "seed or activation, or a wrong loss all fail it)",
                _SMOKE,
                "smoke",
            ),
            Clause(
                "each step draws x ~ U(0, 2) from one random.Random(seed) and sets y = x²",
                (*_SMOKE, *_REPLAY, *_FULL),
                "data",
                stated=True,
            ),
            Clause(
                "Python's global random generator is neither used nor reseeded (nor its state "
                "saved and put back)",
                _REPLAY,
                "unchanged",
            ),
            Clause(
                "the seed argument seeds both the net and the draws",
                (*_SMOKE, *_REPLAY),
                "seed",
                stated=True,
            ),
            Clause(
                "exactly `steps` steps of forward, backward and sgd_step(net.params, lr)",
                (*_SMOKE, *_REPLAY),
                stated=True,
            ),
            Clause(
                "all 20000 steps of the long fits replayed: no schedule, cap, early stop, "
                "clipping or recycled x (parameters within 1e-9 of the grader's replay)",
                _FULL,
                "training",
            ),
            Clause(
                "returns the trained ThreePieceNet",
                (*_SMOKE, *_REPLAY, "fit_leaky", "fit_relu"),
                "type",
                stated=True,
            ),
            Clause(
                "20000 steps at lr 0.01 fit x² on [0, 2] (calibrated MSE, both activations)",
                ("fit_leaky", "fit_relu"),
            ),
        ),
        args={
            "activation": ("fit_smoke_relu", "sgd_steps_relu", "fit_relu"),
            "steps": (*_SMOKE, *_REPLAY),
            "lr": (*_SMOKE, *_REPLAY, "sgd_extremes"),
            "seed": (*_SMOKE, *_REPLAY, "fit_leaky", "fit_relu", *_FULL),
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
