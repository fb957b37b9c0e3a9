"""Assignment 4: two moons, and what the activation does to a decision boundary.

A small classifier ``2 -> hidden -> activation -> 2 logits`` is trained with
full-batch Adam on cross-entropy. With ReLU every hidden unit is a half-plane that
switches on along a straight line, so the decision boundary is made of straight
pieces; with tanh the units switch on smoothly and the boundary is curved. Without
any activation the whole model is one linear map and its boundary a single line.

Conventions (the checks test exactly these):

* inputs are float32 arrays of shape ``(N, 2)``, labels int64 arrays of shape ``(N,)``
  with values in ``{0, 1}``;
* the model returns **logits** of shape ``(N, 2)``; the predicted class is the index
  of the larger logit;
* ``train`` records, for every step, the loss computed *before* that step's update
  (``losses[0]`` is the loss of the initial model).
"""

from __future__ import annotations

import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

ACTIVATIONS = ("relu", "tanh")


def make_data(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The two-moons data set (given): ``x`` float32 ``(n, 2)``, ``y`` int64 ``(n,)`` in ``{0, 1}``.

    The same ``seed`` always gives the same sample; ``noise`` is the standard
    deviation of the Gaussian noise added to each point.
    """
    x, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return x.astype(np.float32), y.astype(np.int64)


def make_model(hidden: int, activation: str) -> nn.Sequential:
    """Build ``nn.Sequential(nn.Linear(2, hidden), <activation>, nn.Linear(hidden, 2))``.

    ``activation`` is ``"relu"`` (``nn.ReLU()``) or ``"tanh"`` (``nn.Tanh()``); anything
    else raises ``ValueError``. Keep PyTorch's default initialisation and dtype (float32):
    do not seed, re-initialise or draw other random numbers here (building the two layers
    is all that draws from torch's generator); callers seed with ``torch.manual_seed``
    before calling this for a reproducible model.
    """
    # BEGIN SOLUTION (Task 4.1)
    if activation == "relu":
        act: nn.Module = nn.ReLU()
    elif activation == "tanh":
        act = nn.Tanh()
    else:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
    return nn.Sequential(nn.Linear(2, hidden), act, nn.Linear(hidden, 2))
    # END SOLUTION


def predict(model: nn.Module, x: np.ndarray) -> np.ndarray:
    """Class labels for a whole batch: int64 array of shape ``(N,)``, the argmax of the logits.

    Vectorized: call the model exactly once per call of ``predict`` (nothing remembered
    between calls), on all ``N`` points (no Python loop over
    samples, no batches), without tracking gradients (``torch.no_grad()``), on the device
    the model's parameters live on (leave the model there, in its train/eval mode, with its
    parameters as they are); return a CPU numpy array.
    """
    # BEGIN SOLUTION (Task 4.2)
    device = next(model.parameters()).device
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)
    with torch.no_grad():
        logits = model(inputs)
    return logits.argmax(dim=1).cpu().numpy().astype(np.int64)
    # END SOLUTION


def grid_predict(model: nn.Module, xx: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """Labels on a mesh, ready for ``plt.contourf(xx, yy, Z)``.

    ``xx`` and ``yy`` have the same shape ``S`` (as from ``np.meshgrid``, with either
    ``indexing``; any shape, 1-D included); the result ``Z`` has shape ``S`` and
    ``Z[i, j]`` is the label of the point ``(xx[i, j], yy[i, j])``. Call :func:`predict`
    exactly once, on all points; ``Z`` is its int64 labels, reshaped.
    """
    # BEGIN SOLUTION (Task 4.3)
    points = np.stack([xx.ravel(), yy.ravel()], axis=1)
    return predict(model, points).reshape(xx.shape)
    # END SOLUTION


def train(
    model: nn.Module,
    x: np.ndarray,
    y: np.ndarray,
    *,
    steps: int,
    lr: float,
    device: str | torch.device = "cpu",
) -> list[float]:
    """Train ``model`` in place with full-batch Adam on the mean cross-entropy; return the losses.

    Move the model and the data to ``device`` first (the model's parameters end up on
    ``device``), and create one new ``torch.optim.Adam(model.parameters(), lr=lr)`` (every
    call its own). Then, ``steps`` times, on all the given points ``x`` at once: zero the
    gradients, compute the logits and the mean cross-entropy against ``y``
    (``nn.CrossEntropyLoss()``: integer labels, no class weights), call ``backward()`` and
    ``optimizer.step()`` (no clipping, no early stop). The model keeps the parameters of
    the last update. Keep Adam's other settings at their defaults (``eps=1e-8``) and call
    ``backward()`` on that mean, not on the sum: where a gradient is as small as ``eps``,
    either change shows.

    Returns a list of ``steps`` Python floats (``loss.item()``): entry ``i`` is the loss
    computed in step ``i``, that is *before* that step's update (``losses[0]`` is the
    loss of the untrained model; ``steps=0`` returns ``[]`` and changes nothing). Zeroing
    the gradients first discards any the caller left in ``.grad``.

    Full-batch Adam needs no random numbers: ``train`` neither draws from nor reseeds
    torch's global generator (seeding is the caller's job, before ``make_model``).
    """
    # BEGIN SOLUTION (Task 4.4)
    model.to(device)
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)
    targets = torch.as_tensor(np.asarray(y, dtype=np.int64), device=device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses: list[float] = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
    # END SOLUTION
