"""Student half of the relu_ops checks: call student code, return plain data only.

Every student function a probe calls is called on its own, on inputs of its own (a fresh
``Variable`` per call), and its outcome recorded on its own (:func:`_call`, :func:`attempt`):
a function that raises, or returns something that is not a number, fails its own checks only.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import (
    ERROR_KEY,
    ProbeContext,
    ProbeRegistry,
    attempt,
    error_payload,
)
from autograder.checks.global_rng import watched_seeding
from autograder.checks.relu_ops.composites import COMPOSITES
from autograder.checks.signatures import defaults

PROBES = ProbeRegistry()

INF = float("inf")
FORWARD_POINTS = (
    -INF,
    -1e308,
    -3.5,
    -1.0,
    -0.25,
    -1e-3,
    -1e-300,
    -1e-310,
    -5e-324,
    0.0,
    5e-324,
    1e-310,
    1e-300,
    1e-3,
    0.5,
    2.25,
    1e308,
    INF,
)
"""The hidden points: both sides of the kink, the kink, tiny inputs (±1e-300, and the subnormals
±1e-310 and ±5e-324: a threshold such as ``x > 1e-9`` or ``x > sys.float_info.min`` in place of
``x > 0`` shows), and huge and infinite ones (``relu(-inf)`` is
0.0 and ``relu(1e308)`` is 1e308 as the docstring's ``x if x > 0 else 0.0`` says: arithmetic
forms such as ``(x + abs(x)) / 2`` or ``x * (x > 0)`` give nan or inf there)."""
TYPED_POINTS = ((2.25, "numpy"), (-1.5, "numpy"), (0.0, "numpy"), (3.0, "int"), (-2.0, "int"))
"""Extra hidden inputs of relu and leaky_relu given as ``numpy.float64`` (a float subclass, what
a plot's array hands over) and ``int``: the result must still be a Python float."""
PUBLIC_POINTS = (-2.0, 0.0, 3.0)
"""The public points: one on each side of the kink, and the kink itself (the conventions
relu(0) = 0, Relu'(0) = 0 and LeakyRelu'(0) = 0.1)."""
FIT_GRID = np.linspace(0.0, 2.0, 401)
SGD_STEPS = (0, 1, 2, 7)
"""Step counts of the replays: 0 (the start: no step at all), 1 (0 and 2 steps both differ), 2
and 7 (neither a default)."""
SMOKE = {"seed": 3, "lr": 0.05, "steps": (1, 2, 3)}
"""The public smoke run of fit_square: a fixed seed and lr other than the defaults, and the first
three steps (its first draw, x = 0.476, lies below both kinks, so relu and leaky_relu differ)."""
PARAM_NAMES = ("w1", "b1", "w2", "b2", "v1", "v2", "c")


def type_name(value: Any) -> str:
    """``float``, ``int``, ``numpy.float64``, ``torch.Tensor``, ``NoneType``: what was returned."""
    t = type(value)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def recompute_at(x: float) -> float:
    """The parent's second value when a node is computed twice (``-x - 0.75``: the other side
    of the kink for every point but a few): ``compute`` must read the parent each time."""
    return -x - 0.75


def _number(value: Any) -> float:
    """``value`` as a float, or NaN when it is not a number (None, a string, a list)."""
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return float("nan")


def _call(fn: Callable[[], Any]) -> dict[str, Any]:
    """One call's outcome: ``{"value", "type"}`` of what it returned, or the error it raised."""
    try:
        out = fn()
    except Exception as exc:
        return error_payload(exc)
    return {"value": _number(out), "type": type_name(out)}


class _GraphOps:
    """Builds scalar-graph nodes from the student's ops (the probe side of ``composites``)."""

    def __init__(self, mod: ModuleType, sg: ModuleType) -> None:
        self.mod, self.sg = mod, sg

    def const(self, v: float) -> Any:
        return self.sg.Variable(v)

    def add(self, a: Any, b: Any) -> Any:
        return self.sg.Add(a, b)

    def sub(self, a: Any, b: Any) -> Any:
        return self.sg.Sub(a, b)

    def mul(self, a: Any, b: Any) -> Any:
        return self.sg.Mul(a, b)

    def square(self, a: Any) -> Any:
        return self.sg.Square(a)

    def relu(self, a: Any) -> Any:
        return self.mod.Relu(a)

    def leaky(self, a: Any) -> Any:
        return self.mod.LeakyRelu(a)


def _node_forward(mod: ModuleType, sg: ModuleType, op: str, x: float) -> dict[str, Any]:
    """``Op(Variable(x)).compute()``: the node's value and type, and its parent's value after;
    then ``"again"``, the value of a second ``compute`` after ``parent.set(recompute_at(x))``
    (or the error it raised)."""
    parent = sg.Variable(x)
    nodes: list[Any] = []

    def run() -> Any:
        nodes.append(getattr(mod, op)(parent))
        nodes[0].compute()
        return nodes[0].value

    out = _call(run)
    if "value" in out:
        out["parent_after"] = _number(parent.value)

        def again() -> Any:
            parent.set(recompute_at(x))
            nodes[0].compute()
            return nodes[0].value

        out["again"] = _call(again)
    return out


def _node_grad(mod: ModuleType, sg: ModuleType, op: str, x: float) -> dict[str, Any]:
    """``get_parent_grad(parent)`` of a fresh node, after its ``compute`` (whose outcome is the
    forward checks' business: it may raise here without failing the gradient checks); then
    ``"again"``, the gradient after ``parent.set(recompute_at(x))`` with no new ``compute`` (at
    the parent's current value, not from the node's own stored value)."""
    parent = sg.Variable(x)
    try:
        node = getattr(mod, op)(parent)
    except Exception as exc:
        return error_payload(exc)
    attempt(node.compute)
    parent.set(x)  # a compute that changed its parent is blamed by the forward checks only
    out = _call(lambda: node.get_parent_grad(parent))
    if "value" in out:
        parent.set(recompute_at(x))
        out["again"] = _call(lambda: node.get_parent_grad(parent))
    return out


def as_kind(x: float, kind: str) -> Any:
    """``x`` as the type a caller hands over: ``"float"``, ``"numpy"`` (``numpy.float64``) or
    ``"int"``."""
    return {"float": float, "numpy": np.float64, "int": int}[kind](x)


def _ops_at(
    mod: ModuleType, ctx: ProbeContext, xs: list[float], kinds: list[str] | None = None
) -> dict[str, Any]:
    """Each of the six functions at every x, one outcome per call (relu and leaky_relu get each
    x as the type ``kinds`` names; the nodes' parents are Variables, always floats)."""
    sg = ctx.module("scalar_graph")
    args = [as_kind(x, k) for x, k in zip(xs, kinds or ["float"] * len(xs))]
    return {
        "relu": [_call(lambda x=x: mod.relu(x)) for x in args],
        "leaky_relu": [_call(lambda x=x: mod.leaky_relu(x)) for x in args],
        "Relu": [_node_forward(mod, sg, "Relu", x) for x in xs],
        "LeakyRelu": [_node_forward(mod, sg, "LeakyRelu", x) for x in xs],
        "Relu_grad": [_node_grad(mod, sg, "Relu", x) for x in xs],
        "LeakyRelu_grad": [_node_grad(mod, sg, "LeakyRelu", x) for x in xs],
    }


def public_points(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": list(PUBLIC_POINTS)}


def hidden_points(ctx: ProbeContext) -> dict[str, Any]:
    """FORWARD_POINTS as floats, then TYPED_POINTS (numpy.float64 and int for the plain
    functions)."""
    typed = [x for x, _ in TYPED_POINTS]
    kinds = ["float"] * len(FORWARD_POINTS) + [k for _, k in TYPED_POINTS]
    return {"x": [*FORWARD_POINTS, *typed], "kinds": kinds}


def negative_points(ctx: ProbeContext) -> dict[str, Any]:
    """32 random negative inputs and 8 random positive ones, shuffled (where the gradient is 0.1
    and where it is 1 depends on the seed)."""
    rng = np.random.default_rng(ctx.seed)
    xs = np.concatenate([-np.abs(rng.normal(0, 3, 32)), np.abs(rng.normal(0, 3, 8))])
    xs = np.sign(xs) * (np.abs(xs) + 1e-6)
    return {"x": [float(v) for v in rng.permutation(xs)]}


@PROBES.probe(inputs=public_points)
def ops_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Plain-float and node forms of both activations, and their local gradients, at -2, 0
    and 3."""
    return _ops_at(mod, ctx, ctx.inputs["x"])


@PROBES.probe(inputs=hidden_points)
def ops_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The same at negative, zero, tiny and positive inputs, and at numpy.float64 and int
    inputs."""
    return _ops_at(mod, ctx, ctx.inputs["x"], ctx.inputs["kinds"])


@PROBES.probe(inputs=negative_points)
def leaky_slope(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """leaky_relu(x), the LeakyRelu node and its gradient at random inputs, most below zero."""
    return _ops_at(mod, ctx, ctx.inputs["x"])


def composite_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The finite-difference step (the points are ``COMPOSITES``', known to both sides)."""
    return {"h": 1e-5}


def _composite_rows(sg: ModuleType, ops: _GraphOps, name: str, h: float) -> list[dict[str, Any]]:
    fn, _inputs, points = COMPOSITES[name]
    rows = []
    for point in points:
        leaves = [sg.Variable(v) for v in point]
        root = fn(ops, *leaves)
        value = float(sg.forward(root))
        sg.backward(root)
        grads = [float(leaf.grad) for leaf in leaves]
        plus, minus = [], []
        for leaf, v in zip(leaves, point):
            leaf.set(v + h)
            plus.append(float(sg.forward(root)))
            leaf.set(v - h)
            minus.append(float(sg.forward(root)))
            leaf.set(v)
        rows.append({"value": value, "grad": grads, "plus": plus, "minus": minus})
    return rows


@PROBES.probe(inputs=composite_inputs)
def composite_grads(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Forward values, backward gradients and ±h forward values of each composite graph (one
    outcome per composite)."""
    sg = ctx.module("scalar_graph")
    ops = _GraphOps(mod, sg)
    return {name: attempt(_composite_rows, sg, ops, name, ctx.inputs["h"]) for name in COMPOSITES}


def _params(net: Any) -> list[float]:
    return [float(p.value) for p in net.params]


def given_init(seed: int) -> list[float]:
    """``ThreePieceNet(activation, seed)``'s given initialisation ``(w1, b1, w2, b2, v1, v2, c)``,
    restated."""
    rng = random.Random(seed)
    kinks = sorted(rng.uniform(0.2, 1.8) for _ in range(2))
    w = [rng.uniform(0.8, 1.2) for _ in range(2)]
    return [
        w[0],
        -w[0] * kinks[0],
        w[1],
        -w[1] * kinks[1],
        rng.uniform(0.5, 1.5),
        rng.uniform(0.5, 1.5),
        0.0,
    ]


def _evaluate(sg: ModuleType, net: Any, params: list[float], x: float, y: float) -> dict[str, Any]:
    """Set the parameters, x and y; forward and backward the loss; read ŷ, loss, gradients."""
    for p, v in zip(net.params, params):
        p.set(v)
    net.x.set(x)
    net.y.set(y)
    loss = float(sg.forward(net.loss))
    sg.backward(net.loss)
    return {
        "y_hat": float(net.y_hat.value),
        "loss": loss,
        "grad": [float(p.grad) for p in net.params],
    }


def net_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Fixed parameters and four (x, y) rows: the target is x² in two of them and not in the
    others (``self.y`` is the target node, whatever its value)."""
    rows = ((-1.0, 1.0), (0.2, 0.5), (0.9, 0.81), (1.8, -0.3))
    return {
        "params": [1.0, -0.5, -2.0, 3.0, 0.75, -1.5, 0.25],
        **{act: [{"x": x, "y": y} for x, y in rows] for act in ("relu", "leaky_relu")},
    }


@PROBES.probe(inputs=net_inputs)
def net_forward(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """ThreePieceNet.build with fixed parameters: predictions, loss and gradients at a few
    (x, y)."""
    sg = ctx.module("scalar_graph")
    inp = ctx.inputs
    out: dict[str, Any] = {}
    for act in ("relu", "leaky_relu"):
        net = attempt(mod.ThreePieceNet, act, 0)
        out[act] = [
            net if _is_error(net) else attempt(_evaluate, sg, net, inp["params"], r["x"], r["y"])
            for r in inp[act]
        ]
    return out


def _wiring_case(rng: np.random.Generator) -> dict[str, Any]:
    """Random parameters (either sign of slope) and six (x, y) rows: each unit below and above its
    kink while the other unit is clear of its own (|z| >= 0.1), two free points; y is not x²."""
    while True:
        w = rng.uniform(0.6, 2.0, 2) * rng.choice([-1.0, 1.0], 2)
        b = rng.uniform(-1.5, 1.5, 2)
        xs = [(z - b[i]) / w[i] for i in (0, 1) for z in (-0.7, 0.6)]
        xs += [float(v) for v in rng.uniform(-2.0, 2.5, 2)]
        z = np.outer(xs, w) + b
        if np.all(np.abs(z) >= 0.1):
            break
    v = rng.uniform(0.5, 2.0, 2) * rng.choice([-1.0, 1.0], 2)
    params = [w[0], b[0], w[1], b[1], v[0], v[1], rng.uniform(-1.0, 1.0)]
    return {
        "params": [round(float(p), 6) for p in params],
        "rows": [{"x": round(float(x), 6), "y": round(float(rng.uniform(-1, 3)), 6)} for x in xs],
    }


def wiring_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Per activation: random parameters and six (x, y) rows with targets other than x²."""
    rng = np.random.default_rng(ctx.seed)
    return {act: _wiring_case(rng) for act in ("relu", "leaky_relu")}


@PROBES.probe(inputs=wiring_inputs)
def net_wiring(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """ThreePieceNet.build with random parameters and targets: ŷ, loss and gradients per row."""
    sg = ctx.module("scalar_graph")
    out: dict[str, Any] = {}
    for act in ("relu", "leaky_relu"):
        case = ctx.inputs[act]
        net = attempt(mod.ThreePieceNet, act, 0)
        rows = [
            net if _is_error(net) else attempt(_evaluate, sg, net, case["params"], r["x"], r["y"])
            for r in case["rows"]
        ]
        out[act] = {"rows": rows}
    return out


def _sgd_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A seed other than the default 0 and a learning rate other than the default 0.01 (both drawn
    from the check's seed), and the given start they must begin from."""
    rng = np.random.default_rng(ctx.seed)
    seed = 1 + ctx.seed % 9_999
    lr = round(float(rng.uniform(0.02, 0.05)), 4)
    return {"seed": seed, "lr": lr, "init": given_init(seed)}


def _sgd_run(
    mod: ModuleType, ctx: ProbeContext, activation: str, steps: tuple[int, ...] = SGD_STEPS
) -> dict[str, Any]:
    """The net's starting parameters, fit_square's parameters after each of ``steps``, and
    whether Python's global random state is as it was and no global generator was seeded or put
    back meanwhile (fit_square has a generator of its own)."""
    seed, lr = ctx.inputs["seed"], ctx.inputs["lr"]
    start = attempt(lambda: _params(mod.ThreePieceNet(activation, seed)))
    after: dict[str, Any] = {}
    nets: list[Any] = []
    state = random.getstate()
    with watched_seeding() as watch:
        for k in steps:
            net = attempt(mod.fit_square, activation, steps=k, lr=lr, seed=seed)
            after[str(k)] = _trained(net)
            nets.append(net)
        again = attempt(mod.fit_square, activation, steps=steps[-1], lr=lr, seed=seed)
    untouched = random.getstate() == state and not watch["seeding"] and not watch["random_moved"]
    return {
        "start": start,
        "after": after,
        "global_random": untouched,
        # each call's own net: unchanged by the later calls, and a new object every call
        "later": {str(k): _trained(n) for k, n in zip(steps, nets)},
        "distinct": len({id(n) for n in [*nets, again]}) == len(nets) + 1,
    }


def _is_error(value: Any) -> bool:
    return isinstance(value, dict) and ERROR_KEY in value


def _trained(net: Any) -> Any:
    """The parameters of what fit_square returned, ``{"returned": type}`` when it is not a net,
    or the error it raised."""
    if _is_error(net):
        return net
    try:
        return _params(net)
    except Exception:
        return {"returned": type_name(net)}


@PROBES.probe(inputs=_sgd_inputs)
def sgd_steps(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square('leaky_relu', steps=k, lr, seed) for k = 1, 2, 7, and the net's start."""
    return _sgd_run(mod, ctx, "leaky_relu")


@PROBES.probe(inputs=_sgd_inputs)
def sgd_steps_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square('relu', steps=k, lr, seed) for k = 1, 2, 7, and the net's start."""
    return _sgd_run(mod, ctx, "relu")


LARGE_SCALE, LARGE_LR = 6.0, 2e-4
"""sgd_large: the given start with every parameter times 6, so gradients reach the hundreds (a
clip at any usual norm changes the steps), at a learning rate small enough not to diverge."""


def _large_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A seed other than the default, LARGE_LR, and the given start scaled by LARGE_SCALE."""
    seed = 1 + ctx.seed % 9_999
    return {
        "seed": seed,
        "lr": LARGE_LR,
        "init": [LARGE_SCALE * v for v in given_init(seed)],
    }


def _scaled_net(cls: Any, scale: float = LARGE_SCALE) -> Any:
    """A subclass of the module's ThreePieceNet whose given start is multiplied by ``scale``
    (fit_square builds its net as ``ThreePieceNet(activation, seed)``)."""

    class ThreePieceNet(cls):  # type: ignore[misc, valid-type]
        def __post_init__(self) -> None:
            super().__post_init__()
            for p in self.params:
                p.value = p.value * scale

    return ThreePieceNet


def _sgd_large(mod: ModuleType, ctx: ProbeContext, activation: str) -> dict[str, Any]:
    """:func:`_sgd_run` with the module's ThreePieceNet scaled (see :func:`_scaled_net`)."""
    original = mod.ThreePieceNet
    if not isinstance(original, type):
        return {"start": {"returned": type_name(original)}, "after": {}, "global_random": True}
    mod.ThreePieceNet = _scaled_net(original)
    try:
        return _sgd_run(mod, ctx, activation)
    finally:
        mod.ThreePieceNet = original


@PROBES.probe(inputs=_large_inputs)
def sgd_large(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square('leaky_relu', steps=k, lr=2e-4, seed) for k = 1, 2, 7 from a start six times
    the given one (large gradients), and the net's start."""
    return _sgd_large(mod, ctx, "leaky_relu")


@PROBES.probe(inputs=_large_inputs)
def sgd_large_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The same for fit_square('relu', ...)."""
    return _sgd_large(mod, ctx, "relu")


EXTREME_RUNS = (
    {"name": "lr_zero", "lr": 0.0, "scale": 1.0, "steps": (1, 7)},
    {"name": "lr_above_0.1", "lr": 0.12, "scale": 1.0, "steps": (1, 2, 7)},
    {"name": "huge_gradients", "lr": 1e-12, "scale": 1e3, "steps": (1, 3)},
    {"name": "overflow", "lr": 1e-3, "scale": 1e160, "steps": (1,)},
)
"""sgd_extremes: fit_square('leaky_relu') where an argument's or a guard's effect shows: lr=0 (no
step moves anything: ``lr or 0.01`` shows), lr 0.12 (above a cap at 0.1; 7 steps stay below 140
in size on 400 seeds), a start 1000 times the given one at lr 1e-12 (gradients above 1e9, steps
of relative size 1e-6: a step skipped or clipped above some size shows), and a start 1e160 times
the given one (ŷ overflows to ±inf or nan in the first step, so the loss is not finite: the
step is still taken, and the parameters it leaves are not finite either)."""


def _extreme_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """A seed other than the default, the given start for it, and EXTREME_RUNS."""
    seed = 1 + ctx.seed % 9_999
    runs = [dict(r, steps=list(r["steps"])) for r in EXTREME_RUNS]
    return {"seed": seed, "init": given_init(seed), "runs": runs}


@PROBES.probe(inputs=_extreme_inputs)
def sgd_extremes(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square('leaky_relu', steps=k, lr, seed) for each run of EXTREME_RUNS (its start
    scaled as the run says), and each run's starting parameters."""
    seed = ctx.inputs["seed"]
    original = mod.ThreePieceNet
    if not isinstance(original, type):
        return {"net": {"returned": type_name(original)}, "runs": [{} for _ in ctx.inputs["runs"]]}
    out = []
    for run in ctx.inputs["runs"]:
        mod.ThreePieceNet = _scaled_net(original, float(run["scale"]))
        try:
            start = attempt(lambda: _params(mod.ThreePieceNet("leaky_relu", seed)))
            after = {
                str(k): _trained(
                    attempt(mod.fit_square, "leaky_relu", steps=int(k), lr=run["lr"], seed=seed)
                )
                for k in run["steps"]
            }
        finally:
            mod.ThreePieceNet = original
        out.append({"start": start, "after": after})
    return {"runs": out}


@PROBES.probe
def signature_defaults(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The defaults in fit_square's signature (every other probe gives all its arguments), and
    fit_square(steps=0) with the other defaults: the untrained net's activation and start."""
    net = attempt(mod.fit_square, steps=0)
    made = net if _is_error(net) else {"activation": str(getattr(net, "activation", ""))[:40]}
    return {"signature": defaults(mod, ("fit_square",)), "steps0": made, "start": _trained(net)}


def smoke_inputs(ctx: ProbeContext) -> dict[str, Any]:
    return {"seed": SMOKE["seed"], "lr": SMOKE["lr"]}


@PROBES.probe(inputs=smoke_inputs)
def fit_smoke(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square(activation, steps=k, lr=0.05, seed=3) for k = 1, 2, 3 and both activations,
    and each net's start (a few microseconds of training)."""
    return {act: _sgd_run(mod, ctx, act, SMOKE["steps"]) for act in ("leaky_relu", "relu")}


def _fit(mod: ModuleType, ctx: ProbeContext, activation: str) -> dict[str, Any]:
    """The trained net's predictions on ``FIT_GRID`` (the judge uses the same grid) and its
    parameters; ``{"net": error}`` when fit_square raised or returned no net, and also
    ``"start"`` when the net it starts from, ``ThreePieceNet(activation, seed)``, raised."""
    seed = ctx.inputs["seed"]
    start = attempt(mod.ThreePieceNet, activation, seed)
    if _is_error(start):
        return {"net": start, "start": True}
    net = attempt(
        mod.fit_square,
        activation,
        steps=int(ctx.param("fit_steps")),
        lr=float(ctx.param("fit_lr")),
        seed=seed,
    )
    params = _trained(net)
    if not isinstance(params, list):
        return {"net": params}
    y_hat = attempt(lambda: np.array([float(net.predict(float(x))) for x in FIT_GRID]))
    return {"y_hat": y_hat, "params": params}


def fit_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The seed of the long fit (the check's seed), which the judge's full replay uses too."""
    return {"seed": ctx.seed % 10_000}


@PROBES.probe(inputs=fit_inputs)
def fit_leaky(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square with LeakyReLU, evaluated on 401 points of [0, 2]."""
    return _fit(mod, ctx, "leaky_relu")


@PROBES.probe(inputs=fit_inputs)
def fit_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square with ReLU, evaluated on 401 points of [0, 2]."""
    return _fit(mod, ctx, "relu")
