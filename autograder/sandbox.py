"""Sandboxing of grading children: what protections this machine offers, and how to apply them.

When started as root with ``unshare`` available, each child runs:

* in new network, mount and PID namespaces (no network at all; it sees only its own processes);
* chrooted into a fresh tmpfs root that holds only the system directories (``/usr``, ``/etc``,
  ``/lib*``, ``/sys``, read-only), ``/dev``, its own ``/proc`` and ``/tmp``, the Python installation
  and environment (read-only) and this submission's own folder — so no solutions, hidden checks,
  other submissions, other copies of the course or grader state exist for it;
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
R=/mnt
mount -t tmpfs -o size=16m,mode=755 course-root "$R"
# System directories, read-only (merged-/usr symlinks are recreated as symlinks).
for d in /usr /bin /sbin /lib /lib32 /lib64 /libx32 /etc /sys; do
    if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$R$d"
    elif [ -d "$d" ]; then mkdir -p "$R$d"; mount --rbind "$d" "$R$d"; mount -o remount,bind,ro "$R$d" 2>/dev/null || true
    fi
done
mkdir -p "$R/dev" "$R/proc" "$R/tmp"
mount --rbind /dev "$R/dev"
mount -t proc proc "$R/proc"
mount -t tmpfs -o size=256m,mode=1777 course-tmp "$R/tmp"
# The interpreter, the environment (read-only) and this submission's folder: nothing else of the host.
for d in "$PYBASE" "$ENVROOT"; do mkdir -p "$R$d"; mount --bind "$d" "$R$d"; mount -o remount,bind,ro "$R$d"; done
mkdir -p "$R$SUB"
mount --bind "$SUB" "$R$SUB"
exec chroot "$R" /bin/sh -c 'cd "$WORK" && exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --no-new-privs -- "$@"' sandbox "$@"
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
        (on if self.namespaces else off).append("no network, own PID namespace, chroot holding only the submission and the Python runtime")
        (on if self.drop_privileges else off).append("runs as nobody")
        text = "sandbox: " + ", ".join(on)
        return text + (f"; NOT active here: {', '.join(off)} (needs root and unshare/setpriv)" if off else "")


def detect() -> Protections:
    """Probe this machine once: root, the tools, and a real trial run of the full sandbox."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    tools = all(shutil.which(t, path="/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin") for t in ("unshare", "setpriv", "mount", "chroot"))
    ns = False
    if root and tools:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="course-sandbox-probe-") as tmp:
            sub = Path(tmp)
            (sub / "work").mkdir()
            os.chmod(sub, 0o711)
            os.chown(sub / "work", NOBODY, NOBODY)
            cmd, env = wrap([sys.executable, "-I", "-c", "import os; assert os.getuid() == 65534"],
                            protections=Protections(True, True), submission_root=sub, work=sub / "work")
            try:
                ns = subprocess.run(cmd, env=env, capture_output=True, timeout=30).returncode == 0
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
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8", "HOME": str(work), "OMP_NUM_THREADS": "1",
           "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "MPLCONFIGDIR": str(work / ".mpl")}
    if not protections.namespaces:
        return command, env
    env |= {"SUB": str(submission_root), "ENVROOT": str(env_root()), "PYBASE": str(Path(sys.base_prefix).resolve()), "WORK": str(work)}
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
