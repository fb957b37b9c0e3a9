"""Student half of the sine_bias checks: call student code, return plain data only.

The probes build their own training data, starting weights and evaluation grid
(``spec_*`` below, restatements of the given helpers), so a check of one task does
not depend on the student's answer to another. Training runs on ``ctx.device``;
every tensor comes back as a CPU numpy array.

Blame stays with the function a check names: a probe that calls several functions records
each one's outcome on its own (:func:`attempt`) and gives each call its own copy of the
inputs, and the replays of ``train_nobias`` / ``train_bias`` run with the specified training
data in place of the student's ``make_train_data`` and record what they hand to the
student's ``gd_steps`` / ``adam_steps`` (so a correct call of a wrong loop is the loop's fault).
The loop probes hand ``gd_steps`` / ``adam_steps`` the specified forwards
(``spec_forward_*``) in place of the student's, so a forward that cuts the gradient (``.item()``,
``.detach()``) fails the forward's own checks (``forward_*_grads``), not the loop's.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import math
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import numpy as np
import torch

from autograder.checks.core import ProbeContext, ProbeRegistry, as_error, attempt
from autograder.checks.global_rng import global_draws, seed_global, watched_seeding

PROBES = ProbeRegistry()

X_MAX = 10.0
N_TRAIN = 200
N_EVAL = 1001
PARAM_NAMES = ("W1", "b1", "W2", "b2")

# Public problems (tiny, fixed): the expected numbers are written in public.py.
TINY_X = ((0.5,), (1.5,), (2.5,), (4.0,))
TINY_W1 = ((0.8, -0.5, 0.3),)
TINY_W2 = ((0.6,), (1.2,), (-0.4,))
TINY_PARAMS = {  # relu kinks at x = 0.375, 2 and 3: none on a data point (relu'(0) is not stated)
    "W1": ((0.8, -0.5, 0.3),),
    "b1": (-0.3, 1.0, -0.9),
    "W2": ((0.6,), (1.2,), (-0.4,)),
    "b2": (0.25,),
}

# Arguments of the hidden probes, none of them a default or a course.yml recipe value
# (train_nobias: H 16, lr 5e-4, 500 steps; train_bias: H 32, lr 0.02, 2000 steps). The step
# counts make the rounding variants of the Adam schedule differ: 3 * steps // 4 is 16 for 22
# steps (3 * (steps // 4) = 15, ceil(0.75 * steps) = 17) and 15 for 21 (round(0.75 * steps) = 16).
GD_TRAJ_LR = 8e-4
# (lr, steps, other targets) of three runs; None: traj_steps (22). The second and third train on
# targets that are not sin x (a loop that fits sin x whatever y it is handed fails them); the
# third is long enough for Adam variants that only drift (amsgrad: at least 9 tolerances on 20
# seeds at 120 steps, while float64 rounding stays within 0.04 of the tolerance).
ADAM_TRAJ_RUNS = ((0.03, None, False), (0.015, 21, True), (0.02, 120, True))
# (activation, lr, steps) of three short runs: the milestone 3 * steps // 4 is 0, 1 and 2, so
# the one step of the first runs at lr / 10 (MultiStepLR([0]) drops the rate when it is made).
# StepLR(step_size=3 * steps // 4) raises at 1 step; max(1, ...) differs at 1 step,
# ceil(0.75 * steps) at 1, 2 and 3, round(0.75 * steps) at 1 and 2, 3 * (steps // 4) at 2 and 3.
ADAM_SHORT_RUNS = (("tanh", 0.03, 1), ("relu", 0.02, 2), ("tanh", 0.025, 3))
# adam_steps called twice on the same params: (activation, (lr, steps) of the first call,
# (lr, steps) of the second); the second must be a fresh Adam loop from where the first left off.
ADAM_TWICE_RUNS = (("tanh", (0.03, 6), (0.01, 5)), ("relu", (0.02, 7), (0.05, 3)))
# adam_steps handed tensors whose .grad is already filled: (activation, lr, steps, stale value),
# from init_bias(32, seed + 40 + i); zeroed first, the stale gradients are discarded.
ADAM_STALE_RUNS = (("tanh", 0.03, 6, 0.5), ("relu", 0.02, 5, -0.5))
# adam_steps from a start with one quiet hidden unit (W1 = 0, b1 = 1e-8, W2 = 0 in that column):
# its output weight's gradient is near Adam's eps (1e-8), the one place where eps and the loss's
# scale (mean, not sum) change Adam's steps. (activation, lr, steps) of two runs from
# init_bias(32, seed + 50 + i) with a seeded quiet unit (docs/calibration/sine_bias.md).
ADAM_QUIET_RUNS = (("tanh", 0.02, 12), ("relu", 0.03, 10))
QUIET_B1 = 1e-8
# make_train_data called twice with this n: two calls must give new tensors with equal values.
FRESH_N = 23
# gd_steps runs after which both gradients must be zero or None: (seed, lr, steps), H = 16.
GD_GRADS_RUNS = ((7, 8e-4, 1), (8, 5e-4, 5))
# Two runs: the second stays far from the floor (0.4586), where a retry on a high final loss
# would start from another seed (on 400 seeds at most 1 in 400 of either run ends below 0.46).
# Then two runs with seeds of their own: seed 0 (a seed like any other: `seed or 1` and `if not
# seed:` show), and for train_nobias seed 5, whose 3 hidden units all start dead (W1 <= 0: the
# net stays at 0, and a retry from another seed shows).
NOBIAS_REPLAYS = (
    {"hidden": 11, "lr": 7e-4, "steps": 19},
    {"hidden": 7, "lr": 1e-4, "steps": 6},
    {"hidden": 5, "lr": 3e-4, "steps": 4, "seed": 0},
    {"hidden": 3, "lr": 6e-4, "steps": 5, "seed": 5},
)
BIAS_REPLAYS = (
    {"activation": "tanh", "hidden": 13, "lr": 0.03, "steps": 21},
    {"activation": "relu", "hidden": 9, "lr": 0.015, "steps": 22},
    {"activation": "relu", "hidden": 6, "lr": 0.02, "steps": 5, "seed": 0},
)
# Public smoke runs of train_nobias / train_bias (expected numbers in public.py).
NOBIAS_SMOKE = {"seed": 3, "hidden": 3, "lr": 2e-3, "steps": 3}
BIAS_SMOKE = (
    {"activation": "tanh", "seed": 3, "hidden": 3, "lr": 0.05, "steps": 4},
    {"activation": "relu", "seed": 4, "hidden": 3, "lr": 0.05, "steps": 4},
)
ADAM_PUBLIC_STEPS = {"tanh": 5, "relu": 6}  # milestones 3 and 4: every rounding variant differs
ADAM_PUBLIC_LR = 0.08  # no relu kink reaches a data point (Adam's first step is +-lr exactly)
# Public runs on targets other than sin x: gd_steps with weights 10 times the tiny ones, so the
# gradients reach the hundreds (a clamped or clipped update differs), and 5 Adam steps (tanh).
TINY_Y = ((0.3,), (-0.2,), (0.9,), (-0.6,))
GD_LARGE = {"scale": 10.0, "lr": 1e-4, "steps": 3}
GD_PARAMS = ("x", "y", "w1", "w2", "lr", "steps")
ADAM_PARAMS = ("x", "y", "params", "activation", "lr", "steps")


def _fresh(name: str) -> str:
    """``name`` as a new string object, so an ``activation is "tanh"`` test cannot pass by
    interning."""
    return "".join(list(name))


def _state() -> dict[str, Any]:
    """Torch's global state that a student call must leave as it found it: gradient mode and the
    default dtype."""
    return {
        "grad": bool(torch.is_grad_enabled()),
        "dtype": str(torch.get_default_dtype()).replace("torch.", ""),
    }


def _restore(state: dict[str, Any]) -> None:
    """Put back the global state recorded by :func:`_state` (so one call's leak does not reach
    the next call)."""
    torch.set_grad_enabled(bool(state["grad"]))
    torch.set_default_dtype(getattr(torch, str(state["dtype"])))


def _snapshot(named: dict[str, Any]) -> dict[str, Any]:
    """The tensors a student call is handed, and copies of their values, to compare after it."""
    return {k: (v, _arr(v)) for k, v in named.items()}


def _changes(snap: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What a call did to the arguments recorded by :func:`_snapshot`: keys added or removed,
    tensors replaced, reshaped or with other values (at most 5 lines; none: unchanged)."""
    out = []
    if sorted(map(str, now)) != sorted(map(str, snap)):
        out.append(f"the keys became {', '.join(sorted(map(str, now)))[:80] or 'none'}")
    for k, (tensor, values) in snap.items():
        got = now.get(k)
        if got is None:
            continue
        new = _arr(got)
        if got is not tensor:
            out.append(f"{k} was replaced by another object of shape {tuple(np.shape(new))}")
        elif new.shape != values.shape:
            out.append(f"{k} changed shape from {values.shape} to {new.shape}")
        elif not np.array_equal(new, values, equal_nan=True):
            out.append(f"{k} changed its values")
    return out[:5]


