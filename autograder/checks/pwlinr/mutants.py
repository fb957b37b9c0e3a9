"""Realistic wrong answers for pwlinr (each must lose points; see ``course validate``), and
differently written correct solutions (``ALTERNATIVES``: each must keep full marks).

``training=True`` marks mistakes in fit_logistic that a seeded check (``fit_mae``, or the
step-by-step ``fit_replay``) catches on every seed (``course validate --seeds``).

``DEVICE_MUTANTS`` ignore the device: they can only be caught under ``--device cuda`` (by the
device_only checks ``formula_device``, ``relu_device`` and ``fit_device``); on a CPU they keep
full marks, so they are kept out of ``MUTANTS``.
"""

from autograder.authoring.mutants import Mutant
from autograder.layout import REPO_ROOT

F = "pwlinr.py"
SOLUTION = (REPO_ROOT / "solutions" / "pwlinr" / F).read_text(encoding="utf-8")


def _body(function: str) -> str:
    """The solution region of ``function``: the text between its BEGIN and END markers."""
    start = SOLUTION.index(f"def {function}(")
    begin = SOLUTION.index("\n", SOLUTION.index("# BEGIN SOLUTION", start)) + 1
    return SOLUTION[begin : SOLUTION.index("    # END SOLUTION", begin)]


