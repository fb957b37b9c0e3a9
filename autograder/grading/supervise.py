"""Run an assignment's probes against one staged submission in child processes, on the parent's
clock.

The parent alone keeps time, from its own clock and the kernel's view of its children, never
from files or signals a child controls: first an *import child* only imports the submission
(within the import limit), then one child per check group runs that group's probes (within the
group's limit and what is left of the submission's). A child that outlives its limit is killed
from outside (every process of its cgroup, or its sandbox's PID 1 through the root-owned
waiter); the probes it had not finished fail with the parent's reason, which nothing the child
does can erase. A child that dies mid-group fails the probe it was on (the first one without a
result) and a new child runs the rest of the group in the time left. Results are plain data
read with :mod:`autograder.checks.plaindata` once a child has ended; timings are the parent's.
"""

from __future__ import annotations

import enum
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.checks import plaindata
from autograder.checks.core import error
from autograder.checks.suite import Spec, Suite
from autograder.grading.launcher import ChildLauncher
from autograder.harness.request import ProbeItem
from autograder.harness.sandbox import NOBODY

OUTPUT_TAIL_BYTES = 2000
SPAWN_GRACE_S = 0.5  # a fork takes milliseconds; more was a start-up (the grader's time)
IMPORT_LIMIT_S = 30.0  # importing the student's module, when no reference time says otherwise
FACTOR, GROUP_FLOOR_S, IMPORT_FLOOR_S, TOTAL_FLOOR_S, TOTAL_FACTOR = 10.0, 3.0, 3.0, 8.0, 6.0


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


@dataclass(frozen=True)
class Budget:
    """The wall-clock limits of one submission: its import, each group, and all of it together."""

    import_s: float
    total_s: float
    groups: dict[str, float]

    @classmethod
    def from_spec(cls, spec: Spec) -> Budget:
        """The manifest's limits (``time_limit_s`` of the assignment and of each group)."""
        return cls(IMPORT_LIMIT_S, spec.time_limit_s, {g.name: g.time_limit_s for g in spec.groups})

    @classmethod
    def from_reference(cls, spec: Spec, timing: dict[str, float]) -> Budget:
        """Limits fitted to the work: ``FACTOR`` times the reference's time on this machine per
        group and for the import (``TOTAL_FACTOR`` for the whole), never below a floor nor above
        the manifest's limits, so a few looping submissions cannot dominate a batch."""
        base = cls.from_spec(spec)

        def fit(measured: float | None, factor: float, floor: float, cap: float) -> float:
            return cap if measured is None else min(cap, max(floor, factor * measured))

        groups = {
            g: fit(timing.get(f"group_s:{g}"), FACTOR, GROUP_FLOOR_S, cap)
            for g, cap in base.groups.items()
        }
        spent = sum(timing.get(f"group_s:{g}", 0.0) for g in groups) + timing.get("import_s", 0.0)
        return cls(
            fit(timing.get("import_s"), FACTOR, IMPORT_FLOOR_S, base.import_s),
            fit(spent or None, TOTAL_FACTOR, TOTAL_FLOOR_S, base.total_s),
            groups,
        )

    def describe(self) -> str:
        groups = ", ".join(f"{g} {s:.3g}s" for g, s in self.groups.items())
        return (
            f"limits: import {self.import_s:.3g}s, groups {groups}, submission {self.total_s:.3g}s"
        )


class Interrupted(BaseException):
    """The batch was asked to stop (Ctrl-C): the running child was killed, nothing is judged."""


class Stop(enum.Enum):
    """Why the parent stopped a child (``NONE``: it ended by itself)."""

    NONE = "none"
    SUBMISSION_TIME = "submission_time"
    IMPORT_TIME = "import_time"
    GROUP_TIME = "group_time"


@dataclass(frozen=True)
class Ended:
    """How one child ended, as the parent saw it."""

    stop: Stop
    code: int | None
    seconds: float


@dataclass
class _Run:
    """One submission's probes: what is still to run and what came back."""

    suite: Suite
    work: Path
    out: Path
    device: str
    launcher: ChildLauncher
    budget: Budget
    deadline: float
    uid: int
    stop: threading.Event | None = None
    results: dict[int, Any] = field(default_factory=dict)
    timing: dict[str, float] = field(
        default_factory=lambda: {"children": 0, "import_s": 0.0, "probes_s": 0.0}
    )

    def child(self, probes: list[ProbeJob], until: float, stop: Stop) -> Ended:
        """Start one child for ``probes`` (none: import only) and wait until it ends or
        ``until``."""
        n = int(self.timing["children"])
        self.timing["children"] = n + 1
        root = self.out.parent
        request, log = root / f"request{n}.json", root / f"child{n}.log"
        for (
            job
        ) in probes:  # a result left by an earlier child of this submission is not this child's
            for stale in self.out.glob(f"{job.index}.*"):
                if stale.is_file() or stale.is_symlink():
                    stale.unlink()
        group = self.launcher.new_group()
        try:
            req = self.launcher.request(
                self.suite.spec,
                root=root,
                work=self.work,
                out=self.out,
                log=log,
                device=self.device,
                probes=[j.item() for j in probes],
                cpu_s=max(1.0, self.deadline - time.monotonic()),
                cgroups=() if group is None else tuple(str(p) for p in group.paths),
                uid=self.uid,
            )
            request.write_text(req.to_json())
            request.chmod(0o644)
            t0 = time.monotonic()
            proc = self.launcher.start(self.suite.spec.id, request, log, self.work)
            started = time.monotonic()
            if started - t0 > SPAWN_GRACE_S:  # a warm process started, or a fresh one preloaded
                self.deadline += started - t0
                until += started - t0
            try:
                while (
                    proc.wait(min(0.1, until - time.monotonic())) is None
                    and time.monotonic() < until
                ):
                    if self.stop is not None and self.stop.is_set():
                        self.launcher.kill(proc, group)
                        raise Interrupted
                if self.stop is not None and self.stop.is_set():  # killed by the batch's abort
                    raise Interrupted
                stopped = proc.poll() is None
                if stopped:
                    self.launcher.kill(proc, group)
            finally:
                if proc.poll() is None:  # left by an exception: never leave a child running
                    self.launcher.kill(proc, group)
                self.launcher.done(proc)
            return Ended(stop if stopped else Stop.NONE, proc.poll(), time.monotonic() - started)
        finally:
            if group is not None:
                group.remove()

    def load(self, job: ProbeJob) -> bool:
        """Take the result the child wrote for ``job``, if it wrote one (anything bad is its
        loss)."""
        path = self.out / f"{job.index}.json"
        if not path.exists() and not path.is_symlink():
            return False
        try:
            self.results[job.index] = plaindata.load(path)["data"]
        except Exception as err:  # anything a child wrote that does not load is its loss alone
            self.results[job.index] = error("BadResult", f"unreadable result: {str(err)[:200]}")
        return True

    def fail(self, jobs: list[ProbeJob], kind: str, message: str) -> None:
        for job in jobs:
            self.results.setdefault(job.index, error(kind, message))


