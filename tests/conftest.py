"""Shared fixtures, and the options of the pytest check runner (tests/test_checks.py)."""

from __future__ import annotations

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
def built_course(course: Course, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The course built once per session: its ``dist`` folder (release and autograder zips) and
    what :func:`~autograder.authoring.build.build_course` returned."""
    from autograder.authoring.build import build_course

    dist = tmp_path_factory.mktemp("dist")
    return dist, build_course(course, dist=dist)


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