def _replaced(given: dict[str, Any], now: Any) -> list[str]:
    """Names in the params dict that a call replaced by another object (or removed)."""
    named = now if isinstance(now, dict) else {}
    return [k for k, v in given.items() if named.get(k) is not v]


def _other_targets(ctx: ProbeContext, i: int) -> np.ndarray:
    """Targets that are not sin x on the 200 training midpoints: ``a sin(b x + c) + d`` with
    random a, b, c, d (float32 (200, 1))."""
    rng = np.random.default_rng([ctx.seed, 71, i])
    a, b, c, d = (
        rng.uniform(0.5, 1.0),
        rng.uniform(0.6, 1.4),
        rng.uniform(0.5, 2.5),
        rng.uniform(-0.3, 0.3),
    )
    x = spec_train_data()[0].double().numpy()
    return (a * np.sin(b * x + c) + d).astype(np.float32)


# --- restatements of the given helpers (the spec) ----------------------------------------------


def spec_train_data(n: int = N_TRAIN, device: Any = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
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


# The two forwards restate their docstrings' one-line formulas (as spec_train_data restates
# make_train_data's), spelled as tensor methods: the same kernels, so the same bits, as the
# operators. They ship in the student release with this file and give away nothing the
# docstrings do not already state.


def spec_forward_nobias(x: torch.Tensor, w1: torch.Tensor, w2: torch.Tensor) -> torch.Tensor:
    """``forward_nobias``: ``relu(x @ W1) @ W2``, x (N, 1), W1 (1, H), W2 (H, 1) -> (N, 1).
    Handed to the student's gd_steps in the loop probes, so a broken forward fails its own
    checks only."""
    return x.matmul(w1).relu().matmul(w2)


def spec_forward_bias(
    x: torch.Tensor, params: dict[str, torch.Tensor], activation: str
) -> torch.Tensor:
    """``forward_bias``: ``act(x @ W1 + b1) @ W2 + b2`` (act = tanh or relu) -> (N, 1). Handed to
    the student's adam_steps in the loop probes, so a broken forward fails its own checks only."""
    hidden = x.matmul(params["W1"]).add(params["b1"])
    hidden = hidden.tanh() if activation == "tanh" else hidden.relu()
    return hidden.matmul(params["W2"]).add(params["b2"])


# --- helpers ------------------------------------------------------------------------------------


def _arr(t: Any) -> np.ndarray:
    """A tensor (or anything array-like of numbers) as a CPU numpy array."""
    if isinstance(t, torch.Tensor):
        return t.detach().cpu().numpy().copy()
    try:
        arr = np.asarray(t)
    except (TypeError, ValueError):
        return np.zeros(0)
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


def _device(t: Any) -> str:
    return t.device.type if isinstance(t, torch.Tensor) else type(t).__name__


def _number(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, RuntimeError):
        return math.nan


def _losses(losses: Any) -> np.ndarray:
    return np.array([float(v) for v in losses], dtype=np.float64)


def _kinds(values: Any) -> dict[str, Any]:
    """The container type of a returned sequence and the types of its items."""
    items = list(values) if isinstance(values, (list, tuple)) else []
    return {"type": type(values).__name__, "items": sorted({type(v).__name__ for v in items})}


def _tensor(values: Any, device: str, grad: bool = False) -> torch.Tensor:
    t = torch.tensor(values, dtype=torch.float32, device=device)
    return t.requires_grad_() if grad else t


def _seed(ctx: ProbeContext) -> int:
    return ctx.seed % 10_000


def _sequence(got: Any, n: int) -> dict[str, Any] | None:
    """None when ``got`` is a tuple or list of ``n`` items, else what it is."""
    if isinstance(got, (tuple, list)) and len(got) == n:
        return None
    return {
        "returned": type(got).__name__,
        "length": len(got) if isinstance(got, (tuple, list)) else -1,
    }


def _nobias_result(got: Any) -> dict[str, Any]:
    """What ``train_nobias`` returned: (W1, W2, losses) described, or the error it raised."""
    if as_error(got) is not None:
        return got
    odd = _sequence(got, 3)
    if odd is not None:
        return odd
    w1, w2, losses = got
    return {
        "W1": _describe(w1),
        "W2": _describe(w2),
        "losses": attempt(_losses, losses),
        "loss_kinds": _kinds(losses),
    }


def _bias_result(got: Any) -> dict[str, Any]:
    """What ``train_bias`` returned: (params, losses) described, or the error it raised."""
    if as_error(got) is not None:
        return got
    odd = _sequence(got, 2)
    if odd is not None:
        return odd
    params, losses = got
    named = params if isinstance(params, dict) else {}
    return {
        "type": type(params).__name__,
        "keys": sorted(str(k) for k in named)[:10],
        "params": {k: _describe(named[k]) for k in PARAM_NAMES if k in named},
        "losses": attempt(_losses, losses),
        "loss_kinds": _kinds(losses),
    }


def _blames(function: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A probe that calls one student function: what it raises names that function ("in
    gd_steps: ..."), keeping the exception's type name."""

    def wrap(probe: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(probe)
        def run(mod: ModuleType, ctx: ProbeContext) -> Any:
            try:
                return probe(mod, ctx)
            except Exception as exc:
                text = str(exc).strip().splitlines()
                named = type(type(exc).__name__, (Exception,), {})
                raise named(f"in {function}: {text[0] if text else ''}") from exc

        return run

    return wrap


# --- what train_* hand to the loops ------------------------------------------------------------


@contextlib.contextmanager
def _patched(mod: ModuleType, **replacements: Any) -> Iterator[None]:
    """Module attributes replaced for the duration (the student's own put back after)."""
    saved = {name: getattr(mod, name) for name in replacements}
    for name, value in replacements.items():
        setattr(mod, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(mod, name, value)


def _arguments(fn: Callable[..., Any], args: Any, kwargs: Any, names: tuple[str, ...]) -> dict:
    """A call's arguments in the order of the spec's parameters ``names``."""
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
        bound.apply_defaults()
        values = list(bound.arguments.values())
    except (TypeError, ValueError):
        values = [*args, *kwargs.values()]
    return dict(zip(names, values))


def _gd_spy(real: Callable[..., Any], record: dict[str, Any]) -> Callable[..., Any]:
    """The student's ``gd_steps``, recording what it is handed and what it trains (3 calls)."""

    def gd_steps(*args: Any, **kwargs: Any) -> Any:
        a = _arguments(real, args, kwargs, GD_PARAMS)
        call: dict[str, Any] = {
            "data_x": _arr(a.get("x")),
            "data_y": _arr(a.get("y")),
            "start": {"W1": _arr(a.get("w1")), "W2": _arr(a.get("w2"))},
            "rate": _number(a.get("lr")),
            "count": _number(a.get("steps")),
            "devices": [_device(a.get(k)) for k in ("x", "y", "w1", "w2")],
        }
        out = real(*args, **kwargs)
        call["losses"] = attempt(_losses, out)
        call["end"] = {"W1": _arr(a.get("w1")), "W2": _arr(a.get("w2"))}
        record["n"] += 1
        if len(record["calls"]) < 3:
            record["calls"].append(call)
        return out

    return gd_steps


def _adam_spy(real: Callable[..., Any], record: dict[str, Any]) -> Callable[..., Any]:
    """The student's ``adam_steps``, recording what it is handed and what it trains (3 calls)."""

    def adam_steps(*args: Any, **kwargs: Any) -> Any:
        a = _arguments(real, args, kwargs, ADAM_PARAMS)
        params = a.get("params")
        named = params if isinstance(params, dict) else {}
        act = a.get("activation")
        call: dict[str, Any] = {
            "data_x": _arr(a.get("x")),
            "data_y": _arr(a.get("y")),
            "start": {n: _arr(named.get(n)) for n in PARAM_NAMES},
            "act": act[:20] if isinstance(act, str) else type(act).__name__,
            "rate": _number(a.get("lr")),
            "count": _number(a.get("steps")),
            "devices": [_device(a.get("x")), _device(a.get("y"))]
            + [_device(named.get(n)) for n in PARAM_NAMES],
        }
        out = real(*args, **kwargs)
        call["losses"] = attempt(_losses, out)
        call["end"] = {n: _arr(named.get(n)) for n in PARAM_NAMES}
        record["n"] += 1
        if len(record["calls"]) < 3:
            record["calls"].append(call)
        return out

    return adam_steps


# --- pieces: data, floor, forward functions ----------------------------------------------------


@PROBES.probe
def pieces_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_train_data(4) and make_train_data(), best_origin_line_mse on the tiny problem and on
    the evaluation grid, both forwards on a tiny fixed problem, each call with its own copy of
    the inputs and its own outcome."""
    dev = ctx.device

    def x() -> torch.Tensor:
        return _tensor(TINY_X, dev)

    def data(*args: Any) -> list[dict[str, Any]]:
        return [_describe(t) for t in mod.make_train_data(*args, device=dev)]

    def floor(xs: torch.Tensor, ys: torch.Tensor) -> dict[str, Any]:
        got = mod.best_origin_line_mse(xs, ys)
        values = [_number(v) for v in got] if isinstance(got, (tuple, list)) else []
        return {"values": values, "kinds": _kinds(got)}

    def nobias() -> dict[str, Any]:
        return _describe(mod.forward_nobias(x(), _tensor(TINY_W1, dev), _tensor(TINY_W2, dev)))

    def bias(act: str) -> dict[str, Any]:
        params = {k: _tensor(v, dev) for k, v in TINY_PARAMS.items()}
        return _describe(mod.forward_bias(x(), params, _fresh(act)))

    with torch.no_grad():
        return {
            "data": attempt(data, 4),
            "data_default": attempt(data),
            "floor": attempt(floor, x(), torch.sin(x())),
            "floor_grid": attempt(floor, *spec_eval_grid(device=dev)),
            "nobias": attempt(nobias),
            "tanh": attempt(bias, "tanh"),
            "relu": attempt(bias, "relu"),
        }


@PROBES.probe
@_blames("make_train_data")
def train_data(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_train_data() with the default n = 200 and with n = 37, on the device."""
    return {
        "default": [_describe(t) for t in mod.make_train_data(device=ctx.device)],
        "n37": [_describe(t) for t in mod.make_train_data(37, device=ctx.device)],
    }


@PROBES.probe
@_blames("make_train_data")
def train_data_fresh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_train_data(23, device) twice: whether the second call returns the first call's tensor
    objects or storage, the first call's values, and the second call's values after the first
    call's x and y were changed in place (x += 1, y *= -2)."""
    x1, y1 = mod.make_train_data(FRESH_N, device=ctx.device)
    first = [_arr(x1), _arr(y1)]
    x2, y2 = mod.make_train_data(FRESH_N, device=ctx.device)
    same = [a is b for a, b in ((x1, x2), (y1, y2))]

    def storage(t: Any) -> int:
        return int(t.untyped_storage().data_ptr()) if isinstance(t, torch.Tensor) else -1

    shared = [storage(a) == storage(b) != -1 for a, b in ((x1, x2), (y1, y2))]
    with torch.no_grad():
        x1.add_(1.0)
        y1.mul_(-2.0)
    return {
        "same": same,
        "shared": shared,
        "first": first,
        "second": [_arr(x2), _arr(y2)],
    }


@PROBES.probe
@_blames("make_train_data")
def train_data_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Where make_train_data puts x and y: device by keyword, by position, with the default n."""
    calls = (((7,), {"device": ctx.device}), ((7, ctx.device), {}), ((), {"device": ctx.device}))
    out = []
    for args, kwargs in calls:
        x, y = mod.make_train_data(*args, **kwargs)
        out.append([_device(x), _device(y)])
    return {"devices": out}


def floor_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """50 random points near the line 0.7 x (the grid case uses ``spec_eval_grid``)."""
    rng = np.random.default_rng(ctx.seed)
    xr = rng.uniform(0.1, 5.0, (50, 1)).astype(np.float32)
    yr = (0.7 * xr + rng.normal(0, 0.5, (50, 1))).astype(np.float32)
    return {"x": xr, "y": yr}


@PROBES.probe(inputs=floor_inputs)
@_blames("best_origin_line_mse")
def floor_numbers(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """best_origin_line_mse on the evaluation grid and on random data (values and their types),
    and on the random data as float64: whether the caller's x and y (float32, float64) are left
    as they were."""
    x, y = spec_eval_grid(device=ctx.device)
    inp = ctx.inputs
    grid = mod.best_origin_line_mse(x, y)
    xr, yr = _tensor(inp["x"], ctx.device), _tensor(inp["y"], ctx.device)
    kept = [xr.clone(), yr.clone()]
    rand = mod.best_origin_line_mse(xr, yr)
    x64, y64 = xr.double(), yr.double()
    kept64 = [x64.clone(), y64.clone()]
    mod.best_origin_line_mse(x64, y64)
    unchanged = all(
        torch.equal(a, b) for a, b in zip((xr, yr, x64, y64), (*kept, *kept64), strict=True)
    )
    return {
        "grid": [_number(v) for v in grid],
        "random": [_number(v) for v in rand],
        "kinds": [_kinds(grid), _kinds(rand)],
        "inputs_unchanged": bool(unchanged),
    }


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
@_blames("forward_nobias")
def forward_nobias(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """forward_nobias on random x in [-3, 10] for H = 7 and 16, and at 3x for x >= 0
    (homogeneity); every call gets its own copy of the inputs."""
    cases = []
    for case in ctx.inputs["cases"]:

        def run(x: Any, case: dict[str, Any] = case) -> torch.Tensor:
            w = [_tensor(case[k], ctx.device) for k in ("W1", "W2")]
            return mod.forward_nobias(_tensor(x, ctx.device), *w)

        with torch.no_grad():
            out = run(case["x"])
            at_x = run(np.abs(case["x"]))
            at_3x = run(3.0 * np.abs(case["x"]))
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
@_blames("forward_bias")
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


def forward_grads_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random x in [-3, 10], parameters and output weights r (N = 48): the no-bias net (H = 7),
    and the net with biases for tanh (H = 5) and relu (H = 9)."""
    rng = np.random.default_rng(ctx.seed)
    cases = []
    for act, hidden in ((None, 7), ("tanh", 5), ("relu", 9)):
        params = {"W1": rng.normal(0, 1, (1, hidden))}
        if act is not None:
            params["b1"] = rng.normal(0, 3, (hidden,))
        params["W2"] = rng.normal(0, 1, (hidden, 1))
        if act is not None:
            params["b2"] = rng.normal(0, 1, (1,))
        cases.append(
            {
                "activation": act,
                "x": rng.uniform(-3.0, 10.0, (48, 1)).astype(np.float32),
                "r": rng.normal(0, 1, (48, 1)).astype(np.float32),
                "params": {k: v.astype(np.float32) for k, v in params.items()},
            }
        )
    return {"cases": cases}


def _grads_through(mod: ModuleType, ctx: ProbeContext, case: dict[str, Any]) -> dict[str, Any]:
    """``sum(r * forward(x, ...))`` with leaf parameters, backward, and the gradient each leaf
    received (None: none reached it); ``tracked``: whether the output required grad at all."""
    params = {k: _tensor(v, ctx.device, True) for k, v in case["params"].items()}
    x, r = _tensor(case["x"], ctx.device), _tensor(case["r"], ctx.device)
    with torch.enable_grad():
        if case["activation"] is None:
            out = mod.forward_nobias(x, params["W1"], params["W2"])
        else:
            out = mod.forward_bias(x, params, _fresh(case["activation"]))
        if not (isinstance(out, torch.Tensor) and out.requires_grad):
            return {"grads": {k: None for k in params}, "tracked": False}
        (out.reshape(r.shape) * r).sum().backward()
    grads = {k: None if p.grad is None else _arr(p.grad) for k, p in params.items()}
    return {"grads": grads, "tracked": True}


@PROBES.probe(inputs=forward_grads_inputs)
def forward_grads(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Gradients through each forward on random inputs (:func:`_grads_through`), each case with
    its own outcome."""
    cases = ctx.inputs["cases"]
    return {"cases": [{"result": attempt(_grads_through, mod, ctx, c)} for c in cases]}


TINY_R = ((1.0,), (-1.0,), (2.0,), (0.5,))
"""Output weights of the public gradient problem: the gradients of sum(r * f(x))."""


@PROBES.probe
def forward_grads_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Gradients of sum(r * f(x)) on the tiny problem through forward_nobias (TINY_W1, TINY_W2)
    and forward_bias (TINY_PARAMS, tanh and relu), r = TINY_R, each with its own outcome."""
    nobias = {"W1": TINY_W1, "W2": TINY_W2}
    cases = {
        "nobias": {"activation": None, "params": nobias},
        "tanh": {"activation": "tanh", "params": TINY_PARAMS},
        "relu": {"activation": "relu", "params": TINY_PARAMS},
    }
    return {
        key: attempt(_grads_through, mod, ctx, {**case, "x": TINY_X, "r": TINY_R})
        for key, case in cases.items()
    }


@PROBES.probe
def forward_args(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What forward_nobias and forward_bias (tanh, relu) do to their arguments on the tiny
    problem, with gradients on as in training: the params dict's keys, each tensor's identity,
    shape and values, and x (each call with its own outcome)."""

    def nobias() -> list[str]:
        args = {"x": _tensor(TINY_X, ctx.device)}
        args |= {"w1": _tensor(TINY_W1, ctx.device, True), "w2": _tensor(TINY_W2, ctx.device, True)}
        snap = _snapshot(args)
        mod.forward_nobias(args["x"], args["w1"], args["w2"])
        return _changes(snap, args)

    def bias(act: str) -> list[str]:
        x = _tensor(TINY_X, ctx.device)
        params = {k: _tensor(v, ctx.device, True) for k, v in TINY_PARAMS.items()}
        snap, snap_x = _snapshot(params), _snapshot({"x": x})
        mod.forward_bias(x, params, _fresh(act))
        return [f"params: {c}" for c in _changes(snap, params)] + _changes(snap_x, {"x": x})

    with torch.enable_grad():
        return {
            "nobias": attempt(nobias),
            "tanh": attempt(bias, "tanh"),
            "relu": attempt(bias, "relu"),
        }


@PROBES.probe
def trained_shapes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """A few steps of train_nobias and train_bias, each call on its own: what they return
    (types, shapes, dtypes, the loss list)."""
    seed = _seed(ctx)
    nobias = attempt(mod.train_nobias, seed, ctx.device, hidden=6, lr=1e-4, steps=3)
    out: dict[str, Any] = {"nobias": _nobias_result(nobias)}
    for act in ("tanh", "relu"):
        got = attempt(mod.train_bias, _fresh(act), seed, ctx.device, hidden=9, lr=1e-3, steps=4)
        out[act] = _bias_result(got)
    return out


# --- training loops, step by step --------------------------------------------------------------


@PROBES.probe
def gd_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gd_steps: 3 steps with lr 0.05 on the tiny problem (4 points, 3 hidden units), and 3 steps
    with lr 1e-4 from 10 times the tiny weights on other targets (gradients in the hundreds)."""

    def run(y: Any, scale: float, lr: float, steps: int) -> dict[str, Any]:
        x = _tensor(TINY_X, ctx.device)
        w1 = _tensor(np.multiply(TINY_W1, scale), ctx.device, True)
        w2 = _tensor(np.multiply(TINY_W2, scale), ctx.device, True)
        before = _state()
        with _patched(mod, forward_nobias=spec_forward_nobias):
            losses = attempt(mod.gd_steps, x, torch.sin(x) if y is None else _tensor(y, ctx.device),
                             w1, w2, lr, steps)  # fmt: skip
        after = _state()
        _restore(before)
        if as_error(losses) is not None:
            return losses
        out = {"losses": attempt(_losses, losses), "loss_kinds": _kinds(losses)}
        return out | {"W1": _arr(w1), "W2": _arr(w2), "before": before, "after": after}

    large = GD_LARGE
    return {
        "run": run(None, 1.0, 0.05, 3),
        "large": run(TINY_Y, large["scale"], large["lr"], large["steps"]),
    }


def gd_trajectory_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Learning rate, step count and two starts init_nobias(16, seed), init_nobias(16, seed + 1);
    the second trains on targets other than sin x (``y``; None: sin x)."""
    hidden = int(ctx.param("nobias_hidden"))
    runs = []
    for i, seed in enumerate((_seed(ctx), _seed(ctx) + 1)):
        w1, w2 = spec_init_nobias(hidden, seed)
        y = _other_targets(ctx, i) if i else None
        runs.append({"seed": seed, "init": {"W1": _arr(w1), "W2": _arr(w2)}, "y": y})
    return {"lr": GD_TRAJ_LR, "steps": int(ctx.param("traj_steps")), "runs": runs}


@PROBES.probe(inputs=gd_trajectory_inputs)
@_blames("gd_steps")
def gd_trajectory(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gd_steps for ``traj_steps`` steps (lr 8e-4) from init_nobias(16, seed) on the training
    data, two seeds (the second on targets other than sin x)."""
    inp = ctx.inputs
    runs = []
    for run in inp["runs"]:
        x, y = spec_train_data(device=ctx.device)
        if run["y"] is not None:
            y = _tensor(run["y"], ctx.device)
        w1, w2 = (_tensor(run["init"][k], ctx.device, True) for k in ("W1", "W2"))
        before = _state()
        with _patched(mod, forward_nobias=spec_forward_nobias):
            losses = mod.gd_steps(x, y, w1, w2, inp["lr"], inp["steps"])
        after = _state()
        _restore(before)
        runs.append(
            {
                "losses": _losses(losses),
                "loss_kinds": _kinds(losses),
                "W1": _arr(w1),
                "W2": _arr(w2),
                "before": before,
                "after": after,
            }
        )
    return {"runs": runs}


GD_EXTREMES = (
    {"name": "lr_zero", "scale": 1.0, "targets": "sin", "lr": 0.0, "steps": 3},
    {"name": "huge_gradients", "scale": 1e3, "targets": "tiny", "lr": 1e-10, "steps": 3},
    {"name": "infinite_target", "scale": 1.0, "targets": "inf", "lr": 0.05, "steps": 3},
)
"""gd_extremes: runs on the tiny problem where an argument's or a guard's effect shows: lr=0 (no
update: ``lr or default`` shows), weights 1000 times the tiny ones (gradients of size 1e9:
clamping or skipping large gradients shows), and a target of +inf (the loss is inf, then nan:
every step is still taken and every loss returned)."""


def _extreme_targets(kind: str) -> np.ndarray | None:
    """The targets of a gd/adam extreme run (None: sin x)."""
    if kind == "sin":
        return None
    y = np.array(TINY_Y, dtype=np.float64)
    if kind == "inf":
        y[1, 0] = np.inf
    elif kind == "fit":
        return None
    elif kind == "large":
        y = 1000.0 * np.sin(np.array(TINY_X, dtype=np.float64))
    return y


def gd_extremes_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The runs of GD_EXTREMES, each with its start (the tiny weights, scaled) and targets."""
    runs = []
    for r in GD_EXTREMES:
        w1 = np.multiply(TINY_W1, r["scale"])
        w2 = np.multiply(TINY_W2, r["scale"])
        runs.append(r | {"init": {"W1": w1, "W2": w2}, "y": _extreme_targets(r["targets"])})
    return {"runs": runs}


@PROBES.probe(inputs=gd_extremes_inputs)
def gd_extremes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gd_steps on the tiny x for each run of GD_EXTREMES (the specified forward_nobias), each
    run with its own outcome: the losses and W1, W2 after."""

    def run(r: dict[str, Any]) -> dict[str, Any]:
        x = _tensor(TINY_X, ctx.device)
        y = torch.sin(x) if r["y"] is None else _tensor(r["y"], ctx.device)
        w1 = _tensor(r["init"]["W1"], ctx.device, True)
        w2 = _tensor(r["init"]["W2"], ctx.device, True)
        before = _state()
        try:
            with _patched(mod, forward_nobias=spec_forward_nobias):
                losses = mod.gd_steps(x, y, w1, w2, r["lr"], r["steps"])
        finally:
            _restore(before)
        return {"losses": _losses(losses), "W1": _arr(w1), "W2": _arr(w2)}

    return {"runs": [{"out": attempt(run, r)} for r in ctx.inputs["runs"]]}


ADAM_EXTREMES = (
    {"name": "lr_zero", "activation": "tanh", "targets": "sin", "lr": 0.0, "steps": 4},
    {"name": "steps_zero", "activation": "relu", "targets": "sin", "lr": 0.05, "steps": 0},
    {"name": "large_targets", "activation": "tanh", "targets": "large", "lr": 0.05, "steps": 6},
    {"name": "already_fit", "activation": "relu", "targets": "fit", "lr": 0.05, "steps": 5},
)
"""adam_extremes: runs on the tiny problem where an argument's or a guard's effect shows: lr=0
(no update), steps=0 (no step, no loss: ``steps or default`` shows), targets 1000·sin x
(gradients in the thousands: clipping the gradient norm shows) and targets equal to the start's
own output (every loss is 0: an early stop on a small loss returns fewer losses)."""


def adam_extremes_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The runs of ADAM_EXTREMES with their targets (None for sin x and for "fit": the tiny
    start's own output, computed in the probe)."""
    return {"runs": [r | {"y": _extreme_targets(r["targets"])} for r in ADAM_EXTREMES]}


@PROBES.probe(inputs=adam_extremes_inputs)
def adam_extremes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps on the tiny problem (its start, the specified forward_bias) for each run of
    ADAM_EXTREMES, each run with its own outcome: the losses and the four tensors after."""

    def run(r: dict[str, Any]) -> dict[str, Any]:
        x = _tensor(TINY_X, ctx.device)
        params = {k: _tensor(v, ctx.device, True) for k, v in TINY_PARAMS.items()}
        if r["targets"] == "fit":  # on the device itself, so that every loss is exactly 0
            with torch.no_grad():
                y = spec_forward_bias(x, params, r["activation"]).detach()
        else:
            y = torch.sin(x) if r["y"] is None else _tensor(r["y"], ctx.device)
        before = _state()
        try:
            with _patched(mod, forward_bias=spec_forward_bias):
                losses = mod.adam_steps(x, y, params, _fresh(r["activation"]), r["lr"], r["steps"])
        finally:
            _restore(before)
        return {"losses": _losses(losses), "params": {k: _arr(params[k]) for k in PARAM_NAMES}}

    return {"runs": [{"out": attempt(run, r)} for r in ctx.inputs["runs"]]}


@PROBES.probe
def adam_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps with lr 0.08 on the tiny problem: 5 steps tanh (lr / 10 after 3), 6 steps relu
    (after 4), and 5 steps tanh on other targets, each run with its own outcome."""

    def run(act: str, other: bool = False) -> dict[str, Any]:
        x = _tensor(TINY_X, ctx.device)
        y = _tensor(TINY_Y, ctx.device) if other else torch.sin(x)
        params = {k: _tensor(v, ctx.device, True) for k, v in TINY_PARAMS.items()}
        k = ADAM_PUBLIC_STEPS[act]
        before = _state()
        try:
            with _patched(mod, forward_bias=spec_forward_bias):
                losses = mod.adam_steps(x, y, params, _fresh(act), ADAM_PUBLIC_LR, k)
            after = _state()
        finally:
            _restore(before)
        return {
            "losses": attempt(_losses, losses),
            "loss_kinds": _kinds(losses),
            "params": {k: _arr(params[k]) for k in PARAM_NAMES},
            "before": before,
            "after": after,
        }

    out = {act: attempt(run, act) for act in ADAM_PUBLIC_STEPS}
    return out | {"tanh_targets": attempt(run, "tanh", True)}


def _adam_inputs(ctx: ProbeContext, act: str) -> dict[str, Any]:
    """Activation and three runs: learning rate, step count, the start init_bias(32, seed + i)
    and the targets (``y``; None: sin x)."""
    runs = []
    for i, (lr, steps, other) in enumerate(ADAM_TRAJ_RUNS):
        params = spec_init_bias(int(ctx.param("bias_hidden")), _seed(ctx) + i)
        runs.append(
            {
                "lr": lr,
                "steps": int(ctx.param("traj_steps")) if steps is None else steps,
                "seed": _seed(ctx) + i,
                "init": {n: _arr(params[n]) for n in PARAM_NAMES},
                "y": _other_targets(ctx, 10 + i) if other else None,
            }
        )
    return {"activation": act, "runs": runs}


def adam_tanh_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _adam_inputs(ctx, "tanh")


def adam_relu_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _adam_inputs(ctx, "relu")


def _adam_call(
    mod: ModuleType,
    x: torch.Tensor,
    y: torch.Tensor,
    params: dict[str, torch.Tensor],
    act: str,
    lr: float,
    steps: int,
) -> dict[str, Any]:
    """adam_steps(x, y, params, act, lr, steps) with the specified forward: the losses, the
    tensors in params after the call, the entries it replaced, torch's state before and after."""
    given = dict(params)
    before = _state()
    try:
        with _patched(mod, forward_bias=spec_forward_bias):
            losses = mod.adam_steps(x, y, params, _fresh(act), lr, steps)
        after = _state()
    finally:
        _restore(before)
    return {
        "losses": _losses(losses),
        "loss_kinds": _kinds(losses),
        "params": {n: _arr(params.get(n)) for n in PARAM_NAMES},
        "replaced": _replaced(given, params),
        "before": before,
        "after": after,
    }


def _adam_trajectory(mod: ModuleType, ctx: ProbeContext, inp: dict[str, Any]) -> dict[str, Any]:
    runs = []
    for run in inp["runs"]:
        x, y = spec_train_data(device=ctx.device)
        if run["y"] is not None:
            y = _tensor(run["y"], ctx.device)
        params = {n: _tensor(run["init"][n], ctx.device, True) for n in PARAM_NAMES}
        runs.append(_adam_call(mod, x, y, params, inp["activation"], run["lr"], run["steps"]))
    return {"runs": runs}


@PROBES.probe(inputs=adam_tanh_inputs)
@_blames("adam_steps")
def adam_trajectory_tanh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps (tanh) for 22 steps (lr 0.03), 21 steps (lr 0.015) and 120 steps (lr 0.02) from
    init_bias(32, seed + i) on the training data (the last two on targets other than sin x)."""
    return _adam_trajectory(mod, ctx, ctx.inputs)


@PROBES.probe(inputs=adam_relu_inputs)
@_blames("adam_steps")
def adam_trajectory_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps (relu) for 22 steps (lr 0.03), 21 steps (lr 0.015) and 120 steps (lr 0.02) from
    init_bias(32, seed + i) on the training data (the last two on targets other than sin x)."""
    return _adam_trajectory(mod, ctx, ctx.inputs)


def adam_short_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Three short runs (1, 2 and 3 steps): activation, learning rate, step count and the start
    init_bias(32, seed + 20 + i) (targets sin x)."""
    runs = []
    for i, (act, lr, steps) in enumerate(ADAM_SHORT_RUNS):
        seed = _seed(ctx) + 20 + i
        params = spec_init_bias(int(ctx.param("bias_hidden")), seed)
        runs.append(
            {
                "activation": act,
                "lr": lr,
                "steps": steps,
                "seed": seed,
                "init": {n: _arr(params[n]) for n in PARAM_NAMES},
            }
        )
    return {"runs": runs}


@PROBES.probe(inputs=adam_short_inputs)
def adam_short(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps for 1 step (tanh, lr 0.03), 2 steps (relu, lr 0.02) and 3 steps (tanh, lr
    0.025) from init_bias(32, seed + 20 + i) on the training data, each run with its own
    outcome (the milestone 3 * steps // 4 is 0, 1 and 2)."""

    def run(r: dict[str, Any]) -> dict[str, Any]:
        x, y = spec_train_data(device=ctx.device)
        params = {n: _tensor(r["init"][n], ctx.device, True) for n in PARAM_NAMES}
        return _adam_call(mod, x, y, params, r["activation"], r["lr"], r["steps"])

    return {"runs": [{"result": attempt(run, r)} for r in ctx.inputs["runs"]]}


def adam_twice_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two runs of two calls each: activation, the start init_bias(32, seed + 30 + i), and the
    learning rate and step count of the first and of the second call."""
    runs = []
    for i, (act, first, second) in enumerate(ADAM_TWICE_RUNS):
        seed = _seed(ctx) + 30 + i
        params = spec_init_bias(int(ctx.param("bias_hidden")), seed)
        runs.append(
            {
                "activation": act,
                "seed": seed,
                "init": {n: _arr(params[n]) for n in PARAM_NAMES},
                "first": {"lr": first[0], "steps": first[1]},
                "second": {"lr": second[0], "steps": second[1]},
            }
        )
    return {"runs": runs}


@PROBES.probe(inputs=adam_twice_inputs)
def adam_twice(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps called twice on the same params dict and tensors, the second time with another
    lr and step count: tanh, 6 steps (lr 0.03) then 5 steps (lr 0.01) from init_bias(32, seed +
    30); relu, 7 steps (lr 0.02) then 3 steps (lr 0.05) from init_bias(32, seed + 31). Each call
    with its own outcome (``calls``: the first, then the second unless the first raised)."""
    out = []
    for r in ctx.inputs["runs"]:
        x, y = spec_train_data(device=ctx.device)
        params = {n: _tensor(r["init"][n], ctx.device, True) for n in PARAM_NAMES}
        calls = []
        for key in ("first", "second"):
            c = r[key]
            got = attempt(_adam_call, mod, x, y, params, r["activation"], c["lr"], c["steps"])
            calls.append(got)
            if as_error(got) is not None:
                break
        out.append({"calls": calls})
    return {"runs": out}


def adam_stale_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two runs: activation, learning rate, step count, the value every .grad holds before the
    call, and the start init_bias(32, seed + 40 + i) (targets sin x)."""
    runs = []
    for i, (act, lr, steps, stale) in enumerate(ADAM_STALE_RUNS):
        seed = _seed(ctx) + 40 + i
        params = spec_init_bias(int(ctx.param("bias_hidden")), seed)
        runs.append(
            {
                "activation": act,
                "lr": lr,
                "steps": steps,
                "stale": stale,
                "seed": seed,
                "init": {n: _arr(params[n]) for n in PARAM_NAMES},
            }
        )
    return {"runs": runs}


@PROBES.probe(inputs=adam_stale_inputs)
def adam_stale(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps for 6 steps (tanh, lr 0.03) and 5 steps (relu, lr 0.02) from init_bias(32,
    seed + 40 + i) on the training data, every tensor handed in with its .grad already filled
    (0.5, then -0.5), each run with its own outcome."""

    def run(r: dict[str, Any]) -> dict[str, Any]:
        x, y = spec_train_data(device=ctx.device)
        params = {n: _tensor(r["init"][n], ctx.device, True) for n in PARAM_NAMES}
        for p in params.values():
            p.grad = torch.full_like(p, float(r["stale"]))
        return _adam_call(mod, x, y, params, r["activation"], r["lr"], r["steps"])

    return {"runs": [{"result": attempt(run, r)} for r in ctx.inputs["runs"]]}


def adam_quiet_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two runs: activation, learning rate, step count, the quiet unit's index and the start:
    init_bias(32, seed + 50 + i) with that unit's W1 and W2 entries 0 and its b1 1e-8."""
    rng = np.random.default_rng([ctx.seed, 50])
    runs = []
    for i, (act, lr, steps) in enumerate(ADAM_QUIET_RUNS):
        seed = _seed(ctx) + 50 + i
        hidden = int(ctx.param("bias_hidden"))
        init = {n: _arr(v) for n, v in spec_init_bias(hidden, seed).items()}
        unit = int(rng.integers(0, hidden))
        init["W1"][0][unit], init["b1"][unit], init["W2"][unit][0] = 0.0, QUIET_B1, 0.0
        runs.append(
            {
                "activation": act,
                "lr": lr,
                "steps": steps,
                "seed": seed,
                "unit": unit,
                "init": {n: init[n] for n in PARAM_NAMES},
            }
        )
    return {"runs": runs}


@PROBES.probe(inputs=adam_quiet_inputs)
def adam_quiet(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """adam_steps for 12 steps (tanh, lr 0.02) and 10 steps (relu, lr 0.03) from init_bias(32,
    seed + 50 + i) with one quiet hidden unit, on the training data, each run with its own
    outcome."""

    def run(r: dict[str, Any]) -> dict[str, Any]:
        x, y = spec_train_data(device=ctx.device)
        params = {n: _tensor(r["init"][n], ctx.device, True) for n in PARAM_NAMES}
        return _adam_call(mod, x, y, params, r["activation"], r["lr"], r["steps"])

    return {"runs": [{"result": attempt(run, r)} for r in ctx.inputs["runs"]]}


@PROBES.probe
@_blames("gd_steps")
def gd_grads_after(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """gd_steps for 1 step (lr 8e-4) from init_nobias(16, 7) and for 5 steps (lr 5e-4) from
    init_nobias(16, 8) on the training data: W1.grad and W2.grad once it returns (None where a
    tensor has no gradient)."""
    out = []
    for seed, lr, steps in GD_GRADS_RUNS:
        x, y = spec_train_data(device=ctx.device)
        w1, w2 = spec_init_nobias(int(ctx.param("nobias_hidden")), seed, ctx.device)
        before = _state()
        try:
            with _patched(mod, forward_nobias=spec_forward_nobias):
                mod.gd_steps(x, y, w1, w2, lr, steps)
        finally:
            _restore(before)
        grads = {n: None if w.grad is None else _arr(w.grad) for n, w in (("W1", w1), ("W2", w2))}
        out.append({"grads": grads})
    return {"runs": out}


# --- train_nobias / train_bias, step by step ---------------------------------------------------


def nobias_replay_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two runs: seed, width, learning rate, step count, and the start init_nobias(hidden, seed)."""
    runs = []
    for i, run in enumerate(NOBIAS_REPLAYS):
        seed = int(run.get("seed", _seed(ctx) + i))
        w1, w2 = spec_init_nobias(run["hidden"], seed)
        runs.append({**run, "seed": seed, "init": {"W1": _arr(w1), "W2": _arr(w2)}})
    return {"runs": runs}


@PROBES.probe(inputs=nobias_replay_inputs)
def train_nobias_replay(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_nobias(seed, device, hidden=11, lr=7e-4, steps=19), (seed + 1, hidden=7, lr=1e-4,
    steps=6), (0, hidden=5, lr=3e-4, steps=4) and (5, hidden=3, lr=6e-4, steps=5: every unit
    starts dead), with the specified training data as make_train_data and a record of what each
    hands to gd_steps."""
    out = []
    for run in ctx.inputs["runs"]:
        record: dict[str, Any] = {"n": 0, "calls": []}
        spy = _gd_spy(mod.gd_steps, record)
        with _patched(mod, make_train_data=spec_train_data, gd_steps=spy):
            got = attempt(
                mod.train_nobias,
                run["seed"],
                ctx.device,
                hidden=run["hidden"],
                lr=run["lr"],
                steps=run["steps"],
            )
        out.append(
            {"result": _nobias_result(got), "calls": record["calls"], "n_calls": record["n"]}
        )
    return {"runs": out}


def bias_replay_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two runs (tanh, relu): seed, width, learning rate, step count, start init_bias(H, seed)."""
    runs = []
    for i, run in enumerate(BIAS_REPLAYS):
        seed = int(run.get("seed", _seed(ctx) + i))
        params = spec_init_bias(run["hidden"], seed)
        runs.append({**run, "seed": seed, "init": {n: _arr(params[n]) for n in PARAM_NAMES}})
    return {"runs": runs}


@PROBES.probe(inputs=bias_replay_inputs)
def train_bias_replay(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_bias("tanh", seed, device, hidden=13, lr=0.03, steps=21), ("relu", seed + 1,
    hidden=9, lr=0.015, steps=22) and ("relu", 0, hidden=6, lr=0.02, steps=5), with the specified
    training data as make_train_data and a record of what each hands to adam_steps."""
    out = []
    for run in ctx.inputs["runs"]:
        record: dict[str, Any] = {"n": 0, "calls": []}
        spy = _adam_spy(mod.adam_steps, record)
        with _patched(mod, make_train_data=spec_train_data, adam_steps=spy):
            got = attempt(
                mod.train_bias,
                _fresh(run["activation"]),
                run["seed"],
                ctx.device,
                hidden=run["hidden"],
                lr=run["lr"],
                steps=run["steps"],
            )
        out.append({"result": _bias_result(got), "calls": record["calls"], "n_calls": record["n"]})
    return {"runs": out}


@PROBES.probe
@_blames("train_nobias")
def train_nobias_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Where train_nobias(3, device, hidden=4, lr=1e-4, steps=2) trains and what it returns
    (the specified training data as make_train_data)."""
    record: dict[str, Any] = {"n": 0, "calls": []}
    with _patched(mod, make_train_data=spec_train_data, gd_steps=_gd_spy(mod.gd_steps, record)):
        w1, w2, _ = mod.train_nobias(3, ctx.device, hidden=4, lr=1e-4, steps=2)
    return {
        "returned": [_device(w1), _device(w2)],
        "trained_on": [c["devices"] for c in record["calls"]],
    }


@PROBES.probe
@_blames("train_bias")
def train_bias_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Where train_bias("relu", 3, device, hidden=4, lr=1e-3, steps=2) trains and what it returns
    (the specified training data as make_train_data)."""
    record: dict[str, Any] = {"n": 0, "calls": []}
    spy = _adam_spy(mod.adam_steps, record)
    with _patched(mod, make_train_data=spec_train_data, adam_steps=spy):
        params, _ = mod.train_bias(_fresh("relu"), 3, ctx.device, hidden=4, lr=1e-3, steps=2)
    return {
        "returned": [_device(params[n]) for n in PARAM_NAMES],
        "trained_on": [c["devices"] for c in record["calls"]],
    }


@PROBES.probe
def train_nobias_smoke(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_nobias(3, device, hidden=3, lr=2e-3, steps=3) with the specified training data as
    make_train_data and a record of what it hands to gd_steps (public smoke run)."""
    run = NOBIAS_SMOKE
    record: dict[str, Any] = {"n": 0, "calls": []}
    with _patched(mod, make_train_data=spec_train_data, gd_steps=_gd_spy(mod.gd_steps, record)):
        got = attempt(
            mod.train_nobias,
            run["seed"],
            ctx.device,
            hidden=run["hidden"],
            lr=run["lr"],
            steps=run["steps"],
        )
    return {"result": _nobias_result(got), "calls": record["calls"], "n_calls": record["n"]}


@PROBES.probe
def train_bias_smoke(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_bias("tanh", 3, device, hidden=3, lr=0.05, steps=4) and ("relu", 4, ...) with the
    specified training data as make_train_data and a record of what each hands to adam_steps
    (public smoke runs)."""
    out = []
    for run in BIAS_SMOKE:
        record: dict[str, Any] = {"n": 0, "calls": []}
        spy = _adam_spy(mod.adam_steps, record)
        with _patched(mod, make_train_data=spec_train_data, adam_steps=spy):
            got = attempt(
                mod.train_bias,
                _fresh(run["activation"]),
                run["seed"],
                ctx.device,
                hidden=run["hidden"],
                lr=run["lr"],
                steps=run["steps"],
            )
        out.append({"result": _bias_result(got), "calls": record["calls"], "n_calls": record["n"]})
    return {"runs": out}


def train_rng_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The global seed set before each train_* call (never the call's own seed) and that seed."""
    rng = np.random.default_rng(ctx.seed)
    seeds = [int(v) for v in rng.choice(np.arange(1, 100_000), size=4, replace=False)]
    return {
        "nobias": {"global_seed": seeds[0], "seed": seeds[1]},
        "bias": {"global_seed": seeds[2], "seed": seeds[3]},
    }


def _untouched_loop(*args: Any, **kwargs: Any) -> list[float]:
    """A stand-in for gd_steps / adam_steps that trains nothing and draws nothing (the global
    generator check is about train_* itself, not about the loop it calls)."""
    steps = kwargs.get("steps", args[-1] if args else 0)
    return [0.0] * steps if isinstance(steps, int) else []


@PROBES.probe(inputs=train_rng_inputs)
def train_rng(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """torch.manual_seed(global_seed), then train_nobias(seed, device, hidden=3, lr=1e-4,
    steps=2) with the specified data, starts and a loop that draws nothing; then torch.rand(6).
    The same for train_bias("tanh", seed, ...). Each call with its own outcome."""
    inp = ctx.inputs
    patches = {
        "make_train_data": spec_train_data,
        "init_nobias": spec_init_nobias,
        "init_bias": spec_init_bias,
        "gd_steps": _untouched_loop,
        "adam_steps": _untouched_loop,
    }

    def run(bias: bool) -> dict[str, Any]:
        case = inp["bias" if bias else "nobias"]
        seed_global(case["global_seed"])
        with _patched(mod, **patches), watched_seeding() as watch:
            if bias:
                call = attempt(
                    mod.train_bias,
                    _fresh("tanh"),
                    case["seed"],
                    ctx.device,
                    hidden=3,
                    lr=1e-4,
                    steps=2,
                )
            else:
                call = attempt(
                    mod.train_nobias, case["seed"], ctx.device, hidden=3, lr=1e-4, steps=2
                )
        after = global_draws()
        return {
            "call": call if as_error(call) is not None else None,
            "after": after,
            "watch": watch,
        }

    return {"nobias": run(False), "bias": run(True)}


def _storages(value: Any) -> set[int]:
    """The storage addresses of the tensors in a train_* result (a tuple, its dict of params)."""
    if isinstance(value, torch.Tensor):
        return {int(value.untyped_storage().data_ptr())}
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list | tuple):
        return set()
    return set().union(*(_storages(v) for v in value))


def _twice(call: Callable[[], Any]) -> dict[str, Any]:
    """``call()`` twice: whether the two results share a container (tuple item, params dict,
    loss list) or a tensor's memory."""
    first, second = call(), call()
    if not isinstance(first, tuple | list) or not isinstance(second, tuple | list):
        return {"returned": type(first).__name__}
    same = [a is b for a, b in zip(first, second) if isinstance(a, dict | list)]
    return {
        "returned": "tuple",
        "same_container": any(same),
        "shared_tensor": bool(_storages(first) & _storages(second)),
    }


@PROBES.probe
def train_repeat(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_nobias(2, device, hidden=3, lr=1e-3, steps=2) twice and train_bias("relu", 2,
    device, hidden=3, lr=0.05, steps=2) twice, with the specified data and starts and a loop that
    trains nothing: whether a second call hands back the first call's objects (each function's
    outcome on its own)."""
    patches = {
        "make_train_data": spec_train_data,
        "init_nobias": spec_init_nobias,
        "init_bias": spec_init_bias,
        "gd_steps": _untouched_loop,
        "adam_steps": _untouched_loop,
    }
    with _patched(mod, **patches):
        nobias = attempt(
            _twice, lambda: mod.train_nobias(2, ctx.device, hidden=3, lr=1e-3, steps=2)
        )
        bias = attempt(
            _twice,
            lambda: mod.train_bias(_fresh("relu"), 2, ctx.device, hidden=3, lr=0.05, steps=2),
        )
    return {"nobias": nobias, "bias": bias}


def loops_rng_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The global seed set before each of gd_steps, adam_steps and make_train_data (three
    different seeds)."""
    rng = np.random.default_rng([ctx.seed, 83])
    seeds = [int(v) for v in rng.choice(np.arange(1, 100_000), size=3, replace=False)]
    return {key: {"global_seed": g} for key, g in zip(("gd", "adam", "data"), seeds)}


@PROBES.probe(inputs=loops_rng_inputs)
def loops_rng(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """For each of gd_steps (2 steps, lr 0.05, the tiny problem), adam_steps (tanh, 2 steps,
    lr 0.08, the tiny problem) and make_train_data(23): torch.manual_seed(global_seed) and one
    draw, the call (the loops with the specified forwards), then torch.rand(6); each call with its
    own outcome."""
    dev = ctx.device

    def gd() -> None:
        x = _tensor(TINY_X, dev)
        w1, w2 = _tensor(TINY_W1, dev, True), _tensor(TINY_W2, dev, True)
        with _patched(mod, forward_nobias=spec_forward_nobias):
            mod.gd_steps(x, torch.sin(x), w1, w2, 0.05, 2)

    def adam() -> None:
        x = _tensor(TINY_X, dev)
        params = {k: _tensor(v, dev, True) for k, v in TINY_PARAMS.items()}
        with _patched(mod, forward_bias=spec_forward_bias):
            mod.adam_steps(x, torch.sin(x), params, _fresh("tanh"), 0.08, 2)

    def data() -> None:
        mod.make_train_data(FRESH_N, device=dev)

    out: dict[str, Any] = {}
    for key, call in (("gd", gd), ("adam", adam), ("data", data)):
        seed_global(ctx.inputs[key]["global_seed"])
        before = _state()
        try:
            with watched_seeding() as watch:
                got = attempt(call)
        finally:
            _restore(before)
        after = global_draws()
        out[key] = {
            "call": got if as_error(got) is not None else None,
            "after": after,
            "watch": watch,
        }
    return out


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
@_blames("train_nobias")
def fit_nobias(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_nobias(seed, device) with the course recipe, and its net on the evaluation grid
    (the grid predictions of forward_nobias only serve a hint), with a record of what it hands
    to gd_steps (its own make_train_data's data)."""
    inp = ctx.inputs
    record: dict[str, Any] = {"n": 0, "calls": []}
    with _patched(mod, gd_steps=_gd_spy(mod.gd_steps, record)):
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
        "grid_pred": attempt(_at, net, x),
        "calls": record["calls"],
        "n_calls": record["n"],
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
    record: dict[str, Any] = {"n": 0, "calls": []}
    with _patched(mod, adam_steps=_adam_spy(mod.adam_steps, record)):
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
        "grid_pred": attempt(_at, net, x),
        "calls": record["calls"],
        "n_calls": record["n"],
    }


@PROBES.probe(inputs=fit_tanh_inputs)
@_blames("train_bias")
def fit_tanh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_bias("tanh", seed, device) with the course recipe, evaluated on the grid, with a
    record of what it hands to adam_steps."""
    return _fit_bias(mod, ctx, ctx.inputs)


@PROBES.probe(inputs=fit_relu_inputs)
@_blames("train_bias")
def fit_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train_bias("relu", seed, device) with the course recipe, evaluated on the grid, with a
    record of what it hands to adam_steps."""
    return _fit_bias(mod, ctx, ctx.inputs)


# --- landmark_predictions -----------------------------------------------------------------------


def _recording(coef: list[float], calls: list[dict[str, Any]]) -> Callable[[Any], Any]:
    """The predictor ``coef[0]·x + coef[1] + coef[2]·x²``, recording how it is called."""
    slope, offset, curve = coef

    def predict(t: Any) -> Any:
        if len(calls) < 4:
            calls.append(
                {
                    "dtype": str(t.dtype).replace("torch.", "")
                    if isinstance(t, torch.Tensor)
                    else "",
                    "shape": list(t.shape) if isinstance(t, torch.Tensor) else [],
                    "device": _device(t),
                    "grad": bool(torch.is_grad_enabled()),
                }
            )
        return slope * t + offset + curve * t * t

    return predict


def _landmarks(
    mod: ModuleType,
    ctx: ProbeContext,
    coef: list[float],
    by_default: bool = False,
    no_grad: bool = False,
) -> dict[str, Any]:
    """landmark_predictions of the predictor ``coef[0]·x + coef[1] + coef[2]·x²`` (gradients on
    around the call, as in a notebook; off with ``no_grad``, a caller inside torch.no_grad()),
    with ``verbose=False`` (``by_default``: no verbose argument); torch's grad mode and default
    dtype before and right after the call."""
    calls: list[dict[str, Any]] = []
    quiet = {} if by_default else {"verbose": False}
    with torch.set_grad_enabled(not no_grad):
        before = _state()
        try:
            got = mod.landmark_predictions(_recording(coef, calls), ctx.device, **quiet)
            after = _state()
        finally:
            _restore(before)
    seq = isinstance(got, (tuple, list))
    return {
        "type": type(got).__name__,
        "values": [_number(v) for v in got] if seq else [],
        "item_types": [type(v).__name__ for v in got][:4] if seq else [],
        "calls": calls,
        "before": before,
        "after": after,
    }


def landmarks_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"coef": [2.0, -1.0, 0.0]}


def landmarks_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Three random quadratic predictors, then a fourth called from inside torch.no_grad()."""
    rng = np.random.default_rng(ctx.seed)
    cases = [{"coef": [float(v) for v in rng.normal(0, 1, 3)]} for _ in range(4)]
    return {"cases": [c | {"no_grad": i == 3} for i, c in enumerate(cases)]}


@PROBES.probe(inputs=landmarks_public_inputs)
def landmarks_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """landmark_predictions with the predictor 2x - 1: values, types, how predict is called,
    and what it prints with verbose=False and by default."""

    def run(by_default: bool) -> dict[str, Any]:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            out = _landmarks(mod, ctx, ctx.inputs["coef"], by_default)
        return out | {"printed": buf.getvalue()[:300]}

    return {"quiet": attempt(run, False), "loud": attempt(run, True)}


@PROBES.probe(inputs=landmarks_hidden_inputs)
@_blames("landmark_predictions")
def landmarks_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """landmark_predictions with random quadratic predictors: values, types, how predict is
    called (the last from inside torch.no_grad())."""
    return {
        "cases": [
            _landmarks(mod, ctx, case["coef"], no_grad=bool(case["no_grad"]))
            for case in ctx.inputs["cases"]
        ]
    }


def landmarks_verbose_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"coef": [0.5, 0.25, -0.125]}


@PROBES.probe(inputs=landmarks_verbose_inputs)
@_blames("landmark_predictions")
def landmarks_verbose(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """What landmark_predictions prints and returns with verbose=True, verbose=False and by
    default."""
    out: dict[str, Any] = {"returned": {}}
    for key, args in (("loud", (True,)), ("quiet", (False,)), ("default", ())):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            got = mod.landmark_predictions(_recording(ctx.inputs["coef"], []), ctx.device, *args)
        out[key] = buf.getvalue()[:300]
        seq = isinstance(got, (tuple, list))
        out["returned"][key] = [_number(v) for v in got][:2] if seq else []
    return out


@PROBES.probe
@_blames("landmark_predictions")
def landmarks_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Where landmark_predictions(predict, device) puts the points it hands to predict."""
    calls: list[dict[str, Any]] = []
    mod.landmark_predictions(_recording([1.0, 0.0, 0.0], calls), ctx.device, verbose=False)
    return {"devices": [c["device"] for c in calls]}
