"""Assignment 2: a kinked line from ReLUs, a knot builder, and a kinked logistic curve.

The line of Tasks 2.1-2.3 is

    y = 9·x + 4.5     for x < 0
    y = -4.5·x + 4.5  for x >= 0

(continuous at 0, where y = 4.5). The line functions keep the dtype and device of their
input and never change it; the checks call them with float64 and float32 tensors of shape
``(N, 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

LEFT_SLOPE = 9.0
RIGHT_SLOPE = -4.5
VALUE_AT_ZERO = 4.5


def line_formula(x: torch.Tensor) -> torch.Tensor:
    """Task 2.1: the line straight from its formula, built with boolean masks.

    ``x`` has shape ``(N, 1)``; return a new tensor ``y`` of the same shape, dtype and device
    (``x`` itself is left unchanged). Mind ``x == 0``: it belongs to one of the two pieces
    (both give 4.5 there).
    """
    # BEGIN SOLUTION (Task 2.1)
    y = torch.zeros_like(x)
    left = x < 0
    y[left] = (LEFT_SLOPE * x + VALUE_AT_ZERO)[left]
    y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]
    return y
    # END SOLUTION


def line_relu(x: torch.Tensor) -> torch.Tensor:
    """Task 2.2: the same line as ``-4.5·relu(x) - 9·relu(-x) + 4.5`` (use ``torch.relu``).

    Same contract as :func:`line_formula`: ``y`` has the shape, dtype and device of ``x``, and
    ``x`` is left unchanged.
    """
    # BEGIN SOLUTION (Task 2.2)
    return RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x) + VALUE_AT_ZERO
    # END SOLUTION


def make_pwlinr() -> torch.nn.Sequential:
    """Task 2.3: ``Sequential(Linear(1, 2, bias=False), ReLU(), Linear(2, 1))`` computing the line.

    Set the parameters exactly: first layer weight ``[[1], [-1]]`` (so the hidden units
    are ``relu(x)`` and ``relu(-x)``), second layer weight ``[[-4.5, -9]]`` and bias
    ``[4.5]``. Keep torch's default dtype (float32); the checks call ``.double()``.
    """
    # BEGIN SOLUTION (Task 2.3)
    net = torch.nn.Sequential(
        torch.nn.Linear(1, 2, bias=False),
        torch.nn.ReLU(),
        torch.nn.Linear(2, 1),
    )
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))
        net[2].weight.copy_(torch.tensor([[RIGHT_SLOPE, -LEFT_SLOPE]]))
        net[2].bias.fill_(VALUE_AT_ZERO)
    return net
    # END SOLUTION


def knots_to_net(xs: Sequence[float], ys: Sequence[float]) -> torch.nn.Sequential:
    """Task 2.4: an exact ``Sequential(Linear(1, H), ReLU(), Linear(H, 1))`` through the knots.

    The network computes the continuous piecewise-linear function through the points
    ``(xs[i], ys[i])``, extended past the first and last knot by the slopes of the
    first and last segment.

    * Knots may come in any order: they are sorted by x first.
    * At least two knots are needed, ``xs`` and ``ys`` must have the same length, every
      x and y must be finite and the x values distinct; anything else raises ``ValueError``.
    * Hidden units: exactly ``H = n`` for ``n`` knots. The ``k = n - 2`` interior knots
      are the kinks, one unit ``relu(x - x_i)`` each; two more units,
      ``relu(x - x_0)`` and ``relu(x_0 - x)``, carry the first segment's slope on both
      sides of ``x_0`` (a ReLU network has no plain linear unit). So ``k`` kinks need
      ``k + 2`` hidden units.
    * Parameters are float64, so the net is exact to rounding error.
    """
    # BEGIN SOLUTION (Task 2.4)
    if len(xs) != len(ys):
        raise ValueError(f"xs has {len(xs)} values but ys has {len(ys)}")
    if len(xs) < 2:
        raise ValueError("at least two knots are needed")
    pts = sorted(zip((float(v) for v in xs), (float(v) for v in ys)))
    px = torch.tensor([p[0] for p in pts], dtype=torch.float64)
    py = torch.tensor([p[1] for p in pts], dtype=torch.float64)
    if not bool(torch.isfinite(px).all() and torch.isfinite(py).all()):
        raise ValueError("knots must be finite")
    gaps = px[1:] - px[:-1]
    if bool((gaps == 0).any()):
        raise ValueError("duplicate x values among the knots")
    slopes = (py[1:] - py[:-1]) / gaps  # one per segment, n - 1 of them
    n = len(pts)
    w1 = torch.ones(n, 1, dtype=torch.float64)
    w1[1, 0] = -1.0
    b1 = torch.empty(n, dtype=torch.float64)
    b1[0], b1[1] = -px[0], px[0]
    b1[2:] = -px[1:-1]
    w2 = torch.empty(1, n, dtype=torch.float64)
    w2[0, 0], w2[0, 1] = slopes[0], -slopes[0]
    w2[0, 2:] = slopes[1:] - slopes[:-1]
    net = torch.nn.Sequential(
        torch.nn.Linear(1, n, dtype=torch.float64),
        torch.nn.ReLU(),
        torch.nn.Linear(n, 1, dtype=torch.float64),
    )
    with torch.no_grad():
        net[0].weight.copy_(w1)
        net[0].bias.copy_(b1)
        net[2].weight.copy_(w2)
        net[2].bias.fill_(float(py[0]))
    return net
    # END SOLUTION


TRUE_LEFT_SLOPE = 9.0
TRUE_RIGHT_SLOPE = -4.5
TRUE_AT_ZERO = 4.5
"""The true logit of Task 2.5 is the line of Tasks 2.1-2.3: it bends once, at x = 0."""


def true_probability(x: torch.Tensor) -> torch.Tensor:
    """Given: ``sigmoid(logit(x))`` with the kinked logit 9x + 4.5 (x < 0), -4.5x + 4.5 (x >= 0)."""
    logit = torch.where(
        x < 0, TRUE_LEFT_SLOPE * x + TRUE_AT_ZERO, TRUE_RIGHT_SLOPE * x + TRUE_AT_ZERO
    )
    return torch.sigmoid(logit)


def make_data(n: int = 2000, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Task 2.5: the kinked logistic data set, deterministic given ``seed``.

    Return ``(x, y, prob)``, each float32 of shape ``(n, 1)`` and new on every call (no cache):

    * ``x = torch.linspace(-1, 1, n).reshape(-1, 1)``;
    * ``prob = true_probability(x)``;
    * ``y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))``
      (labels 0.0/1.0 drawn with a private generator: torch's global random state is
      neither used nor reseeded).
    """
    # BEGIN SOLUTION (Task 2.5)
    x = torch.linspace(-1, 1, n).reshape(-1, 1)
    prob = true_probability(x)
    y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))
    return x, y, prob
    # END SOLUTION


