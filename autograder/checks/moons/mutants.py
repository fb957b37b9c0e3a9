"""Realistic wrong answers for moons (each must lose points; see ``course validate``), and
differently written correct solutions (each must keep full marks).

``training=True`` marks mistakes in train that the convergence checks catch on every seed
(``course validate --seeds``). The convergence probes train the grader's own net, so a wrong
make_model (``model_no_activation``) costs points in the model group only.

``DEVICE_MUTANTS`` ignore the device: they are caught only under ``--device cuda`` (by the
device_only checks ``predict_device`` and ``train_device``, and by the trajectory checks, which
raise when the model and the data sit on different devices), so they are kept out of ``MUTANTS``,
which ``course validate`` requires killed on the CPU as well.
"""

from autograder.authoring.mutants import Mutant

F = "moons.py"
LOOP_PREDICT = """    pred = torch.softmax(logits, dim=1)
    ans = []
    for t in pred:
        ans.append(0 if t[0] > t[1] else 1)
    return np.array(ans, dtype=np.int64)
"""
XAVIER_MODEL = """    model = nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))
    for layer in (model[0], model[2]):
        nn.init.xavier_uniform_(layer.weight)
        nn.init.zeros_(layer.bias)
    return model
"""
GRID_OWN_FORWARD = """    with torch.no_grad():
        logits = model(torch.as_tensor(points, dtype=torch.float32))
    return logits.argmax(dim=1).numpy().astype(np.int64).reshape(xx.shape)
"""
MAKE_MODEL_BODY = """    if activation == "relu":
        act: nn.Module = nn.ReLU()
    elif activation == "tanh":
        act = nn.Tanh()
    else:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
    return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))
"""
MAKE_MODEL_TABLE = """    from collections import OrderedDict

    table = {"relu": nn.ReLU, "tanh": nn.Tanh}
    if activation not in table:
        raise ValueError(f"unknown activation {activation!r}")
    layers = OrderedDict(
        [("hidden", nn.Linear(2, hidden)), ("act", table[activation]()),
         ("out", nn.Linear(hidden, 2))]
    )
    return nn.Sequential(layers)
"""
PREDICT_BODY = """    device = next(model.parameters()).device
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)
    with torch.no_grad():
        logits = model(inputs)
    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)
"""
PREDICT_INFERENCE = """    param = next(iter(model.parameters()))
    batch = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)).to(param.device)
    with torch.inference_mode():
        labels = torch.argmax(model(batch), dim=1).long()
    return labels.to("cpu").numpy()
"""
GRID_BODY = """    points = np.stack([xx.ravel(), yy.ravel()], axis=1)
    return predict(model, points).reshape(xx.shape)
"""
GRID_COLUMN_STACK = """    points = np.column_stack((np.reshape(xx, -1), np.reshape(yy, -1)))
    labels = predict(model, points)
    return np.reshape(labels, np.shape(xx))
"""
TRAIN_LOOP = """    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
"""
TRAIN_FUNCTIONAL = """    import torch.nn.functional as fn

    model = model.to(device)
    for _ in range(steps):
        model.zero_grad()
        loss = fn.cross_entropy(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    return losses
"""
TRAIN_NLL_SUM = """    import torch.nn.functional as fn

    for _ in range(steps):
        optimizer.zero_grad(set_to_none=False)
        logp = fn.log_softmax(model(inputs), dim=1)
        loss = fn.nll_loss(logp, targets, reduction="sum") / len(targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
"""

