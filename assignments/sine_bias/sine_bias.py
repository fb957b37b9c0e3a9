"""Assignment 5 (sine_bias): why a ReLU network needs a bias to fit sin on [0, 10].

A network without biases, ``y_hat = relu(x @ W1) @ W2``, is positively
homogeneous: for x >= 0 it equals ``c * x`` for a single number ``c``.  On
[0, 10] it can therefore never do better than the best line through the origin.
Adding biases lets hidden units switch on at different places, and the fit
becomes good.

Conventions used throughout:

* inputs ``x`` and targets ``y`` are float32 tensors of shape ``(N, 1)``;
* the training loss is the mean squared error ``((y_hat - y) ** 2).mean()``;
* every random draw uses a CPU ``torch.Generator`` seeded with ``seed`` and the
  result is then moved to ``device``, so a seed gives the same start everywhere;
* so nothing here draws from or reseeds torch's global generator: after
  ``train_nobias`` or ``train_bias`` it is where the caller's own
  ``torch.manual_seed`` left it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

import torch

X_MAX = 10.0
N_TRAIN = 200
N_EVAL = 1001

# Recipe for the no-bias net (hand-written gradient descent).
NOBIAS_HIDDEN = 16
NOBIAS_LR = 5e-4
NOBIAS_STEPS = 500

# Recipe for the nets with biases (Adam).
BIAS_HIDDEN = 32
BIAS_LR = 0.02
BIAS_STEPS = 2000

Activation = Literal["tanh", "relu"]
Params = dict[str, torch.Tensor]
Predictor = Callable[[torch.Tensor], torch.Tensor]


# ----------------------------------------------------------------------------
# Given helpers (not part of the student tasks)
# ----------------------------------------------------------------------------


def make_eval_grid(
    n: int = N_EVAL, device: str | torch.device = "cpu"
) -> tuple[torch.Tensor, torch.Tensor]:
    """Dense evaluation grid ``x = linspace(0, 10, n)`` and ``y = sin(x)``.

    Returns two float32 tensors of shape ``(n, 1)`` on ``device``.
    """
    x = torch.linspace(0.0, X_MAX, n, dtype=torch.float64).reshape(n, 1)
    return x.float().to(device), torch.sin(x).float().to(device)


def init_nobias(
    hidden: int, seed: int, device: str | torch.device = "cpu"
) -> tuple[torch.Tensor, torch.Tensor]:
    """Standard-normal start for the no-bias net, as in the seed code.

    Returns leaf tensors ``W1`` of shape ``(1, hidden)`` and ``W2`` of shape
    ``(hidden, 1)`` with ``requires_grad=True``.
    """
    gen = torch.Generator().manual_seed(seed)
    w1 = torch.randn(1, hidden, generator=gen)
    w2 = torch.randn(hidden, 1, generator=gen)
    return w1.to(device).requires_grad_(), w2.to(device).requires_grad_()


def init_bias(hidden: int, seed: int, device: str | torch.device = "cpu") -> Params:
    """Start for the net with biases, with each hidden unit's kink inside [0, 10].

    Returns leaf tensors (``requires_grad=True``): ``W1`` (1, hidden) from
    U(-1, 1); ``b1`` (hidden,) equal to ``-W1 * k`` with ``k`` from U(0, 10),
    so unit j switches (relu) or is centred (tanh) at ``x = k_j``; ``W2``
    (hidden, 1) and ``b2`` (1,) from U(-1/sqrt(hidden), 1/sqrt(hidden)).
    """
    gen = torch.Generator().manual_seed(seed)
    bound = 1.0 / math.sqrt(hidden)
    w1 = torch.rand(1, hidden, generator=gen) * 2.0 - 1.0
    knots = torch.rand(hidden, generator=gen) * X_MAX
    b1 = -w1.reshape(hidden) * knots
    w2 = (torch.rand(hidden, 1, generator=gen) * 2.0 - 1.0) * bound
    b2 = (torch.rand(1, generator=gen) * 2.0 - 1.0) * bound
    values = {"W1": w1, "b1": b1, "W2": w2, "b2": b2}
    return {name: v.to(device).requires_grad_() for name, v in values.items()}


def eval_mse(predict: Predictor, device: str | torch.device = "cpu") -> float:
    """MSE of ``predict`` against sin on the dense grid ``linspace(0, 10, 1001)``."""
    x, y = make_eval_grid(device=device)
    with torch.no_grad():
        return float(((predict(x) - y) ** 2).mean())


# ----------------------------------------------------------------------------
# Student tasks
# ----------------------------------------------------------------------------


def make_train_data(
    n: int = N_TRAIN, device: str | torch.device = "cpu"
) -> tuple[torch.Tensor, torch.Tensor]:
    """Training data: the midpoint grid ``x_i = (i + 0.5) * 10 / n``, ``y = sin(x)``.

    Returns float32 tensors ``x`` and ``y`` of shape ``(n, 1)`` on ``device``,
    new ones on every call (nothing is kept between calls).  No training point
    lies on the evaluation grid ``linspace(0, 10, 1001)`` when ``n = 200``.
    """
    # TODO(Task 5.1): implement make_train_data
    raise NotImplementedError("Task 5.1: implement make_train_data")


def best_origin_line_mse(x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Best line through the origin, ``y ~ c * x``, fitted by least squares.

    ``x`` and ``y`` have shape ``(N, 1)``.  Returns ``(c, mse)``, two Python
    floats, with ``c = sum(x * y) / sum(x * x)`` and the mean squared error of
    ``c * x``.  This is the floor no bias-free ReLU net can beat on x >= 0.
    """
    # TODO(Task 5.2): implement best_origin_line_mse
    raise NotImplementedError("Task 5.2: implement best_origin_line_mse")


