"""Run an assignment's probes against one staged submission in child processes, and watch them.

The child gets a fresh working directory holding only the submission's student files
and the pristine given files, plus a separate read-only harness with the probe code
(never judges, thresholds or solutions). It writes plain data; this process loads it
with :mod:`autograder.checks.plaindata`. Time limits are enforced here per check group
and per submission; a child that dies or is killed mid-probe fails that probe and is
restarted for the ones after it.
"""

from __future__ import annotations

import enum
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.checks import plaindata
from autograder.checks.core import error
from autograder.checks.suite import Spec, Suite
from autograder.grading.launcher import Child, ChildLauncher
from autograder.harness.request import ProbeItem

OUTPUT_TAIL_BYTES = 2000
POLL_S = 0.02
IMPORT_LIMIT_S = 30.0  # interpreter + torch start-up + importing the student's module


@dataclass(frozen=True)
class ProbeJob:
    index: int
    name: str
    group: str
    seed: int

    def item(self) -> ProbeItem:
        return ProbeItem(self.index, self.name, self.seed)


def probe_jobs(suite: Suite) -> list[ProbeJob]:
    """One job per distinct probe, in group order (each probe runs once, whatever uses it)."""
    jobs: list[ProbeJob] = []
    seen: set[str] = set()
    for check in suite.checks:
        if check.probe not in seen:
            seen.add(check.probe)
            jobs.append(
                ProbeJob(len(jobs), check.probe, check.group, suite.spec.probe_seed(check.probe))
            )
    return jobs


class Stop(enum.Enum):
    """Why the parent stopped a child (or ``NONE``: it ended by itself)."""

    NONE = "none"
    SUBMISSION_TIME = "submission_time"
    IMPORT_TIME = "import_time"
    GROUP_TIME = "group_time"


@dataclass
class StopReason:
    kind: Stop = Stop.NONE
    message: str = ""


@dataclass
class Timing:
    """Where one submission's grading time went (reported in the gradebook's JSON)."""

    children: int = 0
    import_s: float = 0.0
    startup_s: float = 0.0
    probes_s: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "children": self.children,
            "import_s": self.import_s,
            "startup_s": self.startup_s,
            "probes_s": self.probes_s,
        }


@dataclass
class _Run:
    """One submission's probes: what is still to run and what came back."""

    spec: Spec
    pending: list[ProbeJob]
    results: dict[int, Any] = field(default_factory=dict)
    timing: Timing = field(default_factory=Timing)


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(max(0, path.stat().st_size - OUTPUT_TAIL_BYTES))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _watch(run: _Run, proc: Child, out: Path, deadline: float) -> StopReason:
    """Poll the child until it ends or a limit is reached (then kill it); return why it stopped."""
    spec, pending = run.spec, run.pending
    group_started: dict[str, float] = {}
    spawned = time.monotonic()
    while True:
        done = proc.poll() is not None
        now = time.monotonic()
        current = next(
            (
                j
                for j in pending
                if (out / f"{j.index}.started").exists() and not (out / f"{j.index}.json").exists()
            ),
            None,
        )
        if current is not None:
            if not group_started:
                run.timing.startup_s += now - spawned
            group_started.setdefault(current.group, now)
        if done:
            return StopReason()
        reason = StopReason()
        if now > deadline:
            reason = StopReason(
                Stop.SUBMISSION_TIME,
                f"the submission's time limit of {spec.time_limit_s:g}s ran out",
            )
        elif (
            current is None
            and not any((out / f"{j.index}.started").exists() for j in pending)
            and now - spawned > IMPORT_LIMIT_S
        ):
            reason = StopReason(
                Stop.IMPORT_TIME, f"importing the submission took over {IMPORT_LIMIT_S:g}s"
            )
        elif (
            current is not None
            and now - group_started[current.group] > spec.group(current.group).time_limit_s
        ):
            limit = spec.group(current.group).time_limit_s
            reason = StopReason(
                Stop.GROUP_TIME, f"check group '{current.group}' ran over its {limit:g}s limit"
            )
        if reason.kind is not Stop.NONE:
            proc.kill()
            return reason
        time.sleep(POLL_S)


def _collect(run: _Run, out: Path) -> None:
    """Load every result the child wrote for a pending probe (anything unreadable is its loss)."""
    for job in list(run.pending):
        path = out / f"{job.index}.json"
        if not path.exists():
            continue
        try:
            loaded = plaindata.load(path)
            run.results[job.index] = loaded["data"]
            seconds = loaded.get("seconds")
            if isinstance(seconds, (int, float)) and 0 <= seconds < 1e5:
                run.timing.probes_s += float(seconds)
        except Exception as err:  # anything a child wrote that does not load is its loss alone
            run.results[job.index] = error("BadResult", f"unreadable result: {str(err)[:200]}")
        run.pending.remove(job)
    try:
        seconds = json.loads(plaindata.read_plain_file(out / "import.json", 4096))["seconds"]
        run.timing.import_s += float(seconds) if 0 <= float(seconds) < 1e5 else 0.0
    except (ValueError, KeyError, TypeError):  # PlainDataError is a ValueError
        pass


def _after_stop(run: _Run, out: Path, log: Path, reason: StopReason, code: int | None) -> bool:
    """Fail what the stop cost (the rest, a group, or the probe that died); True when nothing more
    can run."""
    pending = run.pending
    running = next((j for j in pending if (out / f"{j.index}.started").exists()), None)
    if reason.kind is Stop.SUBMISSION_TIME:
        for job in pending:
            run.results[job.index] = error("Timeout", reason.message)
        return True
    if running is None:  # died before starting any probe: nothing will get better by retrying
        tail = _tail(log).strip().splitlines()
        why = (
            reason.message
            or f"the grading process exited with code {code} before running any check"
        )
        for job in pending:
            run.results[job.index] = error(
                "ChildDied", why + (f" ({tail[-1][:200]})" if tail else "")
            )
        return True
    if reason.kind is Stop.GROUP_TIME:  # fail the rest of that group, go on with the next group
        for job in [j for j in pending if j.group == running.group]:
            run.results[job.index] = error("Timeout", reason.message)
            pending.remove(job)
    else:
        run.results[running.index] = error(
            "ChildDied", f"the grading process exited with code {code} during this check"
        )
        pending.remove(running)
    return False


def run_probes(
    suite: Suite, work: Path, out: Path, *, device: str, launcher: ChildLauncher, deadline: float
) -> tuple[dict[int, Any], dict[str, float]]:
    """Run every probe job in children; return plain data (or error payloads) by job index, and
    timing."""
    spec = suite.spec
    run = _Run(spec, probe_jobs(suite))
    while run.pending:
        n = run.timing.children
        request, log = out.parent / f"request{n}.json", out.parent / f"child{n}.log"
        for stale in out.glob("*.started"):
            stale.unlink()
        req = launcher.request(
            spec,
            root=out.parent,
            work=work,
            out=out,
            log=log,
            device=device,
            probes=[j.item() for j in run.pending],
            cpu_s=max(1.0, deadline - time.monotonic()),
        )
        request.write_text(req.to_json())
        request.chmod(0o644)
        run.timing.children += 1
        proc = launcher.start(spec.id, request, log, work)
        try:
            reason = _watch(run, proc, out, deadline)
        finally:
            if (
                proc.poll() is None
            ):  # the loop was left by an exception: never leave a child running
                proc.kill()
            launcher.done(proc)
        code = proc.poll()
        _collect(run, out)
        if not run.pending or _after_stop(run, out, log, reason, code):
            break
    return run.results, run.timing.as_dict()