MUTANTS = (
    Mutant(
        "model_no_activation",
        "no activation between the layers: the model is linear",
        F,
        "return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))",
        "return nn.Sequential(nn.Linear(2, hidden), nn.Linear(hidden, 2))",
    ),
    Mutant(
        "model_always_relu",
        "make_model ignores the activation argument (always ReLU)",
        F,
        "        act = nn.Tanh()\n",
        "        act = nn.ReLU()\n",
    ),
    Mutant(
        "train_no_zero_grad",
        "gradients are never zeroed: they accumulate over the steps",
        F,
        "        optimizer.zero_grad()\n",
        "",
        training=True,
    ),
    Mutant(
        "train_no_step",
        "the loop never calls optimizer.step()",
        F,
        "        optimizer.step()\n",
        "",
        training=True,
    ),
    Mutant(
        "train_mse_float_labels",
        "labels as floats with MSELoss on logits[:, 1] instead of cross-entropy",
        F,
        "loss = loss_fn(model(inputs), targets)",
        "loss = nn.MSELoss()(model(inputs)[:, 1], targets.float())",
        training=True,
    ),
    Mutant(
        "train_bce_one_logit",
        "BCE-with-logits on logits[:, 1] (a working classifier, not the specified loss)",
        F,
        "loss = loss_fn(model(inputs), targets)",
        "loss = nn.BCEWithLogitsLoss()(model(inputs)[:, 1], targets.float())",
    ),
    Mutant(
        "train_lr_1e-4",
        "Adam with a hard-coded lr 1e-4 instead of lr",
        F,
        "optimizer = torch.optim.Adam(model.parameters(), lr=lr)",
        "optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)",
        training=True,
    ),
    Mutant(
        "train_sgd",
        "SGD instead of Adam (same lr)",
        F,
        "optimizer = torch.optim.Adam(model.parameters(), lr=lr)",
        "optimizer = torch.optim.SGD(model.parameters(), lr=lr)",
        training=True,
    ),
    Mutant(
        "train_loss_after_step",
        "records the loss after the update (one extra forward pass)",
        F,
        "        losses.append(loss.item())\n",
        "        losses.append(loss_fn(model(inputs), targets).item())\n",
    ),
    Mutant(
        "predict_no_float32_cast",
        "predict hands the numpy array to the model as it is (float64 points: a dtype error)",
        F,
        "    device = next(model.parameters()).device\n"
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)",
        "    device = next(model.parameters()).device\n    inputs = torch.from_numpy(x).to(device)",
    ),
    Mutant(
        "predict_ties_to_one",
        "predict compares the two logits with >=: tied logits give class 1",
        F,
        "return logits.argmax(dim=1).cpu().numpy().astype(np.int64)",
        "return (logits[:, 1] >= logits[:, 0]).long().cpu().numpy().astype(np.int64)",
    ),
    Mutant(
        "predict_returns_logits",
        "predict returns the logits instead of labels",
        F,
        "return logits.argmax(dim=1).cpu().numpy().astype(np.int64)",
        "return logits.cpu().numpy()",
    ),
    Mutant(
        "predict_returns_probability",
        "predict returns the probability of class 1 instead of labels",
        F,
        "return logits.argmax(dim=1).cpu().numpy().astype(np.int64)",
        "return logits.softmax(dim=1)[:, 1].cpu().numpy()",
    ),
    Mutant(
        "predict_returns_tensor",
        "predict returns a torch tensor, not a numpy array",
        F,
        "return logits.argmax(dim=1).cpu().numpy().astype(np.int64)",
        "return logits.argmax(dim=1).cpu()",
    ),
    Mutant(
        "predict_python_loop",
        "predict loops over the rows of the softmax (the source's version)",
        F,
        "    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)\n",
        LOOP_PREDICT,
    ),
    Mutant(
        "predict_per_sample",
        "predict calls the model once per point",
        F,
        "        logits = model(inputs)\n",
        "        logits = torch.cat([model(row[None]) for row in inputs])\n",
    ),
    Mutant(
        "grid_swapped_xy",
        "grid_predict stacks (yy, xx) instead of (xx, yy)",
        F,
        "np.stack([xx.ravel(), yy.ravel()], axis=1)",
        "np.stack([yy.ravel(), xx.ravel()], axis=1)",
    ),
    Mutant(
        "grid_transposed",
        "grid_predict reshapes to the transposed grid",
        F,
        "return predict(model, points).reshape(xx.shape)",
        "return predict(model, points).reshape(xx.shape[::-1]).T",
    ),
    # --- make_model: dtype, seeding, initialisation, wiring, unknown names
    Mutant(
        "model_unknown_is_tanh",
        "make_model builds a tanh net for any name other than 'relu' (no ValueError)",
        F,
        'elif activation == "tanh":',
        'elif activation != "relu":',
    ),
    Mutant(
        "model_float64",
        "make_model returns a float64 network (.double())",
        F,
        "return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))",
        "return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2)).double()",
    ),
    Mutant(
        "model_self_seeded",
        "make_model seeds torch itself (torch.manual_seed(0)) instead of honouring the "
        "caller's seed",
        F,
        "    # BEGIN SOLUTION (Task 4.1)\n",
        "    # BEGIN SOLUTION (Task 4.1)\n    torch.manual_seed(0)\n",
    ),
    Mutant(
        "model_xavier_init",
        "make_model re-initialises the weights with Xavier (not PyTorch's default initialisation)",
        F,
        "    return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))\n",
        XAVIER_MODEL,
    ),
    Mutant(
        "model_layers_reversed_draws",
        "make_model creates the output layer first (the right net, but other random weights)",
        F,
        "    return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))\n",
        "    out = nn.Linear(hidden, 2)\n"
        "    return nn.Sequential(nn.Linear(2, hidden), act, out)\n",
    ),
    Mutant(
        "model_activation_last",
        "the activation after the output layer (Linear -> Linear -> act)",
        F,
        "return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))",
        "return nn.Sequential(nn.Linear(2, hidden), nn.Linear(hidden, 2), act)",
    ),
    # --- predict: dtype, gradients, calls
    Mutant(
        "predict_int32",
        "predict returns int32 labels",
        F,
        "return logits.argmax(dim=1).cpu().numpy().astype(np.int64)",
        "return logits.argmax(dim=1).cpu().numpy().astype(np.int32)",
    ),
    Mutant(
        "predict_tracks_gradients",
        "predict calls the model without torch.no_grad() (the graph is recorded)",
        F,
        "    with torch.no_grad():\n        logits = model(inputs)\n",
        "    logits = model(inputs).detach()\n",
    ),
    Mutant(
        "predict_batches",
        "predict calls the model on batches of 512 points (4 calls for 2000 points)",
        F,
        "        logits = model(inputs)\n",
        "        logits = torch.cat([model(chunk) for chunk in inputs.split(512)])\n",
    ),
    # --- grid_predict: calls
    Mutant(
        "grid_per_row",
        "grid_predict calls predict once per row of the mesh (right labels, 13 calls)",
        F,
        "    return predict(model, points).reshape(xx.shape)\n",
        "    return np.stack([predict(model, np.stack([r, s], axis=1)) for r, s in zip(xx, yy)])\n",
    ),
    Mutant(
        "grid_own_forward",
        "grid_predict runs the model itself instead of calling predict (right labels)",
        F,
        "    return predict(model, points).reshape(xx.shape)\n",
        GRID_OWN_FORWARD,
    ),
    # --- train: types, steps, data, optimizer
    Mutant(
        "train_returns_tensors",
        "train returns a list of detached loss tensors, not Python floats",
        F,
        "        losses.append(loss.item())\n",
        "        losses.append(loss.detach())\n",
    ),
    Mutant(
        "train_returns_array",
        "train returns a numpy array of the losses, not a list",
        F,
        "    return losses\n    # END SOLUTION",
        "    return np.array(losses)\n    # END SOLUTION",
    ),
    Mutant(
        "train_extra_update",
        "train makes one update more than steps (range(steps + 1)) and returns the first steps "
        "losses: every loss is right, the weights are one step further",
        F,
        TRAIN_LOOP,
        TRAIN_LOOP.replace("range(steps)", "range(steps + 1)").replace(
            "return losses", "return losses[:steps]"
        ),
    ),
    Mutant(
        "train_one_step_short",
        "train loops range(1, steps): one step and one loss too few",
        F,
        "    for _ in range(steps):\n",
        "    for _ in range(1, steps):\n",
    ),
    Mutant(
        "train_regenerates_data",
        "train ignores the given x, y and trains on a fresh make_data sample of the same size",
        F,
        "    model.to(device)\n",
        "    x, y = make_data(len(x), 0.1, 0)\n    model.to(device)\n",
    ),
    Mutant(
        "train_minibatches",
        "train on a random mini-batch of 64 points per step instead of all points",
        F,
        "        loss = loss_fn(model(inputs), targets)\n",
        "        batch = torch.randint(len(inputs), (64,), device=inputs.device)\n"
        "        loss = loss_fn(model(inputs[batch]), targets[batch])\n",
    ),
    Mutant(
        "train_no_backward",
        "the loop never calls loss.backward(): Adam steps without gradients change nothing",
        F,
        "        loss.backward()\n",
        "",
    ),
    Mutant(
        "train_zero_grad_before_step",
        "zero_grad between backward and step: every step sees zero gradients",
        F,
        "        loss.backward()\n        optimizer.step()\n",
        "        loss.backward()\n        optimizer.zero_grad()\n        optimizer.step()\n",
    ),
    Mutant(
        "train_sum_loss",
        "the summed cross-entropy (reduction='sum') instead of the mean: Adam takes nearly the "
        "same steps, but the recorded losses are N times too large",
        F,
        "    loss_fn = nn.CrossEntropyLoss()\n",
        '    loss_fn = nn.CrossEntropyLoss(reduction="sum")\n',
    ),
    Mutant(
        "train_sum_backward",
        "backward() on the summed cross-entropy while the mean is recorded (Adam takes nearly "
        "the same steps, except where a gradient is near its eps)",
        F,
        "        loss.backward()\n",
        "        (loss * len(targets)).backward()\n",
        training=True,
    ),
    Mutant(
        "train_optimizer_in_loop",
        "a new Adam optimizer every step (its moment estimates are reset each step)",
        F,
        "        optimizer.zero_grad()\n",
        "        optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n"
        "        optimizer.zero_grad()\n",
    ),
    Mutant(
        "train_optimizer_kept_per_model_and_lr",
        "keeps each model's Adam in a module-level dict and reuses it while the lr is the same "
        "('to resume smoothly'): a later call carries the earlier call's moments and step count",
        F,
        "    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n",
        "    store = globals().setdefault('_KEPT_OPTIMIZERS', {})\n"
        "    kept = store.get(id(model))\n"
        "    if kept is not None and kept[0] is model and kept[1].defaults['lr'] == lr:\n"
        "        optimizer = kept[1]\n"
        "    else:\n"
        "        optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n"
        "        store[id(model)] = (model, optimizer)\n",
    ),
)

