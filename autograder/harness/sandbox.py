"""Sandboxing of grading children: what protections this machine offers, and how a child enters
them.

When started as root (with ``mount`` and ``chroot`` available and namespaces permitted),
a grading child, *before it imports any student code*, calls :func:`enter`, which:

* moves into new mount, network, IPC and PID namespaces (no network at all; it sees
  only its own processes, shared memory and message queues, and everything in the
  namespace dies with it);
* chroots into a fresh tmpfs root that holds only the system directories (``/usr``,
  ``/etc``, ``/lib*``, ``/sys``, read-only), ``/dev``, its own ``/proc`` and ``/tmp``, the
  Python installation and environment (read-only), the probe harness (read-only) and
  this submission's own folder — so no solutions, hidden checks, other submissions,
  other copies of the course or grader state exist for it;
* becomes ``nobody`` (uid/gid 65534, no supplementary groups, hence no capabilities)
  with ``no_new_privs`` set.

:func:`apply_rlimits` then caps address space, processes, file size, CPU time and open
files and disables core dumps. Without root only the resource limits and the parent's
wall-clock limits apply; :func:`detect` says which protections are active, after a
real trial run of :func:`enter`
(:func:`autograder.grading.protections.detect`).

This module is copied into the probe harness (it holds no secrets) and imports nothing
from the rest of the package.
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import signal
import subprocess
import sys
from pathlib import Path

NOBODY = 65534
LIMITS = {
    "address_space_bytes": 12 * 2**30,
    "processes": 256,
    "file_size_bytes": 64 * 2**20,
    "open_files": 512,
}
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
SANDBOX_ROOT = "/mnt"  # where the tmpfs root is mounted inside the child's private mount namespace

_CLONE_NEWNS, _CLONE_NEWIPC, _CLONE_NEWPID, _CLONE_NEWNET = (
    0x00020000,
    0x08000000,
    0x20000000,
    0x40000000,
)
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS = 1, 4, 38

# Runs inside the child's new mount namespace (as root, before the chroot).
_MOUNTS = r"""
set -e
mount --make-rprivate /
R="$ROOT"
mount -t tmpfs -o size=16m,mode=755 course-root "$R"
# System directories, read-only (merged-/usr symlinks are recreated as symlinks).
for d in /usr /bin /sbin /lib /lib32 /lib64 /libx32 /etc /sys; do
    if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$R$d"
    elif [ -d "$d" ]; then
        mkdir -p "$R$d"; mount --rbind "$d" "$R$d"
        mount -o remount,bind,ro "$R$d" 2>/dev/null || true
    fi
done
mkdir -p "$R/dev" "$R/proc" "$R/tmp"
mount --rbind /dev "$R/dev"
# Own shared memory and message queues (the new IPC namespace's), not the host's.
if [ -d "$R/dev/shm" ]; then mount -t tmpfs -o size=64m,mode=1777 course-shm "$R/dev/shm"; fi
if [ -d "$R/dev/mqueue" ]; then
    mount -t mqueue course-mqueue "$R/dev/mqueue" 2>/dev/null || true
fi
mount -t proc proc "$R/proc"
mount -t tmpfs -o size=256m,mode=1777 course-tmp "$R/tmp"
# The interpreter, the environment and the probe harness (read-only) and this submission's folder.
for d in "$PYBASE" "$ENVROOT" "$HARNESS"; do
    mkdir -p "$R$d"; mount --bind "$d" "$R$d"; mount -o remount,bind,ro "$R$d"
done
mkdir -p "$R$SUB"
mount --bind "$SUB" "$R$SUB"
"""


class SandboxError(RuntimeError):
    """The sandbox could not be entered (the child must not go on to run student code)."""


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def prctl(option: int, value: int, what: str) -> None:
    """``prctl(option, value)`` on this process; :class:`SandboxError` naming ``what`` if it
    fails."""
    _check(_libc().prctl(option, value, 0, 0, 0), f"prctl({what})")


def die_with_parent() -> None:
    """SIGKILL this process when its parent ends (cleared again by any uid change)."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, "PDEATHSIG")


