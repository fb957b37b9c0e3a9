"""How a grading child confines itself *before it imports any student code*.

:func:`enter` (as root, where the machine allows; :func:`autograder.grading.protections.detect`
says which parts are on after a real trial run):

* joins the child's own cgroups (``pids`` and ``memory``, created by the parent), so its
  process and thread count and its memory are bounded per child;
* moves into new mount, network, IPC, UTS and PID namespaces: no network at all, only its
  own processes, shared memory and message queues, and everything in the namespace dies
  with its PID 1;
* builds a fresh tmpfs root holding only the system directories (``/usr``, ``/etc``,
  ``/lib*``, a non-recursive ``/sys``, read-only), a minimal ``/dev`` (``null``, ``zero``,
  ``full``, ``random``, ``urandom``, its own ``devpts`` instance and ``/dev/shm``), its own
  ``/proc`` and size- and inode-capped ``/tmp``, the Python installation and environment and
  the probe harness (read-only) and this submission's folder (a size-capped tmpfs the parent
  mounted) — mounted with system calls, no helper processes;
* enters a fresh user namespace (own keyrings) in which it is ``nobody`` (65534), mapped by
  the waiter outside to a host uid of its own (one per concurrently grading child, so
  per-user limits are per child), then chroots and drops every capability, with
  ``no_new_privs``.

The calling process stays outside as a root-owned *waiter* the child can neither see nor
signal. :func:`apply_rlimits` caps address space, processes, file size, CPU time and open
files and disables core dumps; :func:`apply_seccomp` denies the kernel interfaces a
submission has no use for (keyrings, ptrace, io_uring, bpf, perf, userfaultfd, mount and
namespace calls, sockets other than ``AF_UNIX``). Without root only the limits, the filter
and the parent's clock apply.

This module is copied into the probe harness (it holds no secrets) and imports nothing
from the rest of the package.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import select
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
LIMITS = {
    "address_space_bytes": 12 * 2**30,
    "processes": 64,
    "file_size_bytes": 64 * 2**20,
    "open_files": 512,
}
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
SANDBOX_ROOT = "/mnt"  # where the tmpfs root is mounted inside the child's private mount namespace
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/sys")
DEVICES = ("null", "zero", "full", "random", "urandom")
TMP_OPTIONS = "size=256m,nr_inodes=8192,mode=1777"
SHM_OPTIONS = "size=64m,nr_inodes=1024,mode=1777"

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS = 1, 4, 38


class SandboxError(RuntimeError):
    """The sandbox could not be entered (the child must not go on to run student code)."""


@dataclass(frozen=True)
class Box:
    """What one child's sandbox is made of (built by the parent, read from the request).

    ``root``: the submission's temp root (the parent's tmpfs); ``work``: the child's working
    folder in it; ``harness``: the probe code; ``uid``: the host uid the child runs as;
    ``userns``: map that uid to ``nobody`` in a user namespace of its own; ``cgroups``:
    folders whose ``cgroup.procs`` the child joins first; ``devices``: extra device nodes
    (a GPU's) to bind into ``/dev``.
    """

    root: str
    work: str
    harness: str
    uid: int = NOBODY
    userns: bool = False
    cgroups: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise SandboxError(f"{what}: {os.strerror(err)}")


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


def env_root() -> Path:
    """The folder holding the interpreter's environment (the venv, or the base prefix)."""
    return Path(sys.prefix).resolve()


def _mount(
    source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None
) -> None:
    rc = _libc().mount(
        None if source is None else source.encode(),
        target.encode(),
        None if fstype is None else fstype.encode(),
        ctypes.c_ulong(flags),
        None if data is None else data.encode(),
    )
    _check(rc, f"mount {fstype or 'bind'} on {target}")


def _bind(
    source: str, target: str, *, read_only: bool, strict: bool = True, extra: int = MS_NODEV
) -> None:
    """Bind ``source`` at ``target`` (non-recursive: mounts below ``source`` stay hidden),
    then remount it ``nosuid`` plus ``extra`` (``nodev`` unless it is a device node)."""
    _mount(source, target, None, MS_BIND)
    flags = MS_REMOUNT | MS_BIND | MS_NOSUID | extra | (MS_RDONLY if read_only else 0)
    try:
        _mount(None, target, None, flags)
    except SandboxError:
        if strict:
            raise


def _mkdir(path: str) -> None:
    os.makedirs(path, exist_ok=True)


def build_root(box: Box, root: str = SANDBOX_ROOT) -> None:
    """The sandbox's file system under ``root`` (in this process's own mount namespace)."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("course-root", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,nr_inodes=4096,mode=755")
    for d in SYSTEM_DIRS:
        if os.path.islink(d):
            os.symlink(os.readlink(d), root + d)
        elif os.path.isdir(d):
            _mkdir(root + d)
            _bind(d, root + d, read_only=True, strict=False)
    dev = root + "/dev"
    _mkdir(dev)
    _mount("course-dev", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,nr_inodes=64,mode=755")
    for name in (*DEVICES, *box.devices):
        if os.path.exists(f"/dev/{name}"):
            open(f"{dev}/{name}", "w").close()
            _bind(f"/dev/{name}", f"{dev}/{name}", read_only=False, strict=False, extra=0)
    for d in ("pts", "shm", "mqueue"):
        _mkdir(f"{dev}/{d}")
    _mount(
        "course-devpts",
        f"{dev}/pts",
        "devpts",
        MS_NOSUID | MS_NOEXEC,
        "newinstance,ptmxmode=0666,mode=0620",
    )
    os.symlink("pts/ptmx", f"{dev}/ptmx")
    _mount("course-shm", f"{dev}/shm", "tmpfs", MS_NOSUID | MS_NODEV, SHM_OPTIONS)
    try:
        _mount("course-mqueue", f"{dev}/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    except SandboxError:
        pass  # a kernel without POSIX message queues
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        os.symlink(target, f"{dev}/{name}")
    _mkdir(root + "/proc")
    _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _mkdir(root + "/tmp")
    _mount("course-tmp", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, TMP_OPTIONS)
    for d in (str(Path(sys.base_prefix).resolve()), str(env_root()), box.harness):
        _mkdir(root + d)
        _bind(d, root + d, read_only=True)
    _mkdir(root + box.root)
    _bind(box.root, root + box.root, read_only=False, extra=MS_NODEV | MS_NOEXEC)


def _join_cgroups(box: Box) -> None:
    for group in box.cgroups:
        with open(os.path.join(group, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))


def _write_maps(pid: int, uid: int) -> None:
    """Map ``nobody`` inside ``pid``'s user namespace to host ``uid`` (and its gid)."""
    with open(f"/proc/{pid}/uid_map", "w") as f:
        f.write(f"{NOBODY} {uid} 1\n")
    with open(f"/proc/{pid}/gid_map", "w") as f:
        f.write(f"{NOBODY} {uid} 1\n")


def enter(box: Box) -> None:
    """Enter the sandbox; returns only in the sandboxed process (see the module docstring).

    The calling process stays outside as the waiter (root, invisible from inside): it maps the
    child's user namespace, then exits with the sandboxed process's status; on SIGTERM it
    SIGKILLs the sandboxed process, which is PID 1 of its namespace, so everything it started
    dies with it (whatever sessions or process groups it made); and if the waiter dies, so
    does the sandboxed process (parent-death signal, armed again after the uid change).
    """
    libc = _libc()
    _join_cgroups(box)
    flags = CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWUTS
    _check(libc.unshare(flags), "unshare")
    alive_r, alive_w = os.pipe()  # the inner process sees EOF here once the waiter is gone
    ready_r, ready_w = os.pipe()  # inner -> waiter: "my user namespace exists, map it"
    mapped_r, mapped_w = os.pipe()  # waiter -> inner: "mapped" (or EOF: failed)
    inner: list[int] = []
    asked: list[bool] = []

    def stop(signum: int, frame: object) -> None:
        asked.append(True)
        for p in inner:
            os.kill(p, signal.SIGKILL)

    signal.signal(signal.SIGTERM, stop)
    pid = os.fork()
    if pid:
        for fd in (alive_r, ready_w, mapped_r):
            os.close(fd)
        _wait_as_waiter(pid, box, inner, asked, ready_r, mapped_w)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in (alive_w, ready_r, mapped_w):
        os.close(fd)
    _become_sandboxed(box, alive_r, ready_w, mapped_r)


def _wait_as_waiter(
    pid: int, box: Box, inner: list[int], asked: list[bool], ready_r: int, mapped_w: int
) -> None:
    """The waiter's whole life: map the user namespace, wait, leave with the child's status."""
    inner.append(pid)
    if asked:
        os.kill(pid, signal.SIGKILL)
    if box.userns and os.read(ready_r, 1) == b"r":
        try:
            _write_maps(pid, box.uid)
            os.write(mapped_w, b"m")
        except OSError:
            pass  # the inner process sees EOF and gives up
    os.close(mapped_w)
    os.close(ready_r)
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


def _become_sandboxed(box: Box, alive_r: int, ready_w: int, mapped_r: int) -> None:
    """The inner process (PID 1): build the root, enter the user namespace, chroot, drop
    privileges."""
    libc = _libc()

    def tie_to_waiter() -> None:
        die_with_parent()
        if select.select([alive_r], [], [], 0)[0]:  # the waiter died before the signal was armed
            os._exit(137)

    tie_to_waiter()
    build_root(box)
    os.setgroups([])  # as root, before the user namespace: no host group survives into it
    if box.userns:
        _check(libc.unshare(CLONE_NEWUSER), "unshare(user namespace)")
        os.write(ready_w, b"r")
        if os.read(mapped_r, 1) != b"m":
            raise SandboxError("the user namespace was not mapped")
        uid = NOBODY
    else:
        uid = box.uid
    os.close(ready_w)
    os.close(mapped_r)
    os.chroot(SANDBOX_ROOT)
    os.chdir(box.work)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)  # from root to a normal uid: every capability is dropped
    prctl(PR_SET_NO_NEW_PRIVS, 1, "NO_NEW_PRIVS")
    if os.getuid() != uid or os.geteuid() != uid:
        raise SandboxError("could not drop privileges")
    tie_to_waiter()  # changing the uid cleared the parent-death signal
    os.close(alive_r)