DEVICE_MUTANTS = (
    Mutant(
        "predict_ignores_device",
        "predict builds its input on the CPU whatever the model's device",
        F,
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)\n"
        "    with torch.no_grad():",
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32))\n    with torch.no_grad():",
    ),
    Mutant(
        "predict_moves_model_to_cpu",
        "predict moves the model to the CPU before calling it",
        F,
        "    device = next(model.parameters()).device\n",
        "    model.cpu()\n    device = next(model.parameters()).device\n",
    ),
    Mutant(
        "train_model_not_moved",
        "train moves the data to device but never the model",
        F,
        "    model.to(device)\n",
        "",
    ),
    Mutant(
        "train_data_not_moved",
        "train moves the model to device but builds the data tensors on the CPU",
        F,
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)\n"
        "    targets = torch.as_tensor(np.asarray(y, dtype=np.int64), device=device)\n",
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32))\n"
        "    targets = torch.as_tensor(np.asarray(y, dtype=np.int64))\n",
    ),
)

ALTERNATIVES = (
    Mutant(
        "make_model_lookup_table",
        "make_model from a dict of activation classes and a named OrderedDict of layers",
        F,
        MAKE_MODEL_BODY,
        MAKE_MODEL_TABLE,
    ),
    Mutant(
        "predict_inference_mode",
        "predict under torch.inference_mode() with torch.from_numpy(...).to(device) and "
        "torch.argmax(...).long()",
        F,
        PREDICT_BODY,
        PREDICT_INFERENCE,
    ),
    Mutant(
        "grid_predict_column_stack",
        "grid_predict with np.column_stack of reshape(-1) and np.shape(xx)",
        F,
        GRID_BODY,
        GRID_COLUMN_STACK,
    ),
    Mutant(
        "train_functional",
        "train with F.cross_entropy, model.zero_grad() and float(loss), model = model.to(device)",
        F,
        TRAIN_LOOP,
        TRAIN_FUNCTIONAL,
    ),
    Mutant(
        "train_log_softmax_sum",
        "train with nll_loss(log_softmax(logits), reduction='sum') / N and zero_grad after the "
        "step",
        F,
        TRAIN_LOOP,
        TRAIN_NLL_SUM,
    ),
)