def make_logistic_net() -> torch.nn.Sequential:
    """Task 2.6: ``Linear(1, 2, bias=False) → ReLU → Linear(2, 1) → Sigmoid``, initialised for the
    fit.

    Initialisation (part of the recipe, the checks rely on it): first layer weight
    ``[[1], [-1]]``, second layer weight and bias all zero (the net starts as the constant
    0.5). Without a first-layer bias each hidden unit bends at x = 0, and
    ``relu(w·x) = |w|·relu(±x)``: the first layer only decides which side a unit sees.
    Starting one unit on each side, with zero output weights, keeps Adam from turning
    both units to the same side, where one of the two pieces could never be fitted.
    """
    # BEGIN SOLUTION (Task 2.6)
    net = torch.nn.Sequential(
        torch.nn.Linear(1, 2, bias=False),
        torch.nn.ReLU(),
        torch.nn.Linear(2, 1),
        torch.nn.Sigmoid(),
    )
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))
        net[2].weight.zero_()
        net[2].bias.zero_()
    return net
    # END SOLUTION


def fit_logistic(
    x: torch.Tensor,
    y: torch.Tensor,
    *,
    epochs: int = 1500,
    lr: float = 0.05,
    seed: int = 0,
    device: str = "cpu",
) -> torch.nn.Sequential:
    """Task 2.6: fit :func:`make_logistic_net` to ``(x, y)`` by full-batch Adam on ``BCELoss``.

    Call ``torch.manual_seed(seed)`` first, then build the net with ``make_logistic_net()``,
    move it and the data to ``device``, create ``torch.optim.Adam(net.parameters(), lr=lr)``
    and run exactly ``epochs`` steps of: forward on all of ``x``, ``BCELoss`` against ``y``,
    backward, step, zero_grad. Train on the ``x, y`` you are given, not on a data set of your
    own. Return the trained net (on ``device``), its gradients cleared by that last zero_grad.

    Leave Adam's other settings and ``BCELoss``'s at their defaults (``eps=1e-8``; the mean
    over the points, not the sum), and hand ``BCELoss`` the net's probabilities as they are:
    no clamping (it handles p near 0 and 1 itself). Where gradients are as small as Adam's
    ``eps``, each of these changes the steps.

    The initialisation is fixed, so the seed does not change the fit: it fixes torch's global
    random state. After the call, torch's generator is where ``torch.manual_seed(seed)``
    followed by building the net leaves it (draw nothing else from it).
    """
    # BEGIN SOLUTION (Task 2.6)
    torch.manual_seed(seed)
    net = make_logistic_net().to(device)
    x, y = x.to(device), y.to(device)
    loss_fn = torch.nn.BCELoss()
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)
    for _ in range(epochs):
        loss = loss_fn(net(x), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return net
    # END SOLUTION
