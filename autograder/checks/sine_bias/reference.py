"""Judge-side reference for sine_bias (never shipped to a grading child or a student release).

The specified computations in torch float32 on the CPU: both forwards, the hand-written
gradient-descent loop and the Adam loop with its learning-rate drop. Judges replay the
student's start (weights reported by the probe) through these and compare.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch

from autograder.checks.sine_bias.probes import (
    PARAM_NAMES,
    spec_eval_grid,
    spec_forward_bias,
    spec_forward_nobias,
    spec_init_bias,
    spec_init_nobias,
    spec_train_data,
)

FLOOR_C = 0.023423
"""Best line through the origin on the evaluation grid ``linspace(0, 10, 1001)`` (float32 x)."""
FLOOR_MSE = 0.458551
ZERO_MSE = 0.476848
"""MSE of the zero predictor on the same grid (0.5 - sin(20)/40 = 0.477176 in the continuum)."""
AFFINE_MSE = 0.44098
"""Best affine line a + b x on the grid: what 'bias only after the activation' reaches with relu."""


forward_nobias = spec_forward_nobias
forward_bias = spec_forward_bias


def _t(a: Any, grad: bool = False) -> torch.Tensor:
    t = torch.tensor(np.asarray(a, dtype=np.float32))
    return t.requires_grad_() if grad else t


def tensor32(a: Any) -> torch.Tensor:
    """``a`` as a float32 CPU tensor, as the probes build it from the same numbers."""
    return _t(a)


def sin32(a: Any) -> torch.Tensor:
    """sin of ``a`` in float32 (the probes' torch.sin(x) on a float32 x)."""
    return torch.sin(_t(a))


def gd_run(init: Mapping[str, Any], lr: float, steps: int, y: Any = None) -> dict[str, np.ndarray]:
    """The specified gradient descent from ``init`` (W1, W2) on the training x and the targets
    ``y`` (None: sin x, the training data)."""
    x, y_train = spec_train_data()
    y = y_train if y is None else _t(y)
    w1, w2 = _t(init["W1"], True), _t(init["W2"], True)
    losses = []
    for _ in range(steps):
        loss = ((forward_nobias(x, w1, w2) - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            for w in (w1, w2):
                w -= lr * w.grad
                w.grad.zero_()
        losses.append(loss.item())
    return {"losses": np.array(losses), "W1": w1.detach().numpy(), "W2": w2.detach().numpy()}


def adam_run(
    init: Mapping[str, Any],
    activation: str,
    lr: float,
    steps: int,
    x: torch.Tensor | None = None,
    y: torch.Tensor | None = None,
    *,
    eps: float = 1e-8,
    summed: bool = False,
) -> dict[str, Any]:
    """The specified Adam loop (lr / 10 after 3 * steps // 4 steps) from ``init`` (training data
    where ``x`` or ``y`` is None; ``y`` may be an array). Another ``eps``, or ``summed`` (backward
    on the sum of the squared errors, the mean still recorded), gives the replay of those
    mistakes, for the hints."""
    x_train, y_train = spec_train_data()
    x = x_train if x is None else x
    y = y_train if y is None else y if isinstance(y, torch.Tensor) else _t(y)
    params = {n: _t(init[n], True) for n in PARAM_NAMES}
    opt = torch.optim.Adam(params.values(), lr=lr, eps=eps)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, [3 * steps // 4], gamma=0.1)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = ((forward_bias(x, params, activation) - y) ** 2).mean()
        (loss * len(x) if summed else loss).backward()
        opt.step()
        sched.step()
        losses.append(loss.item())
    return {
        "losses": np.array(losses),
        "params": {n: params[n].detach().numpy() for n in PARAM_NAMES},
    }


def gd_run_on(
    x: Any, w1: Any, w2: Any, lr: float, steps: int, y: Any = None
) -> dict[str, np.ndarray]:
    """gd_run on explicit data (y = sin x where ``y`` is None), for the tiny problems."""
    xt = _t(x)
    yt = torch.sin(xt) if y is None else _t(y)
    a, b = _t(w1, True), _t(w2, True)
    losses = []
    for _ in range(steps):
        loss = ((forward_nobias(xt, a, b) - yt) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            for w in (a, b):
                w -= lr * w.grad
                w.grad.zero_()
        losses.append(loss.item())
    return {"losses": np.array(losses), "W1": a.detach().numpy(), "W2": b.detach().numpy()}


def landmark_values(coef: Any) -> np.ndarray:
    """What the probes' predictor ``a·x + b + c·x²`` gives at float32 pi/2 and pi, computed in
    float32 exactly as it is in the child (elementwise float32 ops give the same bits anywhere)."""
    a, b, c = (float(v) for v in coef)
    t = torch.tensor([[math.pi / 2], [math.pi]], dtype=torch.float32)
    return (a * t + b + c * t * t).double().numpy().reshape(-1)


def eval_grid() -> tuple[np.ndarray, np.ndarray]:
    """The evaluation grid as float64 arrays of shape (1001,): x (float32 values) and sin x
    (float32)."""
    x, y = spec_eval_grid()
    return x.double().numpy().reshape(-1), y.double().numpy().reshape(-1)


def nobias_curve(w1: Any, w2: Any, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return forward_nobias(_t(x).reshape(-1, 1), _t(w1), _t(w2)).double().numpy().reshape(-1)


def bias_curve(params: Mapping[str, Any], activation: str, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        p = {n: _t(params[n]) for n in PARAM_NAMES}
        return forward_bias(_t(x).reshape(-1, 1), p, activation).double().numpy().reshape(-1)


def forward_grads(case: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The gradients of ``sum(r * f(x))`` with respect to each parameter of a forward-gradient
    case (see ``probes.forward_grads_inputs``): W1, W2 for the no-bias net, all four for the net
    with biases, float32 on the CPU."""
    x, r = _t(case["x"]), _t(case["r"])
    params = {n: _t(v, True) for n, v in case["params"].items()}
    act = case.get("activation")
    if act is None:
        out = forward_nobias(x, params["W1"], params["W2"])
    else:
        out = forward_bias(x, params, act)
    (out * r).sum().backward()
    return {n: p.grad.numpy().copy() for n, p in params.items()}


def init_arrays(bias: bool, hidden: int, seed: int) -> dict[str, np.ndarray]:
    """init_bias(hidden, seed) / init_nobias(hidden, seed) as numpy arrays."""
    if bias:
        p = spec_init_bias(hidden, seed)
        return {n: p[n].detach().numpy() for n in PARAM_NAMES}
    w1, w2 = spec_init_nobias(hidden, seed)
    return {"W1": w1.detach().numpy(), "W2": w2.detach().numpy()}


@functools.lru_cache(maxsize=64)
def recipe_run(activation: str, hidden: int, seed: int, lr: float, steps: int) -> dict[str, Any]:
    """The full course-recipe run from the grader's start (``activation`` "" for the no-bias
    net), cached per seed: every submission graded with one seed shares it (about 2 s for a
    2000-step Adam run on one CPU thread)."""
    if not activation:
        want = gd_run(init_arrays(False, hidden, seed), lr, steps)
        return {"losses": want["losses"], "params": {n: want[n] for n in ("W1", "W2")}}
    return adam_run(init_arrays(True, hidden, seed), activation, lr, steps)
