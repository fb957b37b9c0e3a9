"""Sweep chosen checks over several seeds, in process: the reference and every correct alternative
must pass all of them on every seed; each named mutant must fail at least one on every seed.

``course validate --seeds N`` sweeps the seeded (convergence and replay) checks; this sweeps any
checks whose inputs depend on the seed (new probes while they are calibrated, docs/calibration):

    .venv/bin/python scripts/sweep_checks.py moons --checks grid_shapes,train_new_list \\
        --mutants grid_dstack_points,train_module_level_losses --seeds 20

Seed k is the manifest's seed + 1000·(k + 1), as in ``course validate --seeds``. Exit status 1
when a tree breaks its rule.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from autograder.authoring.mutants import alternatives_for, materialize, mutants_for
from autograder.checks.suite import Spec, load_suite
from autograder.harness.inprocess import TreeRunner
from autograder.layout import REPO_ROOT
from autograder.manifest import load_manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("assignment")
    p.add_argument("--checks", required=True, help="comma-separated check names")
    p.add_argument("--mutants", default="", help="comma-separated mutant names (must be caught)")
    p.add_argument("--seeds", type=int, default=20)
    args = p.parse_args(argv)
    (entry,) = [a for a in load_manifest().assignments if a.id == args.assignment]
    names = set(args.checks.split(","))
    base = Spec.from_manifest(entry)
    unknown = names - {c.name for c in load_suite(base).checks}
    if unknown:
        p.error(f"no such checks: {sorted(unknown)}")
    solution = REPO_ROOT / "solutions" / entry.id
    tmp = Path(tempfile.mkdtemp())
    by_name = {m.name: m for m in mutants_for(entry.id)}
    trees = [("reference", solution, True)]
    trees += [
        (m.name, materialize(m, solution, tmp / m.name), True) for m in alternatives_for(entry.id)
    ]
    for n in filter(None, args.mutants.split(",")):
        trees.append((n, materialize(by_name[n], solution, tmp / n), False))
    good = {name: 0 for name, _, _ in trees}
    for k in range(args.seeds):
        suite = load_suite(replace(base, seed=base.seed + 1000 * (k + 1)))
        chosen = [c for c in suite.checks if c.name in names]
        for name, tree, must_pass in trees:
            runner = TreeRunner(suite, tree)
            failed = [c.name for c in chosen if not runner.verdict(c).passed]
            good[name] += not failed if must_pass else bool(failed)
            if must_pass and failed:
                print(f"  seed {suite.spec.seed}: {name} fails {', '.join(failed)}")
    broken = 0
    print(f"{entry.id}: {', '.join(sorted(names))} over {args.seeds} seeds")
    for name, _, must_pass in trees:
        ok = good[name] == args.seeds
        broken += not ok
        rule = "passes" if must_pass else "caught"
        print(f"  {name:45s} {rule} {good[name]}/{args.seeds}{'' if ok else '   <-- VIOLATION'}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
