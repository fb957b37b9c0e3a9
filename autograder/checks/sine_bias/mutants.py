"""Realistic wrong answers for sine_bias (each must lose points; see ``course validate``).

``training=True`` marks mistakes that ``course validate --seeds N`` requires to fail *every*
seeded check (fit_nobias, fit_tanh, fit_relu) on every seed: only mistakes in what both
training paths share (the training data) can. A loop mistake breaks one path only; it is
caught deterministically by that loop's trajectory check, and its seeded fit fails on every
calibrated seed (docs/calibration/sine_bias.md), but the sweep would count the other,
untouched path's passing fit against it. Mistakes in ``train_nobias`` / ``train_bias``
themselves are caught on every seed by the seeded step-by-step replays
(``train_nobias_replay``, ``train_bias_replay``), so they carry ``training=True``.

``DEVICE_MUTANTS`` ignore the device: only the ``*_device`` checks catch them, and those judge
only under ``--device cuda`` (on the CPU they say "not checked"), so they are kept out of
``MUTANTS`` (which must lose points on every machine); run them on a GPU machine.
``ALTERNATIVES`` are differently written correct solutions, one per student function: each
must keep full marks.
"""

from autograder.authoring.mutants import Mutant

F = "sine_bias.py"
BIAS_FWD = 'return act(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]'
GD_UPDATE = "                w -= lr * w.grad\n"
ADAM = "optimizer = torch.optim.Adam(params.values(), lr=lr)"
SCHEDULE = "schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, [3 * steps // 4], gamma=0.1)"
DATA_RETURN = (
    "    x = x.reshape(n, 1)\n    return x.float().to(device), torch.sin(x).float().to(device)\n"
)
GD_TAIL = "                w.grad.zero_()\n        losses.append(loss.item())\n"
ADAM_TAIL = "        schedule.step()\n        losses.append(loss.item())\n"
NOBIAS_SETUP = (
    "    x, y = make_train_data(device=device)\n    w1, w2 = init_nobias(hidden, seed, device)\n"
)
BIAS_SETUP = (
    "    x, y = make_train_data(device=device)\n    params = init_bias(hidden, seed, device)\n"
)
POINTS = "    x = torch.tensor([[math.pi / 2], [math.pi]], device=device)\n"
LANDMARK_OUT = "        out = predict(x).reshape(-1).tolist()\n"

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
    # --- wrong types, dtypes and shapes
    Mutant(
        "data_float64",
        "make_train_data returns float64 tensors (the .float() casts are missing)",
        F,
        DATA_RETURN,
        "    x = x.reshape(n, 1)\n    return x.to(device), torch.sin(x).to(device)\n",
    ),
    Mutant(
        "data_flat",
        "make_train_data returns x and y of shape (n,) instead of (n, 1)",
        F,
        "    x = x.reshape(n, 1)\n",
        "",
    ),
    Mutant(
        "data_linspace_endpoints",
        "training x = linspace(0, 10, n): the endpoints, not the midpoints (points on the "
        "evaluation grid)",
        F,
        "x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)",
        "x = torch.linspace(0.0, X_MAX, n, dtype=torch.float64)",
    ),
    Mutant(
        "floor_returns_tensors",
        "best_origin_line_mse returns 0-d tensors instead of Python floats",
        F,
        "    return float(c), float(((c * x64 - y64) ** 2).mean())\n",
        "    return c, ((c * x64 - y64) ** 2).mean()\n",
    ),
    Mutant(
        "nobias_fwd_flat",
        "forward_nobias squeezes its output to shape (N,)",
        F,
        "return torch.relu(x @ w1) @ w2",
        "return (torch.relu(x @ w1) @ w2).squeeze(1)",
    ),
    Mutant(
        "gd_losses_tensors",
        "gd_steps collects the loss tensors (graph and all) instead of Python floats",
        F,
        GD_TAIL,
        "                w.grad.zero_()\n        losses.append(loss)\n",
    ),
    Mutant(
        "adam_losses_tensors",
        "adam_steps collects detached loss tensors instead of Python floats",
        F,
        ADAM_TAIL,
        "        schedule.step()\n        losses.append(loss.detach())\n",
    ),
    Mutant(
        "landmarks_tensors",
        "landmark_predictions returns 0-d tensors instead of Python floats",
        F,
        LANDMARK_OUT,
        "        out = list(predict(x).reshape(-1))\n",
    ),
    Mutant(
        "landmarks_numpy_floats",
        "landmark_predictions returns numpy float32 scalars instead of Python floats",
        F,
        LANDMARK_OUT,
        "        out = list(predict(x).reshape(-1).numpy())\n",
    ),
    Mutant(
        "landmarks_float64_points",
        "landmark_predictions hands predict float64 points (predict expects float32)",
        F,
        POINTS,
        "    x = torch.tensor([[math.pi / 2], [math.pi]], dtype=torch.float64, device=device)\n",
    ),
    Mutant(
        "landmarks_flat_points",
        "landmark_predictions hands predict a tensor of shape (2,) instead of (2, 1)",
        F,
        POINTS,
        "    x = torch.tensor([math.pi / 2, math.pi], device=device)\n",
    ),
    # --- gradients tracked
    Mutant(
        "landmarks_tracks_gradients",
        "landmark_predictions calls predict with gradient tracking on (no torch.no_grad)",
        F,
        "    with torch.no_grad():\n" + LANDMARK_OUT,
        LANDMARK_OUT[4:],
    ),
    Mutant(
        "gd_update_outside_no_grad",
        "gd_steps updates the weights in place outside torch.no_grad() (raises)",
        F,
        "        with torch.no_grad():\n            for w in (w1, w2):\n"
        "                w -= lr * w.grad\n                w.grad.zero_()\n",
        "        for w in (w1, w2):\n            w -= lr * w.grad\n            w.grad.zero_()\n",
    ),
    # --- off by one, measured at the wrong time, schedule rounding
    Mutant(
        "gd_off_by_one",
        "gd_steps runs steps - 1 steps (range(1, steps))",
        F,
        "    for _ in range(steps):\n        loss = ((forward_nobias",
        "    for _ in range(1, steps):\n        loss = ((forward_nobias",
    ),
    Mutant(
        "gd_loss_after_update",
        "gd_steps records each loss after its update instead of before",
        F,
        GD_TAIL,
        "                w.grad.zero_()\n"
        "        losses.append(((forward_nobias(x, w1, w2) - y) ** 2).mean().item())\n",
    ),
    Mutant(
        "adam_loss_after_step",
        "adam_steps records each loss after its update instead of before",
        F,
        ADAM_TAIL,
        "        schedule.step()\n"
        "        losses.append(((forward_bias(x, params, activation) - y) ** 2).mean().item())\n",
    ),
    Mutant(
        "adam_backward_on_sum",
        "adam_steps calls backward() on the sum of the squared errors (records the mean)",
        F,
        "        loss.backward()\n        optimizer.step()\n        schedule.step()\n",
        "        (loss * len(x)).backward()\n        optimizer.step()\n        schedule.step()\n",
    ),
    Mutant(
        "adam_eps_1e7",
        "adam_steps uses Adam(..., eps=1e-7) (Keras's default) instead of torch's 1e-8",
        F,
        "optimizer = torch.optim.Adam(params.values(), lr=lr)",
        "optimizer = torch.optim.Adam(params.values(), lr=lr, eps=1e-7)",
    ),
    Mutant(
        "adam_float_milestone",
        "the milestone 3 * steps / 4 is a float: never reached when steps is not a multiple of 4",
        F,
        SCHEDULE,
        SCHEDULE.replace("3 * steps // 4", "3 * steps / 4"),
    ),
    Mutant(
        "adam_milestone_rounded",
        "the milestone round(0.75 * steps) instead of 3 * steps // 4 (16, not 15, for 21 steps)",
        F,
        SCHEDULE,
        SCHEDULE.replace("3 * steps // 4", "round(0.75 * steps)"),
    ),
    Mutant(
        "adam_milestone_quarters",
        "the milestone 3 * (steps // 4) instead of 3 * steps // 4 (15, not 16, for 22 steps)",
        F,
        SCHEDULE,
        SCHEDULE.replace("3 * steps // 4", "3 * (steps // 4)"),
    ),
    Mutant(
        "adam_schedule_before_step",
        "the schedule is stepped before the optimizer: the lr drops one step early",
        F,
        "        optimizer.step()\n        schedule.step()\n",
        "        schedule.step()\n        optimizer.step()\n",
    ),
    # --- not in place
    Mutant(
        "adam_trains_copies",
        "adam_steps trains copies of the tensors: the caller's params never change",
        F,
        "    " + ADAM + "\n",
        "    params = {k: v.detach().clone().requires_grad_() for k, v in params.items()}\n"
        "    " + ADAM + "\n",
    ),
    Mutant(
        "adam_rebinds_dict_entries",
        "adam_steps puts fresh leaf copies into params and trains those: the dict ends right, "
        "but the tensors the caller was handed never change",
        F,
        "    " + ADAM + "\n",
        "    for name in list(params):\n"
        "        params[name] = params[name].detach().clone().requires_grad_()\n"
        "    " + ADAM + "\n",
    ),
    # --- train_nobias / train_bias: wrong data, start or step count
    Mutant(
        "train_nobias_eval_grid",
        "train_nobias trains on the evaluation grid instead of make_train_data",
        F,
        NOBIAS_SETUP,
        NOBIAS_SETUP.replace("make_train_data(", "make_eval_grid("),
        training=True,
    ),
    Mutant(
        "train_bias_eval_grid",
        "train_bias trains on the evaluation grid instead of make_train_data",
        F,
        BIAS_SETUP,
        BIAS_SETUP.replace("make_train_data(", "make_eval_grid("),
        training=True,
    ),
    Mutant(
        "train_nobias_default_steps",
        "train_nobias always trains NOBIAS_STEPS steps and cuts the history to steps",
        F,
        "    losses = gd_steps(x, y, w1, w2, lr, steps)\n",
        "    losses = gd_steps(x, y, w1, w2, lr, NOBIAS_STEPS)[:steps]\n",
        training=True,
    ),
    Mutant(
        "train_bias_default_steps",
        "train_bias always trains BIAS_STEPS steps and cuts the history to steps",
        F,
        "    losses = adam_steps(x, y, params, activation, lr, steps)\n",
        "    losses = adam_steps(x, y, params, activation, lr, BIAS_STEPS)[:steps]\n",
        training=True,
    ),
    Mutant(
        "train_nobias_own_start",
        "train_nobias draws its own start from the global RNG instead of init_nobias(hidden, seed)",
        F,
        "    w1, w2 = init_nobias(hidden, seed, device)\n    losses",
        "    w1 = torch.randn(1, hidden, device=device, requires_grad=True)\n"
        "    w2 = torch.randn(hidden, 1, device=device, requires_grad=True)\n    losses",
        training=True,
    ),
    # --- forwards that cut the gradient (unseen review, stop 20): their own checks fail, the
    # loops' do not (the loop probes hand the loops the specified forwards)
    Mutant(
        "bias_fwd_b2_item",
        "forward_bias adds b2 as a Python number (b2.item()): no gradient reaches b2",
        F,
        BIAS_FWD,
        BIAS_FWD.replace('params["b2"]', 'params["b2"].item()'),
    ),
    Mutant(
        "nobias_fwd_w1_data",
        "forward_nobias multiplies by w1.data: the value is right, no gradient reaches W1",
        F,
        "return torch.relu(x @ w1) @ w2",
        "return torch.relu(x @ w1.data) @ w2",
    ),
    Mutant(
        "adam_eps_1e-6",
        "Adam with eps=1e-6 instead of the default 1e-8 (every update slightly smaller)",
        F,
        ADAM,
        ADAM.replace("lr=lr)", "lr=lr, eps=1e-6)"),
    ),
    # --- train_nobias / train_bias: the caller's global generator (unseen review, stop 20)
    Mutant(
        "train_nobias_reseeds_global",
        "train_nobias calls torch.manual_seed(seed) 'to be safe', resetting the caller's generator",
        F,
        NOBIAS_SETUP,
        "    torch.manual_seed(seed)\n" + NOBIAS_SETUP,
    ),
    Mutant(
        "train_bias_reseeds_global",
        "train_bias calls torch.manual_seed(seed) first, resetting the caller's generator",
        F,
        BIAS_SETUP,
        BIAS_SETUP.replace("    params = ", "    torch.manual_seed(seed)\n    params = "),
    ),
)

