"""Shared fixtures, and the options of the pytest check runner (tests/test_checks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.checks.suite import Spec, Suite, load_suite
from autograder.layout import REPO_ROOT
from autograder.manifest import Course, load_manifest


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


def pytest_configure(config: pytest.Config) -> None:
    """Tiny nets are overhead-bound: one thread is several times faster than two (and than N)."""
    import torch

    torch.set_num_threads(1)
