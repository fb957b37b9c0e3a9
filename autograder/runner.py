"""Run an assignment's probes against one submission in a child process, judge in this one.

The child gets a fresh working directory holding only the submission's student files
and the pristine given files, plus a separate read-only harness with the probe code
(never judges, thresholds or solutions). It writes plain data; this process loads it
with :mod:`autograder.checks.plaindata` and computes every verdict and point. Time
limits are enforced here per check group and per submission; a child that dies or
is killed mid-probe fails that probe and is restarted for the ones after it.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.checks import plaindata
from autograder.checks.core import ProbeError, as_error, derive_seed
from autograder.checks.suite import Spec, Suite
from autograder.launcher import ChildLauncher, preloads
from autograder.results import CheckOutcome, SubmissionResult
from autograder.sandbox import prepare_tree

OUTPUT_TAIL_BYTES = 2000
POLL_S = 0.02
IMPORT_LIMIT_S = 30.0  # interpreter + torch start-up + importing the student's module


@dataclass(frozen=True)
class ProbeJob:
    index: int
    name: str
    group: str
    seed: int


def probe_jobs(suite: Suite) -> list[ProbeJob]:
    """One job per distinct probe, in group order (each probe runs once, whatever uses it)."""
    jobs: list[ProbeJob] = []
    seen: set[str] = set()
    for check in suite.checks:
        if check.probe not in seen:
            seen.add(check.probe)
            jobs.append(ProbeJob(len(jobs), check.probe, check.group, derive_seed(suite.spec.seed, check.probe)))
    return jobs


def stage_submission(spec: Spec, submission: Path, given_dir: Path, dest: Path) -> list[str]:
    """Copy the declared student files (and pristine given files) into ``dest``; return missing files."""
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


@functools.cache
def trusted_launcher() -> ChildLauncher:
    """One shared, unsandboxed, warm launcher for trusted trees (solutions, stubs, mutants)."""
    return ChildLauncher()


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(max(0, path.stat().st_size - OUTPUT_TAIL_BYTES))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def run_probes(
    spec: Spec,
    suite: Suite,
    work: Path,
    harness: Path,
    out: Path,
    *,
    device: str,
    launcher: ChildLauncher,
    deadline: float,
) -> tuple[dict[int, Any], dict[str, float]]:
    """Run every probe job in children; return plain data (or error payloads) by job index."""
    jobs = probe_jobs(suite)
    results: dict[int, Any] = {}
    timing = {"children": 0, "import_s": 0.0, "startup_s": 0.0, "probes_s": 0.0}
    pending = list(jobs)
    while pending:
        request = out.parent / f"request{timing['children']}.json"
        for stale in out.glob("*.started"):
            stale.unlink()
        log = out.parent / f"child{timing['children']}.log"
        launch = launcher.launch_spec(root=out.parent, work=work, harness=harness, log=log, cpu_s=max(1.0, deadline - time.monotonic()))
        request.write_text(json.dumps({
            "harness_root": str(harness),
            "probes_module": f"autograder.checks.{spec.id}.probes",
            "preload": list(preloads(spec.id)),
            "threads": launcher.threads,
            "module": spec.module,
            "out_dir": str(out),
            "device": device,
            "params": spec.params,
            "probes": [{"index": j.index, "name": j.name, "seed": j.seed} for j in pending],
            "launch": launch,
        }))
        request.chmod(0o644)
        timing["children"] += 1
        proc = launcher.start(spec.id, request, log, work)
        try:
            group_started: dict[str, float] = {}
            spawned = time.monotonic()
            reason = ""
            while True:
                done = proc.poll() is not None
                now = time.monotonic()
                current = next((j for j in pending if (out / f"{j.index}.started").exists() and not (out / f"{j.index}.json").exists()), None)
                if current is not None:
                    if not group_started:
                        timing["startup_s"] += now - spawned
                    group_started.setdefault(current.group, now)
                if done:
                    break
                if now > deadline:
                    reason = f"stopped: the submission's time limit of {spec.time_limit_s:g}s ran out"
                    proc.kill()
                    break
                if current is None and not any((out / f"{j.index}.started").exists() for j in pending) \
                        and now - spawned > IMPORT_LIMIT_S:
                    reason = f"stopped: importing the submission took over {IMPORT_LIMIT_S:g}s"
                    proc.kill()
                    break
                if current is not None and now - group_started[current.group] > spec.group(current.group).time_limit_s:
                    reason = f"stopped: check group '{current.group}' ran over its {spec.group(current.group).time_limit_s:g}s limit"
                    proc.kill()
                    break
                time.sleep(POLL_S)
        finally:
            if proc.poll() is None:  # the loop was left by an exception: never leave a child running
                proc.kill()
            launcher.done(proc)
        code = proc.poll()
        for job in list(pending):
            path = out / f"{job.index}.json"
            if path.exists():
                try:
                    loaded = plaindata.load(path)
                    results[job.index] = loaded["data"]
                    seconds = loaded.get("seconds")
                    if isinstance(seconds, (int, float)) and 0 <= seconds < 1e5:
                        timing["probes_s"] += float(seconds)
                except Exception as err:  # anything a child wrote that does not load is its loss alone
                    results[job.index] = _error("BadResult", f"unreadable result: {str(err)[:200]}")
                pending.remove(job)
        try:
            seconds = json.loads(plaindata.read_plain_file(out / "import.json", 4096))["seconds"]
            timing["import_s"] += float(seconds) if 0 <= float(seconds) < 1e5 else 0.0
        except (ValueError, KeyError, TypeError):  # PlainDataError is a ValueError
            pass
        if not pending:
            break
        running = next((j for j in pending if (out / f"{j.index}.started").exists()), None)
        if reason.startswith("stopped: the submission's"):
            for job in pending:
                results[job.index] = _error("Timeout", reason[9:])
            break
        if running is None:  # died before starting any probe: nothing will get better by retrying
            tail = _tail(log).strip().splitlines()
            why = reason[9:] if reason else f"the grading process exited with code {code} before running any check"
            for job in pending:
                results[job.index] = _error("ChildDied", why + (f" ({tail[-1][:200]})" if tail else ""))
            break
        if reason:  # a group ran over: fail the rest of that group, go on with the next group
            for job in [j for j in pending if j.group == running.group]:
                results[job.index] = _error("Timeout", reason[9:])
                pending.remove(job)
        else:
            results[running.index] = _error("ChildDied", f"the grading process exited with code {code} during this check")
            pending.remove(running)
    return results, timing


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"__probe_error__": {"kind": kind, "message": message}}


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
        harness = launcher.harness(spec.id)
        if missing:
            data = {j.index: _error("MissingFile", f"{', '.join(missing)} not found in the submission") for j in probe_jobs(suite)}
            timing: dict[str, float] = {}
        else:
            data, timing = run_probes(spec, suite, work, harness, out, device=device, launcher=launcher, deadline=t0 + spec.time_limit_s)
        t_judge = time.monotonic()
        result = judge_all(suite, data, device=device, label=label)
        result.timing = {**timing, "judge_s": time.monotonic() - t_judge}
        result.seconds = time.monotonic() - t0
        if keep is not None:
            shutil.copytree(tmp, keep, dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def judge_all(suite: Suite, data_by_index: dict[int, Any], *, device: str, label: str) -> SubmissionResult:
    """Turn probe data into outcomes; the status names the first systemic failure, if any.

    Each probe's inputs are rebuilt here from the spec's seed (never read back from the child).
    """
    inputs: dict[str, dict[str, Any]] = {}
    index = {j.name: j.index for j in probe_jobs(suite)}
    result = SubmissionResult(label=label, assignment=suite.spec.id)
    reasons: list[str] = []
    for check in suite.checks:
        data = data_by_index.get(index[check.probe], _error("NoResult", "no result was produced"))
        if check.probe not in inputs:
            inputs[check.probe] = suite.inputs(check, device)
        verdict = suite.judge(check, data, device, inputs[check.probe])
        result.outcomes.append(CheckOutcome(check.name, check.group, check.hidden, suite.points(check), verdict.passed, verdict.message, verdict.value))
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
    if err.kind in ("Timeout", "ChildDied", "MissingFile", "BadResult", "NoResult"):
        return err.message
    if err.kind == "ImportFailed":
        return f"import failed: {err.message}"
    return None