# The stated conventions each have a mutant too (issue 15): the public checks catch them.
STATED = (
    Mutant(
        "data_y_before_scaling",
        "make_train_data takes y = sin of the unscaled midpoints i + 0.5 (before the factor 10/n)",
        F,
        DATA_RETURN,
        DATA_RETURN.replace("torch.sin(x)", "torch.sin(x * n / X_MAX)"),
    ),
    Mutant(
        "floor_mse_summed",
        "best_origin_line_mse returns the summed squared error instead of the mean",
        F,
        "    return float(c), float(((c * x64 - y64) ** 2).mean())\n",
        "    return float(c), float(((c * x64 - y64) ** 2).sum())\n",
    ),
    Mutant(
        "nobias_fwd_float64",
        "forward_nobias computes in float64 and returns a float64 tensor",
        F,
        "return torch.relu(x @ w1) @ w2",
        "return torch.relu(x.double() @ w1.double()) @ w2.double()",
    ),
    Mutant(
        "nobias_fwd_softplus",
        "forward_nobias with softplus, a smooth relu (not positively homogeneous)",
        F,
        "return torch.relu(x @ w1) @ w2",
        "return torch.nn.functional.softplus(x @ w1) @ w2",
    ),
    Mutant(
        "bias_fwd_flat",
        "forward_bias squeezes its output to shape (N,)",
        F,
        BIAS_FWD,
        BIAS_FWD.replace("return ", "return (") + ").squeeze(1)",
    ),
    Mutant(
        "gd_trains_copies",
        "gd_steps trains copies of w1 and w2: the caller's tensors never change",
        F,
        "    # BEGIN SOLUTION (Task 5.4)\n    losses = []\n",
        "    # BEGIN SOLUTION (Task 5.4)\n"
        "    w1, w2 = w1.detach().clone().requires_grad_(), w2.detach().clone().requires_grad_()\n"
        "    losses = []\n",
    ),
    Mutant(
        "adam_custom_betas",
        "Adam with betas (0.9, 0.99) instead of the default (0.9, 0.999)",
        F,
        ADAM,
        ADAM.replace("lr=lr)", "lr=lr, betas=(0.9, 0.99))"),
    ),
    Mutant(
        "train_nobias_flat_weights",
        "train_nobias returns W1 and W2 squeezed to 1-d tensors",
        F,
        "    return w1, w2, losses\n",
        "    return w1.squeeze(), w2.squeeze(), losses\n",
    ),
    Mutant(
        "train_nobias_losses_tensor",
        "train_nobias returns the loss history as a tensor instead of gd_steps's list",
        F,
        "    return w1, w2, losses\n",
        "    return w1, w2, torch.tensor(losses)\n",
    ),
    Mutant(
        "train_nobias_returns_start",
        "train_nobias returns copies of its starting weights instead of the trained ones",
        F,
        "    losses = gd_steps(x, y, w1, w2, lr, steps)\n    return w1, w2, losses\n",
        "    start = (w1.detach().clone(), w2.detach().clone())\n"
        "    losses = gd_steps(x, y, w1, w2, lr, steps)\n    return *start, losses\n",
    ),
    Mutant(
        "train_bias_own_start",
        "train_bias redraws its start from the global RNG instead of using init_bias(hidden, seed)",
        F,
        BIAS_SETUP,
        "    x, y = make_train_data(device=device)\n"
        "    params = {k: v.detach().uniform_(-1, 1).requires_grad_()\n"
        "              for k, v in init_bias(hidden, seed, device).items()}\n",
    ),
    Mutant(
        "train_bias_losses_tensor",
        "train_bias returns the loss history as a tensor instead of adam_steps's list",
        F,
        "    return params, losses\n",
        "    return params, torch.tensor(losses)\n",
    ),
)

