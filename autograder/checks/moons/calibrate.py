"""Calibrate the moons thresholds: the graded probes and judges' measurements over many seeds.

Usage: python -m autograder.checks.moons.calibrate [N_SEEDS] [--manifest PATH]

Runs, in this process and single-threaded, the real probes (``converge_*``,
``trajectory_*``) against ``solutions/moons``, the training mutants, the correct
alternatives of ``train`` and a few more correct loops written differently (``LOOP_VARIANTS``:
a hand-written log-sum-exp, a float64 loop), with probe seeds 0..N-1 (so the training seed is
s, the held-out seed 10000 + s and the model seed s), and prints markdown tables of
min / median / max of every measured quantity. Not shipped anywhere (nothing shipped imports
it).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from autograder.authoring.mutants import Mutant, alternatives_for, materialize, mutants_for
from autograder.checks.core import ProbeContext, derive_seed, with_inputs
from autograder.checks.moons import probes
from autograder.checks.moons import reference as ref
from autograder.checks.moons.probes import moons_data
from autograder.checks.moons.public import spec_logits
from autograder.checks.suite import Spec, load_suite
from autograder.harness.inprocess import imported_tree
from autograder.layout import REPO_ROOT
from autograder.manifest import DEFAULT_MANIFEST, load_manifest

CONVERGENCE_MUTANTS = (
    "train_no_zero_grad",
    "train_no_step",
    "train_mse_float_labels",
    "train_bce_one_logit",
    "train_lr_1e-4",
    "train_sgd",
    "train_loss_after_step",
    "train_extra_update",
    "train_one_step_short",
    "train_regenerates_data",
    "train_minibatches",
    "train_optimizer_in_loop",
)
"""Mistakes in train whose convergence is measured (``training=True`` ones must fail every seed)."""

_LOOP = """        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
"""
LOOP_VARIANTS = (
    Mutant(
        "loop_logsumexp_by_hand",
        "mean of logsumexp(logits) - logits[y], written by hand",
        "moons.py",
        _LOOP,
        """        optimizer.zero_grad()
        z = model(inputs)
        loss = (torch.logsumexp(z, dim=1) - z.gather(1, targets[:, None])[:, 0]).mean()
""",
    ),
    Mutant(
        "loop_float64",
        "the loop in float64 (model.double(), float64 inputs), parameters back in float32",
        "moons.py",
        """    model.to(device)
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float32), device=device)
""",
        """    model.to(device).double()
    inputs = torch.as_tensor(np.asarray(x, dtype=np.float64), device=device)
""",
    ),
)
"""Correct loops written differently, measured for the trajectory tolerance (not graded: the
float64 one leaves the model in float64, which the probe reads back as it is)."""


def load_tree(tree: Path) -> ModuleType:
    """The tree's moons module, imported fresh by the in-process runner."""
    suite = load_suite(Spec.from_manifest(load_manifest().assignment("moons")))
    with imported_tree(suite, tree) as module:
        if isinstance(module, BaseException):
            raise module
        return module


def converge_metrics(data: dict[str, Any], params: dict[str, Any]) -> dict[str, float]:
    """The judge's numbers: logits computed from the trained parameters on the held-out sample drawn
    here."""
    x_test, yt = moons_data(
        int(params["n_test"]),
        float(params["noise"]),
        int(params["test_seed_offset"]) + int(data["seed"]),
    )
    logits = spec_logits(data["params"], data["activation"], x_test)
    losses = np.asarray(data["losses"], dtype=np.float64)
    return {
        "acc": float(np.mean(logits.argmax(axis=1) == yt)),
        "ce": ref.cross_entropy(logits, yt),
        "tail": float(np.max(losses[-int(params["tail"]) :])),
    }


def trajectory_metrics(data: dict[str, Any], params: dict[str, Any]) -> dict[str, float]:
    want_p, want_l = ref.reference_train(
        data["init"],
        data["activation"],
        data["X"],
        data["y"],
        steps=int(data["steps"]),
        lr=float(data["lr"]),
    )
    d_p = max(float(np.max(np.abs(np.asarray(g) - w))) for g, w in zip(data["params"], want_p))
    got_l = np.asarray(data["losses"], dtype=np.float64)
    d_l = float(np.max(np.abs(got_l - want_l))) if got_l.shape == want_l.shape else float("inf")
    return {"dparam": d_p, "dloss": d_l}


