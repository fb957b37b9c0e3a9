"""Student half of the sine_bias checks: call student code, return plain data only.

The probes build their own training data, starting weights and evaluation grid
(``spec_*`` below, restatements of the given helpers), so a check of one task does
not depend on the student's answer to another. Training runs on ``ctx.device``;
every tensor comes back as a CPU numpy array.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
import torch

from autograder.checks.core import ProbeContext, ProbeRegistry

PROBES = ProbeRegistry()

X_MAX = 10.0
N_TRAIN = 200
N_EVAL = 1001
PARAM_NAMES = ("W1", "b1", "W2", "b2")

# Public problems (tiny, fixed): the expected numbers are written in public.py.
TINY_X = ((0.5,), (1.5,), (2.5,), (4.0,))
TINY_W1 = ((0.8, -0.5, 0.3),)
TINY_W2 = ((0.6,), (1.2,), (-0.4,))
TINY_PARAMS = {
    "W1": ((0.8, -0.5, 0.3),),
    "b1": (-0.4, 1.0, -0.9),
    "W2": ((0.6,), (1.2,), (-0.4,)),
    "b2": (0.25,),
}


def _fresh(name: str) -> str:
    """``name`` as a new string object, so an ``activation is "tanh"`` test cannot pass by
    interning."""
    return "".join(list(name))


# --- restatements of the given helpers (the spec) ----------------------------------------------


def spec_train_data(n: int = N_TRAIN, device: str = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """The midpoint grid ``x_i = (i + 0.5) * 10 / n`` and ``sin x``, float32 (n, 1)."""
    x = ((torch.arange(n, dtype=torch.float64) + 0.5) * (X_MAX / n)).reshape(n, 1)
    return x.float().to(device), torch.sin(x).float().to(device)


def spec_eval_grid(n: int = N_EVAL, device: str = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """``linspace(0, 10, n)`` built in float64, cast to float32 (n, 1), and ``sin x``."""
    x = torch.linspace(0.0, X_MAX, n, dtype=torch.float64).reshape(n, 1)
    return x.float().to(device), torch.sin(x).float().to(device)


def spec_init_nobias(
    hidden: int, seed: int, device: str = "cpu"
) -> tuple[torch.Tensor, torch.Tensor]:
    """``init_nobias``: W1 (1, H) and W2 (H, 1) from ``randn`` with a CPU generator."""
    gen = torch.Generator().manual_seed(seed)
    w1 = torch.randn(1, hidden, generator=gen)
    w2 = torch.randn(hidden, 1, generator=gen)
    return w1.to(device).requires_grad_(), w2.to(device).requires_grad_()


def spec_init_bias(hidden: int, seed: int, device: str = "cpu") -> dict[str, torch.Tensor]:
    """``init_bias``: W1 ~ U(-1, 1), b1 = -W1 * k with k ~ U(0, 10), W2, b2 ~ U(+-1/sqrt(H))."""
    gen = torch.Generator().manual_seed(seed)
    bound = 1.0 / math.sqrt(hidden)
    w1 = torch.rand(1, hidden, generator=gen) * 2.0 - 1.0
    knots = torch.rand(hidden, generator=gen) * X_MAX
    b1 = -w1.reshape(hidden) * knots
    w2 = (torch.rand(hidden, 1, generator=gen) * 2.0 - 1.0) * bound
    b2 = (torch.rand(1, generator=gen) * 2.0 - 1.0) * bound
    values = {"W1": w1, "b1": b1, "W2": w2, "b2": b2}
    return {name: v.to(device).requires_grad_() for name, v in values.items()}


# --- helpers ------------------------------------------------------------------------------------


def _arr(t: Any) -> np.ndarray:
    """A tensor (or anything array-like of numbers) as a CPU numpy array."""
    if isinstance(t, torch.Tensor):
        return t.detach().cpu().numpy().copy()
    arr = np.asarray(t)
    return arr if arr.dtype.kind in "biuf" else np.zeros(0)


def _describe(t: Any) -> dict[str, Any]:
    """Type, dtype, shape, device and values of what the student returned."""
    if isinstance(t, torch.Tensor):
        return {
            "type": "Tensor",
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            "device": t.device.type,
            "values": _arr(t),
        }
    return {
        "type": type(t).__name__,
        "dtype": "",
        "shape": list(np.shape(t)) if isinstance(t, (list, tuple)) else [],
        "device": "",
        "values": np.zeros(0),
    }


def _losses(losses: Any) -> np.ndarray:
    return np.array([float(v) for v in losses], dtype=np.float64)


def _tensor(values: Any, device: str, grad: bool = False) -> torch.Tensor:
    t = torch.tensor(values, dtype=torch.float32, device=device)
    return t.requires_grad_() if grad else t


def _seed(ctx: ProbeContext) -> int:
    return ctx.seed % 10_000


# --- pieces: data, floor, forward functions ----------------------------------------------------


@PROBES.probe
def pieces_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_train_data(4), best_origin_line_mse and both forwards on a tiny fixed problem."""
    dev = ctx.device
    x = _tensor(TINY_X, dev)
    w1, w2 = _tensor(TINY_W1, dev), _tensor(TINY_W2, dev)
    params = {k: _tensor(v, dev) for k, v in TINY_PARAMS.items()}
    c, mse = mod.best_origin_line_mse(x, torch.sin(x))
    with torch.no_grad():
        return {
            "data": [_describe(t) for t in mod.make_train_data(4, device=dev)],
            "floor": [float(c), float(mse)],
            "nobias": _describe(mod.forward_nobias(x, w1, w2)),
            "tanh": _describe(mod.forward_bias(x, params, "tanh")),
            "relu": _describe(mod.forward_bias(x, params, "relu")),
        }


