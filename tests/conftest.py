"""Shared fixtures, and the options of the pytest check runner (tests/test_checks.py)."""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from autograder.checks.suite import Spec, Suite, load_suite
from autograder.layout import REPO_ROOT
from autograder.manifest import Course, load_manifest
from tests.worker_lock import worker_lock


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("course checks")
    group.addoption(
        "--tree", type=Path, help="run the checks against this folder (default: solutions/<id>)"
    )
    group.addoption(
        "--assignment", action="append", help="limit the check runner to these assignments"
    )
    group.addoption("--device", default="cpu", help="device for the checks: cpu, cuda or auto")


@pytest.fixture(scope="session")
def course() -> Course:
    return load_manifest()


@pytest.fixture(scope="session")
def suites(course: Course) -> dict[str, Suite]:
    return {a.id: load_suite(Spec.from_manifest(a)) for a in course.assignments}


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def built_course(
    course: Course, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> tuple[Path, list[Path]]:
    """The course built once per run: its ``dist`` folder (release and autograder zips) and the
    zips :func:`~autograder.authoring.build.build_course` wrote. Under pytest-xdist the first
    worker to ask builds it into the run's shared temporary folder while the others wait on a
    lock, then every worker reads the same zips (tests only read them)."""
    from autograder.authoring.build import build_course

    base = tmp_path_factory.getbasetemp()
    if worker_id == "master":
        dist = base / "dist"
        return dist, build_course(course, dist=dist)
    shared = base.parent / "dist"  # each worker's basetemp is <run's folder>/<worker>
    done = base.parent / "dist.json"
    with open(base.parent / "dist.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                written = build_course(course, dist=shared)
                done.write_text(json.dumps([str(p) for p in written]))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return shared, [Path(p) for p in json.loads(done.read_text())]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A test of a module marked ``exclusive`` runs while no other worker runs one; every other
    test shares the machine. The lock covers the test's setup and teardown, so the module and
    session fixtures built there (a whole batch, a course build) count as that test's work."""
    with worker_lock(exclusive=item.get_closest_marker("exclusive") is not None):
        yield


def pytest_configure(config: pytest.Config) -> None:
    """Tiny nets are overhead-bound: one thread is several times faster than two (and than N)."""
    import torch

    torch.set_num_threads(1)
