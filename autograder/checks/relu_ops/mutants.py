"""Realistic wrong answers for relu_ops (each must lose points; see ``course validate``)."""

from autograder.authoring.mutants import Mutant

F = "relu_ops.py"

MUTANTS = (
    Mutant(
        "relu_grad_always_one",
        "Relu gradient is 1 everywhere (the identity's derivative)",
        F,
        "return 1.0 if self.parents[0].value > 0 else 0.0",
        "return 1.0",
    ),
    Mutant(
        "relu_grad_one_at_zero",
        "Relu'(0) = 1 (uses >= instead of >)",
        F,
        "return 1.0 if self.parents[0].value > 0 else 0.0",
        "return 1.0 if self.parents[0].value >= 0 else 0.0",
    ),
    Mutant(
        "leaky_slope_0_01",
        "LeakyRelu slope 0.01 (PyTorch's default) instead of this course's 0.1",
        F,
        "LEAKY_SLOPE = 0.1",
        "LEAKY_SLOPE = 0.01",
    ),
    Mutant(
        "leaky_grad_one_at_zero",
        "LeakyRelu'(0) = 1 instead of 0.1",
        F,
        "return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE",
        "return 1.0 if self.parents[0].value >= 0 else LEAKY_SLOPE",
    ),
    Mutant(
        "leaky_forward_drops_slope",
        "LeakyRelu node forward is a plain relu (slope only in the gradient)",
        F,
        "self.value = leaky_relu(self.parents[0].value)",
        "self.value = relu(self.parents[0].value)",
    ),
    Mutant(
        "relu_plain_returns_negative",
        "plain relu returns x for every input",
        F,
        "return float(x) if x > 0 else 0.0",
        "return float(x)",
    ),
    Mutant(
        "net_no_activation",
        "hidden units skip the activation: the net is a straight line",
        F,
        "act = ACTIVATIONS[self.activation]",
        "act = lambda node: node  # noqa: E731",
        training=True,
    ),
    Mutant(
        "net_no_output_bias",
        "the output bias c is left out of y_hat",
        F,
        "y_hat = Add(Mul(v1, h1), Mul(v2, h2), c)",
        "y_hat = Add(Mul(v1, h1), Mul(v2, h2))",
        training=True,
    ),
    Mutant(
        "loss_not_squared",
        "loss is y_hat - y instead of (y_hat - y)²",
        F,
        "return y_hat, Square(Sub(y_hat, self.y))",
        "return y_hat, Sub(y_hat, self.y)",
        training=True,
    ),
    Mutant(
        "fit_no_backward",
        "training loop never calls backward: gradients stay 0",
        F,
        "        backward(net.loss)\n",
        "",
        training=True,
    ),
    Mutant(
        "fit_target_x",
        "trains on y = x instead of x²",
        F,
        "net.y.set(x * x)",
        "net.y.set(x)",
        training=True,
    ),
)
