"""``course grade``: grade an inbox of submissions into a gradebook.

The inbox (:mod:`autograder.grading.inbox`) may mix zips, folders, folders of submissions and
Gradescope exports. Each submission's student code runs in child processes (see
:mod:`autograder.grading.supervise`); every point is computed here from plain data. Results are
cached by content and grader (:mod:`autograder.grading.cache`), so a re-run only grades what
changed (``--force`` re-grades everything); a canary (:mod:`autograder.grading.canary`) proves
the machine first. Grading into a folder that already holds a gradebook merges: the rows graded
now replace theirs, the others stay. Ctrl-C stops within a couple of seconds, keeps every
finished result and writes the gradebook of what is done (:class:`GradingInterrupted`).
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from autograder.checks.core import NOT_CHECKED_ON_CPU
from autograder.checks.plaindata import clean_text
from autograder.checks.suite import Suite
from autograder.grading import cache as results_cache
from autograder.grading import gradebook
from autograder.grading.cache import ResultCache
from autograder.grading.canary import CanaryFailed, run_canary
from autograder.grading.feedback import write_feedback
from autograder.grading.inbox import Entry, InboxError, expand
from autograder.grading.launcher import ChildLauncher, sandboxed_launcher
from autograder.grading.results import SubmissionResult
from autograder.grading.submission import grade_one, refused
from autograder.grading.supervise import Budget, Interrupted
from autograder.layout import REPO_ROOT

__all__ = ["CanaryFailed", "GradingInterrupted", "InboxError", "grade_batch", "print_summary"]
STATE = "gradebook.json"
"""Every row of the gradebook in full, so a later run into the same folder can merge."""


class GradingInterrupted(KeyboardInterrupt):
    """Ctrl-C: the gradebook of what was finished has been written; ``results`` holds it."""

    def __init__(self, results: list[SubmissionResult]) -> None:
        super().__init__(f"interrupted after {len(results)} submission(s)")
        self.results = results


@dataclass
class _Batch:
    """One run of ``course grade``: what it grades with and where it writes."""

    suite: Suite
    out: Path
    jobs: int
    device: str
    force: bool
    launcher: ChildLauncher
    console: Console
    budget: Budget
    cache: ResultCache
    given: Path
    stop: threading.Event = field(default_factory=threading.Event)


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
    feedback: bool = False,
) -> list[SubmissionResult]:
    """Grade every submission of the inbox; write (or merge into) the gradebook in ``out``.

    Returns this run's results in inbox order. A path that does not exist raises
    :class:`InboxError` before anything is graded; with ``canary`` (the default) the reference
    solution, where it is on this machine, is graded first with the same launcher and settings,
    and below full marks the batch is refused (:class:`CanaryFailed`). ``feedback`` also writes
    one HTML report per submission (``out/feedback/``).
    """
    console = console or Console()
    entries = expand(submissions)
    earlier = load_state(out, suite.spec.id)
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
                feedback=feedback,
            )
    batch = _prepare(suite, out, jobs, device, force, launcher, console, root, canary)
    done, hits = _grade_all(batch, entries)
    now = [done[i] for i in range(len(entries)) if i in done]
    merged = {**earlier, **{r.label: r for r in now}}
    _write_outputs(
        list(merged.values()), suite, out, console, feedback=feedback, plots=not batch.stop.is_set()
    )
    print_summary(now, suite, console, hits)
    kept = len(set(earlier) - {r.label for r in now})
    if kept:
        console.print(
            Text(f"merged into {out}: {len(now)} row(s) graded now, {kept} kept from earlier runs")
        )
    if batch.cache.problem:
        console.print(Text(f"note: {batch.cache.problem}"))
    if batch.stop.is_set():
        console.print(
            Text(
                f"interrupted: {len(now)} of {len(entries)} submission(s) graded; the gradebook "
                "holds those (run again to grade the rest)"
            )
        )
        raise GradingInterrupted(now)
    return now


def _prepare(
    suite: Suite,
    out: Path,
    jobs: int,
    device: str,
    force: bool,
    launcher: ChildLauncher,
    console: Console,
    root: Path,
    canary: bool,
) -> _Batch:
    """Say what protections are on, run the canary (its timings set the budget), open the
    cache: everything a batch needs before its first submission."""
    if launcher.protections is not None:
        console.print(Text(launcher.protections.describe()))
    budget = Budget.from_spec(suite.spec)
    if canary:
        ref = run_canary(suite, device=device, launcher=launcher, root=root)
        _announce(ref, console)
        if ref is not None:
            budget = Budget.from_reference(suite.spec, ref.timing)
    console.print(Text(budget.describe()))
    fingerprint = results_cache.grader_fingerprint(suite, device, launcher, root)
    return _Batch(
        suite,
        out,
        jobs,
        device,
        force,
        launcher,
        console,
        budget,
        ResultCache(out / ".cache", fingerprint),
        root / "solutions" / suite.spec.id,
    )


def _announce(ref: SubmissionResult | None, console: Console) -> None:
    if ref is None:
        console.print("canary: no reference solution on this machine; not checked")
    else:
        console.print(
            f"canary: the reference scores {ref.total:g}/{ref.possible:g} on this machine "
            f"({ref.seconds:.1f}s)"
        )


def _one(batch: _Batch, entry: Entry) -> tuple[SubmissionResult, bool]:
    result, hit = grade_one(
        entry.path,
        batch.suite,
        device=batch.device,
        launcher=batch.launcher,
        given_dir=batch.given,
        cache=batch.cache,
        force=batch.force,
        budget=batch.budget,
        stop=batch.stop,
    )
    result.label, result.name, result.sid, result.email = (
        entry.label,
        entry.name,
        entry.sid,
        entry.email,
    )
    return result, hit


def _grade_all(batch: _Batch, entries: list[Entry]) -> tuple[dict[int, SubmissionResult], int]:
    """Every entry through :func:`grade_one` in ``jobs`` threads, with a progress bar; on
    Ctrl-C the running ones are stopped (their children killed) and the rest never start."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    done: dict[int, SubmissionResult] = {}
    hits = 0
    with Progress(*columns, console=batch.console, transient=False) as progress:
        task = progress.add_task(f"grading {batch.suite.spec.id}", total=len(entries))
        pool = ThreadPoolExecutor(max_workers=max(1, batch.jobs))
        futures = {pool.submit(_one, batch, e): i for i, e in enumerate(entries)}
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = futures[fut]
                    try:
                        done[i], hit = fut.result()
                        hits += hit
                    except Interrupted:
                        continue
                    except (
                        Exception
                    ) as err:  # grade_one catches everything; the last line of defence
                        label = entries[i].label
                        done[i] = refused(
                            batch.suite, label, f"grading error: {type(err).__name__}: {err}"
                        )
                    progress.advance(task)
        except KeyboardInterrupt:
            batch.stop.set()
            batch.launcher.abort()  # kill every running child now, from outside
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        for fut, i in futures.items():  # what finished while stopping still counts
            if i not in done and fut.done() and not fut.cancelled() and fut.exception() is None:
                done[i], hit = fut.result()
                hits += hit
    return done, hits


