"""Snapshot every verdict (passed, value, message) of the reference, the stub and every mutant.

For refactors that must not change behaviour: run it before and after and compare the two
JSON files (``python scripts/snapshot_verdicts.py OUT.json [--assignment ID]``). Grades through
the same children as ``course validate`` (a trusted, unsandboxed launcher).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder.authoring.mutants import materialize, mutants_for
from autograder.checks.suite import Spec, load_suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.submission import grade_directory
from autograder.layout import REPO_ROOT
from autograder.manifest import load_manifest


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out", type=Path)
    p.add_argument("--assignment", action="append")
    p.add_argument("--jobs", type=int, default=2)
    args = p.parse_args()
    import torch

    torch.set_num_threads(1)
    course = load_manifest()
    snap: dict[str, dict[str, list[object]]] = {}
    for a in course.assignments:
        if args.assignment and a.id not in args.assignment:
            continue
        suite = load_suite(Spec.from_manifest(a))
        given = REPO_ROOT / "solutions" / a.id
        with tempfile.TemporaryDirectory() as tmp:
            trees = {"solution": given, "stub": REPO_ROOT / "assignments" / a.id}
            for m in mutants_for(a.id):
                trees[m.name] = materialize(m, given, Path(tmp) / m.name)
            with ChildLauncher() as launcher, ThreadPoolExecutor(args.jobs) as pool:
                futs = {
                    k: pool.submit(grade_directory, suite, t, given, label=k, launcher=launcher)
                    for k, t in trees.items()
                }
                for k, f in futs.items():
                    r = f.result()
                    for o in r.outcomes:
                        snap.setdefault(f"{a.id}/{k}", {})[o.name] = [
                            o.passed,
                            o.value,
                            o.message,
                            o.points,
                        ]
        print(a.id, len(trees), "trees", file=sys.stderr)
    args.out.write_text(json.dumps(snap, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
