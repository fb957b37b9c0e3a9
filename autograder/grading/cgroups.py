"""One cgroup per grading child: its processes and threads (``pids``) and its memory bounded on
its own, and every process in it killed from outside in one sweep.

The parent creates the group before the child starts (``cgroup v1``: one folder in the
``pids`` and one in the ``memory`` hierarchy; ``cgroup v2``: one folder with both controllers),
the child joins it before it forks anything (:func:`autograder.harness.sandbox.enter`), and the
parent kills whatever is left in it and removes it when the child is done. What is in a group
is the kernel's word, not the child's.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
PIDS_MAX = 64
MEMORY_MAX = 4 * 2**30
_counter = itertools.count()
_lock = threading.Lock()


@dataclass(frozen=True)
class Hierarchy:
    """Where this machine's cgroups are: v1 (``pids``/``memory`` folders) or v2 (unified)."""

    version: int
    bases: tuple[Path, ...]
    """The grader's own folder in each hierarchy it uses (v1: pids, memory; v2: one)."""

    def describe(self) -> str:
        return f"cgroup v{self.version} pids and memory per child"


@dataclass
class ChildGroup:
    """The cgroup folders of one child (one per hierarchy)."""

    paths: tuple[Path, ...]

    def tasks(self) -> set[int]:
        found: set[int] = set()
        for path in self.paths:
            try:
                found |= {int(x) for x in (path / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return found

    def kill(self, rounds: int = 50) -> None:
        """SIGKILL every process in the group until none is left (new forks included)."""
        for _ in range(rounds):
            tasks = self.tasks()
            if not tasks:
                return
            for pid in tasks:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.005)

    def remove(self) -> None:
        """Kill what is left and remove the folders (a group still busy is retried briefly)."""
        self.kill()
        for path in self.paths:
            for _ in range(100):
                try:
                    path.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)


def _write(path: Path, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def detect(root: Path = CGROUP_ROOT) -> Hierarchy | None:
    """This machine's hierarchy with a folder of our own in it, or None (not root, not mounted,
    controllers not delegated). Tries to create a test group and removes it again."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    name = f"course-grader-{os.getpid()}"
    try:
        if (root / "cgroup.controllers").is_file():  # v2, unified
            controllers = (root / "cgroup.controllers").read_text().split()
            if not {"pids", "memory"} <= set(controllers):
                return None
            base = root / name
            base.mkdir(exist_ok=True)
            _write(root / "cgroup.subtree_control", "+pids +memory")
            _write(base / "cgroup.subtree_control", "+pids +memory")
            hierarchy = Hierarchy(2, (base,))
        elif (root / "pids" / "cgroup.procs").is_file() and (
            root / "memory" / "cgroup.procs"
        ).is_file():
            bases = (root / "pids" / name, root / "memory" / name)
            for base in bases:
                base.mkdir(exist_ok=True)
            hierarchy = Hierarchy(1, bases)
        else:
            return None
        trial = create(hierarchy)
        trial.remove()
        return hierarchy
    except OSError:
        return None


def create(h: Hierarchy, pids_max: int = PIDS_MAX, memory_max: int = MEMORY_MAX) -> ChildGroup:
    """A fresh group for one child, with its limits set."""
    with _lock:
        n = next(_counter)
    for base in h.bases:  # a launcher that closed earlier may have removed them
        if not base.is_dir():
            base.mkdir(exist_ok=True)
            if h.version == 2:
                _write(base / "cgroup.subtree_control", "+pids +memory")
    paths = tuple(base / f"child-{n}" for base in h.bases)
    for path in paths:
        path.mkdir()
    if h.version == 2:
        _write(paths[0] / "pids.max", str(pids_max))
        _write(paths[0] / "memory.max", str(memory_max))
        if (paths[0] / "memory.swap.max").exists():
            _write(paths[0] / "memory.swap.max", "0")
    else:
        _write(paths[0] / "pids.max", str(pids_max))
        _write(paths[1] / "memory.limit_in_bytes", str(memory_max))
        swap = paths[1] / "memory.memsw.limit_in_bytes"
        if swap.exists():
            try:
                _write(swap, str(memory_max))
            except OSError:
                pass
    return ChildGroup(paths)


def release(h: Hierarchy) -> None:
    """Remove the grader's own folders once no child group is left in them (another launcher of
    this process may still use them: then they stay, empty folders cost nothing)."""
    for base in h.bases:
        try:
            base.rmdir()
        except OSError:
            pass
