"""Which protections grading children get on this machine, and the parent's side of them.

:func:`detect` probes the machine once, part by part, and then makes a real trial run of
:func:`autograder.harness.sandbox.enter` with everything it found, in a throw-away child:
namespaces and the tmpfs root (root, Linux), a user namespace per child, cgroups
(:mod:`autograder.grading.cgroups`), a size-capped tmpfs per submission, the seccomp filter
(which needs no root). :meth:`Protections.describe` says which are on and which are off.
:func:`readable` lets a sandboxed child read the harness; :func:`child_env` is the whole
environment a child starts with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from autograder.grading import cgroups
from autograder.harness.sandbox import SYSTEM_PATH, seccomp_available


@dataclass(frozen=True)
class Protections:
    """Which protections a grading child gets on this machine (and why the others are off)."""

    namespaces: bool
    drop_privileges: bool
    rlimits: bool = True
    userns: bool = False
    cgroups: cgroups.Hierarchy | None = None
    tmpfs: bool = False
    seccomp: bool = False
    why_off: dict[str, str] = field(default_factory=dict, compare=False)

    def parts(self) -> list[tuple[str, bool]]:
        return [
            ("resource limits", self.rlimits),
            ("wall-clock limits on the parent's clock", True),
            (
                "no network, own PID/IPC/UTS namespaces, chroot holding only the submission and "
                "the runtime,"
                " minimal /dev with its own ptys",
                self.namespaces,
            ),
            ("runs as a uid of its own, no capabilities", self.drop_privileges),
            ("own user namespace (own keyrings)", self.userns),
            ("processes, threads and memory bounded per child (cgroups)", self.cgroups is not None),
            ("writes capped in bytes and inodes (tmpfs), removed in one unmount", self.tmpfs),
            (
                "seccomp filter (no keyrings, ptrace, io_uring, bpf, mount, sockets but AF_UNIX)",
                self.seccomp,
            ),
        ]

    def describe(self) -> str:
        on = [name for name, active in self.parts() if active]
        off = [name for name, active in self.parts() if not active]
        text = "sandbox: " + "; ".join(on)
        if off:
            reasons = "; ".join(f"{k}: {v}" for k, v in self.why_off.items())
            text += f". NOT active here: {'; '.join(off)}" + (f" ({reasons})" if reasons else "")
        return text


def child_env(home: Path | None = None) -> dict[str, str]:
    """The whole environment of a sandboxed child or zygote (nothing of the grader's own
    environment).

    With ``home`` (a child's work folder) it also names its home and matplotlib's config folder.
    """
    env = {
        "PATH": SYSTEM_PATH,
        "LANG": "C.UTF-8",
        "OMP_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if home is not None:
        env.update(HOME=str(home), MPLCONFIGDIR=str(home / ".mpl"))
    return env


_TRIAL = """
import ctypes, json, os, socket, sys
sys.path.insert(0, sys.argv[1])
from autograder.harness.sandbox import Box, apply_seccomp, enter
box = Box(**json.loads(sys.argv[2]))
enter(box)
assert os.getpid() == 1 and os.getuid() == (65534 if box.userns else box.uid)
deathsig = ctypes.c_int()
ctypes.CDLL(None).prctl(2, ctypes.byref(deathsig), 0, 0, 0)  # PR_GET_PDEATHSIG
assert deathsig.value == 9
assert os.getcwd() == box.work and not os.path.exists(os.path.join(sys.argv[1], "autograder"))
assert sorted(os.listdir("/dev/pts")) == ["ptmx"], os.listdir("/dev/pts")
open(os.path.join(box.work, "probe"), "w").write("x")
if sys.argv[3] == "1":
    apply_seccomp()
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sys.exit(4)
    except OSError:
        pass
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1)
    sys.exit(3)
except OSError:
    pass
"""


def _trial(box: dict[str, object], seccomp: bool) -> tuple[bool, str]:
    package_parent = str(Path(__file__).resolve().parents[2])
    cmd = [
        sys.executable,
        "-I",
        "-c",
        _TRIAL,
        package_parent,
        json.dumps(box),
        "1" if seccomp else "0",
    ]
    try:
        proc = subprocess.run(cmd, env={"PATH": SYSTEM_PATH}, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, type(err).__name__
    last = proc.stderr.decode(errors="replace").strip().splitlines()
    return proc.returncode == 0, (last[-1][:200] if last else f"exit code {proc.returncode}")


def _seccomp_works() -> tuple[bool, str]:
    """The filter, installed in a throw-away process (no root needed)."""
    code = (
        "import sys, socket; sys.path.insert(0, sys.argv[1]); from autograder.harness.sandbox "
        "import "
        "apply_seccomp; apply_seccomp()\ntry:\n    socket.socket(socket.AF_INET)\n    sys.exit(5)\n"
        "except OSError:\n    pass"
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-I", "-c", code, str(Path(__file__).resolve().parents[2])],
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, type(err).__name__
    last = proc.stderr.decode(errors="replace").strip().splitlines()
    return proc.returncode == 0, (last[-1][:200] if last else f"exit code {proc.returncode}")


def detect() -> Protections:
    """Probe this machine once: root, each part, then a real trial run of everything together."""
    why: dict[str, str] = {}
    missing = seccomp_available()
    seccomp, reason = (False, missing) if missing else _seccomp_works()
    if not seccomp:
        why["seccomp"] = reason
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (root and sys.platform.startswith("linux")):
        why["namespaces"] = "needs root on Linux"
        return Protections(False, False, seccomp=seccomp, why_off=why)
    hierarchy = cgroups.detect()
    if hierarchy is None:
        why["cgroups"] = "no writable pids and memory controllers"
    base = Protections(True, True, cgroups=hierarchy, tmpfs=True, seccomp=seccomp, why_off=why)
    ok, reason = _trial_run(replace(base, userns=True))
    if ok:
        return replace(base, userns=True)
    why["user namespace"] = reason
    ok, reason = _trial_run(base)
    if ok:
        return base
    why["namespaces"] = f"the trial run failed: {reason}"
    if hierarchy is not None:
        cgroups.release(hierarchy)
    return Protections(False, False, seccomp=seccomp, why_off=why)


def _trial_run(p: Protections) -> tuple[bool, str]:
    from autograder.grading.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="course-sandbox-probe-") as tmp:
        harness = Path(tmp) / "harness"
        harness.mkdir()
        with Workspace(1_400_000_000 + os.getpid() % 100_000, tmpfs=p.tmpfs, drop=True) as ws:
            ws.hand_over()
            group = cgroups.create(p.cgroups) if p.cgroups is not None else None
            box = {
                "root": str(ws.root),
                "work": str(ws.work),
                "harness": str(harness),
                "uid": ws.uid,
                "userns": p.userns,
                "cgroups": [str(x) for x in group.paths] if group else [],
            }
            try:
                ok, reason = _trial(box, p.seccomp)
                if ok and not (ws.work / "probe").is_file():
                    ok, reason = False, "the child could not write its work folder"
                return ok, reason
            finally:
                if group is not None:
                    group.remove()


def readable(harness: Path) -> None:
    """Make the harness world-readable (directories traversable), so ``nobody`` can import it."""
    for p in [harness, *harness.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
