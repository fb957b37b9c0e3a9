"""Realistic wrong answers for relu_ops (each must lose points; see ``course validate``), and
differently written correct ones (``ALTERNATIVES``: each must keep full marks).

The first mutant stays first: the demo and the Otter tests use ``mutants_for("relu_ops")[0]``.
Mutants marked ``training=True`` must fail a fit check on every seed; the others in training
(off-by-one steps, the wrong data or seed, the update order) leave a good fit and are caught by
the step-by-step replays ``sgd_steps`` / ``sgd_steps_relu``, and before submitting by the public
smoke checks ``fit_smoke`` / ``fit_smoke_relu`` (every training mutant fails one of them).
Hard-coded ``activation``, ``steps``, ``lr`` and ``seed`` are the contract's pins
(``contract.py``).
"""

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
    # -- types the docstrings state (values right, type wrong) ---------------------------------
    Mutant(
        "relu_returns_int_zero",
        "relu returns the int 0 for x <= 0 (relu(0.0) is 0, not 0.0)",
        F,
        "return float(x) if x > 0 else 0.0",
        "return float(x) if x > 0 else 0",
    ),
    Mutant(
        "leaky_relu_numpy_where",
        "leaky_relu returns np.where's 0-d array instead of a Python float",
        F,
        "return float(x) if x >= 0 else LEAKY_SLOPE * float(x)",
        "import numpy as np\n\n    return np.where(x >= 0, x, LEAKY_SLOPE * x)",
    ),
    Mutant(
        "relu_node_max_int",
        "Relu.compute uses max(0, x): self.value is the int 0 below zero",
        F,
        "self.value = relu(self.parents[0].value)",
        "self.value = max(0, self.parents[0].value)",
    ),
    Mutant(
        "leaky_node_np_maximum",
        "LeakyRelu.compute uses np.maximum: self.value is a numpy.float64",
        F,
        "self.value = leaky_relu(self.parents[0].value)",
        "import numpy as np\n\n        v = self.parents[0].value\n"
        "        self.value = np.maximum(v, LEAKY_SLOPE * v)",
    ),
    Mutant(
        "relu_grad_returns_bool",
        "Relu.get_parent_grad returns the comparison (a bool) instead of 1.0/0.0",
        F,
        "return 1.0 if self.parents[0].value > 0 else 0.0",
        "return self.parents[0].value > 0",
    ),
    Mutant(
        "leaky_grad_returns_int_one",
        "LeakyRelu.get_parent_grad returns the int 1 above zero",
        F,
        "return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE",
        "return 1 if self.parents[0].value > 0 else LEAKY_SLOPE",
    ),
    # -- blame: one broken function must cost its own checks only ------------------------------
    Mutant(
        "leaky_grad_ratio_divides_by_zero",
        "LeakyRelu.get_parent_grad as value / input: ZeroDivisionError at 0 (forward unaffected)",
        F,
        "return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE",
        "return leaky_relu(self.parents[0].value) / self.parents[0].value",
    ),
    Mutant(
        "relu_compute_in_place",
        "Relu.compute clamps its parent's value in place (an in-place ReLU)",
        F,
        "self.value = relu(self.parents[0].value)",
        "self.parents[0].value = relu(self.parents[0].value)\n"
        "        self.value = self.parents[0].value",
    ),
    Mutant(
        "leaky_compute_in_place",
        "LeakyRelu.compute scales its parent's value in place (an in-place LeakyReLU)",
        F,
        "self.value = leaky_relu(self.parents[0].value)",
        "self.parents[0].value = leaky_relu(self.parents[0].value)\n"
        "        self.value = self.parents[0].value",
    ),
    # -- wiring of ThreePieceNet.build ----------------------------------------------------------
    Mutant(
        "loss_uses_x_squared",
        "the loss compares y_hat with x² built from self.x instead of the target node self.y",
        F,
        "return y_hat, Square(Sub(y_hat, self.y))",
        "return y_hat, Square(Sub(y_hat, Mul(self.x, self.x)))",
    ),
    Mutant(
        "unit2_always_leaky",
        "the second hidden unit is always a LeakyRelu, whatever the activation",
        F,
        "h2 = act(Add(Mul(w2, self.x), b2))",
        "h2 = LeakyRelu(Add(Mul(w2, self.x), b2))",
    ),
    Mutant(
        "activation_hard_coded",
        "build looks up ACTIVATIONS['leaky_relu'] instead of self.activation",
        F,
        "act = ACTIVATIONS[self.activation]",
        'act = ACTIVATIONS["leaky_relu"]',
    ),
    Mutant(
        "output_weights_swapped",
        "y_hat = v2·h1 + v1·h2 + c (output weights swapped)",
        F,
        "y_hat = Add(Mul(v1, h1), Mul(v2, h2), c)",
        "y_hat = Add(Mul(v2, h1), Mul(v1, h2), c)",
    ),
    # -- training: steps, data, seed, order -----------------------------------------------------
    Mutant(
        "fit_one_step_too_many",
        "fit_square takes steps + 1 steps",
        F,
        "for _ in range(steps):",
        "for _ in range(steps + 1):",
    ),
    Mutant(
        "fit_one_step_too_few",
        "fit_square counts from 1: steps - 1 steps",
        F,
        "for _ in range(steps):",
        "for _ in range(1, steps):",
    ),
    Mutant(
        "fit_global_random",
        "fit_square draws x from the global random module instead of random.Random(seed)",
        F,
        "x = rng.uniform(0.0, 2.0)",
        "x = random.uniform(0.0, 2.0)",
    ),
    Mutant(
        "fit_data_seed_fixed",
        "fit_square's draws come from random.Random(0) whatever the seed (the net does use seed)",
        F,
        "rng = random.Random(seed)",
        "rng = random.Random(0)",
    ),
    Mutant(
        "fit_data_unit_interval",
        "fit_square trains on x ~ U(0, 1) instead of U(0, 2)",
        F,
        "x = rng.uniform(0.0, 2.0)",
        "x = rng.uniform(0.0, 1.0)",
    ),
    Mutant(
        "fit_target_second_draw",
        "fit_square's target is the square of a second draw, not of the input x",
        F,
        "net.y.set(x * x)",
        "net.y.set(rng.uniform(0.0, 2.0) ** 2)",
    ),
    Mutant(
        "fit_step_before_backward",
        "sgd_step before backward: every step uses the previous step's gradients",
        F,
        "        backward(net.loss)\n        sgd_step(net.params, lr)\n",
        "        sgd_step(net.params, lr)\n        backward(net.loss)\n",
    ),
    Mutant(
        "fit_no_forward",
        "the training loop never calls forward: backward reads values never computed",
        F,
        "        forward(net.loss)\n        backward(net.loss)\n",
        "        backward(net.loss)\n",
    ),
    Mutant(
        "fit_no_sgd_step",
        "the training loop never calls sgd_step: the parameters never move",
        F,
        "        sgd_step(net.params, lr)\n    # END SOLUTION",
        "    # END SOLUTION",
    ),
    Mutant(
        "fit_two_sgd_steps",
        "sgd_step is called twice per step",
        F,
        "        sgd_step(net.params, lr)\n",
        "        sgd_step(net.params, lr)\n        sgd_step(net.params, lr)\n",
    ),
    Mutant(
        "fit_lr_step_decay",
        "fit_square halves the learning rate every 5000 steps (a schedule the contract does "
        "not ask for)",
        F,
        """    for _ in range(steps):
        x = rng.uniform(0.0, 2.0)
        net.x.set(x)
        net.y.set(x * x)
        forward(net.loss)
        backward(net.loss)
        sgd_step(net.params, lr)
""",
        """    for t in range(steps):
        x = rng.uniform(0.0, 2.0)
        net.x.set(x)
        net.y.set(x * x)
        forward(net.loss)
        backward(net.loss)
        sgd_step(net.params, lr * 0.5 ** (t // 5000))
""",
        training=True,
    ),
    Mutant(
        "fit_steps_capped",
        "fit_square runs at most 10000 steps, however many it is asked for",
        F,
        "for _ in range(steps):",
        "for _ in range(min(steps, 10000)):",
        training=True,
    ),
    Mutant(
        "fit_recycles_1000_draws",
        "fit_square draws 1000 x once and cycles through them",
        F,
        "    for _ in range(steps):\n        x = rng.uniform(0.0, 2.0)",
        "    pool = [rng.uniform(0.0, 2.0) for _ in range(1000)]\n"
        "    for t in range(steps):\n        x = pool[t % len(pool)]",
        training=True,
    ),
    Mutant(
        "fit_global_random_seeded",
        "fit_square seeds and draws from Python's global random generator",
        F,
        "    rng = random.Random(seed)\n",
        "    random.seed(seed)\n    rng = random\n",
    ),
    Mutant(
        "fit_do_while_steps",
        "fit_square's loop is a do-while: steps=0 still takes one step",
        F,
        """    for _ in range(steps):
        x = rng.uniform(0.0, 2.0)
        net.x.set(x)
        net.y.set(x * x)
        forward(net.loss)
        backward(net.loss)
        sgd_step(net.params, lr)
""",
        """    t = 0
    while True:
        x = rng.uniform(0.0, 2.0)
        net.x.set(x)
        net.y.set(x * x)
        forward(net.loss)
        backward(net.loss)
        sgd_step(net.params, lr)
        t += 1
        if t >= steps:
            break
""",
    ),
    Mutant(
        "relu_threshold_1e-9",
        "relu treats inputs up to 1e-9 as zero (x > 1e-9 instead of x > 0)",
        F,
        "return float(x) if x > 0 else 0.0",
        "return float(x) if x > 1e-9 else 0.0",
    ),
    Mutant(
        "relu_grad_threshold_1e-9",
        "Relu'(x) is 0 up to x = 1e-9 (value > 1e-9 instead of > 0)",
        F,
        "return 1.0 if self.parents[0].value > 0 else 0.0",
        "return 1.0 if self.parents[0].value > 1e-9 else 0.0",
    ),
    Mutant(
        "relu_no_float_cast",
        "relu returns x itself, so a numpy.float64 or int input comes back as one",
        F,
        "return float(x) if x > 0 else 0.0",
        "return x if x > 0 else 0.0",
    ),
    Mutant(
        "relu_compute_cached",
        "Relu.compute computes once and keeps that value when the parent changes",
        F,
        "        self.value = relu(self.parents[0].value)",
        "        if self.value is None:\n            self.value = relu(self.parents[0].value)",
    ),
    Mutant(
        "relu_abs_formula",
        "relu as (x + |x|) / 2: nan at -inf, inf at 1e308",
        F,
        "return float(x) if x > 0 else 0.0",
        "return (float(x) + abs(float(x))) / 2",
    ),
    Mutant(
        "relu_times_mask",
        "relu as x * (x > 0): nan at -inf (and -0.0 below zero)",
        F,
        "return float(x) if x > 0 else 0.0",
        "return float(x) * float(x > 0)",
    ),
    Mutant(
        "relu_grad_from_own_value",
        "Relu.get_parent_grad reads the node's stored value, not the parent's current one",
        F,
        "return 1.0 if self.parents[0].value > 0 else 0.0",
        "return 1.0 if self.value > 0 else 0.0",
    ),
    Mutant(
        "leaky_grad_from_own_value",
        "LeakyRelu.get_parent_grad reads the node's stored value, not the parent's current one",
        F,
        "return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE",
        "return 1.0 if self.value > 0 else LEAKY_SLOPE",
    ),
    Mutant(
        "fit_global_random_restored",
        "fit_square seeds and draws from Python's global random module, then puts its state back",
        F,
        "    rng = random.Random(seed)\n"
        "    for _ in range(steps):\n"
        "        x = rng.uniform(0.0, 2.0)\n"
        "        net.x.set(x)\n"
        "        net.y.set(x * x)\n"
        "        forward(net.loss)\n"
        "        backward(net.loss)\n"
        "        sgd_step(net.params, lr)\n",
        "    saved = random.getstate()\n"
        "    random.seed(seed)\n"
        "    for _ in range(steps):\n"
        "        x = random.uniform(0.0, 2.0)\n"
        "        net.x.set(x)\n"
        "        net.y.set(x * x)\n"
        "        forward(net.loss)\n"
        "        backward(net.loss)\n"
        "        sgd_step(net.params, lr)\n"
        "    random.setstate(saved)\n",
    ),
    Mutant(
        "fit_clip_grad_10",
        "fit_square clips every gradient to [-10, 10] before sgd_step",
        F,
        "        backward(net.loss)\n        sgd_step(net.params, lr)\n    # END SOLUTION\n",
        "        backward(net.loss)\n"
        "        for p in net.params:\n"
        "            p.grad = max(-10.0, min(10.0, p.grad))\n"
        "        sgd_step(net.params, lr)\n"
        "    # END SOLUTION\n",
    ),
    Mutant(
        "fit_default_steps_2000",
        "fit_square's steps defaults to 2000 instead of the documented 20000",
        F,
        'activation: str = "leaky_relu", *, steps: int = 20000,',
        'activation: str = "leaky_relu", *, steps: int = 2000,',
    ),
    Mutant(
        "fit_cached",
        "fit_square is wrapped in functools.lru_cache: the same arguments return the same net",
        F,
        "def fit_square(\n",
        "@__import__('functools').lru_cache(maxsize=None)\ndef fit_square(\n",
    ),
    Mutant(
        "fit_keeps_training_one_net",
        "fit_square keeps one net per (activation, seed, lr) and trains it further on each call",
        F,
        "    net = ThreePieceNet(activation, seed)\n",
        "    nets = globals().setdefault('_NETS', {})\n"
        "    net = nets.setdefault((activation, seed, lr), ThreePieceNet(activation, seed))\n"
        "    for p, v in zip(net.params, ThreePieceNet(activation, seed).params):\n"
        "        p.value = v.value\n",
    ),
    Mutant(
        "relu_threshold_float_min",
        "relu treats positive subnormals as zero (x > sys.float_info.min instead of x > 0)",
        F,
        "    return float(x) if x > 0 else 0.0\n",
        "    return float(x) if x > __import__('sys').float_info.min else 0.0\n",
    ),
    Mutant(
        "leaky_grad_threshold_float_min",
        "LeakyRelu' is 0.1 up to sys.float_info.min (value > float_info.min instead of > 0)",
        F,
        "        return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE\n",
        "        return 1.0 if self.parents[0].value > __import__('sys').float_info.min "
        "else LEAKY_SLOPE\n",
    ),
    Mutant(
        "fit_lr_or_default",
        "fit_square uses `lr or 0.01`: lr=0 still trains",
        F,
        "        sgd_step(net.params, lr)\n",
        "        sgd_step(net.params, lr or 0.01)\n",
    ),
    Mutant(
        "fit_lr_capped",
        "fit_square caps the learning rate at 0.1 (for stability)",
        F,
        "        sgd_step(net.params, lr)\n",
        "        sgd_step(net.params, min(lr, 0.1))\n",
    ),
    Mutant(
        "fit_stops_on_nonfinite_loss",
        "fit_square stops when the loss is not finite",
        F,
        "        forward(net.loss)\n",
        "        if not __import__('math').isfinite(forward(net.loss)):\n            break\n",
    ),
    Mutant(
        "fit_skips_huge_gradients",
        "fit_square skips a step when a gradient exceeds 1e8 in size",
        F,
        "        sgd_step(net.params, lr)\n",
        "        if all(abs(p.grad) <= 1e8 for p in net.params):\n"
        "            sgd_step(net.params, lr)\n",
    ),
)