# Wrong answers an outside review found keeping (nearly) full marks (docs/calibration/sine_bias.md).
REVIEWED = (
    Mutant(
        "gd_ignores_y",
        "gd_steps fits torch.sin(x) whatever targets y it is handed",
        F,
        "        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()\n",
        "        loss = ((forward_nobias(x, w1, w2) - torch.sin(x)) ** 2).mean()\n",
    ),
    Mutant(
        "adam_ignores_y",
        "adam_steps fits torch.sin(x) whatever targets y it is handed",
        F,
        "        loss = ((forward_bias(x, params, activation) - y) ** 2).mean()\n",
        "        loss = ((forward_bias(x, params, activation) - torch.sin(x)) ** 2).mean()\n",
    ),
    Mutant(
        "landmarks_global_no_grad",
        "landmark_predictions turns gradients off with torch.set_grad_enabled(False) and leaves "
        "them off (a later train_bias raises)",
        F,
        "    with torch.no_grad():\n" + LANDMARK_OUT,
        "    torch.set_grad_enabled(False)\n" + LANDMARK_OUT[4:],
    ),
    Mutant(
        "adam_amsgrad",
        "Adam with amsgrad=True (differs only after some steps)",
        F,
        ADAM,
        ADAM.replace("lr=lr)", "lr=lr, amsgrad=True)"),
    ),
    Mutant(
        "gd_clamped_grad",
        "gd_steps clamps the gradient to [-100, 100] in the update",
        F,
        GD_UPDATE,
        "                w -= lr * w.grad.clamp(-100, 100)\n",
    ),
    Mutant(
        "train_nobias_retry",
        "train_nobias retries from init_nobias(hidden, seed + 1) when the final loss is above 0.46",
        F,
        "    losses = gd_steps(x, y, w1, w2, lr, steps)\n    return w1, w2, losses\n",
        "    losses = gd_steps(x, y, w1, w2, lr, steps)\n"
        "    if losses[-1] > 0.46:\n"
        "        w1, w2 = init_nobias(hidden, seed + 1, device)\n"
        "        losses = gd_steps(x, y, w1, w2, lr, steps)\n"
        "    return w1, w2, losses\n",
        training=True,
    ),
    Mutant(
        "train_bias_polish",
        "train_bias adds adam_steps(lr / 10, steps // 2) when steps >= 1000 (returned losses "
        "unchanged)",
        F,
        "    losses = adam_steps(x, y, params, activation, lr, steps)\n",
        "    losses = adam_steps(x, y, params, activation, lr, steps)\n"
        "    if steps >= 1000:\n"
        "        adam_steps(x, y, params, activation, lr / 10, steps // 2)\n",
        training=True,
    ),
    Mutant(
        "bias_fwd_mutates_params",
        "forward_bias reshapes b1 to (1, H) in the caller's params dict",
        F,
        '    act = torch.tanh if activation == "tanh" else torch.relu\n',
        '    params["b1"] = params["b1"].reshape(1, -1)\n'
        '    act = torch.tanh if activation == "tanh" else torch.relu\n',
    ),
    Mutant(
        "train_nobias_fork_rng",
        "train_nobias seeds torch's global generator 'for reproducibility' inside fork_rng",
        F,
        "    w1, w2 = init_nobias(hidden, seed, device)\n",
        "    with torch.random.fork_rng():\n"
        "        torch.manual_seed(seed)\n"
        "        w1, w2 = init_nobias(hidden, seed, device)\n",
    ),
)

