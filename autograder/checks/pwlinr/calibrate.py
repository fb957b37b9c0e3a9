"""Calibrate the pwlinr fit check: MAE of the fitted probability curve over many seeds.

Run ``python -m autograder.checks.pwlinr.calibrate 30`` from the repository root. For the
reference and each named mutant it trains ``fit_logistic`` on the documented data
(exactly as the ``fit`` probe does) and prints a markdown table of min/median/max.
Not shipped to grading children or students (nothing shipped imports it).
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from autograder.authoring.mutants import materialize, mutants_for
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
