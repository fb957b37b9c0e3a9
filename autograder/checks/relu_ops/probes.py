"""Student half of the relu_ops checks: call student code, return plain data only."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import ProbeContext, ProbeRegistry
from autograder.checks.relu_ops.composites import COMPOSITES

PROBES = ProbeRegistry()

FORWARD_POINTS = (-3.5, -1.0, -0.25, -1e-3, 0.0, 1e-3, 0.5, 2.25)
PUBLIC_POINTS = (-2.0, 3.0)
FIT_GRID = np.linspace(0.0, 2.0, 401)


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


def _node_values(mod: ModuleType, sg: ModuleType, op: str, xs: tuple[float, ...]) -> dict[str, list[float]]:
    values, grads = [], []
    for x in xs:
        parent = sg.Variable(x)
        node = getattr(mod, op)(parent)
        node.compute()
        values.append(float(node.value))
        grads.append(float(node.get_parent_grad(parent)))
    return {"value": values, "grad": grads}


def _ops_at(mod: ModuleType, ctx: ProbeContext, xs: tuple[float, ...]) -> dict[str, Any]:
    sg = ctx.module("scalar_graph")
    return {
        "x": list(xs),
        "relu": [float(mod.relu(x)) for x in xs],
        "leaky_relu": [float(mod.leaky_relu(x)) for x in xs],
        "Relu": _node_values(mod, sg, "Relu", xs),
        "LeakyRelu": _node_values(mod, sg, "LeakyRelu", xs),
    }


@PROBES.probe
def ops_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Plain-float and node forms of both activations, and their local gradients, at -2 and 3."""
    return _ops_at(mod, ctx, PUBLIC_POINTS)


@PROBES.probe
def ops_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The same at negative, zero, tiny and positive inputs."""
    return _ops_at(mod, ctx, FORWARD_POINTS)


@PROBES.probe
def leaky_slope(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """leaky_relu(x) and its node gradient on random negative inputs."""
    xs = tuple(float(v) for v in -np.abs(np.random.default_rng(ctx.seed).normal(0, 3, 32)) - 1e-6)
    return _ops_at(mod, ctx, xs)


@PROBES.probe
def composite_grads(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Forward values, backward gradients and ±h forward values of each composite graph."""
    sg = ctx.module("scalar_graph")
    ops = _GraphOps(mod, sg)
    h = 1e-5
    out: dict[str, Any] = {"h": h}
    for name, (fn, inputs, points) in COMPOSITES.items():
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
            rows.append({"point": list(point), "value": value, "grad": grads, "plus": plus, "minus": minus})
        out[name] = rows
    return out


def _params(net: Any) -> list[float]:
    return [float(p.value) for p in net.params]


@PROBES.probe
def net_forward(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """ThreePieceNet.build with fixed parameters: predictions, loss and gradients at a few x."""
    sg = ctx.module("scalar_graph")
    out: dict[str, Any] = {}
    fixed = (1.0, -0.5, -2.0, 3.0, 0.75, -1.5, 0.25)
    xs = (-1.0, 0.2, 0.9, 1.8)
    for act in ("relu", "leaky_relu"):
        net = mod.ThreePieceNet(act, seed=0)
        for p, v in zip(net.params, fixed):
            p.set(v)
        rows = []
        for x in xs:
            net.x.set(x)
            net.y.set(x * x)
            loss = float(sg.forward(net.loss))
            sg.backward(net.loss)
            rows.append({"x": x, "y_hat": float(net.y_hat.value), "loss": loss, "grad": [float(p.grad) for p in net.params]})
        out[act] = rows
    out["params"] = list(fixed)
    return out


@PROBES.probe
def sgd_steps(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Initial parameters, and parameters after 1 and 5 steps of fit_square."""
    seed = ctx.seed % 10_000
    lr = float(ctx.param("fit_lr"))
    init = _params(mod.ThreePieceNet("leaky_relu", seed))
    after = {str(k): _params(mod.fit_square("leaky_relu", steps=k, lr=lr, seed=seed)) for k in (1, 5)}
    return {"seed": seed, "lr": lr, "init": init, "after": after}


def _fit(mod: ModuleType, ctx: ProbeContext, activation: str) -> dict[str, Any]:
    net = mod.fit_square(activation, steps=int(ctx.param("fit_steps")), lr=float(ctx.param("fit_lr")), seed=ctx.seed % 10_000)
    y_hat = np.array([float(net.predict(float(x))) for x in FIT_GRID])
    return {"x": FIT_GRID, "y_hat": y_hat, "params": _params(net), "activation": activation}


@PROBES.probe
def fit_leaky(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square with LeakyReLU, evaluated on 401 points of [0, 2]."""
    return _fit(mod, ctx, "leaky_relu")


@PROBES.probe
def fit_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square with ReLU, evaluated on 401 points of [0, 2]."""
    return _fit(mod, ctx, "relu")
