"""Calibrate the pwlinr checks whose outcome depends on the seed.

``python -m autograder.checks.pwlinr.calibrate 30``: the fit check. For the reference and each
named mutant it trains ``fit_logistic`` on the documented data (exactly as the ``fit`` probe
does) and prints a markdown table of the MAE's min/median/max.

``python -m autograder.checks.pwlinr.calibrate replay 20``: every check with seed-dependent
inputs (the replay, the seed and RNG checks, the knots, make_data) run in process with 20 spec
seeds on the reference, the alternatives and the mutants they are meant to catch; prints the
measured values (max differences) and pass counts.

Run from the repository root. Not shipped to grading children or students (nothing shipped
imports it).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from autograder.authoring.mutants import alternatives_for, materialize, mutants_for
from autograder.checks.pwlinr.probes import spec_data
from autograder.checks.pwlinr.reference import true_probability
from autograder.layout import REPO_ROOT
from autograder.manifest import load_manifest

EXTRA = ("logistic_no_relu", "fit_no_zero_grad")


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(n_seeds: int = 30) -> None:
    torch.set_num_threads(1)
    a = load_manifest().assignment("pwlinr")
    p = a.params
    sol = REPO_ROOT / "solutions" / "pwlinr"
    runs = {"reference": sol / "pwlinr.py"}
    tmp = Path(tempfile.mkdtemp())
    for m in mutants_for("pwlinr"):
        if m.name in EXTRA:
            runs[m.name] = materialize(m, sol, tmp / m.name) / "pwlinr.py"
    thr = a.thresholds["fit_mae"]
    print(
        f"recipe: n={p['fit_n']}, epochs={p['fit_epochs']}, Adam lr={p['fit_lr']}; seeds = base "
        f"seed + 0..{n_seeds - 1}"
    )
    print("| run | seeds | min | median | max | threshold | all pass? | all fail? | s/fit |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, path in runs.items():
        mod = _load(path, f"pwlinr_{name}")
        maes, t0 = [], time.perf_counter()
        for k in range(n_seeds):
            seed = (a.seed + k) % 100_000
            torch.manual_seed(seed)
            x, y = spec_data(int(p["fit_n"]), seed)
            try:
                net = mod.fit_logistic(
                    x, y, epochs=int(p["fit_epochs"]), lr=float(p["fit_lr"]), seed=seed
                )
                with torch.no_grad():
                    pred = net(x).double().numpy().ravel()
                maes.append(
                    float(np.mean(np.abs(pred - true_probability(x.double().numpy()).ravel())))
                )
            except RuntimeError:  # a mutant that cannot train at all
                maes.append(float("inf"))
        per = (time.perf_counter() - t0) / n_seeds
        print(
            f"| {name} | {n_seeds} | {min(maes):.4f} | {statistics.median(maes):.4f} | "
            f"{max(maes):.4f} | {thr} | "
            f"{all(v <= thr for v in maes)} | {all(v > thr for v in maes)} | {per:.2f} |"
        )


SEEDED_INPUTS = (
    "fit_replay",
    "fit_seed",
    "data_spec",
    "data_rng",
    "knots_exact",
    "knots_extrapolate",
    "knots_unsorted",
    "formula_float32",
    "relu_float32",
)
REPLAY_MUTANTS = (
    "fit_one_epoch_too_many",
    "fit_one_epoch_too_few",
    "fit_trains_on_make_data",
    "fit_adam_default_lr",
    "fit_sgd",
    "fit_bce_with_logits",
    "fit_no_zero_grad",
    "fit_step_before_backward",
    "fit_logistic_ignores_epochs_1500",
    "fit_logistic_ignores_lr_0_05",
    "fit_seeds_after_building",
    "fit_logistic_ignores_seed_0",
    "data_self_seeding",
    "knots_float32",
)


def replay(n_seeds: int = 20) -> None:
    """Every check with seed-dependent inputs on ``n_seeds`` spec seeds (assignment seed + 1000 k,
    as the seed sweep uses): reference, alternatives and the mutants aimed at them."""
    from autograder.checks.suite import Spec, Suite, load_suite
    from autograder.harness.inprocess import TreeRunner

    torch.set_num_threads(1)
    base = load_suite(Spec.from_manifest(load_manifest().assignment("pwlinr")))
    checks = [base.check(name) for name in SEEDED_INPUTS]
    sol = REPO_ROOT / "solutions" / "pwlinr"
    tmp = Path(tempfile.mkdtemp())
    trees = {"reference": sol}
    for m in [*alternatives_for("pwlinr"), *mutants_for("pwlinr")]:
        if m.name in REPLAY_MUTANTS or m in alternatives_for("pwlinr"):
            trees[m.name] = materialize(m, sol, tmp / m.name)
    print(f"spec seeds {base.spec.seed} + 1000·(1..{n_seeds}); value = the check's measured value")
    print("| tree | check | passed | min value | max value |")
    print("|---|---|---|---|---|")
    for name, tree in trees.items():
        values: dict[str, list[tuple[bool, float | None]]] = {c.name: [] for c in checks}
        for k in range(n_seeds):
            spec = dataclasses.replace(base.spec, seed=base.spec.seed + 1000 * (k + 1))
            runner = TreeRunner(Suite(spec, base.probes, base.checks), tree)
            for c in checks:
                v = runner.verdict(c)
                values[c.name].append((v.passed, v.value))
        for c in checks:
            runs = values[c.name]
            passed = sum(p for p, _ in runs)
            if name != "reference" and name not in alternatives_names() and passed == n_seeds:
                continue  # a mutant aimed at another check
            vals = [v for _, v in runs if v is not None]
            lo = f"{min(vals):.3g}" if vals else "-"
            hi = f"{max(vals):.3g}" if vals else "-"
            print(f"| {name} | {c.name} | {passed}/{n_seeds} | {lo} | {hi} |")


def alternatives_names() -> set[str]:
    return {m.name for m in alternatives_for("pwlinr")}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "replay":
        replay(int(sys.argv[2]) if len(sys.argv) > 2 else 20)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
