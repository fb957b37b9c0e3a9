"""The xdist workers' readers-writer lock (tests/worker_lock.py): readers share it, a writer
has it alone, and a waiting writer goes before readers that arrive after it.

``flock`` locks belong to open file descriptions, so threads that each open the files contend
exactly as the worker processes do."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.worker_lock import RUN_ENV, lock_base, worker_lock

WAIT_S = 10.0  # a generous bound for what must happen; never a measured duration
BLOCKED_S = 0.3  # how long a blocked holder is watched not to get in
HOLD_S = 60.0  # a holder's own give-up time: longer than any wait, so no wait ends by it


@pytest.fixture
def own_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A lock of this test's own (not the running suite's), in the test's folder."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.setenv(RUN_ENV, "lock-test")
    base = lock_base()
    assert base is not None and base.parent == tmp_path
    return base


class Holder:
    """A thread that takes the lock, says so, and holds it until released."""

    def __init__(self, exclusive: bool, log: list[str], name: str) -> None:
        self.inside = threading.Event()
        self.release = threading.Event()
        self.done = threading.Event()

        def hold() -> None:
            with worker_lock(exclusive=exclusive):
                log.append(f"{name} in")
                self.inside.set()
                self.release.wait(HOLD_S)
                log.append(f"{name} out")
            self.done.set()

        self.thread = threading.Thread(target=hold, daemon=True)
        self.thread.start()

    def finish(self) -> None:
        self.release.set()
        assert self.done.wait(WAIT_S)


def _wait_for(cond: Callable[[], bool]) -> None:
    event = threading.Event()
    for _ in range(int(WAIT_S / 0.01)):
        if cond():
            return
        event.wait(0.01)
    raise AssertionError("timed out waiting")


def test_without_xdist_it_takes_no_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RUN_ENV, raising=False)
    assert lock_base() is None
    with worker_lock(exclusive=True), worker_lock(exclusive=True):
        pass  # the same thread twice exclusive: it would deadlock if a lock were taken


def test_readers_share_it(own_run: Path) -> None:
    log: list[str] = []
    first = Holder(False, log, "r1")
    assert first.inside.wait(WAIT_S)
    second = Holder(False, log, "r2")
    assert second.inside.wait(WAIT_S), "a second reader waited for the first"
    first.finish()
    second.finish()
    assert own_run.with_suffix(".lock").exists()


def test_a_writer_has_it_alone(own_run: Path) -> None:
    log: list[str] = []
    writer = Holder(True, log, "w")
    assert writer.inside.wait(WAIT_S)
    reader = Holder(False, log, "r")
    other_writer = Holder(True, log, "w2")
    assert not reader.inside.wait(BLOCKED_S), "a reader got in beside a writer"
    assert not other_writer.inside.is_set(), "two writers at once"
    writer.finish()
    reader.finish()
    other_writer.finish()
    assert log[:2] == ["w in", "w out"]


def test_a_waiting_writer_goes_before_later_readers(own_run: Path) -> None:
    log: list[str] = []
    reader = Holder(False, log, "r1")
    assert reader.inside.wait(WAIT_S)
    writer = Holder(True, log, "w")
    assert not writer.inside.wait(BLOCKED_S), "the writer got in beside a reader"
    late = Holder(False, log, "r2")  # arrives while the writer waits
    assert not late.inside.wait(BLOCKED_S), "a later reader overtook the waiting writer"
    reader.finish()
    writer.finish()
    late.finish()
    _wait_for(lambda: len(log) == 6)
    assert log.index("w out") < log.index("r2 in"), log