def measure(
    mod: ModuleType, probe: str, seed: int, params: dict[str, Any]
) -> tuple[dict[str, float] | None, float]:
    t0 = time.perf_counter()
    ctx = ProbeContext(seed=seed, params=params)
    data = probes.PROBES.run(probe, mod, ctx)
    seconds = time.perf_counter() - t0
    if "__probe_error__" in data or "raised" in data:
        return None, seconds
    data = with_inputs(data, probes.PROBES.inputs(probe, ctx))
    metrics = (
        converge_metrics(data, params)
        if probe.startswith("converge")
        else trajectory_metrics(data, params)
    )
    return metrics, seconds


def fmt(values: list[float], spec: str) -> str:
    v = np.asarray(values)
    return f"{v.min():{spec}} / {np.median(v):{spec}} / {v.max():{spec}}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=20)
    ap.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)
    a = load_manifest(args.manifest).assignment("moons")
    params, th = dict(a.params), dict(a.thresholds)
    sol = REPO_ROOT / "solutions" / "moons"
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"reference": sol}
        known = {m.name: m for m in mutants_for("moons", arguments=False)}
        for name in CONVERGENCE_MUTANTS:
            trees[name] = materialize(known[name], sol, Path(tmp) / name)
        train_alternatives = [m for m in alternatives_for("moons") if m.name.startswith("train")]
        for m in (*train_alternatives, *LOOP_VARIANTS):
            trees[m.name] = materialize(m, sol, Path(tmp) / m.name)
        rows = [("reference", "relu"), ("reference", "tanh")] + [
            (name, "relu") for name in CONVERGENCE_MUTANTS
        ]
        print(
            f"torch {torch.__version__}, 1 thread; seeds 0..{args.n - 1}; graded seeds: "
            + ", ".join(
                f"{p} {derive_seed(a.seed, p) % 10_000}"
                for p in ("converge_relu", "converge_tanh", "trajectory_relu", "trajectory_tanh")
            )
        )
        print(
            "\n### Convergence (held-out acc ≥ {test_acc_min}, CE ≤ {test_ce_max}, max of last "
            "tail losses ≤ {tail_loss_max})\n".format(**th)
        )
        print(
            "| tree | act | held-out acc | held-out CE | max(last 200 losses) | passes | seconds "
            "(max) |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, act in rows:
            mod = load_tree(trees[name])
            acc, ce, tail, secs, ok = [], [], [], [], 0
            for s in range(args.n):
                m, sec = measure(mod, f"converge_{act}", s, params)
                secs.append(sec)
                if m is None:
                    continue
                acc.append(m["acc"])
                ce.append(m["ce"])
                tail.append(m["tail"])
                ok += (
                    m["acc"] >= th["test_acc_min"]
                    and m["ce"] <= th["test_ce_max"]
                    and m["tail"] <= th["tail_loss_max"]
                )
            print(
                f"| {name} | {act} | {fmt(acc, '.4f')} | {fmt(ce, '.4f')} | {fmt(tail, '.4f')} | "
                f"{ok}/{args.n} | {max(secs):.2f} |",
                flush=True,
            )
        print(
            f"\n### Trajectory (ReLU {int(params['traj_relu_steps'])} steps at lr "
            f"{params['traj_relu_lr']}, tanh {int(params['traj_tanh_steps'])} steps at lr "
            f"{params['traj_tanh_lr']}; pass iff max |Δparam| ≤ {th['traj_atol']:g} and max "
            f"|Δloss| ≤ {th['traj_loss_atol']:g})\n"
        )
        print("| tree | act | max abs param diff | max abs loss diff | passes |")
        print("|---|---|---|---|---|")
        for name in trees:
            mod = load_tree(trees[name])
            for act in ("relu", "tanh"):
                dp, dl, ok = [], [], 0
                for s in range(args.n):
                    m, _ = measure(mod, f"trajectory_{act}", s, params)
                    if m is None:
                        continue
                    dp.append(m["dparam"])
                    dl.append(m["dloss"])
                    ok += m["dparam"] <= th["traj_atol"] and m["dloss"] <= th["traj_loss_atol"]
                print(
                    f"| {name} | {act} | {fmt(dp, '.2e')} | {fmt(dl, '.2e')} | {ok}/{args.n} |",
                    flush=True,
                )
    print(f"\ntotal {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
