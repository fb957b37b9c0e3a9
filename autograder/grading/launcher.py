"""How grading children start: forked from a warm zygote (default) or as a fresh interpreter.

A fresh ``python`` spends most of a small submission's grading time importing torch
(and, for some assignments, scikit-learn) before the first probe runs. A zygote
(:mod:`autograder.harness.zygote`) does those imports once per worker and forks a child
per submission; the child then enters the same sandbox and limits a fresh interpreter
would. Zygotes are pooled per assignment (one per concurrently grading thread) and
shut down by :meth:`ChildLauncher.close` (or at exit).

Either way the parent gets a :class:`Child` handle to poll and kill; it never reads
anything from the child but its exit status. The launcher also builds every child's
:class:`~autograder.harness.request.ChildRequest` (:meth:`ChildLauncher.request`), in one place.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from autograder.checks.suite import Spec
from autograder.grading import cgroups
from autograder.grading.protections import Protections, child_env, detect, readable
from autograder.grading.workspace import UidPool
from autograder.harness.request import ChildRequest, Launch, ProbeItem, ZygoteConfig
from autograder.harness.sandbox import NOBODY, Box
from autograder.layout import PACKAGE_ROOT, child_files

ZYGOTE_START_S = 60.0  # importing torch (and preloads) once, on a busy machine
KILL_GRACE_S = 1.0


class Child(Protocol):
    """A running grading child (``pid``: the process the launcher started, outside any sandbox)."""

    pid: int

    def poll(self) -> int | None: ...

    def wait(self, timeout: float) -> int | None:
        """Block until the child ends (its exit code) or ``timeout`` seconds pass (None)."""
        ...


def build_harness(assignment_id: str, dest: Path) -> Path:
    """Copy what a grading child may see (:func:`autograder.layout.child_files`) to ``dest``; return
    it."""
    for rel in child_files(assignment_id):
        target = dest / "autograder" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGE_ROOT / rel, target)
    return dest


def zygote_config(assignment_id: str, threads: int) -> ZygoteConfig:
    """What a warm process (or a cold child, before it starts) imports for ``assignment_id``."""
    return ZygoteConfig(
        threads, preloads(assignment_id), f"autograder.checks.{assignment_id}.probes"
    )


def preloads(assignment_id: str) -> tuple[str, ...]:
    """Heavy modules worth importing before forking, besides numpy and torch (``PRELOAD`` of the
    checks package)."""
    return tuple(
        getattr(importlib.import_module(f"autograder.checks.{assignment_id}"), "PRELOAD", ())
    )


def _await_preload(fd: int, seconds: float) -> None:
    """Block until a fresh child has imported the heavy libraries and the probes (it closes its
    end of the pipe before any student code exists in it), or ``seconds`` pass: that start-up
    is the grader's time, as a zygote's is, so the parent's clocks start after it."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            return
        if not os.read(fd, 64):  # closed: preloaded, or the child is gone
            return