def apply_rlimits(cpu_seconds: float, *, own_uid: bool) -> None:
    """Cap this process's resources (inherited by anything it starts). The process cap counts
    every process of the uid, so it is set only where the child has a uid of its own."""

    def cap(which: int, value: int) -> None:
        _, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (value, value))

    cap(resource.RLIMIT_AS, LIMITS["address_space_bytes"])
    if own_uid:
        cap(resource.RLIMIT_NPROC, LIMITS["processes"])
    cap(resource.RLIMIT_FSIZE, LIMITS["file_size_bytes"])
    cap(resource.RLIMIT_NOFILE, LIMITS["open_files"])
    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_CPU, int(cpu_seconds) + 5)


DENIED_SYSCALLS = (
    "add_key",
    "request_key",
    "keyctl",  # the kernel keyrings
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsmount",
    "fsconfig",
    "fspick",
    "mount_setattr",
    "unshare",
    "setns",
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "quotactl",
    "lookup_dcookie",
    "name_to_handle_at",
    "open_by_handle_at",
    "personality",
    "syslog",
    "vhangup",
)
"""Denied with EPERM: nothing a submission needs, much an attack would."""
AF_UNIX = 1


def seccomp_available() -> str | None:
    """None when :func:`apply_seccomp` can work here, else why not."""
    try:
        import pyseccomp  # noqa: F401
    except Exception as err:  # the binding or libseccomp itself is missing
        return f"{type(err).__name__}: {err}"
    return None


