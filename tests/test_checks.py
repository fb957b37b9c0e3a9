"""The pytest runner of the check definitions: every check of every assignment, one test each.

By default each check runs against ``solutions/<id>`` and must pass. Point it at any
tree to see how that tree fares::

    pytest tests/test_checks.py --assignment relu_ops --tree assignments/relu_ops
    pytest tests/test_checks.py --assignment relu_ops --tree path/to/a/wrong/answer
"""

from __future__ import annotations

import pytest

from autograder.checks.core import resolve_device
from autograder.checks.inprocess import TreeRunner
from autograder.checks.suite import Spec, load_suite
from autograder.manifest import REPO_ROOT, load_manifest

_COURSE = load_manifest()
_SUITES = {a.id: load_suite(Spec.from_manifest(a)) for a in _COURSE.assignments}
_RUNNERS: dict[str, TreeRunner] = {}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "check_id" in metafunc.fixturenames:
        wanted = metafunc.config.getoption("assignment") or list(_SUITES)
        ids = [f"{a}::{c.name}" for a in wanted for c in _SUITES[a].checks]
        metafunc.parametrize("check_id", ids)


def test_check(check_id: str, request: pytest.FixtureRequest) -> None:
    assignment, name = check_id.split("::")
    suite = _SUITES[assignment]
    tree = request.config.getoption("tree") or REPO_ROOT / "solutions" / assignment
    if assignment not in _RUNNERS:
        _RUNNERS[assignment] = TreeRunner(suite, tree, resolve_device(request.config.getoption("device")))
    verdict = _RUNNERS[assignment].verdict(suite.check(name))
    assert verdict.passed, verdict.message