# Third round of unseen wrong answers (docs/calibration/sine_bias.md): each equal to the reference
# on every probe that existed, each caught by one new check.
UNSEEN = (
    Mutant(
        "gd_zero_grads_first",
        "gd_steps zeroes both gradients at the start of each step instead of after the update: "
        "the same losses and weights, but the last gradient stays in W.grad",
        F,
        "    for _ in range(steps):\n"
        "        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()\n"
        "        loss.backward()\n"
        "        with torch.no_grad():\n"
        "            for w in (w1, w2):\n"
        "                w -= lr * w.grad\n"
        "                w.grad.zero_()\n",
        "    for _ in range(steps):\n"
        "        for w in (w1, w2):\n"
        "            if w.grad is not None:\n"
        "                w.grad.zero_()\n"
        "        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()\n"
        "        loss.backward()\n"
        "        with torch.no_grad():\n"
        "            for w in (w1, w2):\n"
        "                w -= lr * w.grad\n",
    ),
    Mutant(
        "adam_steplr",
        "the drop as StepLR(step_size=3 * steps // 4): the same from 2 steps on, divides by zero "
        "at 1 step",
        F,
        SCHEDULE,
        "schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3 * steps // 4, "
        "gamma=0.1)",
    ),
    Mutant(
        "adam_milestone_at_least_one",
        "the milestone max(1, 3 * steps // 4): with 1 step the drop never comes (lr, not lr / 10)",
        F,
        SCHEDULE,
        SCHEDULE.replace("[3 * steps // 4]", "[max(1, 3 * steps // 4)]"),
    ),
    Mutant(
        "adam_cached_optimizer",
        "adam_steps keeps its Adam and schedule in a module-level dict keyed by the tensors' ids "
        "and reuses them when called again on the same tensors",
        F,
        "    " + ADAM + "\n    " + SCHEDULE + "\n",
        '    cache = globals().setdefault("_ADAM_CACHE", {})\n'
        "    key = tuple(id(p) for p in params.values())\n"
        "    if key not in cache:\n"
        "        " + ADAM + "\n"
        "        cache[key] = (optimizer, torch.optim.lr_scheduler.MultiStepLR(\n"
        "            optimizer, [3 * steps // 4], gamma=0.1))\n"
        "    optimizer, schedule = cache[key]\n",
    ),
)

