"""Student half of the moons checks: call student code, return plain data only.

Every model a probe builds itself (to test ``predict``, ``grid_predict`` and ``train``
in isolation) is ``Linear(2, h) -> ReLU/Tanh -> Linear(h, 2)`` with PyTorch's default
initialisation after ``torch.manual_seed``, drawn from a local generator (:func:`default_init`):
input builders also run in the grading parent, several at a time in threads, and must not
touch torch's global generator. Parameters always come back as CPU numpy arrays in the order
``w1, b1, w2, b2``.

Blame: each probe tests one student function. Calls go through
:func:`autograder.checks.core.attempt`, and a call that raised comes back as
``{"raised": <error>}`` so the judge names the function; the grid probes replace the module's
``predict`` by the specified one (which counts its calls) for the duration of the call, and the
convergence probes train the grader's own net, so a wrong ``predict`` or ``make_model`` costs
points in its own group only.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
import torch
from torch import nn

from autograder.checks.core import ProbeContext, ProbeRegistry, as_error, attempt, error
from autograder.checks.global_rng import global_draws, seed_global, watched_seeding

PROBES = ProbeRegistry()

# A fixed model for the public checks: logits (0, x - 0.3), so the label is 1 exactly when x > 0.3.
HALF_PLANE_W = ((0.0, 0.0), (1.0, 0.0))
HALF_PLANE_B = (0.0, -0.3)
PUBLIC_POINTS = ((-1.0, 0.0), (0.2, 1.0), (0.4, -1.0), (2.0, 0.5), (0.31, 0.0), (0.29, 5.0))
PUBLIC_GRID = ((0.0, 0.5, 1.0), (-1.0, 1.0))  # np.meshgrid(xs, ys): shape (2, 3)
# A fixed problem for the public training check: six points, a 3-unit ReLU net, 4 steps at lr 0.05.
TINY_X = ((-1.0, 0.5), (0.0, 1.0), (1.0, 0.0), (0.5, -0.5), (1.5, -0.2), (2.0, 0.5))
TINY_Y = (0, 0, 0, 1, 1, 1)
TINY_W1 = ((0.5, -0.4), (-0.3, 0.8), (0.7, 0.2))
TINY_B1 = (0.1, -0.2, 0.05)
TINY_W2 = ((0.3, -0.6, 0.2), (-0.1, 0.4, 0.5))
TINY_B2 = (0.0, 0.1)
TINY_STEPS, TINY_LR = 4, 0.05


def _device_setup(ctx: ProbeContext) -> str:
    """Deterministic settings for CUDA (no TF32, deterministic kernels); returns the device."""
    if ctx.device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False
        torch.use_deterministic_algorithms(True, warn_only=True)
    return ctx.device


def moons_data(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The assignment's data set, drawn by the probe (not by the student's ``make_data``)."""
    from sklearn.datasets import make_moons

    x, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return x.astype(np.float32), y.astype(np.int64)


def default_init(sizes: tuple[tuple[int, int], ...], seed: int) -> list[np.ndarray]:
    """PyTorch's default ``nn.Linear`` initialisation of layers ``(in, out)``, drawn from a local
    generator.

    Bit for bit what ``torch.manual_seed(seed)`` followed by building those ``nn.Linear`` layers
    in order gives (``tests/test_determinism.py`` proves it), without touching torch's global
    generator, so concurrent graders cannot interleave on it. Returns ``w (out, in), b (out,)``
    per layer as float32 CPU arrays.
    """
    return _init_from(torch.Generator().manual_seed(seed), sizes)


def draws_after_init(sizes: tuple[tuple[int, int], ...], seed: int, draws: int) -> np.ndarray:
    """What ``torch.rand(draws)`` gives after ``torch.manual_seed(seed)`` and building the
    ``nn.Linear`` layers ``sizes`` in order (:func:`default_init`'s draws), from a local
    generator: float64 ``(draws,)``."""
    gen = torch.Generator().manual_seed(seed)
    _init_from(gen, sizes)
    return torch.rand(draws, generator=gen).double().numpy()


def _init_from(gen: torch.Generator, sizes: tuple[tuple[int, int], ...]) -> list[np.ndarray]:
    """PyTorch's default ``nn.Linear`` initialisation of layers ``sizes``, drawn from ``gen``."""
    out: list[np.ndarray] = []
    for fan_in, fan_out in sizes:
        w = torch.empty(fan_out, fan_in)
        nn.init.kaiming_uniform_(w, a=math.sqrt(5), generator=gen)
        bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
        b = torch.empty(fan_out).uniform_(-bound, bound, generator=gen)
        out += [w.numpy().copy(), b.numpy().copy()]
    return out


def init_params(hidden: int, seed: int) -> list[np.ndarray]:
    """``w1, b1, w2, b2`` of ``Linear(2, h) -> act -> Linear(h, 2)`` as after
    ``torch.manual_seed(seed)``."""
    return default_init(((2, hidden), (hidden, 2)), seed)


def _uninitialised_linear(fan_in: int, fan_out: int) -> nn.Linear:
    """An ``nn.Linear(fan_in, fan_out)`` whose parameters are left empty: no draw from any
    generator. (``torch.nn.utils.skip_init`` does the same through the meta device, whose first
    use imports about 2 s of torch internals into the student's kernel.)"""
    layer = nn.Linear.__new__(nn.Linear)
    nn.Module.__init__(layer)
    layer.in_features, layer.out_features = fan_in, fan_out
    layer.weight = nn.Parameter(torch.empty(fan_out, fan_in))
    layer.bias = nn.Parameter(torch.empty(fan_out))
    return layer


def model_from(params: list[Any], activation: str) -> nn.Sequential:
    """``Linear(2, h) -> act -> Linear(h, 2)`` holding exactly ``params`` (w1, b1, w2, b2).

    The layers are created uninitialised (:func:`_uninitialised_linear`): no draw from any
    generator.
    """
    hidden = int(np.shape(params[0])[0])
    nonlinearity = nn.ReLU() if activation == "relu" else nn.Tanh()
    layers = [_uninitialised_linear(2, hidden), nonlinearity, _uninitialised_linear(hidden, 2)]
    return _set_params(nn.Sequential(*layers), params)


