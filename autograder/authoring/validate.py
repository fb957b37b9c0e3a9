"""``course validate``: prove the checks against the reference, the stubs and the mutants.

For each assignment: every check must pass on ``solutions/<id>`` (full marks), fail on
``assignments/<id>`` (zero), every mutant must lose points and every correct alternative keep
full marks. Where the probes run on a GPU, the device mutants (which ignore the device and so
cannot lose points on a CPU) must lose points too; on a CPU they are listed as not run. Prints
one row per check, a kill matrix (mutants × check groups) and, at the end, one summary row per
assignment (also written as markdown with ``--summary``); returns False on any violation. The
seed sweep of the convergence checks is :mod:`autograder.authoring.sweep`.
"""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.authoring.mutants import (
    Mutant,
    alternatives_for,
    device_mutants_for,
    materialize,
    mutants_for,
)
from autograder.checks.core import NOT_CHECKED_ON_CPU
from autograder.checks.suite import Spec, load_suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.results import SubmissionResult
from autograder.grading.submission import grade_directory
from autograder.layout import REPO_ROOT
from autograder.manifest import Assignment, Course


@dataclass(frozen=True)
class Summary:
    """One assignment's validation in figures: "killed/all" for mutants, "kept/all" for
    alternatives, and for device mutants "none", "N not run on cpu" or "killed/all"."""

    assignment: str
    device: str
    solution: str
    stub: str
    mutants: str
    device_mutants: str
    alternatives: str
    unchecked: tuple[str, ...]
    ok: bool


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
) -> Summary:
    """Validate one assignment on ``device`` (``cpu`` or ``cuda``, already resolved)."""
    a = course.assignment(assignment_id)
    suite = load_suite(Spec.from_manifest(a))
    given = root / "solutions" / a.id
    mutants = mutants_for(a.id)
    alternatives = alternatives_for(a.id)
    device_list = device_mutants_for(a.id)
    on_device = device_list if device != "cpu" else []
    with tempfile.TemporaryDirectory(prefix="course-validate-") as tmp:
        trees = {"solution": given, "stub": root / "assignments" / a.id}
        for m in [*mutants, *alternatives, *on_device]:
            trees[m.name] = materialize(m, given, Path(tmp) / m.name)
        with ChildLauncher() as launcher, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {
                k: pool.submit(
                    grade_directory, suite, v, given, label=k, device=device, launcher=launcher
                )
                for k, v in trees.items()
            }
            results: dict[str, SubmissionResult] = {k: f.result() for k, f in futures.items()}
    sol, stub = results["solution"], results["stub"]
    ok = _check_table(a.id, sol, stub, device, console)
    unchecked = [o.name for o in sol.outcomes if o.message == NOT_CHECKED_ON_CPU]
    if unchecked:
        console.print(
            f"not checked on {device} (device clauses, need --device cuda): {', '.join(unchecked)}"
        )
    alt_ok = _alternatives(a.id, alternatives, results, console)
    killed = _kill_matrix(a, mutants, sol, results, console)
    device_ok, device_figure = _device_mutants(a, device, device_list, sol, results, console)
    ok &= alt_ok and killed == len(mutants) and device_ok
    if not ok:
        console.print(f"[red]{a.id}: validation FAILED[/]")
    full = sum(results[m.name].total >= results[m.name].possible - 1e-9 for m in alternatives)
    return Summary(
        a.id,
        device,
        f"{sol.total:g}/{sol.possible:g}",
        f"{stub.total:g}/{stub.possible:g}",
        f"{killed}/{len(mutants)}",
        device_figure,
        f"{full}/{len(alternatives)}",
        tuple(unchecked),
        ok,
    )


def _check_table(
    aid: str, sol: SubmissionResult, stub: SubmissionResult, device: str, console: Console
) -> bool:
    """One row per check; whether the solution passes and the stub fails every one."""
    ok = True
    table = Table(title=f"{aid}: checks ({device})", title_justify="left")
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
    return ok


def _device_mutants(
    a: Assignment,
    device: str,
    mutants: list[Mutant],
    sol: SubmissionResult,
    results: dict[str, SubmissionResult],
    console: Console,
) -> tuple[bool, str]:
    """Off the CPU, the device mutants' kill matrix (each must lose points; their trees were
    graded with the rest); on the CPU, their names as not run. Returns whether that holds and
    the summary's figure."""
    if not mutants:
        return True, "none"
    if device == "cpu":
        console.print(
            f"device mutants not run on cpu (they can only lose points under --device cuda): "
            f"{len(mutants)}: {', '.join(m.name for m in mutants)}"
        )
        return True, f"{len(mutants)} not run on cpu"
    killed = _kill_matrix(a, mutants, sol, results, console, what="device mutants")
    return killed == len(mutants), f"{killed}/{len(mutants)}"


def _kill_matrix(
    a: Assignment,
    mutants: list[Mutant],
    sol: SubmissionResult,
    results: dict[str, SubmissionResult],
    console: Console,
    *,
    what: str = "mutants",
) -> int:
    """Mutants x groups (x = the group loses points); how many mutants lose points."""
    if not mutants:
        return 0
    groups = [g.name for g in a.groups]
    kill = Table(
        title=f"{a.id}: kill matrix of the {what} (x = the group loses points)",
        title_justify="left",
    )
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
    label = "mutation score" if what == "mutants" else f"{what} score"
    console.print(f"{label}: {killed}/{len(mutants)} killed")
    return killed


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
    summary: Path | None = None,
) -> bool:
    """Validate ``ids`` (every assignment when empty) on ``device``; print one summary row per
    assignment and, with ``summary``, write them there as a markdown table."""
    console = console or Console(width=None if sys.stdout.isatty() else 150)
    rows = [
        validate_assignment(course, a.id, device=device, jobs=jobs, console=console)
        for a in course.assignments
        if not ids or a.id in ids
    ]
    table = Table(title=f"validation summary ({device})", title_justify="left")
    for col in SUMMARY_COLUMNS:
        table.add_column(col)
    for r in rows:
        table.add_row(*_summary_cells(r))
    console.print(table)
    if summary is not None:
        summary.parent.mkdir(parents=True, exist_ok=True)
        summary.write_text(summary_markdown(rows), encoding="utf-8")
        console.print(f"wrote {summary}")
    return all(r.ok for r in rows)


SUMMARY_COLUMNS = (
    "assignment",
    "device",
    "reference",
    "stub",
    "mutants killed",
    "device mutants killed",
    "alternatives at full marks",
    "device clauses not checked",
    "verdict",
)


def _summary_cells(r: Summary) -> list[str]:
    return [
        r.assignment,
        r.device,
        r.solution,
        r.stub,
        r.mutants,
        r.device_mutants,
        r.alternatives,
        ", ".join(r.unchecked) or "none",
        "ok" if r.ok else "FAILED",
    ]


def summary_markdown(rows: list[Summary]) -> str:
    """The summary rows as a markdown table (what a note about a validation run quotes)."""
    lines = ["| " + " | ".join(SUMMARY_COLUMNS) + " |", "|" + "---|" * len(SUMMARY_COLUMNS)]
    lines += ["| " + " | ".join(_summary_cells(r)) + " |" for r in rows]
    return "\n".join(lines) + "\n"
