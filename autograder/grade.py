"""``course grade``: grade a batch of submissions (zips or folders) into a gradebook.

Each submission's student code runs in child processes (see :mod:`autograder.runner`);
every point is computed here from plain data. Results are cached by content, so a
re-run only grades what changed (``--force`` re-grades everything).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from autograder import gradebook
from autograder.checks.suite import Suite
from autograder.launcher import ChildLauncher, sandboxed_launcher
from autograder.manifest import REPO_ROOT
from autograder.results import CheckOutcome, SubmissionResult
from autograder.runner import grade_directory
from autograder.unpack import SubmissionRefused, find_student_root, unpack_zip

CACHE_VERSION = "2"
"""Bumped whenever what a cached result means changes (2: the key covers the grader itself)."""
PACKAGE_ROOT = Path(__file__).resolve().parent
VERSIONED = ("torch", "numpy", "scikit-learn")


class CanaryFailed(RuntimeError):
    """The reference solution scores less than full marks on this machine: the batch is not graded."""


def grader_fingerprint(suite: Suite, device: str, launcher: ChildLauncher, root: Path = REPO_ROOT,
                       package: Path = PACKAGE_ROOT) -> str:  # fmt: skip
    """What a cached result depends on besides the submission: this exact grader and environment.

    The grader's own code (every file of the ``autograder`` package), the assignment's spec
    and check table, the pristine given files, the device, the protections, and the versions
    of Python, torch, numpy and scikit-learn.
    """
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"{CACHE_VERSION}:{suite.spec.id}:{device}:{suite.spec.to_json()}".encode())
    for check in suite.checks:
        h.update(f"{check.name}:{check.group}:{check.weight}:{check.hidden}".encode())
    h.update((launcher.protections.describe() if launcher.protections else "unsandboxed").encode())
    h.update(sys.version.encode())
    for dist in VERSIONED:
        try:
            h.update(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist} missing".encode())
    code = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for p in code:
        h.update(p.relative_to(package).as_posix().encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    for name in suite.spec.given_files:
        h.update(name.encode() + b"\0" + hashlib.sha256((root / "solutions" / suite.spec.id / name).read_bytes()).digest())
    return h.hexdigest()


def _fingerprint(path: Path, grader: str) -> str:
    """The cache key of one submission: the grader's fingerprint and the submission's content."""
    h = hashlib.sha256(grader.encode())
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for p in files:
        h.update(p.relative_to(path).as_posix().encode() if p != path else b"")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def reference_tree(suite: Suite, root: Path = REPO_ROOT) -> Path | None:
    """``solutions/<id>`` when it holds the reference's student files (a Gradescope zip ships only given files)."""
    tree = root / "solutions" / suite.spec.id
    return tree if all((tree / f).is_file() for f in suite.spec.student_files) else None


def run_canary(suite: Suite, *, device: str, launcher: ChildLauncher, root: Path = REPO_ROOT) -> SubmissionResult | None:
    """Grade the reference with the batch's own launcher and settings; raise :class:`CanaryFailed` below full marks.

    Returns None (nothing graded) where the reference is not on this machine.
    """
    tree = reference_tree(suite, root)
    if tree is None:
        return None
    result = grade_directory(suite, tree, root / "solutions" / suite.spec.id, label="reference (canary)", device=device,
                             launcher=launcher)  # fmt: skip
    if result.total < result.possible - 1e-9:
        failing = "; ".join(f"{o.name}: {o.message}" for o in result.outcomes if not o.passed)
        raise CanaryFailed(f"the reference scores {result.total:g}/{result.possible:g} on this machine ({failing[:600]}); "
                           "not grading — check the environment (or pass --no-canary)")  # fmt: skip
    return result


def refused(suite: Suite, label: str, reason: str) -> SubmissionResult:
    """A zero for every check, with the reason as the status."""
    result = SubmissionResult(label=label, assignment=suite.spec.id, status=reason)
    for c in suite.checks:
        result.outcomes.append(CheckOutcome(c.name, c.group, c.hidden, suite.points(c), False, reason))
    return result