def forward_nobias(x: torch.Tensor, w1: torch.Tensor, w2: torch.Tensor) -> torch.Tensor:
    """The seed's network without biases: ``relu(x @ W1) @ W2``.

    ``x`` (N, 1), ``w1`` (1, H), ``w2`` (H, 1)  ->  output (N, 1), differentiable in
    ``w1`` and ``w2`` (``gd_steps`` trains through it).
    """
    # TODO(Task 5.3): implement forward_nobias
    raise NotImplementedError("Task 5.3: implement forward_nobias")


def gd_steps(
    x: torch.Tensor,
    y: torch.Tensor,
    w1: torch.Tensor,
    w2: torch.Tensor,
    lr: float,
    steps: int,
) -> list[float]:
    """Hand-written gradient descent on the no-bias net, updating ``w1``/``w2`` in place.

    ``x``, ``y`` (N, 1); ``w1`` (1, H) and ``w2`` (H, 1) are leaf tensors with
    ``requires_grad=True``.  Each step: compute the MSE loss, call
    ``backward()``, then under ``torch.no_grad()`` do ``W -= lr * W.grad`` and
    zero both gradients (so none is left in ``W.grad`` when it returns).
    Returns the ``steps`` losses as a list of Python floats, each measured
    before its update.
    """
    # TODO(Task 5.4): implement gd_steps
    raise NotImplementedError("Task 5.4: implement gd_steps")


def train_nobias(
    seed: int,
    device: str | torch.device = "cpu",
    hidden: int = NOBIAS_HIDDEN,
    lr: float = NOBIAS_LR,
    steps: int = NOBIAS_STEPS,
) -> tuple[torch.Tensor, torch.Tensor, list[float]]:
    """Train the no-bias net on ``make_train_data`` from ``init_nobias(hidden, seed)``.

    Runs ``gd_steps`` with ``lr`` for ``steps`` steps, everything on ``device``.
    Returns ``(W1, W2, losses)``: the trained float32 tensors ``W1`` (1, H) and
    ``W2`` (H, 1) on ``device``, and the loss history (the list of ``steps``
    losses that ``gd_steps`` returns).
    """
    # TODO(Task 5.5): implement train_nobias
    raise NotImplementedError("Task 5.5: implement train_nobias")


def forward_bias(x: torch.Tensor, params: Params, activation: Activation) -> torch.Tensor:
    """Network with biases: ``act(x @ W1 + b1) @ W2 + b2``, act = tanh or relu.

    ``x`` (N, 1); ``params`` holds ``W1`` (1, H), ``b1`` (H,), ``W2`` (H, 1),
    ``b2`` (1,)  ->  output (N, 1), differentiable in all four tensors
    (``adam_steps`` trains through it).
    """
    # TODO(Task 5.6): implement forward_bias
    raise NotImplementedError("Task 5.6: implement forward_bias")