# Fourth round (docs/calibration/sine_bias.md): the caller's global generator in the loops and the
# data, a cached training set, zero_grad after the step with stale gradients handed in.
FOURTH = (
    Mutant(
        "gd_reseeds_global",
        "gd_steps calls torch.manual_seed(0) first 'for reproducibility', resetting the caller's "
        "generator",
        F,
        "    losses = []\n    for _ in range(steps):\n        loss = ((forward_nobias(",
        "    torch.manual_seed(0)\n"
        "    losses = []\n    for _ in range(steps):\n        loss = ((forward_nobias(",
    ),
    Mutant(
        "adam_randperm_shuffle",
        "adam_steps shuffles the full batch with torch.randperm(len(x)) every step (the same "
        "loss and gradients, but it draws from the caller's global generator)",
        F,
        "        loss = ((forward_bias(x, params, activation) - y) ** 2).mean()\n",
        "        order = torch.randperm(len(x))\n"
        "        loss = ((forward_bias(x[order], params, activation) - y[order]) ** 2).mean()\n",
    ),
    Mutant(
        "data_reseeds_global",
        "make_train_data calls torch.manual_seed(0) first, resetting the caller's generator",
        F,
        "    x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)\n",
        "    torch.manual_seed(0)\n"
        "    x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)\n",
    ),
    Mutant(
        "data_cached",
        "make_train_data keeps its (x, y) per (n, device) in a module-level dict and returns the "
        "same tensors on every later call",
        F,
        DATA_RETURN,
        "    x = x.reshape(n, 1)\n"
        '    cache = globals().setdefault("_DATA_CACHE", {})\n'
        "    if (n, str(device)) not in cache:\n"
        "        cache[n, str(device)] = (x.float().to(device), torch.sin(x).float().to(device))\n"
        "    return cache[n, str(device)]\n",
    ),
    Mutant(
        "adam_zero_grad_after_step",
        "adam_steps calls optimizer.zero_grad() after optimizer.step() instead of before the "
        "loss: the same loop when .grad starts as None, stale gradients added to the first step",
        F,
        "        optimizer.zero_grad()\n"
        "        loss = ((forward_bias(x, params, activation) - y) ** 2).mean()\n"
        "        loss.backward()\n"
        "        optimizer.step()\n",
        "        loss = ((forward_bias(x, params, activation) - y) ** 2).mean()\n"
        "        loss.backward()\n"
        "        optimizer.step()\n"
        "        optimizer.zero_grad()\n",
    ),
)

