"""``course validate``: prove the checks against the reference, the stubs and the mutants.

For each assignment: every check must pass on ``solutions/<id>`` (full marks), fail on
``assignments/<id>`` (zero), and every mutant must lose points. Prints one row per
check and a kill matrix (mutants × check groups); returns False on any violation. The seed
sweep of the convergence checks is :mod:`autograder.authoring.sweep`.
"""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.authoring.mutants import alternatives_for, materialize, mutants_for
from autograder.checks.core import NOT_CHECKED_ON_CPU
from autograder.checks.suite import Spec, load_suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.results import SubmissionResult
from autograder.grading.submission import grade_directory
from autograder.layout import REPO_ROOT
from autograder.manifest import Assignment, Course


def _mark(ok: bool) -> str:
    return "[green]pass[/]" if ok else "[red]FAIL[/]"


def validate_assignment(
    course: Course,
    assignment_id: str,
    *,
    device: str,
    jobs: int,
    console: Console,
    root: Path = REPO_ROOT,
) -> bool:
    a = course.assignment(assignment_id)
    suite = load_suite(Spec.from_manifest(a))
    given = root / "solutions" / a.id
    mutants = mutants_for(a.id)
    alternatives = alternatives_for(a.id)
    with tempfile.TemporaryDirectory(prefix="course-validate-") as tmp:
        trees = {"solution": given, "stub": root / "assignments" / a.id}
        for m in [*mutants, *alternatives]:
            trees[m.name] = materialize(m, given, Path(tmp) / m.name)
        with ChildLauncher() as launcher, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {
                k: pool.submit(
                    grade_directory, suite, v, given, label=k, device=device, launcher=launcher
                )
                for k, v in trees.items()
            }
            results: dict[str, SubmissionResult] = {k: f.result() for k, f in futures.items()}
    ok = True
    sol, stub = results["solution"], results["stub"]
    table = Table(title=f"{a.id}: checks ({device})", title_justify="left")
    for col in ("group", "check", "vis.", "points", "solution", "stub", "solution says"):
        table.add_column(col)
    for s, t in zip(sol.outcomes, stub.outcomes):
        ok &= s.passed and not t.passed
        table.add_row(
            s.group,
            s.name,
            "hidden" if s.hidden else "public",
            f"{s.points:.3g}",
            _mark(s.passed),
            "[green]fails[/]" if not t.passed else "[red]PASSES[/]",
            s.message[:70],
        )
    console.print(table)
    console.print(
        f"solution {sol.total:g}/{sol.possible:g} in {sol.seconds:.1f}s; stub "
        f"{stub.total:g}/{stub.possible:g}"
    )
    unchecked = [o.name for o in sol.outcomes if o.message == NOT_CHECKED_ON_CPU]
    if unchecked:
        console.print(
            f"not checked on {device} (device clauses, need --device cuda): {', '.join(unchecked)}"
        )
    ok &= _alternatives(a.id, alternatives, results, console)
    ok &= _kill_matrix(a, mutants, sol, results, console)
    if not ok:
        console.print(f"[red]{a.id}: validation FAILED[/]")
    return ok


def _kill_matrix(
    a: Assignment,
    mutants: list,
    sol: SubmissionResult,
    results: dict[str, SubmissionResult],
    console: Console,
) -> bool:
    """Mutants x groups (x = the group loses points); whether every mutant loses points."""
    if not mutants:
        return True
    ok = True
    groups = [g.name for g in a.groups]
    kill = Table(title=f"{a.id}: kill matrix (x = the group loses points)", title_justify="left")
    kill.add_column("mutant")
    for g in groups:
        kill.add_column(g)
    kill.add_column("score")
    kill.add_column("public check fails?")
    kill.add_column("mistake")
    killed = 0
    full = sol.group_scores(groups)
    for m in mutants:
        r = results[m.name]
        scores = r.group_scores(groups)
        lost = [scores[g] < full[g] - 1e-9 for g in groups]
        killed += any(lost)
        ok &= any(lost)
        public = [o.name for o in r.outcomes if not o.hidden and not o.passed]
        hint = ", ".join(public) if public else "no: hidden checks only"
        kill.add_row(
            m.name,
            *("x" if x else "." for x in lost),
            f"{r.total:g}/{r.possible:g}" if any(lost) else "[red]FULL[/]",
            hint,
            m.description,
        )
    console.print(kill)
    console.print(f"mutation score: {killed}/{len(mutants)} killed")
    return ok


def _alternatives(
    aid: str, alternatives: list, results: dict[str, SubmissionResult], console: Console
) -> bool:
    """Differently written correct solutions: each must keep full marks."""
    if not alternatives:
        return True
    table = Table(
        title=f"{aid}: correct alternatives (each must keep full marks)", title_justify="left"
    )
    for col in ("alternative", "score", "how it is written", "first lost check"):
        table.add_column(col)
    ok = True
    for m in alternatives:
        r = results[m.name]
        good = r.total >= r.possible - 1e-9
        ok &= good
        lost = next((f"{o.name}: {o.message[:60]}" for o in r.outcomes if not o.passed), "")
        table.add_row(
            m.name,
            f"{r.total:g}/{r.possible:g}" if good else f"[red]{r.total:g}/{r.possible:g}[/]",
            m.description,
            lost,
        )
    console.print(table)
    return ok


def validate(
    course: Course,
    ids: list[str] | None,
    *,
    device: str,
    jobs: int = 2,
    console: Console | None = None,
) -> bool:
    console = console or Console(width=None if sys.stdout.isatty() else 150)
    ok = True
    for a in course.assignments:
        if ids and a.id not in ids:
            continue
        ok &= validate_assignment(course, a.id, device=device, jobs=jobs, console=console)
    return ok