def exit_code(info: os.waitid_result) -> int:
    """A ``waitid`` result as an exit code: negative when a signal ended the process (as in
    subprocess)."""
    return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise SandboxError(f"{what}: {os.strerror(err)}")


def env_root() -> Path:
    """The folder holding the interpreter's environment (the venv, or the base prefix)."""
    return Path(sys.prefix).resolve()


def enter(submission_root: Path, work: Path, harness: Path) -> None:
    """Enter the sandbox; returns only in the sandboxed process (see the module docstring).

    The calling process stays outside as a waiter (root, invisible from inside): it exits
    with the sandboxed process's status; on SIGTERM it SIGKILLs the sandboxed process,
    which is PID 1 of its namespace, so everything it started dies with it (whatever
    sessions or process groups it made); and if the waiter dies, so does the sandboxed
    process (parent-death signal, armed again after the uid change, which clears it).
    """
    libc = _libc()
    _check(libc.unshare(_CLONE_NEWNS | _CLONE_NEWIPC | _CLONE_NEWNET | _CLONE_NEWPID), "unshare")
    alive_r, alive_w = os.pipe()  # the inner process sees EOF here once the waiter is gone
    inner: list[int] = []
    asked: list[bool] = []

    def stop(signum: int, frame: object) -> None:
        asked.append(True)
        for p in inner:
            os.kill(p, signal.SIGKILL)

    signal.signal(signal.SIGTERM, stop)
    pid = os.fork()
    if pid:
        inner.append(pid)
        if asked:
            os.kill(pid, signal.SIGKILL)
        os.close(alive_r)
        info = os.waitid(
            os.P_PID, pid, os.WEXITED | os.WNOWAIT
        )  # not reaped yet: ``stop`` cannot hit a reused pid
        inner.clear()
        os.waitpid(pid, 0)
        code = exit_code(info)
        if code < 0:  # die of the same signal, so the grader sees what killed the child
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            signal.signal(-code, signal.SIG_DFL)
            os.kill(os.getpid(), -code)
        os._exit(code if code >= 0 else 128 - code)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.close(alive_w)

    def tie_to_waiter() -> None:
        die_with_parent()
        if select.select([alive_r], [], [], 0)[0]:  # the waiter died before the signal was armed
            os._exit(137)

    tie_to_waiter()
    env = {
        "PATH": SYSTEM_PATH,
        "ROOT": SANDBOX_ROOT,
        "SUB": str(submission_root),
        "ENVROOT": str(env_root()),
        "PYBASE": str(Path(sys.base_prefix).resolve()),
        "HARNESS": str(harness),
    }
    done = subprocess.run(
        ["/bin/sh", "-c", _MOUNTS],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise SandboxError(
            "mounting the sandbox root failed: "
            f"{done.stderr.decode(errors='replace').strip()[-300:]}"
        )
    os.chroot(SANDBOX_ROOT)
    os.chdir(work)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)  # from root to a normal uid: every capability is dropped
    prctl(PR_SET_NO_NEW_PRIVS, 1, "NO_NEW_PRIVS")
    if os.getuid() != NOBODY or os.geteuid() != NOBODY:
        raise SandboxError("could not drop privileges")
    tie_to_waiter()  # changing the uid cleared the parent-death signal
    os.close(alive_r)


def apply_rlimits(cpu_seconds: float) -> None:
    """Cap this process's resources (inherited by anything it starts)."""

    def cap(which: int, value: int) -> None:
        _, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (value, value))

    cap(resource.RLIMIT_AS, LIMITS["address_space_bytes"])
    cap(resource.RLIMIT_NPROC, LIMITS["processes"])
    cap(resource.RLIMIT_FSIZE, LIMITS["file_size_bytes"])
    cap(resource.RLIMIT_NOFILE, LIMITS["open_files"])
    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_CPU, int(cpu_seconds) + 5)