def load_state(out: Path, assignment: str) -> dict[str, SubmissionResult]:
    """The rows a gradebook folder already holds (label -> result), to merge with."""
    path = out / STATE
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        rows = [results_cache.from_json(json.dumps(r)) for r in raw["results"]]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InboxError(
            f"{path}: cannot read the earlier gradebook ({clean_text(err, 200)}); move it away"
        ) from None
    if raw.get("assignment") != assignment:
        raise InboxError(
            f"{out} holds the gradebook of {raw.get('assignment')!r}, not {assignment!r}"
        )
    return {r.label: r for r in rows}


def _write_outputs(
    rows: list[SubmissionResult],
    suite: Suite,
    out: Path,
    console: Console,
    *,
    feedback: bool,
    plots: bool = True,
) -> None:
    """The state, ``final_grades.csv``, ``check_scores.csv`` (and ``scores_by_student.csv``), one
    ``results/<file>.json`` per submission, the plots and (``feedback``) the HTML reports."""
    out.mkdir(parents=True, exist_ok=True)
    state = {"assignment": suite.spec.id, "results": [asdict(r) for r in rows]}
    gradebook.atomic_write(out / STATE, json.dumps(state))
    gradebook.write_csv(rows, suite.spec, out / "final_grades.csv")
    gradebook.write_check_csv(rows, out / "check_scores.csv")
    gradebook.write_roster_csv(rows, out / "scores_by_student.csv")
    stems = gradebook.result_stems([r.label for r in rows])
    for r in rows:
        stem = stems[r.label]
        try:
            gradebook.write_results_json(r, suite.spec, out / "results" / f"{stem}.json")
            if feedback:
                write_feedback(r, suite, out / "feedback" / f"{stem}.html")
        except OSError as err:  # one row that cannot be written never costs the others
            console.print(Text(f"note: results of {r.label} not written ({err.strerror or err})"))
    if plots:  # skipped after Ctrl-C: the CSVs and results first, and fast
        gradebook.write_plots(rows, suite.spec, out)


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
    unchecked = sorted(
        {o.name for r in results for o in r.outcomes if o.message == NOT_CHECKED_ON_CPU}
    )
    if unchecked:
        console.print(
            f"not checked on this machine (cpu; device clauses need --device cuda), given to "
            f"every submission whose code ran: {', '.join(unchecked)}"
        )
    if skipped:
        console.print(
            f"{skipped} unchanged submission(s) taken from the cache (use --force to re-grade)"
        )
