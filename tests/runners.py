"""In-process runners shared by the test modules, one per (assignment, tree, device).

Running a tree's probes in-process trains its nets once; test_checks and the determinism
tests both judge that data, so they share it here instead of training twice.
"""

from __future__ import annotations

import functools
from pathlib import Path

from autograder.checks.suite import Spec, Suite, load_suite
from autograder.harness.inprocess import TreeRunner
from autograder.manifest import load_manifest


@functools.cache
def suites() -> dict[str, Suite]:
    return {a.id: load_suite(Spec.from_manifest(a)) for a in load_manifest().assignments}


@functools.cache
def runner(assignment: str, tree: Path, device: str = "cpu") -> TreeRunner:
    return TreeRunner(suites()[assignment], tree, device)