def apply_seccomp() -> None:
    """Install the filter (``no_new_privs`` first, so it needs no privilege): the calls in
    :data:`DENIED_SYSCALLS` fail with EPERM, ``clone`` with a new-namespace flag too, ``clone3``
    with ENOSYS (so libraries fall back to ``clone``), and sockets other than ``AF_UNIX`` with
    EAFNOSUPPORT."""
    import pyseccomp as sc

    prctl(PR_SET_NO_NEW_PRIVS, 1, "NO_NEW_PRIVS")
    f = sc.SyscallFilter(defaction=sc.ALLOW)
    for name in DENIED_SYSCALLS:
        try:
            f.add_rule(sc.ERRNO(errno.EPERM), name)
        except (ValueError, RuntimeError, OSError):
            pass  # not a system call on this architecture
    for ns_flag in (
        CLONE_NEWNS,
        CLONE_NEWUTS,
        CLONE_NEWIPC,
        CLONE_NEWUSER,
        CLONE_NEWPID,
        CLONE_NEWNET,
    ):
        f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, ns_flag, ns_flag))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    for call in ("socket", "socketpair"):
        f.add_rule(sc.ERRNO(errno.EAFNOSUPPORT), call, sc.Arg(0, sc.NE, AF_UNIX))
    f.load()
