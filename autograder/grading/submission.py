"""Grade one submission: unpack or read it, stage its student files, run the probes, judge.

Every verdict and point is computed here, in the trusted parent, from plain data; each
probe's inputs are rebuilt here from the spec's seed (never read back from the child).
A submission that cannot be graded gets a zero for every check with a one-line reason.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from autograder.checks.core import ProbeError, as_error, error
from autograder.checks.suite import Spec, Suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.protections import prepare_tree
from autograder.grading.results import CheckOutcome, SubmissionResult
from autograder.grading.supervise import probe_jobs, run_probes
from autograder.grading.unpack import SubmissionRefused, find_student_root, unpack_zip

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
) -> SubmissionResult:
    """Grade the student files found in ``submission`` (a folder) and return the scored result."""
    spec = suite.spec
    launcher = launcher or trusted_launcher()
    t0 = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="course-grade-"))
    try:
        work, out = tmp / "work", tmp / "out"
        out.mkdir()
        missing = stage_submission(spec, submission, given_dir, work)
        if launcher.protections is not None:
            prepare_tree(tmp, work, out, launcher.protections)
        if missing:
            reason = f"{', '.join(missing)} not found in the submission"
            data: dict[int, Any] = {
                j.index: error("MissingFile", reason) for j in probe_jobs(suite)
            }
            timing: dict[str, float] = {}
        else:
            data, timing = run_probes(
                suite, work, out, device=device, launcher=launcher, deadline=t0 + spec.time_limit_s
            )
        t_judge = time.monotonic()
        result = judge_all(suite, data, device=device, label=label)
        result.timing = {**timing, "judge_s": time.monotonic() - t_judge}
        result.seconds = time.monotonic() - t0
        if keep is not None:
            shutil.copytree(tmp, keep, dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
    result = SubmissionResult(label=label, assignment=suite.spec.id, status=reason)
    for c in suite.checks:
        result.outcomes.append(
            CheckOutcome(c.name, c.group, c.hidden, suite.points(c), False, reason)
        )
    return result


def grade_one(
    path: Path, suite: Suite, *, device: str, launcher: ChildLauncher, given_dir: Path
) -> SubmissionResult:
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
                raise SubmissionRefused(
                    f"refused: this is a submission for {other!r}, not {spec.id!r}"
                )
            student = find_student_root(root, f"{spec.module}.py")
            if student is None:
                notebooks = sorted(p.name for p in root.rglob("*.ipynb"))
                hint = f" (found notebooks: {', '.join(notebooks)})" if notebooks else ""
                raise SubmissionRefused(
                    f"refused: no {spec.module}.py in the submission: wrong assignment?{hint}"
                )
        except SubmissionRefused as err:
            return refused(suite, label, str(err))
        try:
            return grade_directory(
                suite, student, given_dir, label=label, device=device, launcher=launcher
            )
        except Exception as err:  # never lose the batch to one submission
            return refused(suite, label, f"grading error: {type(err).__name__}: {str(err)[:200]}")


def _other_assignment(root: Path, assignment_id: str) -> str | None:
    """The assignment named in the submission's notebook metadata, when it is a different one."""
    for nb in root.rglob("*.ipynb"):
        try:
            meta = json.loads(nb.read_text(encoding="utf-8", errors="replace")[:2_000_000]).get(
                "metadata", {}
            )
            name = meta.get("otter", {}).get("assignment_name")
        except (ValueError, AttributeError):
            continue
        if isinstance(name, str) and name != assignment_id:
            return name[:60]
    return None