@PROBES.probe
def train_data(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_train_data() with the default n = 200 and with n = 37, on the device."""
    return {
        "default": [_describe(t) for t in mod.make_train_data(device=ctx.device)],
        "n37": [_describe(t) for t in mod.make_train_data(37, device=ctx.device)],
    }


def floor_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """50 random points near the line 0.7 x (the grid case uses ``spec_eval_grid``)."""
    rng = np.random.default_rng(ctx.seed)
    xr = rng.uniform(0.1, 5.0, (50, 1)).astype(np.float32)
    yr = (0.7 * xr + rng.normal(0, 0.5, (50, 1))).astype(np.float32)
    return {"x": xr, "y": yr}


@PROBES.probe(inputs=floor_inputs)
def floor_numbers(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """best_origin_line_mse on the evaluation grid and on random data."""
    x, y = spec_eval_grid(device=ctx.device)
    inp = ctx.inputs
    grid = [float(v) for v in mod.best_origin_line_mse(x, y)]
    rand = [
        float(v)
        for v in mod.best_origin_line_mse(
            _tensor(inp["x"], ctx.device), _tensor(inp["y"], ctx.device)
        )
    ]
    return {"grid": grid, "random": rand}


def forward_nobias_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random x in [-3, 10] and random weights for H = 7 and 16."""
    rng = np.random.default_rng(ctx.seed)
    cases = []
    for hidden in (7, 16):
        x = rng.uniform(-3.0, 10.0, (64, 1)).astype(np.float32)
        w1 = rng.normal(0, 1, (1, hidden)).astype(np.float32)
        w2 = rng.normal(0, 1, (hidden, 1)).astype(np.float32)
        cases.append({"x": x, "W1": w1, "W2": w2})
    return {"cases": cases}


@PROBES.probe(inputs=forward_nobias_inputs)
def forward_nobias(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """forward_nobias on random x in [-3, 10] for H = 7 and 16, and at 3x for x >= 0
    (homogeneity)."""
    cases = []
    for case in ctx.inputs["cases"]:
        t = [_tensor(a, ctx.device) for a in (case["x"], case["W1"], case["W2"], np.abs(case["x"]))]
        with torch.no_grad():
            out = mod.forward_nobias(t[0], t[1], t[2])
            at_x = mod.forward_nobias(t[3], t[1], t[2])
            at_3x = mod.forward_nobias(3.0 * t[3], t[1], t[2])
        cases.append({"out": _describe(out), "at_x": _arr(at_x), "at_3x": _arr(at_3x)})
    return {"cases": cases}


def forward_bias_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random x in [-2, 12] and random parameters for H = 5 and 32, tanh and relu."""
    rng = np.random.default_rng(ctx.seed)
    cases = []
    for hidden, act in ((5, "tanh"), (32, "tanh"), (5, "relu"), (32, "relu")):
        x = rng.uniform(-2.0, 12.0, (64, 1)).astype(np.float32)
        params = {
            "W1": rng.normal(0, 1, (1, hidden)),
            "b1": rng.normal(0, 3, (hidden,)),
            "W2": rng.normal(0, 1, (hidden, 1)),
            "b2": rng.normal(0, 1, (1,)),
        }
        cases.append(
            {
                "activation": act,
                "x": x,
                "params": {k: v.astype(np.float32) for k, v in params.items()},
            }
        )
    return {"cases": cases}


@PROBES.probe(inputs=forward_bias_inputs)
def forward_bias(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """forward_bias with random parameters (H = 5 and 32) for tanh and relu on random x in [-2,
    12]."""
    cases = []
    for case in ctx.inputs["cases"]:
        params = {k: _tensor(v, ctx.device) for k, v in case["params"].items()}
        with torch.no_grad():
            out = mod.forward_bias(
                _tensor(case["x"], ctx.device), params, _fresh(case["activation"])
            )
        cases.append({"out": _describe(out)})
    return {"cases": cases}


@PROBES.probe
def trained_shapes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """A few steps of train_nobias and train_bias: what they return (types, shapes, dtypes,
    device)."""
    seed = _seed(ctx)
    w1, w2, losses = mod.train_nobias(seed, ctx.device, hidden=6, lr=1e-4, steps=3)
    out: dict[str, Any] = {
        "nobias": {"W1": _describe(w1), "W2": _describe(w2), "losses": _losses(losses)}
    }
    for act in ("tanh", "relu"):
        params, losses = mod.train_bias(_fresh(act), seed, ctx.device, hidden=9, lr=1e-3, steps=4)
        out[act] = {
            "type": type(params).__name__,
            "keys": sorted(str(k) for k in params) if isinstance(params, dict) else [],
            "params": {
                k: _describe(params[k])
                for k in PARAM_NAMES
                if isinstance(params, dict) and k in params
            },
            "losses": _losses(losses),
        }
    return out


# --- training loops, step by step --------------------------------------------------------------


@PROBES.probe
def gd_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gd_steps: 3 steps with lr 0.05 on the tiny problem (4 points, 3 hidden units)."""
    x = _tensor(TINY_X, ctx.device)
    w1, w2 = _tensor(TINY_W1, ctx.device, True), _tensor(TINY_W2, ctx.device, True)
    losses = mod.gd_steps(x, torch.sin(x), w1, w2, 0.05, 3)
    return {"losses": _losses(losses), "W1": _arr(w1), "W2": _arr(w2)}


def gd_trajectory_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Learning rate, step count and two starts init_nobias(16, seed), init_nobias(16, seed + 1)."""
    hidden = int(ctx.param("nobias_hidden"))
    runs = []
    for seed in (_seed(ctx), _seed(ctx) + 1):
        w1, w2 = spec_init_nobias(hidden, seed)
        runs.append({"seed": seed, "init": {"W1": _arr(w1), "W2": _arr(w2)}})
    return {
        "lr": float(ctx.param("nobias_lr")),
        "steps": int(ctx.param("traj_steps")),
        "runs": runs,
    }


@PROBES.probe(inputs=gd_trajectory_inputs)
def gd_trajectory(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gd_steps for ``traj_steps`` steps from init_nobias(16, seed) on the training data, two
    seeds."""
    inp = ctx.inputs
    x, y = spec_train_data(device=ctx.device)
    runs = []
    for run in inp["runs"]:
        w1, w2 = (_tensor(run["init"][k], ctx.device, True) for k in ("W1", "W2"))
        losses = mod.gd_steps(x, y, w1, w2, inp["lr"], inp["steps"])
        runs.append({"losses": _losses(losses), "W1": _arr(w1), "W2": _arr(w2)})
    return {"runs": runs}


@PROBES.probe
def adam_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps: 4 steps with lr 0.1 on the tiny problem, tanh and relu (lr drops after step
    3)."""
    x = _tensor(TINY_X, ctx.device)
    out = {}
    for act in ("tanh", "relu"):
        params = {k: _tensor(v, ctx.device, True) for k, v in TINY_PARAMS.items()}
        losses = mod.adam_steps(x, torch.sin(x), params, _fresh(act), 0.1, 4)
        out[act] = {"losses": _losses(losses), "params": {k: _arr(params[k]) for k in PARAM_NAMES}}
    return out


def _adam_inputs(ctx: ProbeContext, act: str) -> dict[str, Any]:
    """Activation, learning rate, step count and the start init_bias(32, seed)."""
    params = spec_init_bias(int(ctx.param("bias_hidden")), _seed(ctx))
    return {
        "activation": act,
        "lr": float(ctx.param("bias_lr")),
        "steps": int(ctx.param("traj_steps")),
        "seed": _seed(ctx),
        "init": {n: _arr(params[n]) for n in PARAM_NAMES},
    }


def adam_tanh_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _adam_inputs(ctx, "tanh")


def adam_relu_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _adam_inputs(ctx, "relu")


def _adam_trajectory(mod: ModuleType, ctx: ProbeContext, inp: dict[str, Any]) -> dict[str, Any]:
    x, y = spec_train_data(device=ctx.device)
    params = {n: _tensor(inp["init"][n], ctx.device, True) for n in PARAM_NAMES}
    losses = mod.adam_steps(x, y, params, _fresh(inp["activation"]), inp["lr"], inp["steps"])
    return {"losses": _losses(losses), "params": {n: _arr(params[n]) for n in PARAM_NAMES}}


@PROBES.probe(inputs=adam_tanh_inputs)
def adam_trajectory_tanh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps (tanh) for ``traj_steps`` steps from init_bias(32, seed) on the training data."""
    return _adam_trajectory(mod, ctx, ctx.inputs)


@PROBES.probe(inputs=adam_relu_inputs)
def adam_trajectory_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps (relu) for ``traj_steps`` steps from init_bias(32, seed) on the training data."""
    return _adam_trajectory(mod, ctx, ctx.inputs)


# --- full fits ----------------------------------------------------------------------------------


def _at(predict: Any, xs: torch.Tensor) -> np.ndarray:
    with torch.no_grad():
        return _arr(predict(xs)).reshape(-1)


def fit_nobias_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {
        "seed": _seed(ctx),
        "steps": int(ctx.param("nobias_steps")),
        "hidden": int(ctx.param("nobias_hidden")),
    }


@PROBES.probe(inputs=fit_nobias_inputs)
def fit_nobias(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_nobias(seed, device) with the course recipe, and its net on the evaluation grid."""
    inp = ctx.inputs
    w1, w2, losses = mod.train_nobias(
        inp["seed"],
        ctx.device,
        hidden=inp["hidden"],
        lr=float(ctx.param("nobias_lr")),
        steps=inp["steps"],
    )
    x, _ = spec_eval_grid(device=ctx.device)

    def net(t: torch.Tensor) -> torch.Tensor:
        return mod.forward_nobias(t, w1, w2)

    return {
        "W1": _describe(w1),
        "W2": _describe(w2),
        "losses": _losses(losses),
        "grid_pred": _at(net, x),
    }


def _fit_bias_inputs(ctx: ProbeContext, act: str) -> dict[str, Any]:
    return {
        "activation": act,
        "seed": _seed(ctx),
        "steps": int(ctx.param("bias_steps")),
        "hidden": int(ctx.param("bias_hidden")),
    }


def fit_tanh_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _fit_bias_inputs(ctx, "tanh")


def fit_relu_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _fit_bias_inputs(ctx, "relu")


def _fit_bias(mod: ModuleType, ctx: ProbeContext, inp: dict[str, Any]) -> dict[str, Any]:
    act = inp["activation"]
    params, losses = mod.train_bias(
        _fresh(act),
        inp["seed"],
        ctx.device,
        hidden=inp["hidden"],
        lr=float(ctx.param("bias_lr")),
        steps=inp["steps"],
    )
    x, _ = spec_eval_grid(device=ctx.device)

    def net(t: torch.Tensor) -> torch.Tensor:
        return mod.forward_bias(t, params, act)

    return {
        "params": {n: _describe(params[n]) for n in PARAM_NAMES},
        "losses": _losses(losses),
        "grid_pred": _at(net, x),
    }


@PROBES.probe(inputs=fit_tanh_inputs)
def fit_tanh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_bias("tanh", seed, device) with the course recipe, evaluated on the grid."""
    return _fit_bias(mod, ctx, ctx.inputs)


@PROBES.probe(inputs=fit_relu_inputs)
def fit_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_bias("relu", seed, device) with the course recipe, evaluated on the grid."""
    return _fit_bias(mod, ctx, ctx.inputs)


# --- landmark_predictions -----------------------------------------------------------------------


def _landmarks(mod: ModuleType, ctx: ProbeContext, coef: list[float]) -> dict[str, Any]:
    """landmark_predictions of the predictor ``coef[0]·x + coef[1] + coef[2]·x²``."""
    slope, offset, curve = coef

    def predict(t: torch.Tensor) -> torch.Tensor:
        return slope * t + offset + curve * t * t

    got = mod.landmark_predictions(predict, ctx.device, verbose=False)
    return {
        "type": type(got).__name__,
        "values": [float(v) for v in got] if isinstance(got, (tuple, list)) else [],
    }


def landmarks_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"coef": [2.0, -1.0, 0.0]}


def landmarks_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Three random quadratic predictors."""
    rng = np.random.default_rng(ctx.seed)
    return {"cases": [{"coef": [float(v) for v in rng.normal(0, 1, 3)]} for _ in range(3)]}


@PROBES.probe(inputs=landmarks_public_inputs)
def landmarks_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """landmark_predictions with the predictor 2x - 1."""
    return _landmarks(mod, ctx, ctx.inputs["coef"])


@PROBES.probe(inputs=landmarks_hidden_inputs)
def landmarks_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """landmark_predictions with random quadratic predictors."""
    return {"cases": [_landmarks(mod, ctx, case["coef"]) for case in ctx.inputs["cases"]]}
