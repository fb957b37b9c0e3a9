"""The canary: before a batch, grade the reference solution with the same launcher and settings.

A reference below full marks on this machine means the environment (or the grader) is
wrong, and no student should get a grade from it.
"""

from __future__ import annotations

from pathlib import Path

from autograder.checks.suite import Suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.results import SubmissionResult
from autograder.grading.submission import grade_directory
from autograder.layout import REPO_ROOT


class CanaryFailed(RuntimeError):
    """The reference solution scores less than full marks on this machine: the batch is not
    graded."""


def reference_tree(suite: Suite, root: Path = REPO_ROOT) -> Path | None:
    """``solutions/<id>`` when it holds the reference's student files (a Gradescope zip ships only
    given files)."""
    tree = root / "solutions" / suite.spec.id
    return tree if all((tree / f).is_file() for f in suite.spec.student_files) else None


def run_canary(
    suite: Suite, *, device: str, launcher: ChildLauncher, root: Path = REPO_ROOT
) -> SubmissionResult | None:
    """Grade the reference with the batch's own launcher and settings; raise :class:`CanaryFailed`
    below full marks.

    Returns None (nothing graded) where the reference is not on this machine.
    """
    tree = reference_tree(suite, root)
    if tree is None:
        return None
    result = grade_directory(
        suite,
        tree,
        root / "solutions" / suite.spec.id,
        label="reference (canary)",
        device=device,
        launcher=launcher,
    )
    if result.total < result.possible - 1e-9:
        failing = "; ".join(f"{o.name}: {o.message}" for o in result.outcomes if not o.passed)
        raise CanaryFailed(
            f"the reference scores {result.total:g}/{result.possible:g} on this machine "
            f"({failing[:600]}); "
            "not grading — check the environment (or pass --no-canary)"
        )
    return result
