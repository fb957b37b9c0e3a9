"""The readers-writer lock that pytest-xdist workers share (used by ``tests/conftest.py``).

An ordinary test holds it shared; a test of a module marked ``exclusive`` holds it exclusive, so
its time limits and load figures see a machine that runs nothing else of the suite. A turnstile
gives a waiting writer precedence: a stream of readers cannot starve it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

RUN_ENV = "PYTEST_XDIST_TESTRUNUID"


@contextlib.contextmanager
def worker_lock(exclusive: bool) -> Iterator[None]:
    """Hold the run's lock, exclusive or shared, for the ``with`` body. Not under xdist (no
    ``PYTEST_XDIST_TESTRUNUID``): nothing to do."""
    base = lock_base()
    if base is None:
        yield
        return
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    with open(f"{base}.turnstile", "a") as turnstile, open(f"{base}.lock", "a") as lock:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        try:
            fcntl.flock(lock, mode)
        finally:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def lock_base() -> Path | None:
    """Where this xdist run's lock files are (None when not under xdist): two empty files in the
    temporary folder, named after the run (no worker knows when the others are done with them,
    so none removes them)."""
    run = os.environ.get(RUN_ENV)
    return Path(tempfile.gettempdir()) / f"course-pytest-{run}" if run else None