ALTERNATIVES = (
    Mutant(
        "relu_max",
        "relu as float(max(x, 0.0))",
        F,
        "return float(x) if x > 0 else 0.0",
        "return float(max(x, 0.0))",
    ),
    Mutant(
        "leaky_relu_max",
        "leaky_relu as float(max(x, LEAKY_SLOPE * x))",
        F,
        "return float(x) if x >= 0 else LEAKY_SLOPE * float(x)",
        "return float(max(x, LEAKY_SLOPE * x))",
    ),
    Mutant(
        "relu_compute_unpacked",
        "Relu.compute unpacks its one parent and compares inline",
        F,
        '        assert len(self.parents) == 1, "Relu takes exactly one parent"\n'
        "        self.value = relu(self.parents[0].value)\n",
        "        (parent,) = self.parents\n"
        "        self.value = parent.value if parent.value > 0 else 0.0\n",
    ),
    Mutant(
        "relu_get_parent_grad_float_of_bool",
        "Relu.get_parent_grad as float(parent.value > 0), from its argument",
        F,
        "return 1.0 if self.parents[0].value > 0 else 0.0",
        "return float(parent.value > 0)",
    ),
    Mutant(
        "leaky_compute_inline",
        "LeakyRelu.compute computes x * LEAKY_SLOPE inline",
        F,
        "self.value = leaky_relu(self.parents[0].value)",
        "v = self.parents[0].value\n        self.value = v if v >= 0 else v * LEAKY_SLOPE",
    ),
    Mutant(
        "leaky_get_parent_grad_literal",
        "LeakyRelu.get_parent_grad from its argument, with the literal 0.1",
        F,
        "return 1.0 if self.parents[0].value > 0 else LEAKY_SLOPE",
        "return 1.0 if parent.value > 0 else 0.1",
    ),
    Mutant(
        "build_loop_and_flipped_loss",
        "ThreePieceNet.build: units in a loop, nested Adds, loss Square(Sub(self.y, y_hat))",
        F,
        "        h1 = act(Add(Mul(w1, self.x), b1))\n"
        "        h2 = act(Add(Mul(w2, self.x), b2))\n"
        "        y_hat = Add(Mul(v1, h1), Mul(v2, h2), c)\n"
        "        return y_hat, Square(Sub(y_hat, self.y))\n",
        "        h1, h2 = (act(Add(b, Mul(self.x, w))) for w, b in ((w1, b1), (w2, b2)))\n"
        "        y_hat = Add(Add(c, Mul(h1, v1)), Mul(h2, v2))\n"
        "        return y_hat, Square(Sub(self.y, y_hat))\n",
    ),
    Mutant(
        "fit_square_draws_first",
        "fit_square draws all x first, then updates by hand (p.value -= lr * p.grad)",
        F,
        "    for _ in range(steps):\n"
        "        x = rng.uniform(0.0, 2.0)\n"
        "        net.x.set(x)\n"
        "        net.y.set(x * x)\n"
        "        forward(net.loss)\n"
        "        backward(net.loss)\n"
        "        sgd_step(net.params, lr)\n",
        "    xs = [rng.uniform(0.0, 2.0) for _ in range(steps)]\n"
        "    for x in xs:\n"
        "        net.x.set(x)\n"
        "        net.y.set(x**2)\n"
        "        forward(net.loss)\n"
        "        backward(net.loss)\n"
        "        for p in net.params:\n"
        "            p.value -= lr * p.grad\n",
    ),
)