def grade_one(path: Path, suite: Suite, *, device: str, launcher: ChildLauncher, given_dir: Path) -> SubmissionResult:
    """Grade one zip or folder; refusals become a zero with a reason, never an exception."""
    spec = suite.spec
    label = path.name
    with tempfile.TemporaryDirectory(prefix="course-sub-") as tmp:
        try:
            if path.is_dir():
                if not any(path.iterdir()):
                    raise SubmissionRefused("refused: empty folder")
                root = path
            elif path.is_file():
                root = unpack_zip(path, Path(tmp) / "unzipped")
            else:
                raise SubmissionRefused("refused: no such file or folder")
            other = _other_assignment(root, spec.id)
            if other:
                raise SubmissionRefused(f"refused: this is a submission for {other!r}, not {spec.id!r}")
            student = find_student_root(root, f"{spec.module}.py")
            if student is None:
                notebooks = sorted(p.name for p in root.rglob("*.ipynb"))
                hint = f" (found notebooks: {', '.join(notebooks)})" if notebooks else ""
                raise SubmissionRefused(f"refused: no {spec.module}.py in the submission: wrong assignment?{hint}")
        except SubmissionRefused as err:
            return refused(suite, label, str(err))
        try:
            return grade_directory(suite, student, given_dir, label=label, device=device, launcher=launcher)
        except Exception as err:  # never lose the batch to one submission
            return refused(suite, label, f"grading error: {type(err).__name__}: {str(err)[:200]}")


def _other_assignment(root: Path, assignment_id: str) -> str | None:
    """The assignment named in the submission's notebook metadata, when it is a different one."""
    for nb in root.rglob("*.ipynb"):
        try:
            meta = json.loads(nb.read_text(encoding="utf-8", errors="replace")[:2_000_000]).get("metadata", {})
            name = meta.get("otter", {}).get("assignment_name")
        except (ValueError, AttributeError):
            continue
        if isinstance(name, str) and name != assignment_id:
            return name[:60]
    return None


def _to_json(r: SubmissionResult) -> str:
    return json.dumps(asdict(r))


def _from_json(text: str) -> SubmissionResult:
    raw = json.loads(text)
    raw["outcomes"] = [CheckOutcome(**o) for o in raw["outcomes"]]
    return SubmissionResult(**raw)


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
            return grade_batch(submissions, suite, out, jobs=jobs, device=device, force=force, launcher=own, console=console,
                               root=root, canary=canary)  # fmt: skip
    if launcher.protections is not None:
        console.print(launcher.protections.describe())
    if canary:
        ref = run_canary(suite, device=device, launcher=launcher, root=root)
        if ref is None:
            console.print("canary: no reference solution on this machine; not checked")
        else:
            console.print(f"canary: the reference scores {ref.total:g}/{ref.possible:g} on this machine ({ref.seconds:.1f}s)")
    given = root / "solutions" / suite.spec.id
    cache = out / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    grader = grader_fingerprint(suite, device, launcher, root)
    results: dict[Path, SubmissionResult] = {}
    todo: list[tuple[Path, str]] = []
    for path in submissions:
        key = _fingerprint(path, grader) if path.exists() else "missing"
        hit = cache / f"{key}.json"
        if not force and hit.exists():
            cached = _from_json(hit.read_text())
            cached.label = path.name
            results[path] = cached
        else:
            todo.append((path, key))
    skipped = len(submissions) - len(todo)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(f"grading {suite.spec.id}", total=len(todo))
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {pool.submit(grade_one, p, suite, device=device, launcher=launcher, given_dir=given): (p, k) for p, k in todo}
            for fut in as_completed(futures):
                path, key = futures[fut]
                result = fut.result()
                results[path] = result
                if key != "missing":
                    (cache / f"{key}.json").write_text(_to_json(result))
                progress.advance(task)
    ordered = [results[p] for p in submissions]
    gradebook.write_csv(ordered, suite.spec, out / "final_grades.csv")
    per = out / "results"
    if per.exists():
        shutil.rmtree(per)
    for r in ordered:
        gradebook.write_results_json(r, per / f"{Path(r.label).stem}.json")
    gradebook.write_plots(ordered, suite.spec, out)
    print_summary(ordered, suite, console, skipped)
    return ordered


def print_summary(results: list[SubmissionResult], suite: Suite, console: Console, skipped: int = 0) -> None:
    groups = [g.name for g in suite.spec.groups]
    table = Table(title=f"{suite.spec.id}: gradebook", title_justify="left")
    table.add_column("file")
    for g in groups:
        table.add_column(f"{g} /{suite.spec.group(g).points:g}", justify="right")
    for col in ("total", "%", "seconds", "grading_status"):
        table.add_column(col, justify="right" if col in ("total", "%", "seconds") else "left")
    for r in results:
        s = r.group_scores(groups)
        table.add_row(r.label, *(f"{s[g]:g}" for g in groups), f"{r.total:g}", f"{r.percent:g}", f"{r.seconds:.1f}", r.status[:90])
    console.print(table)
    if skipped:
        console.print(f"{skipped} unchanged submission(s) taken from the cache (use --force to re-grade)")
