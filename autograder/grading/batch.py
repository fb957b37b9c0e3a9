"""``course grade``: grade a batch of submissions (zips or folders) into a gradebook.

Each submission's student code runs in child processes (see :mod:`autograder.grading.supervise`);
every point is computed here from plain data. Results are cached by content and grader
(:mod:`autograder.grading.cache`), so a re-run only grades what changed (``--force``
re-grades everything); a canary (:mod:`autograder.grading.canary`) proves the machine first.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from autograder.checks.plaindata import clean_text
from autograder.checks.suite import Suite
from autograder.grading import cache as results_cache
from autograder.grading import gradebook
from autograder.grading.cache import ResultCache
from autograder.grading.canary import CanaryFailed, run_canary
from autograder.grading.launcher import ChildLauncher, sandboxed_launcher
from autograder.grading.results import SubmissionResult
from autograder.grading.submission import grade_one, refused
from autograder.grading.supervise import Budget
from autograder.layout import REPO_ROOT

__all__ = ["CanaryFailed", "grade_batch", "print_summary"]


def grade_batch(
    submissions: list[Path],
    suite: Suite,
    out: Path,
    *,
    jobs: int = 1,
    device: str = "cpu",
    force: bool = False,
    launcher: ChildLauncher | None = None,
    console: Console | None = None,
    root: Path = REPO_ROOT,
    canary: bool = True,
) -> list[SubmissionResult]:
    """Grade every submission, write the gradebook, results.json files and plots to ``out``.

    With ``canary`` (the default) the reference solution, where it is on this machine, is
    graded first with the same launcher and settings; below full marks the batch is refused
    (:class:`CanaryFailed`) before any submission is graded.
    """
    console = console or Console()
    if launcher is None:
        with sandboxed_launcher() as own:
            return grade_batch(
                submissions,
                suite,
                out,
                jobs=jobs,
                device=device,
                force=force,
                launcher=own,
                console=console,
                root=root,
                canary=canary,
            )
    if launcher.protections is not None:
        console.print(launcher.protections.describe())
    budget = Budget.from_spec(suite.spec)
    if canary:
        ref = run_canary(suite, device=device, launcher=launcher, root=root)
        _announce(ref, console)
        if ref is not None:
            budget = Budget.from_reference(suite.spec, ref.timing)
    console.print(Text(budget.describe()))
    cache = ResultCache(
        out / ".cache", results_cache.grader_fingerprint(suite, device, launcher, root)
    )
    given = root / "solutions" / suite.spec.id
    results = _grade_all(
        budget,
        submissions,
        suite,
        cache,
        console,
        jobs=jobs,
        device=device,
        force=force,
        launcher=launcher,
        given=given,
    )
    ordered = [results[i][0] for i in range(len(submissions))]
    _write_outputs(ordered, suite, out, console)
    print_summary(ordered, suite, console, sum(hit for _, hit in results.values()))
    if cache.problem:
        console.print(Text(f"note: {cache.problem}"))
    return ordered


def _grade_all(
    budget: Budget,
    submissions: list[Path],
    suite: Suite,
    cache: ResultCache,
    console: Console,
    *,
    jobs: int,
    device: str,
    force: bool,
    launcher: ChildLauncher,
    given: Path,
) -> dict[int, tuple[SubmissionResult, bool]]:
    """Every submission through :func:`grade_one` in ``jobs`` threads, with a progress bar."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    results: dict[int, tuple[SubmissionResult, bool]] = {}
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(f"grading {suite.spec.id}", total=len(submissions))
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {
                pool.submit(
                    grade_one,
                    p,
                    suite,
                    device=device,
                    launcher=launcher,
                    given_dir=given,
                    cache=cache,
                    force=force,
                    budget=budget,
                ): i
                for i, p in enumerate(submissions)
            }
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    results[i] = fut.result()
                except (
                    Exception
                ) as err:  # grade_one catches everything; this is the last line of defence
                    label = clean_text(submissions[i].name, 200)
                    results[i] = (
                        refused(suite, label, f"grading error: {type(err).__name__}: {err}"),
                        False,
                    )
                progress.advance(task)
    return results


def _announce(ref: SubmissionResult | None, console: Console) -> None:
    if ref is None:
        console.print("canary: no reference solution on this machine; not checked")
    else:
        console.print(
            f"canary: the reference scores {ref.total:g}/{ref.possible:g} on this machine "
            f"({ref.seconds:.1f}s)"
        )


def _write_outputs(
    ordered: list[SubmissionResult], suite: Suite, out: Path, console: Console
) -> None:
    """``final_grades.csv``, one ``results/<file>.json`` per submission, and the plots."""
    gradebook.write_csv(ordered, suite.spec, out / "final_grades.csv")
    per = out / "results"
    if per.exists():
        shutil.rmtree(per)
    for r in ordered:
        try:
            gradebook.write_results_json(r, per / f"{gradebook.safe_stem(r.label)}.json")
        except OSError as err:  # one row that cannot be written never costs the others
            console.print(Text(f"note: results of {r.label} not written ({err.strerror or err})"))
    gradebook.write_plots(ordered, suite.spec, out)


def print_summary(
    results: list[SubmissionResult], suite: Suite, console: Console, skipped: int = 0
) -> None:
    groups = [g.name for g in suite.spec.groups]
    table = Table(title=f"{suite.spec.id}: gradebook", title_justify="left")
    table.add_column("file")
    for g in groups:
        table.add_column(f"{g} /{suite.spec.group(g).points:g}", justify="right")
    for col in ("total", "%", "seconds", "grading_status"):
        table.add_column(col, justify="right" if col in ("total", "%", "seconds") else "left")
    for r in results:
        s = r.group_scores(groups)
        table.add_row(  # Text cells: a label or status is never read as markup
            Text(clean_text(r.label, 80)),
            *(f"{s[g]:g}" for g in groups),
            f"{r.total:g}",
            f"{r.percent:g}",
            f"{r.seconds:.1f}",
            Text(clean_text(r.status, 90)),
        )
    console.print(table)
    if skipped:
        console.print(
            f"{skipped} unchanged submission(s) taken from the cache (use --force to re-grade)"
        )
