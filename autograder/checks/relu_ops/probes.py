"""Student half of the relu_ops checks: call student code, return plain data only."""

from __future__ import annotations

import random
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


def _node_values(
    mod: ModuleType, sg: ModuleType, op: str, xs: list[float]
) -> dict[str, list[float]]:
    values, grads = [], []
    for x in xs:
        parent = sg.Variable(x)
        node = getattr(mod, op)(parent)
        node.compute()
        values.append(float(node.value))
        grads.append(float(node.get_parent_grad(parent)))
    return {"value": values, "grad": grads}


def _ops_at(mod: ModuleType, ctx: ProbeContext, xs: list[float]) -> dict[str, Any]:
    sg = ctx.module("scalar_graph")
    return {
        "relu": [float(mod.relu(x)) for x in xs],
        "leaky_relu": [float(mod.leaky_relu(x)) for x in xs],
        "Relu": _node_values(mod, sg, "Relu", xs),
        "LeakyRelu": _node_values(mod, sg, "LeakyRelu", xs),
    }


def public_points(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": list(PUBLIC_POINTS)}


def hidden_points(ctx: ProbeContext) -> dict[str, Any]:
    return {"x": list(FORWARD_POINTS)}


def negative_points(ctx: ProbeContext) -> dict[str, Any]:
    """32 random negative inputs."""
    return {
        "x": [float(v) for v in -np.abs(np.random.default_rng(ctx.seed).normal(0, 3, 32)) - 1e-6]
    }


@PROBES.probe(inputs=public_points)
def ops_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Plain-float and node forms of both activations, and their local gradients, at -2 and 3."""
    return _ops_at(mod, ctx, ctx.inputs["x"])


@PROBES.probe(inputs=hidden_points)
def ops_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The same at negative, zero, tiny and positive inputs."""
    return _ops_at(mod, ctx, ctx.inputs["x"])


@PROBES.probe(inputs=negative_points)
def leaky_slope(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """leaky_relu(x) and its node gradient on random negative inputs."""
    return _ops_at(mod, ctx, ctx.inputs["x"])


def composite_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The finite-difference step (the points are ``COMPOSITES``', known to both sides)."""
    return {"h": 1e-5}


@PROBES.probe(inputs=composite_inputs)
def composite_grads(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """Forward values, backward gradients and ±h forward values of each composite graph."""
    sg = ctx.module("scalar_graph")
    ops = _GraphOps(mod, sg)
    h = ctx.inputs["h"]
    out: dict[str, Any] = {}
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
            rows.append({"value": value, "grad": grads, "plus": plus, "minus": minus})
        out[name] = rows
    return out


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


def net_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Fixed parameters and four inputs (the target is always x²)."""
    xs = (-1.0, 0.2, 0.9, 1.8)
    return {
        "params": [1.0, -0.5, -2.0, 3.0, 0.75, -1.5, 0.25],
        **{act: [{"x": x} for x in xs] for act in ("relu", "leaky_relu")},
    }


@PROBES.probe(inputs=net_inputs)
def net_forward(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """ThreePieceNet.build with fixed parameters: predictions, loss and gradients at a few x."""
    sg = ctx.module("scalar_graph")
    inp = ctx.inputs
    out: dict[str, Any] = {}
    for act in ("relu", "leaky_relu"):
        net = mod.ThreePieceNet(act, seed=0)
        for p, v in zip(net.params, inp["params"]):
            p.set(v)
        rows = []
        for x in (row["x"] for row in inp[act]):
            net.x.set(x)
            net.y.set(x * x)
            loss = float(sg.forward(net.loss))
            sg.backward(net.loss)
            rows.append(
                {
                    "y_hat": float(net.y_hat.value),
                    "loss": loss,
                    "grad": [float(p.grad) for p in net.params],
                }
            )
        out[act] = rows
    return out


def sgd_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """The seed and learning rate of the first steps, and the given start they must begin from."""
    seed = ctx.seed % 10_000
    return {"seed": seed, "lr": float(ctx.param("fit_lr")), "init": given_init(seed)}


@PROBES.probe(inputs=sgd_inputs)
def sgd_steps(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """The net's starting parameters, and its parameters after 1 and 5 steps of fit_square."""
    inp = ctx.inputs
    seed, lr = inp["seed"], inp["lr"]
    start = _params(mod.ThreePieceNet("leaky_relu", seed))
    after = {
        str(k): _params(mod.fit_square("leaky_relu", steps=k, lr=lr, seed=seed)) for k in (1, 5)
    }
    return {"start": start, "after": after}


def _fit(mod: ModuleType, ctx: ProbeContext, activation: str) -> dict[str, Any]:
    """The trained net's predictions on ``FIT_GRID`` (the judge uses the same grid) and its
    parameters."""
    net = mod.fit_square(
        activation,
        steps=int(ctx.param("fit_steps")),
        lr=float(ctx.param("fit_lr")),
        seed=ctx.seed % 10_000,
    )
    y_hat = np.array([float(net.predict(float(x))) for x in FIT_GRID])
    return {"y_hat": y_hat, "params": _params(net)}


@PROBES.probe
def fit_leaky(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square with LeakyReLU, evaluated on 401 points of [0, 2]."""
    return _fit(mod, ctx, "leaky_relu")


@PROBES.probe
def fit_relu(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """fit_square with ReLU, evaluated on 401 points of [0, 2]."""
    return _fit(mod, ctx, "relu")
