"""Sandboxing of grading children: what protections this machine offers, and how to apply them.

When started as root with ``unshare`` available, each child runs:

* in new network, mount and PID namespaces (no network at all; it sees only its own processes);
* with ``/tmp`` and the course repository hidden behind empty tmpfs mounts, except this
  submission's own folder and the virtual environment (bound back read-only) — so no
  solutions, hidden checks, other submissions or grader state are readable;
* as ``nobody`` (``setpriv --reuid 65534``), with no capabilities and ``no_new_privs``;
* under resource limits: address space, processes, file size, CPU time, open files, no core dumps.

Without root (or without ``unshare``/``setpriv``) only the resource limits and the
parent's wall-clock limits apply; :func:`detect` says which protections are active.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder.manifest import REPO_ROOT

NOBODY = 65534
LIMITS = {
    "address_space_bytes": 12 * 2**30,
    "processes": 256,
    "file_size_bytes": 64 * 2**20,
    "open_files": 512,
}

_SCRIPT = r"""
set -e
mount --make-rprivate /
mount -t tmpfs -o size=1m,mode=755 course-stage /mnt
mkdir -p /mnt/sub /mnt/env
mount --bind "$SUB" /mnt/sub
mount --bind "$ENVROOT" /mnt/env
mount -t tmpfs -o mode=1777 course-tmp /tmp
if [ -d "$REPO" ]; then mount -t tmpfs -o size=1m,mode=755 course-repo "$REPO"; fi
mkdir -p "$SUB" "$ENVROOT"
mount --bind /mnt/sub "$SUB"
mount --bind /mnt/env "$ENVROOT"
mount -o remount,bind,ro "$ENVROOT"
umount -l /mnt
cd "$WORK"
exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --no-new-privs -- "$@"
"""


@dataclass(frozen=True)
class Protections:
    """Which protections a grading child gets on this machine."""

    namespaces: bool
    drop_privileges: bool
    rlimits: bool = True

    def describe(self) -> str:
        on = ["resource limits", "wall-clock limits"]
        off = []
        (on if self.namespaces else off).append("no network / private /tmp, repo hidden / own PID namespace")
        (on if self.drop_privileges else off).append("runs as nobody")
        text = "sandbox: " + ", ".join(on)
        return text + (f"; NOT active here: {', '.join(off)} (needs root and unshare/setpriv)" if off else "")


def detect() -> Protections:
    """Probe this machine once: root, and working ``unshare`` + ``setpriv``."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    tools = bool(shutil.which("unshare") and shutil.which("setpriv") and shutil.which("mount"))
    ns = False
    if root and tools:
        try:
            probe = subprocess.run(["unshare", "--mount", "--net", "--pid", "--fork", "true"], capture_output=True, timeout=20)
            ns = probe.returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ns = False
    return Protections(namespaces=ns, drop_privileges=ns)


def rlimit_setter(cpu_seconds: float) -> Callable[[], None]:
    """A ``preexec_fn`` that applies the resource limits in the child before exec."""

    def apply() -> None:
        def cap(which: int, value: int) -> None:
            soft, hard = resource.getrlimit(which)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (value, value))

        cap(resource.RLIMIT_AS, LIMITS["address_space_bytes"])
        cap(resource.RLIMIT_NPROC, LIMITS["processes"])
        cap(resource.RLIMIT_FSIZE, LIMITS["file_size_bytes"])
        cap(resource.RLIMIT_NOFILE, LIMITS["open_files"])
        cap(resource.RLIMIT_CORE, 0)
        cap(resource.RLIMIT_CPU, int(cpu_seconds) + 5)

    return apply


def env_root() -> Path:
    """The folder holding the interpreter's environment (the venv, or the base prefix)."""
    return Path(sys.prefix).resolve()


def wrap(command: list[str], *, protections: Protections, submission_root: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    """The command (and environment) that runs ``command`` inside the sandbox."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(work), "OMP_NUM_THREADS": "1",
           "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "MPLCONFIGDIR": str(work / ".mpl")}
    if not protections.namespaces:
        return command, env
    env |= {"SUB": str(submission_root), "ENVROOT": str(env_root()), "REPO": str(REPO_ROOT), "WORK": str(work)}
    wrapped = ["unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc", "--kill-child", "/bin/sh", "-c", _SCRIPT, "sandbox", *command]
    return wrapped, env


def prepare_tree(submission_root: Path, work: Path, out: Path, harness: Path, protections: Protections) -> None:
    """Permissions: the child (nobody) may traverse the root, write work/ and out/, read the harness."""
    if not protections.drop_privileges:
        return
    os.chmod(submission_root, 0o711)
    for d in (work, out):
        for p in [d, *d.rglob("*")]:
            os.chown(p, NOBODY, NOBODY)
    for p in [harness, *harness.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