def _wait(poll: Callable[[], int | None], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while poll() is None and time.monotonic() < end:
        time.sleep(0.005)
    return poll() is not None


class _Spawned:
    """A fresh interpreter (``python -I child.py REQUEST``)."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.pid = proc.pid

    def poll(self) -> int | None:
        return self.proc.poll()

    def wait(self, timeout: float) -> int | None:
        try:
            return self.proc.wait(timeout=max(0.0, timeout))
        except subprocess.TimeoutExpired:
            return None


class Zygote:
    """One warm process for one assignment; serves one request at a time."""

    def __init__(
        self, config: ZygoteConfig, assignment_id: str, harness: Path, env: dict[str, str] | None
    ) -> None:
        self.assignment_id = assignment_id
        self.busy = False  # a child was forked and has not been seen to end
        self._buf = b""
        with open(harness.parent / "zygote.log", "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", str(harness / "autograder" / "harness" / "zygote.py")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=harness,
                env=env,
                start_new_session=True,
            )
        try:
            self._send_line(config.to_json())
            ready = self._read(ZYGOTE_START_S)
        except OSError:
            ready = None
        if ready != {"ready": True}:
            self.close()
            raise RuntimeError(
                f"the warm grading process for {assignment_id} did not start (see "
                f"{harness.parent / 'zygote.log'})"
            )

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def _send(self, obj: dict[str, Any]) -> None:
        self._send_line(json.dumps(obj))

    def _send_line(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def _read(self, timeout: float | None) -> dict[str, Any] | None:
        """The next reply line; None on timeout or when the zygote is gone."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        end = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buf:
            wait = None if end is None else max(0.0, end - time.monotonic())
            if not select.select([fd], [], [], wait)[0]:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                return None
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            reply = json.loads(line)
        except ValueError:
            return None
        return reply if isinstance(reply, dict) else None

    def start(self, request: Path) -> _Forked:
        self.busy = True
        self._send({"request": str(request)})
        reply = self._read(ZYGOTE_START_S)
        if not reply or "pid" not in reply:
            raise RuntimeError("the warm grading process did not fork")
        return _Forked(self, int(reply["pid"]))

    def abort(self) -> None:
        """SIGKILL the zygote's whole session: itself and the children it forked."""
        for send in (os.killpg, os.kill):
            try:
                send(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # type: ignore[union-attr]
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()  # type: ignore[union-attr]
            except OSError:
                pass


@dataclass
class _Forked:
    """A child forked by a zygote; its exit status arrives on the zygote's reply pipe."""

    zygote: Zygote
    pid: int
    returncode: int | None = None

    def wait(self, timeout: float) -> int | None:
        end = time.monotonic() + max(0.0, timeout)
        while self.poll() is None:
            left = end - time.monotonic()
            if left <= 0:
                return None
            self.poll(left)
        return self.returncode

    def poll(self, timeout: float = 0) -> int | None:
        if self.returncode is None:
            reply = self.zygote._read(timeout)
            if reply is not None and "exit" in reply:
                self.returncode = int(reply["exit"])
                try:
                    self.zygote._send({"reap": self.pid})
                except OSError:
                    pass
                self.zygote.busy = False
            elif not self.zygote.alive:
                self.returncode = -signal.SIGKILL
        return self.returncode


@dataclass
class ChildLauncher:
    """Starts grading children: plain (trusted trees) or sandboxed (submissions; see
    :mod:`autograder.grading.protections` and :mod:`autograder.harness.sandbox`).

    ``warm``: fork children from a pooled zygote (fast) instead of starting a fresh
    interpreter each time.
    """

    protections: Protections | None = None
    threads: int = 1
    warm: bool = True
    _harness: dict[str, Path] = field(default_factory=dict, repr=False)
    _idle: dict[str, list[Zygote]] = field(default_factory=dict, repr=False)
    _all: list[Zygote] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    uids: UidPool = field(default_factory=UidPool, repr=False)
    """Host uids for sandboxed submissions, one per submission being graded."""

    def __post_init__(self) -> None:
        atexit.register(self.close)

    @property
    def sandboxed(self) -> bool:
        return self.protections is not None and self.protections.namespaces

    def request(
        self,
        spec: Spec,
        *,
        root: Path,
        work: Path,
        out: Path,
        log: Path,
        probes: list[ProbeItem],
        device: str,
        cpu_s: float,
        cgroups: tuple[str, ...] = (),
        uid: int = NOBODY,
    ) -> ChildRequest:
        """The whole request of one child: what to import and run, and how it confines itself
        first (as host ``uid``, in the ``cgroups`` the parent made for it)."""
        harness = self.harness(spec.id)
        p = self.protections
        if p is None:
            launch = Launch(log=str(log), cwd=str(work))
        else:
            devices = (
                tuple(sorted(d.name for d in Path("/dev").glob("nvidia*")))
                if device == "cuda"
                else ()
            )
            box = (
                Box(
                    str(root),
                    str(work),
                    str(harness),
                    uid=uid,
                    userns=p.userns,
                    cgroups=cgroups,
                    devices=devices,
                )
                if p.namespaces
                else None
            )
            launch = Launch(
                log=str(log),
                cwd=str(work),
                env=child_env(work),
                sandbox=box,
                cpu_s=cpu_s,
                seccomp=p.seccomp,
            )
        return ChildRequest(
            harness_root=str(harness),
            probes_module=f"autograder.checks.{spec.id}.probes",
            module=spec.module,
            out_dir=str(out),
            device=device,
            launch=launch,
            probes=tuple(probes),
            params=dict(spec.params),
            zygote=zygote_config(spec.id, self.threads),
        )

    def new_group(self) -> cgroups.ChildGroup | None:
        """A cgroup for the next child (None where there are no cgroups)."""
        hierarchy = None if self.protections is None else self.protections.cgroups
        return None if hierarchy is None else cgroups.create(hierarchy)

    def kill(self, child: Child, group: cgroups.ChildGroup | None) -> None:
        """Stop ``child`` and everything it started, from outside, without a catchable signal.

        With a cgroup, every process in it is SIGKILLed (the kernel says which). Otherwise the
        sandbox's root-owned waiter gets SIGTERM and SIGKILLs the sandbox's PID 1 (the only
        process a child cannot see or signal); unsandboxed children get SIGKILL, with their
        process group.
        """
        if group is not None:
            group.kill()
        elif self.sandboxed:
            try:
                os.kill(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            if _wait(child.poll, KILL_GRACE_S):
                return
        for send in (os.killpg, os.kill):
            try:
                send(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        _wait(child.poll, 10.0)

    def harness(self, assignment_id: str) -> Path:
        """The probe harness (core + this assignment's probe files, world-readable), built once per
        launcher."""
        with self._lock:
            if assignment_id not in self._harness:
                dest = Path(tempfile.mkdtemp(prefix=f"course-harness-{assignment_id}-")) / "harness"
                self._harness[assignment_id] = build_harness(assignment_id, dest)
                readable(dest)
            return self._harness[assignment_id]

    def _base_env(self) -> dict[str, str]:
        """The environment children start with (sandboxed ones replace it with their request's)."""
        if self.protections is None:
            return {**os.environ, "OMP_NUM_THREADS": "1"}
        return child_env()

    def _acquire(self, assignment_id: str) -> Zygote:
        dead = []
        with self._lock:
            idle = self._idle.setdefault(assignment_id, [])
            while idle:
                z = idle.pop()
                if z.alive and not z.busy:
                    return z
                dead.append(z)
        for z in dead:
            z.close()
        z = Zygote(
            zygote_config(assignment_id, self.threads),
            assignment_id,
            self.harness(assignment_id),
            self._base_env(),
        )
        with self._lock:
            self._all.append(z)
        return z

    def _release(self, z: Zygote) -> None:
        """Back to the pool, unless it died or its child never ended (then it is shut down)."""
        if not z.alive or z.busy:
            z.close()
            return
        with self._lock:
            self._idle.setdefault(z.assignment_id, []).append(z)

    def start(self, assignment_id: str, request: Path, log: Path, work: Path) -> Child:
        """Start a child for ``request``; hand it to :meth:`done` once it has ended or been
        killed."""
        if not self.warm:
            ready, signal_w = os.pipe()
            command = [
                sys.executable,
                "-I",
                str(self.harness(assignment_id) / "autograder" / "harness" / "child.py"),
                str(request),
                str(signal_w),
            ]
            try:
                with open(log, "wb") as logf:
                    proc = subprocess.Popen(
                        command,
                        cwd=work,
                        stdout=logf,
                        stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL,
                        start_new_session=True,
                        env=self._base_env(),
                        pass_fds=(signal_w,),
                    )
                os.close(signal_w)
                _await_preload(ready, ZYGOTE_START_S)
            finally:
                for fd in (ready, signal_w):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
            return _Spawned(proc)
        z = self._acquire(assignment_id)
        try:
            return z.start(request)
        except BaseException:
            z.close()
            raise

    def done(self, child: Child) -> None:
        """The child has ended (or was killed): give its zygote back to the pool."""
        if isinstance(child, _Forked):
            self._release(child.zygote)

    def abort(self) -> None:
        """Kill every warm process (and with it every child it forked) at once: Ctrl-C."""
        with self._lock:
            zygotes = list(self._all)
        for z in zygotes:
            z.abort()

    def close(self) -> None:
        atexit.unregister(self.close)
        with self._lock:
            zygotes, self._all, self._idle = self._all, [], {}
            harnesses, self._harness = list(self._harness.values()), {}
        for z in zygotes:
            z.close()
        for h in harnesses:
            shutil.rmtree(h.parent, ignore_errors=True)
        if self.protections is not None and self.protections.cgroups is not None:
            cgroups.release(self.protections.cgroups)

    def __enter__(self) -> ChildLauncher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sandboxed_launcher(*, warm: bool = True) -> ChildLauncher:
    """A launcher with every protection this machine supports."""
    return ChildLauncher(protections=detect(), warm=warm)
