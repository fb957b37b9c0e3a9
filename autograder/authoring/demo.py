"""``course demo``: the main job. Build everything, export the example submissions through the
notebooks' export cells, grade them into gradebooks with plots, and check the outcome.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from autograder.authoring.build import build_course
from autograder.authoring.examples import make_examples
from autograder.checks.suite import Spec, load_suite
from autograder.grading.batch import grade_batch
from autograder.manifest import Course


def run_demo(
    course: Course, ids: list[str], *, dist: Path, out: Path, jobs: int, console: Console
) -> list[str]:
    """Run the demo for ``ids``; return what went wrong (an exported reference below full marks,
    a stub above zero), empty when every gradebook is as it must be."""
    for path in build_course(course, ids=ids, dist=dist):
        console.print(f"built {path}")
    wrong: list[str] = []
    for a in course.assignments:
        if a.id not in ids:
            continue
        subs = make_examples(a, dist)
        book = out / a.id
        results = grade_batch(
            subs, load_suite(Spec.from_manifest(a)), book, jobs=jobs, console=console
        )
        console.print(f"[bold]{a.id}[/]: gradebook {book / 'final_grades.csv'}, plots in {book}")
        by_label = {r.label: r for r in results}
        sol, stub = by_label.get("solution.zip"), by_label.get("stub.zip")
        if sol is None or sol.total < sol.possible - 1e-9:
            wrong.append(
                f"{a.id}: the exported reference scores {sol.total if sol else 0:g}, not full marks"
            )
        if stub is None or stub.total > 0:
            wrong.append(f"{a.id}: the exported stub scores {stub.total if stub else '?'}, not 0")
    return wrong
