"""Realistic wrong answers for moons (each must lose points; see ``course validate``)."""

from autograder.authoring.mutants import Mutant

F = "moons.py"
LOOP_PREDICT = """    pred = torch.softmax(logits, dim=1)
    ans = []
    for t in pred:
        ans.append(0 if t[0] > t[1] else 1)
    return np.array(ans, dtype=np.int64)
"""

MUTANTS = (
    Mutant(
        "model_no_activation",
        "no activation between the layers: the model is linear",
        F,
        "return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))",
        "return nn.Sequential(nn.Linear(2, hidden), nn.Linear(hidden, 2))",
        training=True,
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
)