def adam_steps(
    x: torch.Tensor,
    y: torch.Tensor,
    params: Params,
    activation: Activation,
    lr: float,
    steps: int,
) -> list[float]:
    """Train all four tensors in ``params`` in place with ``torch.optim.Adam(lr=lr)``.

    ``x``, ``y`` (N, 1).  Full batch, MSE loss (the mean: ``backward()`` on the
    mean squared error, not the sum), Adam's defaults (betas, ``eps=1e-8``): where a
    gradient is as small as ``eps`` either change shows.  Each step:
    zero the gradients (``optimizer.zero_grad()``), compute the loss, call
    ``backward()``, then ``optimizer.step()``; so gradients the tensors come in
    with are discarded, never added to the first step's.  After
    ``3 * steps // 4`` steps the learning rate drops to ``lr / 10``
    (``MultiStepLR(optimizer, [3 * steps // 4], gamma=0.1)``, stepped once per
    step), which settles Adam's late oscillations; for ``steps = 1`` that is
    after 0 steps, so the one step runs at ``lr / 10``.  Each call makes its
    own new optimizer and schedule: nothing carries over from an earlier call
    on the same tensors.  Returns the ``steps`` losses as a list of Python
    floats, each measured before its update.
    """
    # TODO(Task 5.7): implement adam_steps
    raise NotImplementedError("Task 5.7: implement adam_steps")


def train_bias(
    activation: Activation,
    seed: int,
    device: str | torch.device = "cpu",
    hidden: int = BIAS_HIDDEN,
    lr: float = BIAS_LR,
    steps: int = BIAS_STEPS,
) -> tuple[Params, list[float]]:
    """Train the net with biases on ``make_train_data`` from ``init_bias(hidden, seed)``.

    Runs ``adam_steps`` with ``activation``, ``lr`` and ``steps``, everything on
    ``device``.  Returns ``(params, losses)``: the dict of trained float32
    tensors ``W1``, ``b1``, ``W2``, ``b2`` (shapes as in ``forward_bias``) on
    ``device``, and the loss history (the list of ``steps`` losses that
    ``adam_steps`` returns).
    """
    # TODO(Task 5.8): implement train_bias
    raise NotImplementedError("Task 5.8: implement train_bias")


def landmark_predictions(
    predict: Predictor, device: str | torch.device = "cpu", verbose: bool = True
) -> tuple[float, float]:
    """Predictions at x = pi/2 (sin = 1) and x = pi (sin = 0), as in the seed.

    ``predict`` maps an (N, 1) float32 tensor to (N, 1).  Returns
    ``(f(pi/2), f(pi))`` and prints them when ``verbose``.  Your part: the list
    ``out = [f(pi/2), f(pi)]`` of Python floats, computed without tracking
    gradients, with the points handed to ``predict`` as an (N, 1) float32
    tensor on ``device``; the given lines after it print and return them.
    """
    # TODO(Task 5.9): implement landmark_predictions
    raise NotImplementedError("Task 5.9: implement landmark_predictions")
    if verbose:
        print(f"f(pi/2) = {out[0]:+.4f} (sin = 1),  f(pi) = {out[1]:+.4f} (sin = 0)")
    return out[0], out[1]


def _demo(seed: int = 0) -> None:
    """Train all three nets for ``seed`` and print eval MSE and landmark predictions."""
    w1, w2, _ = train_nobias(seed)

    def no_bias(t: torch.Tensor) -> torch.Tensor:
        return forward_nobias(t, w1, w2)

    print(f"no bias:     eval MSE {eval_mse(no_bias):.5f}")
    landmark_predictions(no_bias)
    for act in ("tanh", "relu"):
        params, _ = train_bias(act, seed)

        def net(t: torch.Tensor, p: Params = params, a: Activation = act) -> torch.Tensor:
            return forward_bias(t, p, a)

        print(f"bias + {act}: eval MSE {eval_mse(net):.2e}")
        landmark_predictions(net)


if __name__ == "__main__":
    torch.set_num_threads(1)
    _demo()