# A fifth round of unseen wrong answers (each at full marks before gd_extremes, adam_extremes,
# train_repeat, the seed-0 and dead-start replays, floor_inputs_unchanged and the landmarks
# case inside torch.no_grad()).
FIFTH = (
    Mutant(
        "floor_residual_in_place",
        "best_origin_line_mse: residual computed in place on y.double(), which IS the "
        "caller's y when y is float64 (mutates input)",
        F,
        "    return float(c), float(((c * x64 - y64) ** 2).mean())",
        "    y64 -= c * x64  # residual, reusing the buffer\n"
        "    return float(c), float((y64 ** 2).mean())",
    ),
    Mutant(
        "gd_lr_or_default",
        "gd_steps: `lr = lr or NOBIAS_LR` so lr=0 still trains at 5e-4",
        F,
        "    losses = []\n    for _ in range(steps):\n        loss = ((forward_nobias",
        "    lr = lr or NOBIAS_LR\n    losses = []\n    for _ in range(steps):\n"
        "        loss = ((forward_nobias",
    ),
    Mutant(
        "gd_stops_on_nonfinite_loss",
        "gd_steps: stops early (returns fewer than `steps` losses) once the loss is not finite",
        F,
        "        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()\n        loss.backward()",
        "        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()\n"
        "        if not math.isfinite(loss.item()):\n            losses.append(loss.item())\n"
        "            break\n        loss.backward()",
    ),
    Mutant(
        "gd_clamps_gradients",
        'gd_steps: clamps each gradient entry to +-1e5 "for stability" (only bites for huge '
        "gradients)",
        F,
        "                w -= lr * w.grad\n",
        "                w -= lr * w.grad.clamp(-1e5, 1e5)\n",
    ),
    Mutant(
        "nobias_seed_zero_replaced",
        "train_nobias: `if not seed: seed = 42` (seed=0 silently trains from seed 42)",
        F,
        "    x, y = make_train_data(device=device)\n    w1, w2 = init_nobias(hidden, seed, device)",
        "    if not seed:\n        seed = 42\n    x, y = make_train_data(device=device)\n"
        "    w1, w2 = init_nobias(hidden, seed, device)",
        training=True,
    ),
    Mutant(
        "nobias_retries_dead_start",
        "train_nobias: if every hidden unit starts dead (all W1 <= 0) it re-inits from seed + 1",
        F,
        "    w1, w2 = init_nobias(hidden, seed, device)\n    losses = gd_steps",
        "    w1, w2 = init_nobias(hidden, seed, device)\n    if bool((w1 <= 0).all()):\n"
        "        w1, w2 = init_nobias(hidden, seed + 1, device)\n    losses = gd_steps",
        training=True,
    ),
    Mutant(
        "adam_steps_or_default",
        "adam_steps: `steps = steps or BIAS_STEPS` so steps=0 runs 2000 Adam steps",
        F,
        "    optimizer = torch.optim.Adam(params.values(), lr=lr)\n",
        "    steps = steps or BIAS_STEPS\n"
        "    optimizer = torch.optim.Adam(params.values(), lr=lr)\n",
    ),
    Mutant(
        "adam_lr_or_default",
        "adam_steps: `lr = lr or BIAS_LR` so lr=0 still trains at 0.02",
        F,
        "    optimizer = torch.optim.Adam(params.values(), lr=lr)\n",
        "    lr = lr or BIAS_LR\n    optimizer = torch.optim.Adam(params.values(), lr=lr)\n",
    ),
    Mutant(
        "adam_clips_gradient_norm",
        "adam_steps: clip_grad_norm_(max_norm=100) before optimizer.step() (only bites for "
        "large gradients)",
        F,
        "        loss.backward()\n        optimizer.step()",
        "        loss.backward()\n"
        "        torch.nn.utils.clip_grad_norm_(list(params.values()), max_norm=100.0)\n"
        "        optimizer.step()",
    ),
    Mutant(
        "adam_early_stop_small_loss",
        "adam_steps: breaks out once a loss is below 1e-7 (returns fewer than `steps` losses)",
        F,
        "        losses.append(loss.item())\n    return losses\n    # END SOLUTION\n\n\n"
        "def train_bias(",
        "        losses.append(loss.item())\n        if losses[-1] < 1e-7:\n            break\n"
        "    return losses\n    # END SOLUTION\n\n\ndef train_bias(",
    ),
    Mutant(
        "bias_seed_zero_replaced",
        "train_bias: init_bias(hidden, seed or 1, device) (seed=0 silently becomes seed 1)",
        F,
        "    params = init_bias(hidden, seed, device)\n",
        "    params = init_bias(hidden, seed or 1, device)\n",
        training=True,
    ),
    Mutant(
        "landmarks_grad_forced_on",
        "landmark_predictions: set_grad_enabled(False) ... set_grad_enabled(True): called "
        "under no_grad it turns grad mode ON for the caller",
        F,
        "    with torch.no_grad():\n        out = predict(x).reshape(-1).tolist()",
        "    torch.set_grad_enabled(False)\n    out = predict(x).reshape(-1).tolist()\n"
        "    torch.set_grad_enabled(True)",
    ),
    Mutant(
        "bias_results_cached",
        "train_bias caches its results by arguments: a repeat call returns the same params dict "
        "and loss list",
        F,
        "    x, y = make_train_data(device=device)\n    params = init_bias(hidden, seed, device)\n",
        "    cache = globals().setdefault('_RESULTS', {})\n"
        "    key = (activation, seed, str(device), hidden, lr, steps)\n"
        "    if key in cache:\n"
        "        return cache[key]\n"
        "    x, y = make_train_data(device=device)\n    params = init_bias(hidden, seed, device)\n"
        "    cache[key] = (params, adam_steps(x, y, params, activation, lr, steps))\n"
        "    return cache[key]\n",
    ),
)