def probe_net(hidden: int, activation: str, seed: int) -> nn.Sequential:
    """The probe's own net, as PyTorch's default initialisation after ``torch.manual_seed(seed)``
    builds it."""
    return model_from(init_params(hidden, seed), activation)


def _set_params(model: nn.Module, arrays: list[Any]) -> nn.Module:
    with torch.no_grad():
        for p, a in zip(model.parameters(), arrays, strict=True):
            p.copy_(torch.as_tensor(np.asarray(a, dtype=np.float32)))
    return model


def _linear_params(model: nn.Module) -> list[np.ndarray]:
    """Weights and biases of the model's ``nn.Linear`` layers, in order, as CPU arrays."""
    out = []
    for m in model.modules():
        if isinstance(m, nn.Linear):
            out.append(m.weight.detach().cpu().numpy().copy())
            out.append(
                m.bias.detach().cpu().numpy().copy()
                if m.bias is not None
                else np.zeros(0, np.float32)
            )
    return out


def _params(model: nn.Module) -> list[np.ndarray]:
    return [p.detach().cpu().numpy().copy() for p in model.parameters()]


def _labels(out: Any) -> dict[str, Any]:
    """What ``predict``/``grid_predict`` returned: its type, dtype and values (as a plain array)."""
    is_tensor = isinstance(out, torch.Tensor)
    if is_tensor:
        out = out.detach().cpu().numpy()
    kind = type(out).__name__
    arr = np.array(out)
    if arr.dtype.kind not in "biuf":
        arr = np.zeros(0)
    return {
        "type": "Tensor" if is_tensor else kind,
        "dtype": str(np.asarray(out).dtype),
        "values": arr,
    }


def _outcome(out: Any, record: Any = _labels) -> dict[str, Any]:
    """``record(out)``, or ``{"raised": <error payload>}`` when the student call raised
    (:func:`autograder.checks.core.attempt`): the judge names the function that raised."""
    if as_error(out) is not None:
        return {"raised": out}
    return record(out)


def _loss_record(losses: Any) -> dict[str, Any]:
    """What ``train`` returned: the losses as float64 values, its type and the types of its items
    (a list of Python floats: ``["float"]``)."""
    try:
        items = list(losses)
        values = np.array([float(v) for v in items], dtype=np.float64)
    except (TypeError, ValueError, RuntimeError):
        items, values = [], np.zeros(0)
    return {
        "losses": values,
        "losses_type": type(losses).__name__,
        "item_types": sorted({type(v).__name__ for v in items}),
    }


def _devices(model: nn.Module) -> list[str]:
    """Where the model's parameters live (``cpu``, ``cuda``), one entry per parameter."""
    return [p.device.type for p in model.parameters()]


# --- make_model -------------------------------------------------------------------------------


def _describe_model(mod: ModuleType, case: dict[str, Any]) -> dict[str, Any]:
    """make_model(case["hidden"], case["activation"]): its layers, and its logits at case["X"]
    once the grader's parameters case["params"] are copied into it (none if they do not fit)."""
    model = attempt(mod.make_model, case["hidden"], case["activation"])
    if as_error(model) is not None:
        return {"raised": model}
    if not isinstance(model, nn.Module):
        return {"is_module": False, "type": type(model).__name__}
    linears = [[m.in_features, m.out_features] for m in model.modules() if isinstance(m, nn.Linear)]
    params = list(model.parameters())
    out: dict[str, Any] = {
        "is_module": True,
        "type": type(model).__name__,
        "is_sequential": isinstance(model, nn.Sequential),
        "linears": linears,
        "param_shapes": [list(p.shape) for p in params],
        "param_dtypes": [str(p.dtype).removeprefix("torch.") for p in params],
        "forward_error": "",
    }
    try:
        _set_params(model, case["params"])
        with torch.no_grad():
            logits = model(torch.as_tensor(case["X"])).detach().cpu().numpy()
    except (ValueError, RuntimeError, TypeError) as exc:  # the judge says what does not fit
        logits = np.zeros(0, dtype=np.float32)
        text = str(exc).strip().splitlines()
        out["forward_error"] = f"{type(exc).__name__}: {text[0][:200] if text else ''}"
    out["logits"] = logits
    return out


# Points far out: pre-activations well above 6 and below -6 (ReLU6 or a hardtanh/softsign instead
# of ReLU/tanh changes their logits), next to points near the data.
FAR_POINTS = ((25.0, -20.0), (-30.0, 18.0), (12.0, 40.0))


def _model_points(near: Any) -> np.ndarray:
    """``near`` points and :data:`FAR_POINTS`, as float32 ``(N, 2)``."""
    return np.concatenate([np.asarray(near, dtype=np.float32), np.array(FAR_POINTS, np.float32)])


def model_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    x = _model_points([(-1.0, 0.5), (0.0, 0.0), (0.5, -0.25), (1.5, 1.0), (2.0, -1.0)])
    return {"hidden": 4, "activation": "relu", "X": x, "params": init_params(4, 0)}


@PROBES.probe(inputs=model_public_inputs)
def model_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_model(4, "relu"): its layers, parameter shapes and logits at eight points (three far
    out)."""
    return _describe_model(mod, ctx.inputs)


def model_tanh_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    x = _model_points([(-1.0, 0.5), (0.0, 0.0), (0.5, -0.25), (1.5, 1.0), (2.0, -1.0)])
    return {"hidden": 3, "activation": "tanh", "X": x, "params": init_params(3, 1)}


@PROBES.probe(inputs=model_tanh_public_inputs)
def model_tanh_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_model(3, "tanh"): its layers, parameter shapes and logits at eight points (three far
    out)."""
    return _describe_model(mod, ctx.inputs)


# sorting below "relu", between, and above "tanh"; and the names in other cases ("anything else")


def _runtime_names() -> tuple[str, str]:
    """ "relu" and "tanh" built at run time (not interned literals), so ``activation is "relu"``
    does not pass by accident."""
    return "".join(["re", "lu"]), "".join(["ta", "nh"])