MUTANTS = (
    Mutant(
        "formula_zero_at_kink",
        "masks x < 0 and x > 0 (as in the source): y(0) stays 0",
        F,
        "y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]",
        "y[x > 0] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[x > 0]",
    ),
    Mutant(
        "relu_form_swapped",
        "line_relu puts slope 9 on relu(x) and -4.5 on relu(-x)",
        F,
        "RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x)",
        "-LEFT_SLOPE * torch.relu(x) + RIGHT_SLOPE * torch.relu(-x)",
    ),
    Mutant(
        "relu_form_sign",
        "line_relu adds 9·relu(-x) instead of subtracting it",
        F,
        "RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x)",
        "RIGHT_SLOPE * torch.relu(x) + LEFT_SLOPE * torch.relu(-x)",
    ),
    Mutant(
        "pwlinr_output_weights_swapped",
        "second layer weight [[-9, -4.5]] instead of [[-4.5, -9]]",
        F,
        "net[2].weight.copy_(torch.tensor([[RIGHT_SLOPE, -LEFT_SLOPE]]))",
        "net[2].weight.copy_(torch.tensor([[-LEFT_SLOPE, RIGHT_SLOPE]]))",
    ),
    Mutant(
        "pwlinr_first_layer_bias",
        "first layer created with a (zeroed) bias",
        F,
        "        torch.nn.Linear(1, 2, bias=False),\n        torch.nn.ReLU(),\n        "
        "torch.nn.Linear(2, 1),\n    )\n"
        "    with torch.no_grad():\n        net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n  "
        "      net[2].weight.copy_(",
        "        torch.nn.Linear(1, 2),\n        torch.nn.ReLU(),\n        torch.nn.Linear(2, "
        "1),\n    )\n"
        "    with torch.no_grad():\n        net[0].bias.zero_()\n        "
        "net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n"
        "        net[2].weight.copy_(",
    ),
    Mutant(
        "pwlinr_first_layer_flipped",
        "first layer weight [[-1], [1]]: the units see the wrong sides",
        F,
        "net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n        "
        "net[2].weight.copy_(torch.tensor([[RIGHT",
        "net[0].weight.copy_(torch.tensor([[-1.0], [1.0]]))\n        "
        "net[2].weight.copy_(torch.tensor([[RIGHT",
    ),
    Mutant(
        "pwlinr_no_output_bias",
        "second layer bias left at its random initial value",
        F,
        "        net[2].bias.fill_(VALUE_AT_ZERO)\n",
        "",
    ),
    Mutant(
        "knots_kink_off_by_one",
        "kink units placed at x_2 .. x_{n-1} instead of x_1 .. x_{n-2}",
        F,
        "b1[2:] = -px[1:-1]",
        "b1[2:] = -px[2:]",
    ),
    Mutant(
        "knots_slope_not_differenced",
        "kink unit weight is the new slope, not the change of slope",
        F,
        "w2[0, 2:] = slopes[1:] - slopes[:-1]",
        "w2[0, 2:] = slopes[1:]",
    ),
    Mutant(
        "knots_flat_left",
        "no unit for the left side: flat before the first knot",
        F,
        "w2[0, 0], w2[0, 1] = slopes[0], -slopes[0]",
        "w2[0, 0], w2[0, 1] = slopes[0], 0.0",
    ),
    Mutant(
        "knots_not_sorted",
        "knots used in the order given",
        F,
        "pts = sorted(zip(",
        "pts = list(zip(",
    ),
    Mutant(
        "knots_duplicates_allowed",
        "duplicate x not rejected (division by zero)",
        F,
        '    if bool((gaps == 0).any()):\n        raise ValueError("duplicate x values among the '
        'knots")\n',
        "",
    ),
    Mutant(
        "data_global_rng",
        "labels drawn from the global RNG instead of the seeded generator",
        F,
        "y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n    return x, "
        "y, prob",
        "y = torch.bernoulli(prob)\n    return x, y, prob",
    ),
    Mutant(
        "logistic_no_relu",
        "no ReLU (Identity instead): a plain logistic regression, which cannot bend",
        F,
        "        torch.nn.ReLU(),\n        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),",
        "        torch.nn.Identity(),\n        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),",
        training=True,
    ),
    Mutant(
        "fit_no_zero_grad",
        "gradients are never zeroed, so they pile up over the epochs",
        F,
        "        optimizer.zero_grad()\n    return net",
        "    return net",
        training=True,
    ),
    Mutant(
        "fit_step_before_backward",
        "optimizer.step() and zero_grad() before loss.backward()",
        F,
        "        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()",
        "        optimizer.step()\n        optimizer.zero_grad()\n        loss.backward()",
        training=True,
    ),
    # --- dtypes, in-place changes and aliasing of the line functions ----------------------------
    Mutant(
        "formula_float64_hardcoded",
        "line_formula always returns float64 (a float32 x gives float64)",
        F,
        "    y = torch.zeros_like(x)\n",
        "    y = torch.zeros(x.shape, dtype=torch.float64)\n",
    ),
    Mutant(
        "relu_default_dtype",
        "line_relu returns torch's default float32 (a float64 x gives float32)",
        F,
        "    return RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO\n",
        "    y = RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO\n"
        "    return y.to(torch.get_default_dtype())\n",
    ),
    Mutant(
        "formula_in_place",
        "line_formula fills x itself (y = x) and returns it: right values, x overwritten",
        F,
        "    y = torch.zeros_like(x)\n",
        "    y = x\n",
    ),
    Mutant(
        "relu_in_place",
        "line_relu clamps x in place (x.clamp_(min=0)) for relu(x): right values, x changed",
        F,
        "    return RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO\n",
        "    neg = torch.relu(-x)\n"
        "    return RIGHT_SLOPE * x.clamp_(min=0) - LEFT_SLOPE * neg + VALUE_AT_ZERO\n",
    ),
    Mutant(
        "formula_numpy",
        "line_formula returns y.numpy() (handy for plotting) instead of the tensor",
        F,
        "    y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]\n    return y\n",
        "    y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]\n    return y.numpy()\n",
    ),
    Mutant(
        "formula_flat",
        "line_formula returns y.reshape(-1): shape (N,) instead of x's (N, 1)",
        F,
        "    y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]\n    return y\n",
        "    y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]\n    return y.reshape(-1)\n",
    ),
    Mutant(
        "relu_squeezed",
        "line_relu squeezes the result: shape (N,) instead of x's (N, 1)",
        F,
        "    return RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO\n",
        "    return (RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO)"
        ".squeeze(1)\n",
    ),
    Mutant(
        "relu_numpy",
        "line_relu returns a numpy array (.numpy()) instead of the tensor",
        F,
        "    return RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO\n",
        "    return (RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO)"
        ".numpy()\n",
    ),
    # --- dtypes of the nets -----------------------------------------------------------------------
    Mutant(
        "pwlinr_double",
        "make_pwlinr returns a float64 net (net.double()) instead of torch's default float32",
        F,
        "        net[2].bias.fill_(VALUE_AT_ZERO)\n    return net\n",
        "        net[2].bias.fill_(VALUE_AT_ZERO)\n    return net.double()\n",
    ),
    Mutant(
        "knots_float32",
        "knots_to_net creates its layers in torch's default float32",
        F,
        "        torch.nn.Linear(1, n, dtype=torch.float64),\n        torch.nn.ReLU(),\n"
        "        torch.nn.Linear(n, 1, dtype=torch.float64),\n",
        "        torch.nn.Linear(1, n),\n        torch.nn.ReLU(),\n"
        "        torch.nn.Linear(n, 1),\n",
    ),
    Mutant(
        "knots_nonfinite_y_accepted",
        "knots_to_net checks only the x values for NaN/inf",
        F,
        "if not bool(torch.isfinite(px).all() and torch.isfinite(py).all()):",
        "if not bool(torch.isfinite(px).all()):",
    ),
    Mutant(
        "knots_mismatch_truncated",
        "knots_to_net does not compare the lengths of xs and ys: zip drops the extra values",
        F,
        '    if len(xs) != len(ys):\n        raise ValueError(f"xs has {len(xs)} values but ys has '
        '{len(ys)}")\n',
        "",
    ),
    Mutant(
        "knots_extra_unit",
        "knots_to_net puts a kink unit at every knot after the first (n + 1 hidden units; the last "
        "one with weight 0): the right values, not the documented n units",
        F,
        "    n = len(pts)\n    w1 = torch.ones(n, 1, dtype=torch.float64)\n"
        "    w1[1, 0] = -1.0\n    b1 = torch.empty(n, dtype=torch.float64)\n"
        "    b1[0], b1[1] = -px[0], px[0]\n    b1[2:] = -px[1:-1]\n"
        "    w2 = torch.empty(1, n, dtype=torch.float64)\n"
        "    w2[0, 0], w2[0, 1] = slopes[0], -slopes[0]\n"
        "    w2[0, 2:] = slopes[1:] - slopes[:-1]\n",
        "    n = len(pts) + 1\n    w1 = torch.ones(n, 1, dtype=torch.float64)\n"
        "    w1[1, 0] = -1.0\n    b1 = torch.empty(n, dtype=torch.float64)\n"
        "    b1[0], b1[1] = -px[0], px[0]\n    b1[2:] = -px[1:]\n"
        "    w2 = torch.empty(1, n, dtype=torch.float64)\n"
        "    w2[0, 0], w2[0, 1] = slopes[0], -slopes[0]\n"
        "    w2[0, 2:] = torch.cat([slopes[1:] - slopes[:-1], slopes.new_zeros(1)])\n",
    ),
    # --- make_data: dtypes and the global generator -----------------------------------------------
    Mutant(
        "data_self_seeding",
        "make_data seeds torch's global generator (torch.manual_seed(seed)) for the labels: the "
        "same labels, but the caller's random state is reset",
        F,
        "    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n"
        "    return x, y, prob",
        "    torch.manual_seed(seed)\n    y = torch.bernoulli(prob)\n    return x, y, prob",
    ),
    Mutant(
        "data_labels_int64",
        "make_data returns the labels as int64 (.long())",
        F,
        "    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n"
        "    return x, y, prob",
        "    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed)).long()\n"
        "    return x, y, prob",
    ),
    Mutant(
        "data_x_float64",
        "make_data builds the grid in float64",
        F,
        "    x = torch.linspace(-1, 1, n).reshape(-1, 1)\n    prob",
        "    x = torch.linspace(-1, 1, n, dtype=torch.float64).reshape(-1, 1)\n    prob",
    ),
    Mutant(
        "data_order_swapped",
        "make_data returns (x, prob, y) instead of (x, y, prob)",
        F,
        "    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n"
        "    return x, y, prob",
        "    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n"
        "    return x, prob, y",
    ),
    Mutant(
        "data_flat",
        "make_data forgets the reshape: x, y and prob of shape (n,)",
        F,
        "    x = torch.linspace(-1, 1, n).reshape(-1, 1)\n",
        "    x = torch.linspace(-1, 1, n)\n",
    ),
    Mutant(
        "data_grid_arange",
        "make_data builds the grid with torch.arange(-1, 1, 2 / n): 1 is left out",
        F,
        "    x = torch.linspace(-1, 1, n).reshape(-1, 1)\n",
        "    x = torch.arange(-1, 1, 2 / n).reshape(-1, 1)\n",
    ),
    Mutant(
        "data_prob_straight",
        "make_data's prob is the sigmoid of the straight left piece 9x + 4.5 (no kink)",
        F,
        "    prob = true_probability(x)\n    y = torch.bernoulli(prob, generator",
        "    prob = torch.sigmoid(9 * x + 4.5)\n    y = torch.bernoulli(prob, generator",
    ),
    # --- make_logistic_net ------------------------------------------------------------------------
    Mutant(
        "logistic_first_layer_frozen",
        "make_logistic_net freezes the first layer (requires_grad off: Adam only trains the rest)",
        F,
        "        net[2].bias.zero_()\n    return net\n",
        "        net[2].bias.zero_()\n    net[0].weight.requires_grad_(False)\n    return net\n",
    ),
    Mutant(
        "logistic_default_init",
        "make_logistic_net keeps PyTorch's random initialisation",
        F,
        "    with torch.no_grad():\n        net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n"
        "        net[2].weight.zero_()\n        net[2].bias.zero_()\n",
        "",
    ),
    Mutant(
        "logistic_first_layer_bias",
        "make_logistic_net's first layer has a (random) bias",
        F,
        "        torch.nn.Linear(1, 2, bias=False),\n        torch.nn.ReLU(),\n"
        "        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),",
        "        torch.nn.Linear(1, 2),\n        torch.nn.ReLU(),\n"
        "        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),",
    ),
    # --- fit_logistic: steps, data, optimizer, loss, seed, device ---------------------------------
    Mutant(
        "fit_one_epoch_too_many",
        "fit_logistic runs epochs + 1 steps",
        F,
        "    for _ in range(epochs):\n        loss = loss_fn",
        "    for _ in range(epochs + 1):\n        loss = loss_fn",
        training=True,
    ),
    Mutant(
        "fit_one_epoch_too_few",
        "fit_logistic loops over range(1, epochs): one step short",
        F,
        "    for _ in range(epochs):\n        loss = loss_fn",
        "    for _ in range(1, epochs):\n        loss = loss_fn",
        training=True,
    ),
    Mutant(
        "fit_trains_on_make_data",
        "fit_logistic trains on make_data(len(x), seed) instead of the x, y it is given",
        F,
        "    x, y = x.to(device), y.to(device)\n",
        "    x, y, _ = make_data(len(x), seed)\n    x, y = x.to(device), y.to(device)\n",
        training=True,
    ),
    Mutant(
        "fit_adam_default_lr",
        "fit_logistic does not pass lr to Adam (Adam's default 0.001)",
        F,
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)",
        "optimizer = torch.optim.Adam(net.parameters())",
        training=True,
    ),
    Mutant(
        "fit_sgd",
        "fit_logistic uses SGD instead of Adam",
        F,
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)",
        "optimizer = torch.optim.SGD(net.parameters(), lr=lr)",
        training=True,
    ),
    Mutant(
        "fit_bce_with_logits",
        "fit_logistic uses BCEWithLogitsLoss on the net's sigmoid output (a second sigmoid)",
        F,
        "    loss_fn = torch.nn.BCELoss()\n",
        "    loss_fn = torch.nn.BCEWithLogitsLoss()\n",
        training=True,
    ),
    Mutant(
        "fit_returns_tuple",
        "fit_logistic returns (net, last loss) instead of the net",
        F,
        "        optimizer.zero_grad()\n    return net\n",
        "        optimizer.zero_grad()\n    return net, loss.item()\n",
        training=True,
    ),
    # --- fit_logistic: what only a long run shows (fit_long, 1500 epochs) -----------------------
    Mutant(
        "fit_step_lr_schedule",
        "fit_logistic halves the learning rate every 500 epochs (StepLR(optimizer, 500, 0.5))",
        F,
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)\n    for _ in range(epochs):\n"
        "        loss = loss_fn(net(x), y)\n        loss.backward()\n        optimizer.step()\n"
        "        optimizer.zero_grad()\n",
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)\n"
        "    schedule = torch.optim.lr_scheduler.StepLR(optimizer, 500, 0.5)\n"
        "    for _ in range(epochs):\n"
        "        loss = loss_fn(net(x), y)\n        loss.backward()\n        optimizer.step()\n"
        "        optimizer.zero_grad()\n        schedule.step()\n",
        training=True,
    ),
    Mutant(
        "fit_cosine_schedule",
        "fit_logistic anneals the learning rate (CosineAnnealingLR(optimizer, T_max=epochs))",
        F,
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)\n    for _ in range(epochs):\n"
        "        loss = loss_fn(net(x), y)\n        loss.backward()\n        optimizer.step()\n"
        "        optimizer.zero_grad()\n",
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)\n"
        "    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)\n"
        "    for _ in range(epochs):\n"
        "        loss = loss_fn(net(x), y)\n        loss.backward()\n        optimizer.step()\n"
        "        optimizer.zero_grad()\n        schedule.step()\n",
        training=True,
    ),
    Mutant(
        "fit_epochs_capped",
        "fit_logistic caps the epochs at 1000 (range(min(epochs, 1000)))",
        F,
        "    for _ in range(epochs):\n        loss = loss_fn",
        "    for _ in range(min(epochs, 1000)):\n        loss = loss_fn",
        training=True,
    ),
    Mutant(
        "fit_early_stopping",
        "fit_logistic stops early once the loss changes by less than 1e-6",
        F,
        "    for _ in range(epochs):\n        loss = loss_fn(net(x), y)\n        loss.backward()\n"
        "        optimizer.step()\n        optimizer.zero_grad()\n",
        "    prev = float('inf')\n    for _ in range(epochs):\n        loss = loss_fn(net(x), y)\n"
        "        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n"
        "        if abs(prev - loss.item()) < 1e-6:\n            break\n"
        "        prev = loss.item()\n",
        training=True,
    ),
    Mutant(
        "fit_grad_clipping",
        "fit_logistic clips the gradient norm to 0.05 before each step",
        F,
        "        loss.backward()\n        optimizer.step()\n",
        "        loss.backward()\n        torch.nn.utils.clip_grad_norm_(net.parameters(), 0.05)\n"
        "        optimizer.step()\n",
        training=True,
    ),
    # --- fit_logistic: what only gradients near Adam's eps, or points at p near 0, show ----------
    Mutant(
        "fit_adam_eps_1e7",
        "fit_logistic uses Adam(..., eps=1e-7) (Keras's default) instead of torch's 1e-8",
        F,
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)",
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr, eps=1e-7)",
        training=True,
    ),
    Mutant(
        "fit_bce_sum",
        "fit_logistic sums the BCE over the points (BCELoss(reduction='sum')) instead of the mean",
        F,
        "loss_fn = torch.nn.BCELoss()",
        "loss_fn = torch.nn.BCELoss(reduction='sum')",
        training=True,
    ),
    Mutant(
        "fit_clamp_probabilities",
        "fit_logistic clamps the probabilities to [1e-7, 1 - 1e-7] before BCELoss (a log(0) guard)",
        F,
        "        loss = loss_fn(net(x), y)\n",
        "        loss = loss_fn(net(x).clamp(1e-7, 1 - 1e-7), y)\n",
        training=True,
    ),
    Mutant(
        "fit_amsgrad",
        "fit_logistic uses Adam(..., amsgrad=True)",
        F,
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr)",
        "optimizer = torch.optim.Adam(net.parameters(), lr=lr, amsgrad=True)",
        training=True,
    ),
    Mutant(
        "fit_float64_net",
        "fit_logistic trains in float64 (net.double(), x.double(), y.double()) and returns the "
        "float64 net",
        F,
        "    net = make_logistic_net().to(device)\n    x, y = x.to(device), y.to(device)\n",
        "    net = make_logistic_net().double().to(device)\n"
        "    x, y = x.double().to(device), y.double().to(device)\n",
        training=True,
    ),
    # --- global state ---------------------------------------------------------------------------
    Mutant(
        "knots_sets_default_dtype",
        "knots_to_net calls torch.set_default_dtype(torch.float64) to get float64 layers",
        F,
        '    if len(xs) != len(ys):\n        raise ValueError(f"xs has',
        "    torch.set_default_dtype(torch.float64)\n    if len(xs) != len(ys):\n"
        '        raise ValueError(f"xs has',
    ),
    Mutant(
        "fit_grad_left_off",
        "fit_logistic turns gradient tracking off after training (torch.set_grad_enabled(False))",
        F,
        "        optimizer.zero_grad()\n    return net\n",
        "        optimizer.zero_grad()\n    torch.set_grad_enabled(False)\n    return net\n",
    ),
    # --- knots_to_net: duplicates, close knots, the caller's lists --------------------------------
    Mutant(
        "knots_duplicates_merged",
        "knots_to_net drops repeated knots (sorted(set(zip(xs, ys)))): a duplicate x with the same "
        "y is accepted",
        F,
        "    pts = sorted(zip((float(v) for v in xs), (float(v) for v in ys)))\n",
        "    pts = sorted(set(zip((float(v) for v in xs), (float(v) for v in ys))))\n",
    ),
    Mutant(
        "knots_close_rejected",
        "knots_to_net treats x values closer than 1e-6 as duplicates (ValueError)",
        F,
        "    if bool((gaps == 0).any()):\n",
        "    if bool((gaps.abs() < 1e-6).any()):\n",
    ),
    Mutant(
        "knots_sorts_caller_lists",
        "knots_to_net sorts the caller's lists xs and ys in place",
        F,
        "    pts = sorted(zip((float(v) for v in xs), (float(v) for v in ys)))\n",
        "    order = sorted(range(len(xs)), key=lambda i: xs[i])\n"
        "    xs[:], ys[:] = [xs[i] for i in order], [ys[i] for i in order]\n"
        "    pts = list(zip((float(v) for v in xs), (float(v) for v in ys)))\n",
    ),
    Mutant(
        "data_list",
        "make_data returns a list [x, y, prob] instead of the documented tuple",
        F,
        "    return x, y, prob\n",
        "    return [x, y, prob]\n",
    ),
    Mutant(
        "fit_seeds_after_building",
        "fit_logistic calls torch.manual_seed(seed) after building the net",
        F,
        "    torch.manual_seed(seed)\n    net = make_logistic_net().to(device)\n",
        "    net = make_logistic_net().to(device)\n    torch.manual_seed(seed)\n",
    ),
    Mutant(
        "data_fork_rng",
        "make_data draws the labels from torch's global generator inside fork_rng (restored after)",
        F,
        "    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n",
        "    with torch.random.fork_rng():\n"
        "        torch.manual_seed(seed)\n"
        "        y = torch.bernoulli(prob)\n",
    ),
    Mutant(
        "knots_float32_slopes",
        "knots_to_net divides the segment rises by the gaps in float32, then goes back to float64",
        F,
        "    slopes = (py[1:] - py[:-1]) / gaps  # one per segment, n - 1 of them\n",
        "    slopes = ((py[1:] - py[:-1]).float() / gaps.float()).double()\n",
    ),
    Mutant(
        "knots_output_bias_float32",
        "knots_to_net replaces the output bias by a new Parameter made from a float32 tensor",
        F,
        "        net[2].bias.fill_(float(py[0]))\n",
        "        net[2].bias = torch.nn.Parameter(torch.tensor([float(py[0])]))\n",
    ),
    Mutant(
        "knots_prune_collinear",
        "knots_to_net drops interior knots with no change of slope (fewer than n hidden units)",
        F,
        "    slopes = (py[1:] - py[:-1]) / gaps  # one per segment, n - 1 of them\n"
        "    n = len(pts)\n",
        "    slopes = (py[1:] - py[:-1]) / gaps  # one per segment, n - 1 of them\n"
        "    last = len(pts) - 1\n"
        "    keep = [0] + [i for i in range(1, last) if slopes[i] != slopes[i - 1]] + [last]\n"
        "    px, py = px[keep], py[keep]\n"
        "    slopes = (py[1:] - py[:-1]) / (px[1:] - px[:-1])\n"
        "    n = len(keep)\n",
    ),
    Mutant(
        "knots_copy_method",
        "knots_to_net copies xs and ys with .copy() (lists have it, tuples do not)",
        F,
        "    # BEGIN SOLUTION (Task 2.4)\n",
        "    # BEGIN SOLUTION (Task 2.4)\n    xs, ys = xs.copy(), ys.copy()\n",
    ),
    Mutant(
        "knots_duplicates_isclose",
        "knots_to_net calls x values duplicates when math.isclose says so (relative 1e-9)",
        F,
        "    if bool((gaps == 0).any()):\n",
        "    close = __import__('math').isclose\n"
        "    if any(close(a, b) for a, b in zip(px[:-1].tolist(), px[1:].tolist())):\n",
    ),
    Mutant(
        "knots_duplicates_eps",
        "knots_to_net calls x values closer than 1e-12 duplicates",
        F,
        "    if bool((gaps == 0).any()):\n",
        "    if bool((gaps < 1e-12).any()):\n",
    ),
    Mutant(
        "knots_default_dtype_reset_end",
        "knots_to_net sets the default dtype to float64, then sets float32 before returning",
        F,
        "        net[2].bias.fill_(float(py[0]))\n    return net\n",
        "        net[2].bias.fill_(float(py[0]))\n"
        "    torch.set_default_dtype(torch.float32)\n"
        "    return net\n",
    ),
    Mutant(
        "fit_default_epochs_300",
        "fit_logistic's epochs defaults to 300 instead of the documented 1500",
        F,
        "    epochs: int = 1500,\n",
        "    epochs: int = 300,\n",
    ),
    Mutant(
        "knots_neg_inf_accepted",
        "knots_to_net rejects NaN and +inf only: a knot at -inf slips through",
        F,
        "    if not bool(torch.isfinite(px).all() and torch.isfinite(py).all()):\n",
        "    if bool(torch.isnan(px).any() or torch.isnan(py).any() or (px == float('inf')).any()"
        " or (py == float('inf')).any()):\n",
    ),
    Mutant(
        "formula_output_buffer",
        "line_formula reuses a module-level output tensor per shape: a second call overwrites the "
        "first result",
        F,
        "    y = torch.zeros_like(x)\n",
        "    y = globals().setdefault('_BUFFERS', {}).setdefault(\n"
        "        (tuple(x.shape), x.dtype, str(x.device)), torch.zeros_like(x)\n"
        "    )\n",
    ),
    Mutant(
        "pwlinr_shared_parameters",
        "make_pwlinr installs module-level Parameters: every net it returns shares them",
        F,
        "        net[2].bias.fill_(VALUE_AT_ZERO)\n    return net\n",
        "        net[2].bias.fill_(VALUE_AT_ZERO)\n"
        "    own = (net[0].weight, net[2].weight, net[2].bias)\n"
        "    shared = globals().setdefault('_SHARED', own)\n"
        "    net[0].weight, net[2].weight, net[2].bias = shared\n"
        "    return net\n",
    ),
    Mutant(
        "knots_shared_net",
        "knots_to_net caches its nets by knots: the same knots return the same net",
        F,
        "def knots_to_net(xs: Sequence[float], ys: Sequence[float]) -> torch.nn.Sequential:",
        "def knots_to_net(xs: Sequence[float], ys: Sequence[float]) -> torch.nn.Sequential:\n"
        "    key = (tuple(map(float, xs)), tuple(map(float, ys)))\n"
        "    cache = globals().setdefault('_NETS', {})\n"
        "    if key not in cache:\n"
        "        cache[key] = _knots_to_net(xs, ys)\n"
        "    return cache[key]\n\n\n"
        "def _knots_to_net(xs: Sequence[float], ys: Sequence[float]) -> torch.nn.Sequential:",
    ),
    Mutant(
        "logistic_net_shared_parameters",
        "make_logistic_net's output layer is one module-level Linear shared by every net",
        F,
        "        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),\n",
        "        globals().setdefault('_OUT', torch.nn.Linear(2, 1)),\n"
        "        torch.nn.Sigmoid(),\n",
    ),
    Mutant(
        "fit_epochs_or_default",
        "fit_logistic runs `epochs or 1500` steps: epochs=0 trains anyway",
        F,
        "    for _ in range(epochs):\n",
        "    for _ in range(epochs or 1500):\n",
    ),
    Mutant(
        "fit_seed_if_truthy",
        "fit_logistic seeds only `if seed:`: seed=0 leaves the generator unseeded",
        F,
        "    torch.manual_seed(seed)\n    net = make_logistic_net()",
        "    if seed:\n        torch.manual_seed(seed)\n    net = make_logistic_net()",
    ),
    Mutant(
        "fit_forces_float32_default",
        "fit_logistic sets torch's default dtype to float32 (and leaves it so)",
        F,
        "    torch.manual_seed(seed)\n    net = make_logistic_net()",
        "    torch.set_default_dtype(torch.float32)\n    torch.manual_seed(seed)\n"
        "    net = make_logistic_net()",
    ),
    Mutant(
        "formula_squeeze",
        "line_formula squeezes x and unsqueezes the result: one point gives shape (1,)",
        F,
        "    y = torch.zeros_like(x)\n    left = x < 0\n",
        "    v = x.squeeze()\n"
        "    return torch.where(v < 0, LEFT_SLOPE * v + VALUE_AT_ZERO, RIGHT_SLOPE * v + "
        "VALUE_AT_ZERO).unsqueeze(-1)\n"
        "    y = torch.zeros_like(x)\n    left = x < 0\n",
    ),
    Mutant(
        "relu_reshape_len",
        "line_relu flattens x and reshapes to (len(x), -1): an empty x raises",
        F,
        "    return RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO\n",
        "    v = x.flatten()\n"
        "    y = RIGHT_SLOPE * torch.relu(v) - LEFT_SLOPE * torch.relu(-v) + VALUE_AT_ZERO\n"
        "    return y.reshape(len(x), -1)\n",
    ),
    Mutant(
        "knots_eps_duplicates",
        "knots_to_net calls knots closer than machine epsilon duplicates",
        F,
        "    if bool((gaps == 0).any()):\n",
        "    if bool((gaps < torch.finfo(torch.float64).eps).any()):\n",
    ),
    Mutant(
        "fit_binarizes_targets",
        "fit_logistic rounds the targets to 0/1 labels before training",
        F,
        "    x, y = x.to(device), y.to(device)\n",
        "    x, y = x.to(device), (y > 0.5).float().to(device)\n",
        training=True,
    ),
    Mutant(
        "data_cached",
        "make_data is wrapped in functools.lru_cache: the same arguments return the same tensors",
        F,
        "def make_data(n: int = 2000, seed: int = 0)",
        "@__import__('functools').lru_cache(maxsize=None)\n"
        "def make_data(n: int = 2000, seed: int = 0)",
    ),
    Mutant(
        "fit_zero_grad_first",
        "fit_logistic zeroes the gradients at the top of each epoch instead of after step: the "
        "same steps, but the returned net still holds the last epoch's gradients",
        F,
        "        loss = loss_fn(net(x), y)\n        loss.backward()\n        optimizer.step()\n"
        "        optimizer.zero_grad()\n",
        "        optimizer.zero_grad()\n        loss = loss_fn(net(x), y)\n"
        "        loss.backward()\n        optimizer.step()\n",
    ),
)