TRAIN_ADAM_LOOP = """    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses: list[float] = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
"""
TRAIN_STEPLR = """    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 100, 0.7)
    loss_fn = nn.CrossEntropyLoss()
    losses: list[float] = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
    return losses
"""
TRAIN_EARLY_STOP = """    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses: list[float] = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if loss.item() < 0.01:
            losses += [loss.item()] * (steps - len(losses))
            break
    return losses
"""
ADAM = "optimizer = torch.optim.Adam(model.parameters(), lr=lr)"

LATE_MUTANTS = (
    Mutant(
        "train_steplr_100",
        "a StepLR(optimizer, 100, 0.7) schedule on top of Adam(lr): the lr drops from step 100",
        F,
        TRAIN_ADAM_LOOP,
        TRAIN_STEPLR,
        training=True,
    ),
    Mutant(
        "train_adamw_wd_1e-4",
        "AdamW(lr, weight_decay=1e-4) instead of Adam(lr)",
        F,
        ADAM,
        "optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)",
        training=True,
    ),
    Mutant(
        "train_early_stop_pad",
        "stops once the loss is below 0.01 and pads the losses with the last one",
        F,
        TRAIN_ADAM_LOOP,
        TRAIN_EARLY_STOP,
        training=True,
    ),
    Mutant(
        "train_amsgrad",
        "Adam(lr, amsgrad=True)",
        F,
        ADAM,
        "optimizer = torch.optim.Adam(model.parameters(), lr=lr, amsgrad=True)",
        training=True,
    ),
    Mutant(
        "train_adam_eps_1e-7",
        "Adam(lr, eps=1e-7) (Keras' default) instead of PyTorch's 1e-8",
        F,
        ADAM,
        "optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)",
        training=True,
    ),
    Mutant(
        "train_float64",
        "train converts the model and the data to float64",
        F,
        "    model.to(device)\n    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), "
        "device=device)\n",
        "    model.to(device=device, dtype=torch.float64)\n"
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float64), device=device)\n",
        training=True,
    ),
    Mutant(
        "train_shuffles_caller_data",
        "train shuffles the caller's x and y in place (x[:] = x[perm])",
        F,
        "    model.to(device)\n",
        "    model.to(device)\n"
        "    perm = np.random.default_rng(0).permutation(len(x))\n"
        "    x[:] = x[perm]\n"
        "    y[:] = y[perm]\n",
    ),
    Mutant(
        "predict_model_double",
        "predict converts the model to float64 (model.double()) to match float64 inputs",
        F,
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)\n"
        "    with torch.no_grad():\n",
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float64), device=device)\n"
        "    model.double()\n"
        "    with torch.no_grad():\n",
    ),
    Mutant(
        "predict_freezes_params",
        "predict calls model.eval().requires_grad_(False): the model cannot be trained afterwards",
        F,
        "    device = next(model.parameters()).device\n",
        "    device = next(model.parameters()).device\n    model.eval().requires_grad_(False)\n",
    ),
    Mutant(
        "predict_global_no_grad",
        "torch.set_grad_enabled(False) instead of the block with torch.no_grad()",
        F,
        "    with torch.no_grad():\n        logits = model(inputs)\n",
        "    torch.set_grad_enabled(False)\n    logits = model(inputs)\n",
    ),
    Mutant(
        "model_case_insensitive",
        "make_model accepts 'ReLU', 'TANH' (activation.lower()) instead of raising ValueError",
        F,
        '    if activation == "relu":\n        act: nn.Module = nn.ReLU()\n',
        "    activation = activation.lower()\n"
        '    if activation == "relu":\n        act: nn.Module = nn.ReLU()\n',
    ),
    Mutant(
        "model_relu6",
        "nn.ReLU6() for 'relu' (equal to ReLU below 6)",
        F,
        "act: nn.Module = nn.ReLU()",
        "act: nn.Module = nn.ReLU6()",
    ),
    Mutant(
        "model_hardtanh",
        "nn.Hardtanh() for 'tanh' (close to tanh near 0)",
        F,
        "        act = nn.Tanh()\n",
        "        act = nn.Hardtanh()\n",
    ),
    Mutant(
        "train_reseeds_global",
        "train calls torch.manual_seed(0) 'for reproducibility', resetting the caller's generator",
        F,
        "    # BEGIN SOLUTION (Task 4.4)\n",
        "    # BEGIN SOLUTION (Task 4.4)\n    torch.manual_seed(0)\n",
    ),
    Mutant(
        "train_reseeds_initial_seed",
        "train calls torch.manual_seed(torch.initial_seed()): the caller's generator restarts",
        F,
        "    # BEGIN SOLUTION (Task 4.4)\n",
        "    # BEGIN SOLUTION (Task 4.4)\n    torch.manual_seed(torch.initial_seed())\n",
    ),
    Mutant(
        "model_test_forward",
        "make_model runs a test forward on torch.randn inputs after building (a global draw)",
        F,
        "    return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))\n",
        "    model = nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))\n"
        "    with torch.no_grad():\n"
        "        assert model(torch.randn(3, 2)).shape == (3, 2)\n"
        "    return model\n",
    ),
    Mutant(
        "predict_sets_eval",
        "predict calls model.eval() first and leaves the model in eval mode",
        F,
        "    device = next(model.parameters()).device\n",
        "    model.eval()\n    device = next(model.parameters()).device\n",
    ),
    Mutant(
        "train_class_weights",
        "train weighs the cross-entropy by inverse class frequency",
        F,
        "    loss_fn = nn.CrossEntropyLoss()\n",
        "    counts = torch.bincount(targets, minlength=2).float()\n"
        "    loss_fn = nn.CrossEntropyLoss(weight=len(targets) / (2 * counts))\n",
    ),
    Mutant(
        "train_clip_grad_1",
        "train clips the gradient norm to 1 before each step",
        F,
        "        loss.backward()\n        optimizer.step()\n",
        "        loss.backward()\n"
        "        nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n"
        "        optimizer.step()\n",
    ),
    Mutant(
        "train_early_stop_1e-4",
        "train stops once the loss is below 1e-4 (returning fewer losses)",
        F,
        "        losses.append(loss.item())\n    return losses\n",
        "        losses.append(loss.item())\n        if losses[-1] < 1e-4:\n            break\n"
        "    return losses\n",
    ),
    Mutant(
        "train_restore_best",
        "train keeps the parameters of the lowest loss seen and loads them back at the end",
        F,
        "        losses.append(loss.item())\n    return losses\n",
        "        losses.append(loss.item())\n"
        "        if losses[-1] == min(losses):\n"
        "            best = {k: v.detach().clone() for k, v in model.state_dict().items()}\n"
        "    with torch.no_grad():\n"
        "        if loss_fn(model(inputs), targets).item() > min(losses):\n"
        "            model.load_state_dict(best)\n"
        "    return losses\n",
    ),
    Mutant(
        "train_cached_optimizer",
        "train keeps one Adam per model across calls (its state and first lr)",
        F,
        "    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n",
        "    cache = globals().setdefault('_OPTIMIZERS', {})\n"
        "    if id(model) not in cache:\n"
        "        cache[id(model)] = torch.optim.Adam(model.parameters(), lr=lr)\n"
        "    optimizer = cache[id(model)]\n",
    ),
    Mutant(
        "model_accepts_linear",
        "make_model also accepts 'linear' (nn.Identity()) instead of raising ValueError",
        F,
        '    elif activation == "tanh":\n        act = nn.Tanh()\n',
        '    elif activation == "tanh":\n        act = nn.Tanh()\n'
        '    elif activation == "linear":\n        act = nn.Identity()\n',
    ),
    Mutant(
        "predict_grad_forced_on",
        "predict switches gradients off and then on again (not back to the caller's mode)",
        F,
        "    with torch.no_grad():\n        logits = model(inputs)\n",
        "    torch.set_grad_enabled(False)\n"
        "    logits = model(inputs)\n"
        "    torch.set_grad_enabled(True)\n",
    ),
    Mutant(
        "predict_memo",
        "predict remembers its labels per (model, points) and answers from memory",
        F,
        "        logits = model(inputs)\n"
        "    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)\n",
        "        logits = model(inputs)\n"
        "    memo = globals().setdefault('_MEMO', {})\n"
        "    key = (id(model), np.asarray(x).tobytes())\n"
        "    if key not in memo:\n"
        "        memo[key] = logits.argmax(dim=1).cpu().numpy().astype(np.int64)\n"
        "    return memo[key].copy()\n",
    ),
    Mutant(
        "grid_mesh_from_axes",
        "grid_predict rebuilds the mesh from its first row and column (an xy meshgrid assumed)",
        F,
        "    points = np.stack([xx.ravel(), yy.ravel()], axis=1)\n",
        "    gx, gy = np.meshgrid(xx[0, :], yy[:, 0])\n"
        "    points = np.stack([gx.ravel(), gy.ravel()], axis=1)\n",
    ),
    Mutant(
        "train_do_while",
        "train's loop runs at least once: steps=0 still takes a step",
        F,
        "    for _ in range(steps):\n        optimizer.zero_grad()\n",
        "    for _ in range(max(steps, 1)):\n        optimizer.zero_grad()\n",
    ),
    Mutant(
        "train_zero_grad_after_step",
        "train zeroes gradients after optimizer.step(): a caller's leftover .grad is used",
        F,
        "        optimizer.zero_grad()\n"
        "        loss = loss_fn(model(inputs), targets)\n"
        "        loss.backward()\n"
        "        optimizer.step()\n",
        "        loss = loss_fn(model(inputs), targets)\n"
        "        loss.backward()\n"
        "        optimizer.step()\n"
        "        optimizer.zero_grad()\n",
    ),
    Mutant(
        "train_shuffle_numpy_global",
        "train shuffles the (full) batch with numpy's global generator",
        F,
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)\n"
        "    targets = torch.as_tensor(np.asarray(y, dtype=np.int64), device=device)\n",
        "    order = np.random.permutation(len(y))\n"
        "    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32)[order], device=device)\n"
        "    targets = torch.as_tensor(np.asarray(y, dtype=np.int64)[order], device=device)\n",
    ),
    Mutant(
        "model_activation_substring",
        "make_model matches the activation by substring: 'leaky_relu' builds a ReLU model",
        F,
        '    if activation == "relu":\n',
        '    if "relu" in activation:\n',
    ),
    Mutant(
        "model_accepts_module",
        "make_model also takes an activation module (nn.ReLU()) instead of raising ValueError",
        F,
        '    if activation == "relu":\n',
        "    if isinstance(activation, nn.Module):\n"
        "        return nn.Sequential(nn.Linear(2, hidden), activation, nn.Linear(hidden, 2))\n"
        '    if activation == "relu":\n',
    ),
    Mutant(
        "predict_squeeze",
        "predict squeezes the labels: one point gives a 0-d array",
        F,
        "    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)\n",
        "    return logits.argmax(dim=1).squeeze().cpu().numpy().astype(np.int64)\n",
    ),
    Mutant(
        "predict_chunks",
        "predict runs the model in chunks of 4096 points",
        F,
        "    with torch.no_grad():\n        logits = model(inputs)\n",
        "    with torch.no_grad():\n"
        "        logits = torch.cat([model(inputs[i : i + 4096]) for i in range(0, len(inputs), "
        "4096)]) if len(inputs) else model(inputs)\n",
    ),
    Mutant(
        "train_module_level_losses",
        "train fills one module-level list (cleared per call): every call returns the same list",
        F,
        "    losses: list[float] = []\n",
        "    losses: list[float] = globals().setdefault('_LOSSES', [])\n    losses.clear()\n",
    ),
    Mutant(
        "train_minibatches_when_large",
        "train samples minibatches of 2048 (a private generator) when there are more points",
        F,
        "        loss = loss_fn(model(inputs), targets)\n",
        "        if len(inputs) > 2048:\n"
        "            gen = torch.Generator().manual_seed(0)\n"
        "            idx = torch.randperm(len(inputs), generator=gen)\n"
        "            loss = loss_fn(model(inputs[idx[:2048]]), targets[idx[:2048]])\n"
        "        else:\n"
        "            loss = loss_fn(model(inputs), targets)\n",
    ),
    Mutant(
        "grid_flattens_mesh_in_place",
        "grid_predict flattens xx and yy by assigning to .shape: the caller's mesh becomes 1-D",
        F,
        "    points = np.stack([xx.ravel(), yy.ravel()], axis=1)\n"
        "    return predict(model, points).reshape(xx.shape)\n",
        "    shape = xx.shape\n"
        "    xx.shape = (-1,)\n"
        "    yy.shape = (-1,)\n"
        "    points = np.stack([xx, yy], axis=1)\n"
        "    return predict(model, points).reshape(shape)\n",
    ),
    Mutant(
        "train_zero_grad_before_loop",
        "train clears the gradients once before the loop too: steps=0 wipes the caller's .grad",
        F,
        "    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n",
        "    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n    model.zero_grad()\n",
    ),
    Mutant(
        "grid_dstack_points",
        "grid_predict pairs the coordinates with np.dstack(...).reshape(-1, 2): wrong for 3-D "
        "meshes",
        F,
        "    points = np.stack([xx.ravel(), yy.ravel()], axis=1)\n",
        "    points = np.dstack([xx, yy]).reshape(-1, 2)\n",
    ),
    Mutant(
        "grid_reshape_star",
        "grid_predict reshapes with reshape(*xx.shape): a 0-d mesh raises",
        F,
        "    return predict(model, points).reshape(xx.shape)\n",
        "    return predict(model, points).reshape(*xx.shape)\n",
    ),
    Mutant(
        "grid_float16_points",
        "grid_predict casts the points to float16 to save memory",
        F,
        "    points = np.stack([xx.ravel(), yy.ravel()], axis=1)\n",
        "    points = np.stack([xx.ravel(), yy.ravel()], axis=1).astype(np.float16)\n",
    ),
    Mutant(
        "predict_empty_float64",
        "predict returns np.zeros(0) (float64) for no points",
        F,
        "    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)\n",
        "    if not len(x):\n        return np.zeros(0)\n"
        "    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)\n",
    ),
    Mutant(
        "train_breaks_on_nonfinite_loss",
        "train stops at the first non-finite loss",
        F,
        "        loss = loss_fn(model(inputs), targets)\n",
        "        loss = loss_fn(model(inputs), targets)\n"
        "        if not torch.isfinite(loss):\n            break\n",
    ),
)
MUTANTS = MUTANTS + LATE_MUTANTS
