"""Grade one submission: unpack or read it, stage its student files, run the probes, judge.

Every verdict and point is computed here, in the trusted parent, from plain data; each
probe's inputs are rebuilt here from the spec's seed (never read back from the child).
A submission that cannot be graded gets a zero for every check with a one-line reason.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from autograder.checks.core import ProbeError, as_error, error
from autograder.checks.plaindata import clean_text
from autograder.checks.suite import Spec, Suite
from autograder.grading.cache import ResultCache
from autograder.grading.intake import (
    SubmissionRefused,
    files_of,
    find_student_root,
    notebook_assignment,
    take_in,
)
from autograder.grading.launcher import ChildLauncher
from autograder.grading.results import CheckOutcome, SubmissionResult
from autograder.grading.supervise import Budget, probe_jobs, run_probes
from autograder.grading.workspace import Workspace

SYSTEMIC = ("Timeout", "ChildDied", "MissingFile", "BadResult", "NoResult")


@functools.cache
def trusted_launcher() -> ChildLauncher:
    """One shared, unsandboxed, warm launcher for trusted trees (solutions, stubs, mutants)."""
    return ChildLauncher()


def stage_submission(spec: Spec, submission: Path, given_dir: Path, dest: Path) -> list[str]:
    """Copy the declared student files (and pristine given files) into ``dest``; return missing
    files."""
    dest.mkdir(parents=True, exist_ok=True)
    missing = []
    for name in spec.student_files:
        src = submission / name
        if src.is_file() and not src.is_symlink():
            shutil.copyfile(src, dest / name)
        else:
            missing.append(name)
    for name in spec.given_files:
        shutil.copyfile(given_dir / name, dest / name)
    return missing


def grade_directory(
    suite: Suite,
    submission: Path,
    given_dir: Path,
    *,
    label: str,
    device: str = "cpu",
    launcher: ChildLauncher | None = None,
    keep: Path | None = None,
    budget: Budget | None = None,
    stop: threading.Event | None = None,
) -> SubmissionResult:
    """Grade the student files found in ``submission`` (a folder) and return the scored result.

    The work happens in a :class:`Workspace` of its own (a capped tmpfs, a host uid of its own,
    where the machine allows), removed afterwards; ``keep`` copies it somewhere first.
    """
    spec = suite.spec
    launcher = launcher or trusted_launcher()
    p = launcher.protections
    t0 = time.monotonic()
    uid = launcher.uids.take()
    try:
        with Workspace(
            uid, tmpfs=p is not None and p.tmpfs, drop=p is not None and p.drop_privileges
        ) as ws:
            missing = stage_submission(spec, submission, given_dir, ws.work)
            ws.hand_over()
            if missing:
                reason = f"{', '.join(missing)} not found in the submission"
                data: dict[int, Any] = {
                    j.index: error("MissingFile", reason) for j in probe_jobs(suite)
                }
                timing: dict[str, float] = {}
            else:
                data, timing = run_probes(
                    suite,
                    ws.work,
                    ws.out,
                    device=device,
                    launcher=launcher,
                    budget=budget,
                    uid=uid,
                    stop=stop,
                )
            t_judge = time.monotonic()
            result = judge_all(suite, data, device=device, label=label)
            result.timing = {**timing, "judge_s": time.monotonic() - t_judge}
            result.seconds = time.monotonic() - t0
            if keep is not None:
                shutil.copytree(ws.root, keep, dirs_exist_ok=True, symlinks=True)
            return result
    finally:
        launcher.uids.give(uid)


def judge_all(
    suite: Suite, data_by_index: dict[int, Any], *, device: str, label: str
) -> SubmissionResult:
    """Turn probe data into outcomes; the status names the first systemic failure, if any."""
    inputs: dict[str, dict[str, Any]] = {}
    index = {j.name: j.index for j in probe_jobs(suite)}
    result = SubmissionResult(label=label, assignment=suite.spec.id)
    reasons: list[str] = []
    for check in suite.checks:
        data = data_by_index.get(index[check.probe], error("NoResult", "no result was produced"))
        if check.probe not in inputs:
            inputs[check.probe] = suite.inputs(check, device)
        verdict = suite.judge(check, data, device, inputs[check.probe])
        result.outcomes.append(
            CheckOutcome(
                check.name,
                check.group,
                check.hidden,
                suite.points(check),
                verdict.passed,
                verdict.message,
                verdict.value,
            )
        )
        err = _systemic(data)
        if err and err not in reasons:
            reasons.append(err)
        timeout = as_error(data)
        result.timed_out |= timeout is not None and timeout.kind == "Timeout"
    result.status = "graded" if not reasons else "graded; " + "; ".join(reasons)[:300]
    return result


def _systemic(data: Any) -> str | None:
    """A one-line reason for failures that are not ordinary wrong answers."""
    err: ProbeError | None = as_error(data)
    if err is None:
        return None
    if err.kind in SYSTEMIC:
        return err.message
    if err.kind == "ImportFailed":
        return f"import failed: {err.message}"
    return None


def refused(suite: Suite, label: str, reason: str) -> SubmissionResult:
    """A zero for every check, with the reason as the status."""
    reason = clean_text(reason, 300)
    result = SubmissionResult(label=label, assignment=suite.spec.id, status=reason)
    for c in suite.checks:
        result.outcomes.append(
            CheckOutcome(c.name, c.group, c.hidden, suite.points(c), False, reason)
        )
    return result


def grade_one(
    path: Path,
    suite: Suite,
    *,
    device: str,
    launcher: ChildLauncher,
    given_dir: Path,
    cache: ResultCache | None = None,
    force: bool = False,
    budget: Budget | None = None,
    stop: threading.Event | None = None,
) -> tuple[SubmissionResult, bool]:
    """Grade one zip or folder; return the result and whether it came from the cache.

    The one exception boundary of a submission: whatever goes wrong while taking it in,
    reading, fingerprinting, grading or caching it becomes its zero with a one-line reason.
    """
    label = clean_text(path.name, 200)
    try:
        with tempfile.TemporaryDirectory(prefix="course-sub-", ignore_cleanup_errors=True) as tmp:
            try:
                root = take_in(path, Path(tmp) / "submission")
            except SubmissionRefused as err:
                return refused(suite, label, str(err)), False
            key = cache.key(root) if cache is not None else None
            hit = cache.get(key) if cache is not None and key is not None and not force else None
            if hit is not None:
                hit.label = label
                return hit, True
            result = _grade_taken_in(
                root,
                suite,
                label,
                device=device,
                launcher=launcher,
                given_dir=given_dir,
                budget=budget,
                stop=stop,
            )
            if cache is not None and key is not None:
                cache.put(key, result)
            return result, False
    except Exception as err:  # never lose the batch to one submission
        return refused(suite, label, f"grading error: {type(err).__name__}: {err}"), False


def _grade_taken_in(
    root: Path,
    suite: Suite,
    label: str,
    *,
    device: str,
    launcher: ChildLauncher,
    given_dir: Path,
    budget: Budget | None,
    stop: threading.Event | None,
) -> SubmissionResult:
    spec = suite.spec
    if not any(root.iterdir()):
        return refused(suite, label, "refused: empty submission")
    other = notebook_assignment(root)
    if other is not None and other != spec.id:
        return refused(
            suite, label, f"refused: this is a submission for {other!r}, not {spec.id!r}"
        )
    student = find_student_root(root, f"{spec.module}.py")
    if student is None:
        notebooks = sorted(p.name for p in files_of(root) if p.suffix == ".ipynb")
        hint = f" (found notebooks: {', '.join(notebooks)})" if notebooks else ""
        return refused(
            suite, label, f"refused: no {spec.module}.py in the submission: wrong assignment?{hint}"
        )
    return grade_directory(
        suite,
        student,
        given_dir,
        label=label,
        device=device,
        launcher=launcher,
        budget=budget,
        stop=stop,
    )