def tail(path: Path, limit: int = OUTPUT_TAIL_BYTES) -> str:
    """The last line of a child's log (what it printed: its own words, cleaned and capped)."""
    try:
        data = plaindata.read_plain_file(path, 64 * 2**20)[-limit:]
    except plaindata.PlainDataError:
        return ""
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return plaindata.clean_text(lines[-1], 200) if lines else ""


def _import(run: _Run, jobs: list[ProbeJob]) -> bool:
    """The import child; False (every probe failed with the reason) when the import did not work."""
    limit = min(run.budget.import_s, run.deadline - time.monotonic())
    ended = run.child([], time.monotonic() + limit, Stop.IMPORT_TIME)
    run.timing["import_s"] = ended.seconds
    if ended.stop is Stop.IMPORT_TIME:
        run.fail(jobs, "Timeout", f"importing the submission took over {limit:.3g}s")
        return False
    if ended.code != 0:
        last = tail(run.out.parent / "child0.log")
        why = f"the grading process exited with code {ended.code} before running any check"
        run.fail(jobs, "ChildDied", why + (f" ({last})" if last else ""))
        return False
    report = run.out / "import.json"
    if not report.exists() and not report.is_symlink():  # it left before saying how the import went
        why = f"the grading process exited with code {ended.code} before running any check"
        run.fail(jobs, "ChildDied", why)
        return False
    try:
        raw = plaindata.load(report)
        failed = raw.get("error") if isinstance(raw, dict) else None
    except Exception as err:
        run.fail(jobs, "BadResult", f"unreadable import report: {str(err)[:200]}")
        return False
    if failed is not None:
        info = failed.get("__probe_error__", {}) if isinstance(failed, dict) else {}
        message = (
            f"{info.get('kind', 'Error')}: {info.get('message', '')}"
            if isinstance(info, dict)
            else ""
        )
        run.fail(jobs, "ImportFailed", plaindata.clean_text(message, 300))
        return False
    return True


def _group(run: _Run, name: str, jobs: list[ProbeJob]) -> bool:
    """Every probe of one group, in children on the group's clock; False once the submission's
    time is out."""
    start = time.monotonic()
    group_end = start + run.budget.groups[name]
    pending = list(jobs)
    while pending:
        until = min(group_end, run.deadline)
        if time.monotonic() >= run.deadline:
            break
        stop = Stop.GROUP_TIME if group_end <= run.deadline else Stop.SUBMISSION_TIME
        ended = run.child(pending, until, stop)
        pending = [j for j in pending if not run.load(j)]
        if not pending:
            break
        if ended.stop is Stop.GROUP_TIME:
            limit = run.budget.groups[name]
            run.fail(pending, "Timeout", f"check group '{name}' ran over its {limit:.3g}s limit")
            pending = []
        elif ended.stop is Stop.SUBMISSION_TIME:
            break
        else:  # the child ended by itself with results missing: it died on the first of them
            run.fail(
                pending[:1],
                "ChildDied",
                f"the grading process exited with code {ended.code} during this check",
            )
            pending = pending[1:]
    run.timing[f"group_s:{name}"] = time.monotonic() - start
    run.timing["probes_s"] += time.monotonic() - start
    return time.monotonic() < run.deadline


def run_probes(
    suite: Suite,
    work: Path,
    out: Path,
    *,
    device: str,
    launcher: ChildLauncher,
    budget: Budget | None = None,
    uid: int = NOBODY,
    stop: threading.Event | None = None,
) -> tuple[dict[int, Any], dict[str, float]]:
    """Run every probe job in children (as host ``uid`` where the sandbox drops privileges);
    return plain data (or error payloads) by job index, and the parent's timings (seconds of
    the import child, of each group, and of all probes)."""
    budget = budget or Budget.from_spec(suite.spec)
    run = _Run(
        suite, work, out, device, launcher, budget, time.monotonic() + budget.total_s, uid, stop
    )
    jobs = probe_jobs(suite)
    if _import(run, jobs):
        for group in suite.spec.groups:
            if not _group(run, group.name, [j for j in jobs if j.group == group.name]):
                break
    run.fail(jobs, "Timeout", f"the submission's time limit of {budget.total_s:.3g}s ran out")
    return run.results, run.timing
