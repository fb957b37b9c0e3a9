"""Realistic wrong answers for sine_bias (each must lose points; see ``course validate``).

``training=True`` marks mistakes that ``course validate --seeds N`` requires to fail *every*
seeded check (fit_nobias, fit_tanh, fit_relu) on every seed: only mistakes in what both
training paths share (the training data) can. A loop mistake breaks one path only; it is
caught deterministically by that loop's trajectory check, and its seeded fit fails on every
calibrated seed (docs/calibration/sine_bias.md), but the sweep would count the other,
untouched path's passing fit against it.
"""

from autograder.authoring.mutants import Mutant

F = "sine_bias.py"
BIAS_FWD = 'return act(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]'
GD_UPDATE = "                w -= lr * w.grad\n"
ADAM = "optimizer = torch.optim.Adam(params.values(), lr=lr)"

MUTANTS = (
    # --- the net with biases
    Mutant(
        "bias_fwd_no_bias",
        "the 'with bias' net has no bias at all: act(x W1) W2",
        F,
        BIAS_FWD,
        'return act(x @ params["W1"]) @ params["W2"]',
    ),
    Mutant(
        "bias_fwd_after_activation",
        "bias only after the activation: act(x W1) W2 + b2",
        F,
        BIAS_FWD,
        'return act(x @ params["W1"]) @ params["W2"] + params["b2"]',
    ),
    Mutant(
        "bias_fwd_always_relu",
        "forward_bias ignores the activation argument (always relu)",
        F,
        'act = torch.tanh if activation == "tanh" else torch.relu',
        "act = torch.relu",
    ),
    # --- the hand-written loop (the seed's)
    Mutant(
        "gd_grads_never_zeroed",
        "gradients are never zeroed: they accumulate over the steps",
        F,
        "                w.grad.zero_()\n",
        "",
    ),
    Mutant(
        "gd_ascent",
        "gradient ascent: W += lr * W.grad",
        F,
        GD_UPDATE,
        "                w += lr * w.grad\n",
    ),
    Mutant(
        "gd_never_updates",
        "the loop computes gradients but never updates the weights",
        F,
        GD_UPDATE,
        "",
    ),
    Mutant(
        "gd_lr_ignored",
        "lr ignored: the seed's hard-coded 1e-5",
        F,
        GD_UPDATE,
        "                w -= 1e-5 * w.grad\n",
    ),
    Mutant(
        "gd_sum_loss",
        "summed squared error (the seed's .sum()) instead of the mean",
        F,
        "loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()",
        "loss = ((forward_nobias(x, w1, w2) - y) ** 2).sum()",
    ),
    Mutant(
        "gd_only_w2",
        "only W2 is updated (W1 stays at its start)",
        F,
        "            for w in (w1, w2):\n",
        "            for w in (w2,):\n",
    ),
    Mutant(
        "nobias_fwd_no_relu",
        "forward_nobias leaves out the relu: a linear net",
        F,
        "return torch.relu(x @ w1) @ w2",
        "return x @ w1 @ w2",
    ),
    # --- the Adam loop
    Mutant(
        "adam_no_zero_grad",
        "Adam without optimizer.zero_grad(): gradients accumulate",
        F,
        "        optimizer.zero_grad()\n",
        "",
    ),
    Mutant(
        "adam_lr_ignored",
        "Adam with its default lr 1e-3 instead of lr",
        F,
        ADAM,
        "optimizer = torch.optim.Adam(params.values())",
    ),
    Mutant(
        "adam_biases_frozen",
        "only W1 and W2 are given to Adam (the biases stay at their start)",
        F,
        ADAM,
        'optimizer = torch.optim.Adam([params["W1"], params["W2"]], lr=lr)',
    ),
    Mutant(
        "adam_no_lr_drop",
        "the learning-rate drop is never stepped",
        F,
        "        schedule.step()\n",
        "",
    ),
    # --- shared pieces
    Mutant(
        "data_unit_interval",
        "training x on [0, 1]: the factor 10 is missing",
        F,
        "x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)",
        "x = (torch.arange(n, dtype=torch.float64) + 0.5) / n",
        training=True,
    ),
    Mutant(
        "data_one_period",
        "training x covers one period [0, 2 pi] instead of [0, 10]",
        F,
        "x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)",
        "x = (torch.arange(n, dtype=torch.float64) + 0.5) * (2 * math.pi / n)",
        training=True,
    ),
    Mutant(
        "floor_no_square",
        "best line through the origin with sum(x) instead of sum(x * x)",
        F,
        "c = (x64 * y64).sum() / (x64 * x64).sum()",
        "c = (x64 * y64).sum() / x64.sum()",
    ),
    Mutant(
        "landmarks_swapped",
        "landmark_predictions returns (f(pi), f(pi/2))",
        F,
        "return out[0], out[1]",
        "return out[1], out[0]",
    ),
)