MUTANTS = MUTANTS + STATED + REVIEWED + UNSEEN + FOURTH + FIFTH

DEVICE_MUTANTS = (
    Mutant(
        "data_ignores_device",
        "make_train_data leaves x and y on the CPU (caught under --device cuda only)",
        F,
        DATA_RETURN,
        "    x = x.reshape(n, 1)\n    return x.float(), torch.sin(x).float()\n",
    ),
    Mutant(
        "data_y_left_on_cpu",
        "make_train_data moves x to the device but leaves y on the CPU (caught under --device "
        "cuda only)",
        F,
        DATA_RETURN,
        "    x = x.reshape(n, 1)\n    return x.float().to(device), torch.sin(x).float()\n",
    ),
    Mutant(
        "train_nobias_ignores_device",
        "train_nobias trains on the CPU whatever the device (caught under --device cuda only)",
        F,
        NOBIAS_SETUP,
        "    x, y = make_train_data()\n    w1, w2 = init_nobias(hidden, seed)\n",
    ),
    Mutant(
        "train_bias_ignores_device",
        "train_bias trains on the CPU whatever the device (caught under --device cuda only)",
        F,
        BIAS_SETUP,
        "    x, y = make_train_data()\n    params = init_bias(hidden, seed)\n",
    ),
    Mutant(
        "landmarks_ignores_device",
        "landmark_predictions builds its points on the CPU (caught under --device cuda only)",
        F,
        POINTS,
        "    x = torch.tensor([[math.pi / 2], [math.pi]])\n",
    ),
)

