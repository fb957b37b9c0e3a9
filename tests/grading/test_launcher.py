"""Warm children (forked from a zygote) grade exactly like cold ones, and no submission reaches the
next."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from autograder.grading.launcher import ChildLauncher, sandboxed_launcher
from autograder.grading.submission import grade_directory

pytestmark = pytest.mark.exclusive  # time limits and load: see tests/conftest.py

AID = "relu_ops"
# Breaks torch, numpy and the probe helpers for the rest of this process, as a submission might.
POISON = (
    "import numpy as _np, torch as _t, sys as _s\n"
    "_t.relu = lambda x: x * 0\n_np.mean = lambda *a, **k: 0.0\n"
    "_s.modules['autograder.checks.core'].ProbeRegistry.run = lambda *a, **k: {'forged': True}\n"
)


def _tree(tmp: Path, name: str, text: str) -> Path:
    d = tmp / name
    d.mkdir()
    (d / f"{AID}.py").write_text(text)
    return d


def _outcomes(r):
    return [(o.name, o.passed, o.message) for o in r.outcomes]


def test_warm_and_cold_children_agree(repo, suites, tmp_path):
    """Same verdicts and messages for a wrong answer, from a fork of the zygote and from a fresh
    interpreter."""
    from autograder.authoring.mutants import materialize, mutants_for

    given = repo / "solutions" / AID
    wrong = materialize(mutants_for(AID)[0], given, tmp_path / "wrong")
    with (
        ChildLauncher(protections=None, warm=True) as warm,
        ChildLauncher(protections=None, warm=False) as cold,
    ):
        a = grade_directory(suites[AID], wrong, given, label="w", launcher=warm)
        b = grade_directory(suites[AID], wrong, given, label="c", launcher=cold)
    assert a.status == b.status == "graded"
    assert 0 < a.total < a.possible and _outcomes(a) == _outcomes(b)


def test_a_cold_childs_clock_starts_after_its_preloads(repo, suites):
    """A fresh interpreter imports torch before any student code; that start-up is the grader's
    time (as a zygote's is), so ``start`` hands the child over only once torch is loaded in it and
    a busy machine cannot turn the reference's first group into a timeout."""
    given = repo / "solutions" / AID
    loaded: list[bool] = []
    with ChildLauncher(protections=None, warm=False) as cold:
        real = cold.start

        def start(*args, **kwargs):
            child = real(*args, **kwargs)
            loaded.append("libtorch" in Path(f"/proc/{child.pid}/maps").read_text())
            return child

        cold.start = start  # type: ignore[method-assign]
        r = grade_directory(suites[AID], given, given, label="cold", launcher=cold)
    assert r.total == r.possible
    assert len(loaded) > 1 and all(loaded), loaded  # the import child and every group's


def test_a_submission_cannot_reach_the_next_one(repo, suites, tmp_path):
    """One zygote serves both: the poisoned submission scores 0, the reference after it full
    marks."""
    given = repo / "solutions" / AID
    poisoned = _tree(
        tmp_path, "poisoned", (repo / "assignments" / AID / f"{AID}.py").read_text() + "\n" + POISON
    )
    with sandboxed_launcher() as launcher:
        bad = grade_directory(suites[AID], poisoned, given, label="p", launcher=launcher)
        good = grade_directory(suites[AID], given, given, label="r", launcher=launcher)
        assert len(launcher._all) == 1  # the same warm process forked both children
    assert bad.total == 0
    assert good.total == good.possible, [(o.name, o.message) for o in good.outcomes if not o.passed]


def test_a_dead_zygote_is_replaced(repo, suites):
    given = repo / "solutions" / AID
    with ChildLauncher(protections=None) as launcher:
        first = grade_directory(suites[AID], given, given, label="1", launcher=launcher)
        os.kill(launcher._all[0].proc.pid, signal.SIGKILL)
        launcher._all[0].proc.wait()
        second = grade_directory(suites[AID], given, given, label="2", launcher=launcher)
        assert len(launcher._all) == 2
    assert first.total == second.total == first.possible


@pytest.mark.parametrize("warm", [True, False])
def test_sandboxed_child_is_nobody_without_network(repo, suites, tmp_path, warm):
    """What the child sees, reported through a probe-visible side channel: the module's own
    globals."""
    from autograder.grading.protections import detect

    if not detect().namespaces:
        pytest.skip("needs the namespace sandbox")
    spy = (
        "import os as _o, socket as _so\n"
        "def _net():\n    try:\n        _so.create_connection(('1.1.1.1', 53), timeout=1)\n       "
        " return 'net'\n"
        "    except OSError:\n        return 'nonet'\n"
        "raise SystemExit('uid=%d pid=%d %s repo=%s' % (_o.getuid(), _o.getpid(), _net(), "
        f"_o.path.exists({str(repo / 'solutions')!r})))\n"
    )
    tree = _tree(
        tmp_path, "spy", (repo / "assignments" / AID / f"{AID}.py").read_text() + "\n" + spy
    )
    with sandboxed_launcher(warm=warm) as launcher:
        r = grade_directory(
            suites[AID], tree, repo / "solutions" / AID, label="spy", launcher=launcher
        )
    assert "uid=65534 pid=1 nonet repo=False" in r.status, r.status
