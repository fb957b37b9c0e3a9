"""Which protections grading children get on this machine, and the parent's side of setting them up.

:func:`detect` probes the machine once (root, the tools, a real trial run of
:func:`autograder.harness.sandbox.enter`); :func:`prepare_tree` and :func:`readable` give the
sandboxed child (``nobody``) exactly the access it needs; :func:`child_env` is the whole
environment a child starts with.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.harness.sandbox import NOBODY, SYSTEM_PATH


@dataclass(frozen=True)
class Protections:
    """Which protections a grading child gets on this machine."""

    namespaces: bool
    drop_privileges: bool
    rlimits: bool = True

    def describe(self) -> str:
        on = ["resource limits", "wall-clock limits"]
        off = []
        (on if self.namespaces else off).append(
            "no network, own PID namespace, chroot holding only the submission and the Python "
            "runtime"
        )
        (on if self.drop_privileges else off).append("runs as nobody")
        text = "sandbox: " + ", ".join(on)
        return text + (
            f"; NOT active here: {', '.join(off)} (needs root, mount/chroot and namespaces)"
            if off
            else ""
        )


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
import ctypes, os, socket, sys
sys.path.insert(0, sys.argv[1])
from autograder.harness.sandbox import enter
enter(*map(__import__("pathlib").Path, sys.argv[2:5]))
assert os.getuid() == 65534 and os.getpid() == 1
deathsig = ctypes.c_int()
ctypes.CDLL(None).prctl(2, ctypes.byref(deathsig), 0, 0, 0)  # PR_GET_PDEATHSIG
assert deathsig.value == 9
assert os.getcwd() == sys.argv[3] and not os.path.exists(os.path.join(sys.argv[1], "autograder"))
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1)
    sys.exit(3)
except OSError:
    pass
"""


def detect() -> Protections:
    """Probe this machine once: root, the tools, and a real trial run of :func:`enter`."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    tools = all(shutil.which(t, path=SYSTEM_PATH) for t in ("mount", "sh"))
    ns = False
    if root and tools and sys.platform.startswith("linux"):
        with tempfile.TemporaryDirectory(prefix="course-sandbox-probe-") as tmp:
            sub = Path(tmp)
            (sub / "work").mkdir()
            (sub / "harness").mkdir()
            os.chmod(sub, 0o711)
            os.chown(sub / "work", NOBODY, NOBODY)
            package_parent = str(Path(__file__).resolve().parents[2])
            cmd = [
                sys.executable,
                "-I",
                "-c",
                _TRIAL,
                package_parent,
                str(sub),
                str(sub / "work"),
                str(sub / "harness"),
            ]
            try:
                ns = (
                    subprocess.run(
                        cmd, env={"PATH": SYSTEM_PATH}, capture_output=True, timeout=30
                    ).returncode
                    == 0
                )
            except (OSError, subprocess.TimeoutExpired):
                ns = False
    return Protections(namespaces=ns, drop_privileges=ns)


def prepare_tree(submission_root: Path, work: Path, out: Path, protections: Protections) -> None:
    """Permissions: the child (nobody) may traverse the root and write work/ and out/."""
    if not protections.drop_privileges:
        return
    os.chmod(submission_root, 0o711)
    for d in (work, out):
        for p in [d, *d.rglob("*")]:
            os.chown(p, NOBODY, NOBODY)


def readable(harness: Path) -> None:
    """Make the harness world-readable (directories traversable), so ``nobody`` can import it."""
    for p in [harness, *harness.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
