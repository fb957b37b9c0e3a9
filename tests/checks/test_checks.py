"""The pytest runner of the check definitions: every check of every assignment, one test each.

By default each check runs against ``solutions/<id>`` and must pass. Point it at any
tree to see how that tree fares::

    pytest tests/test_checks.py --assignment relu_ops --tree assignments/relu_ops
    pytest tests/test_checks.py --assignment relu_ops --tree path/to/a/wrong/answer
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.checks.core import resolve_device
from autograder.layout import REPO_ROOT
from tests.runners import runner, suites

_SUITES = suites()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "check_id" in metafunc.fixturenames:
        wanted = metafunc.config.getoption("assignment") or list(_SUITES)
        ids = [f"{a}::{c.name}" for a in wanted for c in _SUITES[a].checks]
        metafunc.parametrize("check_id", ids)


def test_check(check_id: str, request: pytest.FixtureRequest) -> None:
    assignment, name = check_id.split("::")
    suite = _SUITES[assignment]
    tree = Path(request.config.getoption("tree") or REPO_ROOT / "solutions" / assignment).resolve()
    verdict = runner(assignment, tree, resolve_device(request.config.getoption("device"))).verdict(
        suite.check(name)
    )
    assert verdict.passed, verdict.message