def model_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Four (width, activation) cases on 64 random points, 16 of them far out (|pre-activations|
    well above 6), each with the probe's own random net's weights."""
    rng = np.random.default_rng(ctx.seed)
    near = rng.uniform(-3, 3, (48, 2))
    far = rng.uniform(15, 60, (16, 2)) * rng.choice([-1.0, 1.0], (16, 2))
    x = np.concatenate([near, far]).astype(np.float32)
    relu, tanh = _runtime_names()
    cases = ((3, relu), (32, relu), (5, tanh), (32, tanh))
    return {
        "cases": [
            {
                "hidden": h,
                "activation": act,
                "X": x,
                "params": init_params(h, ctx.seed % 10_000 + i),
            }
            for i, (h, act) in enumerate(cases)
        ]
    }


UNKNOWN_ACTIVATIONS = (
    "sigmoid", "gelu", "zzz", "ReLU", "TANH", "linear", "identity", "none", "", "leaky_relu",
    "tanhshrink", " relu",
)  # fmt: skip
"""model_unknown: make_model(4, name) must raise ValueError for each of these (the names are
exactly "relu" and "tanh": other cases, and other names, also ones that contain "relu" or "tanh",
are "anything else")."""
UNKNOWN_OBJECTS = ("nn.ReLU()", "None")
"""model_unknown: make_model(4, obj) for these (built in the probe: an activation module, None)
must raise ValueError too: ``activation`` is one of the two strings."""


def _unknown_object(name: str) -> Any:
    return {"nn.ReLU()": nn.ReLU(), "None": None}[name]


@PROBES.probe(inputs=model_hidden_inputs)
def model_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """make_model for both activations and several widths, and for an unknown activation."""
    cases = [_describe_model(mod, case) for case in ctx.inputs["cases"]]
    raised = {}
    unknown = [(repr(n), n) for n in UNKNOWN_ACTIVATIONS]
    for label, name in unknown + [(o, _unknown_object(o)) for o in UNKNOWN_OBJECTS]:
        try:
            mod.make_model(4, name)
            raised[label] = "nothing"
        except ValueError:
            raised[label] = "ValueError"
        except Exception as exc:  # the type is the answer; its message names the task of a stub
            text = str(exc).strip().splitlines()
            raised[label] = f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__
    return {"cases": cases, "unknown_activation_raises": raised}


SEED_HIDDEN = 6  # make_model(6, "relu") after torch.manual_seed(s), for two seeds s


def model_seed_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two different seeds in 1000..9999 (never 0, 1 or 42, the seeds a factory would hard-code)."""
    first = 1000 + ctx.seed % 9000
    second = 1000 + (first - 1000 + 1 + (ctx.seed // 9000) % 8998) % 9000
    relu, _ = _runtime_names()
    return {"hidden": SEED_HIDDEN, "activation": relu, "cases": [{"seed": first}, {"seed": second}]}


def _seeded_models(mod: ModuleType, inp: Any) -> dict[str, Any]:
    """For each case: torch.manual_seed(case["seed"]), then make_model(hidden, activation): the
    parameters it built, and the global generator's next draws afterwards."""
    cases = []
    for case in inp["cases"]:
        torch.manual_seed(int(case["seed"]))  # what the caller does; the probe runs in the child
        model = attempt(mod.make_model, inp["hidden"], inp["activation"])
        after = global_draws()
        if as_error(model) is not None:
            cases.append({"raised": model})
        elif not isinstance(model, nn.Module):
            cases.append({"params": [], "rng_after": after})
        else:
            cases.append({"params": _params(model), "rng_after": after})
    return {"cases": cases}


@PROBES.probe(inputs=model_seed_inputs)
def model_seed(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """torch.manual_seed(s) then make_model(6, "relu"), for two seeds: the parameters it built."""
    return _seeded_models(mod, ctx.inputs)


def model_seed_public_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Two fixed seeds (the public check writes out what PyTorch draws for them)."""
    return {"hidden": 2, "activation": "relu", "cases": [{"seed": 11}, {"seed": 12}]}


@PROBES.probe(inputs=model_seed_public_inputs)
def model_seed_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """torch.manual_seed(11), then make_model(2, "relu"); the same with seed 12: the parameters."""
    return _seeded_models(mod, ctx.inputs)


# --- predict and grid_predict -----------------------------------------------------------------


def _half_plane() -> nn.Linear:
    model = _uninitialised_linear(2, 2)
    with torch.no_grad():
        model.weight.copy_(torch.tensor(HALF_PLANE_W))
        model.bias.copy_(torch.tensor(HALF_PLANE_B))
    return model


@PROBES.probe
def predict_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """predict on six points with a fixed model whose label is 1 exactly when x > 0.3."""
    x = np.array(PUBLIC_POINTS, dtype=np.float32)
    return _outcome(attempt(mod.predict, _half_plane(), x))


@PROBES.probe
def predict_state(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """predict on six points with the fixed x > 0.3 model, then: the model's parameter dtypes and
    requires_grad flags, torch's grad mode (the probe restores grad mode afterwards), and the
    model's train/eval mode, for a model in train mode and one in eval mode."""
    model = _half_plane()
    saved = torch.is_grad_enabled()  # an earlier call in this process may have switched it off
    torch.set_grad_enabled(True)  # a fresh session's grad mode
    out = attempt(mod.predict, model, np.array(PUBLIC_POINTS, dtype=np.float32))
    grad_after = torch.is_grad_enabled()
    torch.set_grad_enabled(saved)
    if as_error(out) is not None:
        return {"raised": out}
    params = list(model.parameters())
    in_eval = _half_plane().eval()
    torch.set_grad_enabled(False)  # a caller inside torch.no_grad(): predict must leave it off
    again = attempt(mod.predict, in_eval, np.array(PUBLIC_POINTS, dtype=np.float32))
    grad_after_off = torch.is_grad_enabled()
    torch.set_grad_enabled(saved)
    if as_error(again) is not None:
        return {"raised": again}
    return {
        "grad_enabled_before": True,
        "grad_enabled_after": grad_after,
        "grad_off_after": grad_after_off,
        "param_dtypes": [str(p.dtype).removeprefix("torch.") for p in params],
        "requires_grad": [bool(p.requires_grad) for p in params],
        "training_after": {"train": bool(model.training), "eval": bool(in_eval.training)},
    }


def predict_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A random 16-unit ReLU net and tanh net, each with 3000 random points."""
    rng = np.random.default_rng(ctx.seed)
    out = {}
    for i, act in enumerate(("relu", "tanh")):
        params = init_params(16, ctx.seed % 10_000 + i)
        out[act] = {"params": params, "X": rng.uniform(-2.5, 3.5, (3000, 2)).astype(np.float32)}
    return out


@PROBES.probe(inputs=predict_hidden_inputs)
def predict_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """predict on 3000 random points with a random 16-unit ReLU net and a random tanh net."""
    return {
        act: _outcome(attempt(mod.predict, model_from(case["params"], act), case["X"]))
        for act, case in ctx.inputs.items()
    }


def predict_kinds_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A random 16-unit ReLU net with 500 float64 points (what ``make_moons`` and ``np.meshgrid``
    hand over), and the same net with its output layer zeroed (every logit ties at 0: the argmax
    is class 0) with 40 float32 points; the first net with a single point (N = 1) and with none
    (N = 0)."""
    rng = np.random.default_rng(ctx.seed + 17)
    params = init_params(16, ctx.seed % 10_000 + 2)
    tied = [np.array(p, copy=True) for p in params[:2]]
    tied += [np.zeros_like(np.asarray(p)) for p in params[2:]]
    flipped = [np.array(p, copy=True) for p in params[:2]] + [-np.asarray(p) for p in params[2:]]
    return {
        "float64": {"params": params, "X": rng.uniform(-2.5, 3.5, (500, 2))},
        "tied": {"params": tied, "X": rng.uniform(-2.5, 3.5, (40, 2)).astype(np.float32)},
        "single": {"params": params, "X": rng.uniform(-2.5, 3.5, (1, 2)).astype(np.float32)},
        "empty": {"params": params, "X": np.zeros((0, 2), dtype=np.float32)},
        "again": {
            "params": params,
            "flipped": flipped,
            "X": rng.uniform(-2.5, 3.5, (60, 2)).astype(np.float32),
        },
    }


@PROBES.probe(inputs=predict_kinds_inputs)
def predict_kinds(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """predict on float64 points, on a net whose logits all tie, on one point; and twice on one
    model object whose output layer is negated in place between the calls (labels from the model
    as it is now, nothing remembered)."""
    out = {
        name: _outcome(attempt(mod.predict, model_from(case["params"], "relu"), case["X"]))
        for name, case in ctx.inputs.items()
        if name != "again"
    }
    case = ctx.inputs["again"]
    model = model_from(case["params"], "relu")
    first = _outcome(attempt(mod.predict, model, case["X"]))
    _set_params(model, case["flipped"])
    out["again"] = {"first": first, "second": _outcome(attempt(mod.predict, model, case["X"]))}
    return out


_OPS = [0]


class _CountedArray(np.ndarray):
    """A numpy view that counts element access (a Python loop over rows touches it N times)."""

    def __getitem__(self, key: Any) -> Any:
        _OPS[0] += 1
        return super().__getitem__(key)

    def __iter__(self) -> Any:
        for i in range(len(self)):
            yield self[i]


class _CountedTensor(torch.Tensor):
    """A tensor that counts every torch operation applied to it or to tensors derived from it."""

    @classmethod
    def __torch_function__(cls, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        _OPS[0] += 1
        out = super().__torch_function__(func, types, args, kwargs or {})
        if isinstance(out, np.ndarray) and not isinstance(out, _CountedArray):
            out = out.view(_CountedArray)
        return out


class _CountingModel(nn.Module):
    """Wraps a model: counts forward calls, records each call's batch size, whether gradients were
    tracked and the device of its input, and (with ``count_ops``) hands out logits that count what
    is done to them."""

    def __init__(self, inner: nn.Module, *, count_ops: bool = True) -> None:
        super().__init__()
        self.inner = inner
        self.count_ops = count_ops
        self.calls = 0
        self.rows: list[int] = []
        self.grad: list[bool] = []
        self.devices: list[str] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        self.rows.append(int(x.shape[0]) if x.dim() > 1 else 1)
        self.grad.append(bool(torch.is_grad_enabled()))
        self.devices.append(x.device.type)
        out = self.inner(x)
        return out.as_subclass(_CountedTensor) if self.count_ops else out


def vectorized_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """5000 points: more than a batch of 4096 (a predict that splits large inputs shows)."""
    return {"n": 5000}


@PROBES.probe(inputs=vectorized_inputs)
def predict_vectorized(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """predict on 5000 points: how often the model was called (on how many points, tracking
    gradients or not), and how many operations touched its output."""
    n = ctx.inputs["n"]
    model = _CountingModel(probe_net(8, "relu", ctx.seed % 10_000))
    x = np.random.default_rng(ctx.seed).normal(0, 1.5, (n, 2)).astype(np.float32)
    _OPS[0] = 0
    out = attempt(mod.predict, model, x)
    ops = _OPS[0]
    if as_error(out) is not None:
        return {"raised": out}
    if isinstance(out, torch.Tensor):
        out = out.as_subclass(torch.Tensor).detach().cpu()
    return {
        "calls": model.calls,
        "rows": model.rows,
        "largest_batch": max(model.rows, default=0),
        "grad_enabled": model.grad,
        "ops": ops,
        "shape": list(np.shape(np.array(out))),
    }


def _device_probe_raised(payload: Any, call: str) -> dict[str, Any]:
    """The error payload of a student call that raised, naming the call, as the probe's whole
    result: a device-only check passes on a CPU unless its probe raised, so a function that raises
    (a stub) fails it there too."""
    err = as_error(payload)
    assert err is not None
    return error(err.kind, f"{err.message} (in {call})" if err.message else f"in {call}")


def predict_device_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A fixed 16-unit ReLU net and 500 fixed points (the same for every seed: the check only
    says something on an accelerator)."""
    x = np.random.default_rng(2718).uniform(-2.5, 3.5, (500, 2)).astype(np.float32)
    return {"activation": "relu", "params": init_params(16, 2718), "X": x}


@PROBES.probe(inputs=predict_device_inputs)
def predict_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """predict with a model whose parameters live on ctx.device: where the model was called, where
    its parameters are afterwards, and the labels."""
    device = _device_setup(ctx)
    inp = ctx.inputs
    model = _CountingModel(model_from(inp["params"], inp["activation"]).to(device), count_ops=False)
    out = attempt(mod.predict, model, inp["X"])
    if as_error(out) is not None:
        return _device_probe_raised(out, f"predict(model, x), the model's parameters on {device}")
    return {
        **_labels(out),
        "input_devices": model.devices,
        "param_devices": _devices(model),
    }


def _grader_predict(model: nn.Module, x: Any) -> np.ndarray:
    """The specified ``predict``: what ``grid_predict`` gets when it calls ``predict``, so the grid
    checks test ``grid_predict`` alone. (It ships to students, as every probe does; it holds no
    more than the notebook's description of ``predict``.)"""
    (where,) = {p.device for p in model.parameters()}
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=where)
    with torch.no_grad():
        labels = torch.argmax(model(inputs), dim=1)
    return np.asarray(labels.cpu(), dtype=np.int64)


def _grid(mod: ModuleType, model: nn.Module, xx: Any, yy: Any) -> dict[str, Any]:
    """grid_predict(model, xx, yy) with the module's ``predict`` replaced, for the call, by the
    specified one that counts its calls and the points of each; and whether xx and yy still have
    their shapes and values afterwards."""
    rows: list[int] = []

    def predict(m: nn.Module, x: Any) -> np.ndarray:
        rows.append(int(np.shape(x)[0]) if np.ndim(x) > 0 else 0)
        return _grader_predict(m, x)

    saved = mod.__dict__.get("predict")
    mod.predict = predict  # type: ignore[attr-defined]
    before = [np.array(a, copy=True) for a in (xx, yy)]
    try:
        out = attempt(mod.grid_predict, model, xx, yy)
    finally:
        mod.predict = saved  # type: ignore[attr-defined]
    kept = all(np.shape(a) == b.shape and np.array_equal(a, b) for a, b in zip((xx, yy), before))
    return {**_outcome(out), "predict_rows": rows, "mesh_unchanged": bool(kept)}


@PROBES.probe
def grid_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """grid_predict on a 2 × 3 mesh with the fixed x > 0.3 model."""
    xx, yy = np.meshgrid(
        np.array(PUBLIC_GRID[0], dtype=np.float32), np.array(PUBLIC_GRID[1], dtype=np.float32)
    )
    return _grid(mod, _half_plane(), xx, yy)


def grid_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A random 16-unit tanh net and an uneven 13 × 17 mesh."""
    params = init_params(16, ctx.seed % 10_000)
    xs = np.sort(np.random.default_rng(ctx.seed).uniform(-2, 3, 17)).astype(np.float32)
    ys = np.linspace(-1.5, 2.0, 13, dtype=np.float32)
    xx, yy = np.meshgrid(xs, ys)
    return {"xx": xx, "yy": yy, "params": params}


@PROBES.probe(inputs=grid_hidden_inputs)
def grid_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """grid_predict on an uneven 13 × 17 mesh with a random tanh net."""
    inp = ctx.inputs
    return _grid(mod, model_from(inp["params"], "tanh"), inp["xx"], inp["yy"])


DIAGONAL_PARAMS = [
    np.array([[-1.0, 1.0], [1.0, -1.0]], dtype=np.float32),
    np.zeros(2, dtype=np.float32),
    np.array([[0.0, 0.0], [1.0, -1.0]], dtype=np.float32),
    np.zeros(2, dtype=np.float32),
]
"""grid_shapes' 3-D case: a ReLU net of two units whose logits are (0, x1 - x0), so the label is
1 exactly where y > x: coordinates paired the wrong way (two x values, or two y values) get the
wrong label about half the time, whatever the seed."""
BOUNDARY_X0 = (1000.1, 1000.27, 1000.29, 1000.31, 1000.5)
BOUNDARY_PARAMS = [
    np.array([[1.0, 0.0], [-1.0, 0.0]], dtype=np.float32),
    np.array([-1000.0, 1000.0], dtype=np.float32),
    np.array([[0.0, 0.0], [1.0, -1.0]], dtype=np.float32),
    np.array([0.0, -0.3], dtype=np.float32),
]
"""grid_shapes' last case: a ReLU net of two units whose logits are (0, x0 - 1000.3), on a mesh
at x0 = BOUNDARY_X0: the labels are 0, 0, 0, 1, 1, and points rounded to float16 (steps of 0.5
at 1000) put 1000.27 and 1000.29 on the other side."""


def grid_shapes_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A random 16-unit tanh net; a 9 × 7 mesh made with ``indexing="ij"`` (rows follow x), xx,
    yy of 1-D shape (11,) (points on a line), of 3-D shape (3, 4, 5) (with the net of
    :data:`DIAGONAL_PARAMS`) and of 0-d shape () (one point): any shape S, as the docstring
    says; and a 3 × 5 float64 mesh at x0 near 1000.3 with the net whose boundary is x0 = 1000.3
    (:data:`BOUNDARY_PARAMS`: the points as they are, no cast to a narrow float)."""
    rng = np.random.default_rng(ctx.seed + 5)
    xs = np.sort(rng.uniform(-2, 3, 9)).astype(np.float32)
    ys = np.sort(rng.uniform(-1.5, 2.0, 7)).astype(np.float32)
    ij = np.meshgrid(xs, ys, indexing="ij")
    line = rng.uniform(-2, 3, 11).astype(np.float32), rng.uniform(-1.5, 2, 11).astype(np.float32)
    cube = rng.uniform(-2, 2, (3, 4, 5)), rng.uniform(-2, 2, (3, 4, 5))
    point = np.array(rng.uniform(-2, 3)), np.array(rng.uniform(-1.5, 2))
    far = np.meshgrid(np.array(BOUNDARY_X0), rng.uniform(-2.0, 3.0, 3))
    return {
        "params": init_params(16, ctx.seed % 10_000 + 9),
        "cases": [
            {"xx": ij[0], "yy": ij[1]},
            {"xx": line[0], "yy": line[1]},
            {"xx": cube[0], "yy": cube[1], "activation": "relu", "params": DIAGONAL_PARAMS},
            {"xx": point[0], "yy": point[1]},
            {"xx": far[0], "yy": far[1], "activation": "relu", "params": BOUNDARY_PARAMS},
        ],
    }


@PROBES.probe(inputs=grid_shapes_inputs)
def grid_shapes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """grid_predict on an ``indexing="ij"`` mesh, on 1-D, 3-D and 0-d xx, yy, and on a mesh far
    out (with the specified predict)."""
    model = model_from(ctx.inputs["params"], "tanh")
    cases = []
    for c in ctx.inputs["cases"]:
        own = model_from(c["params"], c["activation"]) if "params" in c else model
        cases.append(_grid(mod, own, c["xx"], c["yy"]))
    return {"cases": cases}


def grid_calls_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A fixed 5 × 8 mesh and a fixed 8-unit ReLU net (the count does not depend on the seed)."""
    xx, yy = np.meshgrid(
        np.linspace(-1.0, 2.0, 8, dtype=np.float32), np.linspace(-0.5, 1.0, 5, dtype=np.float32)
    )
    return {"xx": xx, "yy": yy, "params": init_params(8, 31)}


@PROBES.probe(inputs=grid_calls_inputs)
def grid_calls(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """grid_predict on a 5 × 8 mesh: how many times it called predict, on how many points each."""
    inp = ctx.inputs
    return _grid(mod, model_from(inp["params"], "relu"), inp["xx"], inp["yy"])


# --- train --------------------------------------------------------------------------------------


def _train(
    mod: ModuleType, model: nn.Module, x: Any, y: Any, keep: list[Any] | None = None, **kwargs: Any
) -> dict[str, Any]:
    """train(model, x, y, **kwargs): the returned losses (and their types), then the model's
    parameters as CPU arrays and where they live, and whether the caller's ``x`` and ``y`` still
    hold what they held; ``{"raised": ...}`` when train raised. With ``keep``, the returned object
    itself is appended to it (for a later look at it)."""
    x, y = np.array(x, copy=True), np.array(y, copy=True)  # the caller's own arrays
    x_before, y_before = x.copy(), y.copy()
    out = attempt(mod.train, model, x, y, **kwargs)
    if as_error(out) is not None:
        return {"raised": out}
    if keep is not None:
        keep.append(out)
    return {
        **_loss_record(out),
        "params": _params(model),
        "param_devices": _devices(model),
        "x_unchanged": bool(np.array_equal(x, x_before)),
        "y_unchanged": bool(np.array_equal(y, y_before)),
    }


@PROBES.probe
def train_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Four steps of train at lr 0.05 on six points from fixed weights (neither the course's lr nor
    its step count): the returned losses and the final weights."""
    device = _device_setup(ctx)
    model = model_from([TINY_W1, TINY_B1, TINY_W2, TINY_B2], "relu")
    x, y = np.array(TINY_X, dtype=np.float32), np.array(TINY_Y, dtype=np.int64)
    return _train(mod, model, x, y, steps=TINY_STEPS, lr=TINY_LR, device=device)


def _trajectory_inputs(ctx: ProbeContext, activation: str) -> dict[str, Any]:
    """The grader's data and starting net for the first ``traj_<act>_steps`` steps of train at
    ``traj_<act>_lr`` (neither the course's lr nor step count, so hard-coding them shows)."""
    seed = ctx.seed % 10_000
    x, y = moons_data(int(ctx.param("n_train")), float(ctx.param("noise")), seed)
    init = init_params(int(ctx.param("hidden")), seed)
    return {
        "activation": activation,
        "steps": int(ctx.param(f"traj_{activation}_steps")),
        "lr": float(ctx.param(f"traj_{activation}_lr")),
        "X": x,
        "y": y,
        "init": init,
        "global_seed": int(np.random.default_rng(seed).integers(1, 2**31)),
    }


def trajectory_relu_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _trajectory_inputs(ctx, "relu")


def trajectory_tanh_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return _trajectory_inputs(ctx, "tanh")


def _trajectory(mod: ModuleType, ctx: ProbeContext, inp: Any) -> dict[str, Any]:
    """train from the grader's net on its data; where the inputs name a ``global_seed``, torch's
    global generator is seeded with it first (:func:`seed_global`), ``rng_after`` holds its next
    draws after train and ``rng_watch`` what train did to the global generators (train draws
    nothing and must leave them alone)."""
    device = _device_setup(ctx)
    model = model_from(inp["init"], inp["activation"])
    if "global_seed" not in inp:
        return _train(
            mod, model, inp["X"], inp["y"], steps=inp["steps"], lr=inp["lr"], device=device
        )
    seed_global(inp["global_seed"])
    with watched_seeding() as watch:
        out = _train(
            mod, model, inp["X"], inp["y"], steps=inp["steps"], lr=inp["lr"], device=device
        )
    return out | {"rng_after": global_draws(), "rng_watch": watch}


@PROBES.probe(inputs=trajectory_relu_inputs)
def trajectory_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The first steps of train from the grader's ReLU net, on the grader's data."""
    return _trajectory(mod, ctx, ctx.inputs)


@PROBES.probe(inputs=trajectory_tanh_inputs)
def trajectory_tanh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The first steps of train from the grader's tanh net, on the grader's data."""
    return _trajectory(mod, ctx, ctx.inputs)


AGAIN_HIDDEN, AGAIN_SCALE, AGAIN_COUNTS = 8, 20.0, (60, 20)
AGAIN_CALLS = ({"steps": 16, "lr": 0.1}, {"steps": 6, "lr": 0.8}, {"steps": 5, "lr": 0.8})
"""train_again: 60 points of class 0 and 20 of class 1 from the moons, stretched 20 times (the
gradient norm is above 1 and the loss goes up and down), and three train calls on the same model
object; before the second and the third the probe writes another grader start into its
parameters (in place), so each call starts where every gradient is sizeable (a fresh Adam's first
step moves each parameter by about lr whatever its gradient's size, so a start with near-zero
gradients would make rounding decide the direction). The second call's lr differs from the
first's and the third's equals the second's: an optimizer kept between calls, even one kept only
while the model and lr are the same, carries Adam's moments into the third call."""


STALE_GRAD = 0.5
"""train_again hands train a model whose .grad already holds this (a caller's earlier backward):
zeroing the gradients first in every step discards it."""


def train_again_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The grader's unbalanced, stretched sample and starting ReLU net (seeded by ``ctx.seed``),
    and the two calls' steps and lr."""
    seed = 1 + ctx.seed % 9_999
    x, y = moons_data(4 * sum(AGAIN_COUNTS), float(ctx.param("noise")), seed)
    keep = np.sort(np.concatenate([np.flatnonzero(y == c)[:n] for c, n in enumerate(AGAIN_COUNTS)]))
    starts = [init_params(AGAIN_HIDDEN, seed + 7919 * i) for i in range(len(AGAIN_CALLS))]
    return {
        "activation": "relu",
        "X": (x[keep] * AGAIN_SCALE).astype(np.float32),
        "y": y[keep],
        "init": starts[0],
        "runs": [dict(c, start=s) for c, s in zip(AGAIN_CALLS, starts)],
    }


@PROBES.probe(inputs=train_again_inputs)
def train_again(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train three times on the same model object and data, each call from its own grader start
    (written into the parameters in place): each call's losses and the parameters after it; and
    whether the second call returned the first call's list object, and what that list holds
    after the later calls."""
    device = _device_setup(ctx)
    inp = ctx.inputs
    model = model_from(inp["init"], inp["activation"])
    runs: list[dict[str, Any]] = []
    kept: list[Any] = []
    for call in inp["runs"]:
        if runs and "raised" in runs[-1]:
            runs.append(runs[-1])  # an earlier call raised: the later ones never run
            continue
        with torch.no_grad():
            for p, a in zip(model.parameters(), call["start"], strict=True):
                p.copy_(torch.as_tensor(np.asarray(a, dtype=np.float32), device=p.device))
                p.grad = torch.full_like(p, STALE_GRAD)  # a caller's leftover backward()
        steps, lr = int(call["steps"]), float(call["lr"])
        runs.append(_train(mod, model, inp["X"], inp["y"], kept, steps=steps, lr=lr, device=device))
    if len(kept) != len(AGAIN_CALLS):
        return {"runs": runs}
    return {
        "runs": runs,
        "same_list": kept[0] is kept[1],
        "first_after_second": _loss_record(kept[0])["losses"],
    }


LARGE_N, LARGE_HIDDEN, LARGE_STEPS, LARGE_LR = 3000, 8, 3, 0.05
"""train_large: 3000 moons points (above any "large data" threshold of 2048 or so that would
switch to minibatches), a grader ReLU net of 8 units, 3 steps at lr 0.05."""


def _relu_run(x: Any, y: Any, hidden: int, steps: int, lr: float, seed: int) -> dict[str, Any]:
    """A replay's inputs: the data, steps, lr and a grader ReLU net of ``hidden`` units."""
    return {
        "activation": "relu",
        "steps": steps,
        "lr": lr,
        "X": x,
        "y": y,
        "init": init_params(hidden, seed),
    }


def train_large_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The grader's 3000 points and starting ReLU net (seeded by ``ctx.seed``)."""
    seed = 3 + ctx.seed % 9_991
    x, y = moons_data(LARGE_N, float(ctx.param("noise")), seed)
    return _relu_run(x, y, LARGE_HIDDEN, LARGE_STEPS, LARGE_LR, seed)


@PROBES.probe(inputs=train_large_inputs)
def train_large(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Three steps of train on 3000 points from the grader's ReLU net: full batch at every size."""
    return _trajectory(mod, ctx, ctx.inputs)


NONFINITE_STEPS, NONFINITE_LR = 4, 0.05
"""train_nonfinite: four steps on the grader's moons where one point's coordinates are NaN: every
loss is NaN, and so is every parameter after the first update; train still runs all the steps
and returns all the losses."""


def train_nonfinite_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """60 moons points, the 8th of them NaN, and a grader ReLU net of 8 units (seeded)."""
    seed = 5 + ctx.seed % 9_989
    x, y = moons_data(60, float(ctx.param("noise")), seed)
    x[7] = np.nan
    return _relu_run(x, y, AGAIN_HIDDEN, NONFINITE_STEPS, NONFINITE_LR, seed)


@PROBES.probe(inputs=train_nonfinite_inputs)
def train_nonfinite(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Four steps of train on data with a NaN point: the losses and the parameters after."""
    return _trajectory(mod, ctx, ctx.inputs)


SEPARABLE_X = (
    (-1.5, -1.0), (-1.25, -1.5), (-1.75, -1.25), (-1.0, -1.1),
    (1.5, 1.0), (1.25, 1.5), (1.75, 1.1), (1.1, 1.3),
)  # fmt: skip
SEPARABLE_Y = (0, 0, 0, 0, 1, 1, 1, 1)
SEPARABLE_STEPS, SEPARABLE_LR = 60, 0.1
"""train_separable: two well separated clusters; at lr 0.1 the loss of the grader's tanh nets
falls below 1e-4 by step 30 (40 seeds: 1.9e-7 to 4.9e-5 at the end), so a loop that stops early
returns fewer losses."""


def train_separable_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Eight separable points and a starting tanh net of 8 units (seeded by ``ctx.seed``)."""
    return {
        "activation": "tanh",
        "steps": SEPARABLE_STEPS,
        "lr": SEPARABLE_LR,
        "X": np.array(SEPARABLE_X, dtype=np.float32),
        "y": np.array(SEPARABLE_Y, dtype=np.int64),
        "init": init_params(AGAIN_HIDDEN, 1000 + ctx.seed % 9_000),
    }


@PROBES.probe(inputs=train_separable_inputs)
def train_separable(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Sixty steps of train on the separable points: the losses and the final parameters; and
    train(..., steps=0) from the same start, its .grad holding a caller's leftover gradients (no
    loss, no update, the gradients left as they were)."""
    out = _trajectory(mod, ctx, ctx.inputs)
    inp = ctx.inputs
    model = model_from(inp["init"], inp["activation"])
    with torch.no_grad():
        for p in model.parameters():
            p.grad = torch.full_like(p, STALE_GRAD)  # a caller's leftover backward()
    zero = _train(mod, model, inp["X"], inp["y"], steps=0, lr=inp["lr"], device=_device_setup(ctx))
    if "raised" not in zero:
        zero["grads"] = [
            None if p.grad is None else p.grad.detach().cpu().double().numpy()
            for p in model.parameters()
        ]
    return out | {"zero_steps": zero}


QUIET_RUNS = (("relu", 14, 0.02), ("tanh", 11, 0.03))
QUIET_B1 = 1e-8
"""train_quiet: (activation, steps, lr) of two runs on the grader's data, each from a grader
net with one quiet hidden unit (its first-layer weights and output weights 0, its bias 1e-8):
that unit's output weights get gradients near Adam's eps (1e-8), the one place where eps and the
loss's scale change Adam's steps (Adam divides a gradient's scale out elsewhere). A summed
cross-entropy, or eps=1e-7, moves the parameters by 19 to 2300 tolerances there; correct loops
stay within 0.02 of it (docs/calibration/moons.md)."""


def train_quiet_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The grader's data (seeded) and, per run, its activation, steps, lr, the quiet unit and the
    start (the grader's net for seed + 60 + i with that unit quieted)."""
    seed = ctx.seed % 10_000
    x, y = moons_data(int(ctx.param("n_train")), float(ctx.param("noise")), seed + 60)
    hidden = int(ctx.param("hidden"))
    rng = np.random.default_rng([ctx.seed, 60])
    runs = []
    for i, (act, steps, lr) in enumerate(QUIET_RUNS):
        w1, b1, w2, b2 = (np.array(p, dtype=np.float32) for p in init_params(hidden, seed + 60 + i))
        unit = int(rng.integers(0, hidden))
        w1[unit, :], b1[unit], w2[:, unit] = 0.0, QUIET_B1, 0.0
        runs.append(
            {
                "activation": act,
                "steps": steps,
                "lr": lr,
                "unit": unit,
                "X": x,
                "y": y,
                "init": [w1, b1, w2, b2],
            }
        )
    return {"runs": runs}


@PROBES.probe(inputs=train_quiet_inputs)
def train_quiet(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train from the grader's ReLU and tanh nets with one quiet hidden unit, on the grader's
    data: each run's losses and parameters (or what it raised)."""
    return {"runs": [_trajectory(mod, ctx, r) for r in ctx.inputs["runs"]]}


TRAIN_DEVICE_SEED = 77  # fixed: the device check says something only on an accelerator


def train_device_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Seven steps at lr 0.02 from a fixed tanh net on a fixed sample of the moons."""
    x, y = moons_data(int(ctx.param("n_train")), float(ctx.param("noise")), TRAIN_DEVICE_SEED)
    init = init_params(int(ctx.param("hidden")), TRAIN_DEVICE_SEED)
    return {"activation": "tanh", "steps": 7, "lr": 0.02, "X": x, "y": y, "init": init}


@PROBES.probe(inputs=train_device_inputs)
def train_device(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train(..., device=ctx.device) from a CPU model: the losses, and where the parameters are
    afterwards."""
    out = _trajectory(mod, ctx, ctx.inputs)
    if "raised" in out:
        return _device_probe_raised(out["raised"], f"train(..., device={ctx.device!r})")
    return out


def _converge(mod: ModuleType, ctx: ProbeContext, activation: str) -> dict[str, Any]:
    """The graded recipe with the student's train on the grader's net (what make_model builds after
    torch.manual_seed(seed)); the probe computes the held-out logits."""
    device = _device_setup(ctx)
    seed = ctx.seed % 10_000
    noise = float(ctx.param("noise"))
    x, y = moons_data(int(ctx.param("n_train")), noise, seed)
    x_test, _ = moons_data(
        int(ctx.param("n_test")), noise, int(ctx.param("test_seed_offset")) + seed
    )
    model = probe_net(int(ctx.param("hidden")), activation, seed)
    steps, lr = int(ctx.param("steps")), float(ctx.param("lr"))
    losses = attempt(mod.train, model, x, y, steps=steps, lr=lr, device=device)
    if as_error(losses) is not None:
        return {"raised": losses}
    dtypes = sorted({str(p.dtype).removeprefix("torch.") for p in model.parameters()})
    logits = np.zeros(0, dtype=np.float32)
    if dtypes == ["float32"]:  # else the judge says what train did to the model
        with torch.no_grad():
            where = next(model.parameters()).device
            logits = model(torch.as_tensor(x_test, device=where)).detach().cpu().numpy()
    return {
        **_loss_record(losses),
        "logits": logits,
        "params": _linear_params(model),
        "param_dtypes": dtypes,
    }


def converge_relu_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The seed the data sets derive from (the judge rebuilds the held-out labels from it)."""
    return {"seed": ctx.seed % 10_000, "activation": "relu"}


def converge_tanh_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"seed": ctx.seed % 10_000, "activation": "tanh"}


@PROBES.probe(inputs=converge_relu_inputs)
def converge_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """train on the grader's Linear(2, 32) -> ReLU -> Linear(32, 2): 1000 Adam steps on 500 noisy
    moons, evaluated on 2000 fresh points."""
    return _converge(mod, ctx, "relu")


@PROBES.probe(inputs=converge_tanh_inputs)
def converge_tanh(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The same recipe with tanh."""
    return _converge(mod, ctx, "tanh")
