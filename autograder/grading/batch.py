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

from autograder.checks.suite import Suite
from autograder.grading import cache as results_cache
from autograder.grading import gradebook
from autograder.grading.canary import CanaryFailed, run_canary
from autograder.grading.launcher import ChildLauncher, sandboxed_launcher
from autograder.grading.results import SubmissionResult
from autograder.grading.submission import grade_one
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
    if canary:
        _announce(run_canary(suite, device=device, launcher=launcher, root=root), console)
    cache = out / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    grader = results_cache.grader_fingerprint(suite, device, launcher, root)
    results, todo = _from_cache(submissions, cache, grader, force)
    given = root / "solutions" / suite.spec.id
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(f"grading {suite.spec.id}", total=len(todo))
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {
                pool.submit(
                    grade_one, p, suite, device=device, launcher=launcher, given_dir=given
                ): (p, k)
                for p, k in todo
            }
            for fut in as_completed(futures):
                path, key = futures[fut]
                results[path] = fut.result()
                if key != "missing":
                    (cache / f"{key}.json").write_text(results_cache.to_json(results[path]))
                progress.advance(task)
    ordered = [results[p] for p in submissions]
    _write_outputs(ordered, suite, out)
    print_summary(ordered, suite, console, len(submissions) - len(todo))
    return ordered


def _announce(ref: SubmissionResult | None, console: Console) -> None:
    if ref is None:
        console.print("canary: no reference solution on this machine; not checked")
    else:
        console.print(
            f"canary: the reference scores {ref.total:g}/{ref.possible:g} on this machine "
            f"({ref.seconds:.1f}s)"
        )


def _from_cache(
    submissions: list[Path], cache: Path, grader: str, force: bool
) -> tuple[dict[Path, SubmissionResult], list[tuple[Path, str]]]:
    """The results the cache already holds, and the (submission, key) pairs still to grade."""
    results: dict[Path, SubmissionResult] = {}
    todo: list[tuple[Path, str]] = []
    for path in submissions:
        key = results_cache.submission_key(path, grader) if path.exists() else "missing"
        hit = cache / f"{key}.json"
        if not force and hit.exists():
            cached = results_cache.from_json(hit.read_text())
            cached.label = path.name
            results[path] = cached
        else:
            todo.append((path, key))
    return results, todo


def _write_outputs(ordered: list[SubmissionResult], suite: Suite, out: Path) -> None:
    """``final_grades.csv``, one ``results/<file>.json`` per submission, and the plots."""
    gradebook.write_csv(ordered, suite.spec, out / "final_grades.csv")
    per = out / "results"
    if per.exists():
        shutil.rmtree(per)
    for r in ordered:
        gradebook.write_results_json(r, per / f"{Path(r.label).stem}.json")
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
        table.add_row(
            r.label,
            *(f"{s[g]:g}" for g in groups),
            f"{r.total:g}",
            f"{r.percent:g}",
            f"{r.seconds:.1f}",
            r.status[:90],
        )
    console.print(table)
    if skipped:
        console.print(
            f"{skipped} unchanged submission(s) taken from the cache (use --force to re-grade)"
        )