ALTERNATIVES = (
    Mutant(
        "make_train_data_linspace",
        "make_train_data as a linspace from half a spacing to 10 minus half a spacing",
        F,
        "    x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)\n"
        "    x = x.reshape(n, 1)\n",
        "    half = X_MAX / (2 * n)\n"
        "    x = torch.linspace(half, X_MAX - half, n, dtype=torch.float64).reshape(-1, 1)\n",
    ),
    Mutant(
        "make_train_data_float32",
        "make_train_data in default float32 arithmetic, (arange(n) + 0.5) * 10 / n: the float32 "
        "midpoints within a rounding or two (accepted: the docstring's formula, written plainly)",
        F,
        "    x = (torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)\n"
        "    x = x.reshape(n, 1)\n"
        "    return x.float().to(device), torch.sin(x).float().to(device)\n",
        "    x = ((torch.arange(n) + 0.5) * 10 / n).reshape(n, 1).to(device)\n"
        "    return x, torch.sin(x)\n",
    ),
    Mutant(
        "best_origin_line_mse_dot",
        "best_origin_line_mse with flattened float64 vectors, torch.dot and .item()",
        F,
        "    x64, y64 = x.double(), y.double()\n"
        "    c = (x64 * y64).sum() / (x64 * x64).sum()\n"
        "    return float(c), float(((c * x64 - y64) ** 2).mean())\n",
        "    xs, ys = x.reshape(-1).double(), y.reshape(-1).double()\n"
        "    c = torch.dot(xs, ys) / torch.dot(xs, xs)\n"
        "    return c.item(), torch.mean((ys - c * xs) ** 2).item()\n",
    ),
    Mutant(
        "forward_nobias_clamp_mm",
        "forward_nobias with mm and clamp(min=0)",
        F,
        "return torch.relu(x @ w1) @ w2",
        "return x.mm(w1).clamp(min=0).mm(w2)",
    ),
    Mutant(
        "gd_steps_fmse_data",
        "gd_steps with F.mse_loss, updates through .data and gradients set to None",
        F,
        "        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()\n"
        "        loss.backward()\n"
        "        with torch.no_grad():\n"
        "            for w in (w1, w2):\n"
        "                w -= lr * w.grad\n"
        "                w.grad.zero_()\n"
        "        losses.append(loss.item())\n",
        "        loss = torch.nn.functional.mse_loss(forward_nobias(x, w1, w2), y)\n"
        "        loss.backward()\n"
        "        w1.data -= lr * w1.grad.data\n"
        "        w2.data -= lr * w2.grad.data\n"
        "        w1.grad = None\n"
        "        w2.grad = None\n"
        "        losses.append(float(loss))\n",
    ),
    Mutant(
        "train_nobias_keywords",
        "train_nobias: start first, then the data with n given, gd_steps called by keyword",
        F,
        NOBIAS_SETUP
        + "    losses = gd_steps(x, y, w1, w2, lr, steps)\n    return w1, w2, losses\n",
        "    w1, w2 = init_nobias(hidden=hidden, seed=seed, device=device)\n"
        "    x, y = make_train_data(N_TRAIN, device)\n"
        "    history = gd_steps(x, y, w1, w2, steps=steps, lr=lr)\n"
        "    return w1, w2, history\n",
    ),
    Mutant(
        "forward_bias_addmm",
        "forward_bias with torch.addmm and tensor methods for the activation",
        F,
        '    act = torch.tanh if activation == "tanh" else torch.relu\n    ' + BIAS_FWD + "\n",
        '    h = torch.addmm(params["b1"], x, params["W1"])\n'
        '    h = h.tanh() if activation == "tanh" else h.clamp_min(0)\n'
        '    return torch.addmm(params["b2"], h, params["W2"])\n',
    ),
    Mutant(
        "adam_steps_manual_drop",
        "adam_steps with the lr drop set by hand at int(0.75 * steps), parameters in another "
        "order, F.mse_loss, and zero_grad once before the loop and after each step",
        F,
        "    " + ADAM + "\n    " + SCHEDULE + "\n    losses = []\n    for _ in range(steps):\n"
        "        optimizer.zero_grad()\n"
        "        loss = ((forward_bias(x, params, activation) - y) ** 2).mean()\n"
        "        loss.backward()\n        optimizer.step()\n" + ADAM_TAIL,
        '    optimizer = torch.optim.Adam([params[k] for k in ("b2", "W2", "b1", "W1")], lr=lr)\n'
        "    optimizer.zero_grad()\n"
        "    losses = []\n"
        "    for step in range(steps):\n"
        "        if step == int(0.75 * steps):\n"
        "            for group in optimizer.param_groups:\n"
        '                group["lr"] = lr * 0.1\n'
        "        loss = torch.nn.functional.mse_loss(forward_bias(x, params, activation), y)\n"
        "        loss.backward()\n"
        "        optimizer.step()\n"
        "        optimizer.zero_grad()\n"
        "        losses.append(float(loss))\n",
    ),
    Mutant(
        "train_bias_keywords",
        "train_bias: start first, then the data with n given, adam_steps called by keyword",
        F,
        BIAS_SETUP + "    losses = adam_steps(x, y, params, activation, lr, steps)\n",
        "    params = init_bias(seed=seed, hidden=hidden, device=device)\n"
        "    x, y = make_train_data(n=N_TRAIN, device=device)\n"
        "    losses = adam_steps(x, y, params, activation=activation, steps=steps, lr=lr)\n",
    ),
    Mutant(
        "landmark_predictions_inference_mode",
        "landmark_predictions under torch.inference_mode, points unsqueezed, float() per value",
        F,
        POINTS + "    with torch.no_grad():\n" + LANDMARK_OUT,
        "    points = torch.tensor([math.pi / 2, math.pi], dtype=torch.float32, device=device)\n"
        "    with torch.inference_mode():\n"
        "        out = [float(v) for v in predict(points.unsqueeze(1)).flatten()]\n",
    ),
)