DEVICE_MUTANTS = (
    Mutant(
        "formula_device_ignored",
        "(device) line_formula builds y on the CPU (torch.zeros(x.shape)): fails for x on cuda",
        F,
        "    y = torch.zeros_like(x)\n",
        "    y = torch.zeros(x.shape, dtype=x.dtype)\n",
    ),
    Mutant(
        "fit_ignores_device",
        "(device) fit_logistic trains and returns the net on the CPU whatever device says",
        F,
        "    net = make_logistic_net().to(device)\n    x, y = x.to(device), y.to(device)\n",
        "    net = make_logistic_net()\n",
    ),
)
"""Caught only under ``--device cuda`` (see the module docstring): kept out of ``MUTANTS``, which
``course validate`` requires killed on a CPU as well."""

ALTERNATIVES = (
    Mutant(
        "line_formula_where",
        "line_formula with torch.where instead of masked assignment",
        F,
        _body("line_formula"),
        "    left = LEFT_SLOPE * x + VALUE_AT_ZERO\n"
        "    right = RIGHT_SLOPE * x + VALUE_AT_ZERO\n"
        "    return torch.where(x >= 0, right, left)\n",
    ),
    Mutant(
        "line_relu_functional",
        "line_relu with torch.nn.functional.relu and the terms in another order",
        F,
        _body("line_relu"),
        "    relu = torch.nn.functional.relu\n"
        "    return VALUE_AT_ZERO - LEFT_SLOPE * relu(-x) + RIGHT_SLOPE * relu(x)\n",
    ),
    Mutant(
        "make_pwlinr_parameters",
        "make_pwlinr with an in-place ReLU module and parameters assigned as new nn.Parameters",
        F,
        _body("make_pwlinr"),
        "    first = torch.nn.Linear(1, 2, bias=False)\n"
        "    second = torch.nn.Linear(2, 1)\n"
        "    first.weight = torch.nn.Parameter(torch.tensor([[1.0], [-1.0]]))\n"
        "    second.weight = torch.nn.Parameter(torch.tensor([[-4.5, -9.0]]))\n"
        "    second.bias = torch.nn.Parameter(torch.tensor([4.5]))\n"
        "    return torch.nn.Sequential(first, torch.nn.ReLU(inplace=True), second)\n",
    ),
    Mutant(
        "knots_to_net_lists",
        "knots_to_net written with numpy sorting and Python lists of weights",
        F,
        _body("knots_to_net"),
        "    import numpy as np\n"
        "\n"
        "    if len(xs) < 2 or len(xs) != len(ys):\n"
        "        raise ValueError('need at least two knots and as many ys as xs')\n"
        "    kx, ky = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)\n"
        "    if not (np.isfinite(kx).all() and np.isfinite(ky).all()):\n"
        "        raise ValueError('knots must be finite')\n"
        "    order = np.argsort(kx, kind='stable')\n"
        "    kx, ky = kx[order], ky[order]\n"
        "    if np.any(np.diff(kx) == 0):\n"
        "        raise ValueError('duplicate x')\n"
        "    s = np.diff(ky) / np.diff(kx)\n"
        "    h = len(kx)\n"
        "    first = torch.nn.Linear(1, h, dtype=torch.float64)\n"
        "    last = torch.nn.Linear(h, 1, dtype=torch.float64)\n"
        "    w_in = [1.0, -1.0] + [1.0] * (h - 2)\n"
        "    b_in = [-kx[0], kx[0]] + [-v for v in kx[1:-1]]\n"
        "    w_out = [s[0], -s[0]] + [s[i] - s[i - 1] for i in range(1, h - 1)]\n"
        "    with torch.no_grad():\n"
        "        first.weight.copy_(torch.tensor(w_in, dtype=torch.float64).reshape(h, 1))\n"
        "        first.bias.copy_(torch.tensor(b_in, dtype=torch.float64))\n"
        "        last.weight.copy_(torch.tensor([w_out], dtype=torch.float64))\n"
        "        last.bias.fill_(ky[0])\n"
        "    return torch.nn.Sequential(first, torch.nn.ReLU(), last)\n",
    ),
    Mutant(
        "make_data_unsqueeze",
        "make_data with unsqueeze, a generator seeded on its own line and an explicit sigmoid",
        F,
        _body("make_data"),
        "    gen = torch.Generator()\n"
        "    gen.manual_seed(seed)\n"
        "    x = torch.linspace(-1.0, 1.0, steps=n).unsqueeze(1)\n"
        "    prob = true_probability(x)\n"
        "    y = torch.bernoulli(prob, generator=gen)\n"
        "    return x, y, prob\n",
    ),
    Mutant(
        "make_logistic_net_init_functions",
        "make_logistic_net with its layers built first and torch.nn.init for the zeros",
        F,
        _body("make_logistic_net"),
        "    first = torch.nn.Linear(1, 2, bias=False)\n"
        "    last = torch.nn.Linear(2, 1)\n"
        "    with torch.no_grad():\n"
        "        first.weight[:] = torch.tensor([[1.0], [-1.0]])\n"
        "    torch.nn.init.zeros_(last.weight)\n"
        "    torch.nn.init.zeros_(last.bias)\n"
        "    return torch.nn.Sequential(first, torch.nn.ReLU(), last, torch.nn.Sigmoid())\n",
    ),
    Mutant(
        "fit_logistic_functional",
        "fit_logistic with F.binary_cross_entropy, zero_grad(set_to_none=True) after step and "
        "a 1-based epoch counter",
        F,
        _body("fit_logistic"),
        "    torch.manual_seed(seed)\n"
        "    model = make_logistic_net()\n"
        "    model.to(device)\n"
        "    xd = x.to(device)\n"
        "    yd = y.to(device)\n"
        "    opt = torch.optim.Adam(model.parameters(), lr=lr)\n"
        "    for epoch in range(1, epochs + 1):\n"
        "        torch.nn.functional.binary_cross_entropy(model(xd), yd).backward()\n"
        "        opt.step()\n"
        "        opt.zero_grad(set_to_none=True)\n"
        "    return model\n",
    ),
    Mutant(
        "fit_logistic_manual_bce",
        "fit_logistic with the cross-entropy written out by hand and a while loop",
        F,
        _body("fit_logistic"),
        "    torch.manual_seed(seed)\n"
        "    net = make_logistic_net().to(device)\n"
        "    xd, yd = x.to(device), y.to(device)\n"
        "    adam = torch.optim.Adam(net.parameters(), lr=lr)\n"
        "    done = 0\n"
        "    while done < epochs:\n"
        "        p = net(xd)\n"
        "        loss = -(yd * torch.log(p) + (1 - yd) * torch.log(1 - p)).mean()\n"
        "        loss.backward()\n"
        "        adam.step()\n"
        "        adam.zero_grad()\n"
        "        done += 1\n"
        "    return net\n",
    ),
    Mutant(
        "fit_zero_grad_keeps_zeros",
        "fit_logistic's zero_grad(set_to_none=False): the returned net holds zero gradients, "
        "not None",
        F,
        "        optimizer.step()\n        optimizer.zero_grad()\n    return net\n",
        "        optimizer.step()\n        optimizer.zero_grad(set_to_none=False)\n"
        "    return net\n",
    ),
)
