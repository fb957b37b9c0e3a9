"""One submission's workspace: a folder (a size- and inode-capped tmpfs where the machine allows)
holding the staged files (``work/``), the results (``out/``) and the children's requests and
logs, owned by a host uid of its own, removed in one unmount however deep or full it got.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType

TMPFS_OPTIONS = "size=512m,nr_inodes=8192,mode=0711"
MNT_DETACH = 2
MS_NOSUID, MS_NODEV = 2, 4
UID_BASE = 1_500_000_000
UIDS_PER_GRADER = 256


class UidPool:
    """Host uids for sandboxed children, one per submission being graded at the same time.

    A range of its own per grading process (by pid), so two batches on one machine never share
    a uid, and per-user limits (processes, keyrings) are per child.
    """

    def __init__(self) -> None:
        base = UID_BASE + (os.getpid() % 2_000_000) * UIDS_PER_GRADER  # below 2**31
        self._free = list(range(base, base + UIDS_PER_GRADER))
        self._lock = threading.Lock()

    def take(self) -> int:
        with self._lock:
            if not self._free:
                raise RuntimeError(f"more than {UIDS_PER_GRADER} submissions graded at once")
            return self._free.pop(0)

    def give(self, uid: int) -> None:
        with self._lock:
            self._free.append(uid)


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


class Workspace:
    """``with Workspace(uid, tmpfs=..., drop=...) as ws``: ``ws.root``, ``ws.work``, ``ws.out``.

    ``tmpfs``: mount a capped tmpfs on the root (root only); ``drop``: the child runs as
    ``uid``, so :meth:`hand_over` gives it ``work/`` and ``out/``.
    """

    def __init__(self, uid: int, *, tmpfs: bool, drop: bool) -> None:
        self.uid, self.tmpfs, self.drop = uid, tmpfs, drop
        self.root = Path(tempfile.mkdtemp(prefix="course-grade-"))
        self.work, self.out = self.root / "work", self.root / "out"
        self.mounted = False

    def __enter__(self) -> Workspace:
        if self.tmpfs:
            rc = _libc().mount(
                b"course-submission",
                str(self.root).encode(),
                b"tmpfs",
                ctypes.c_ulong(MS_NOSUID | MS_NODEV),
                TMPFS_OPTIONS.encode(),
            )
            if rc != 0:
                err = ctypes.get_errno()
                self.root.rmdir()
                raise OSError(err, f"mounting the workspace tmpfs: {os.strerror(err)}")
            self.mounted = True
        self.work.mkdir()
        self.out.mkdir()
        return self

    def hand_over(self) -> None:
        """Give ``work/`` and ``out/`` (with what was staged in them) to the child's uid; the
        child may only traverse the root."""
        if not self.drop:
            return
        os.chmod(self.root, 0o711)
        for d in (self.work, self.out):
            for p in [d, *d.rglob("*")]:
                os.chown(p, self.uid, self.uid, follow_symlinks=False)

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.mounted and _libc().umount2(str(self.root).encode(), MNT_DETACH) == 0:
            self.mounted = False  # everything in it is gone at once
        remove_tree(self.root)  # the empty mount point (or, without a tmpfs, the whole tree)


def remove_tree(path: Path) -> None:
    """Remove ``path`` however deep it goes (Python's rmtree recurses and can fail on deep
    trees)."""
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        return
    except (RecursionError, OSError):
        subprocess.run(
            ["rm", "-rf", "--one-file-system", "--", str(path)], capture_output=True, check=False
        )
