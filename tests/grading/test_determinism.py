"""Same submission, same grade: parent-side code is pure, and copies of a reference agree at any
--jobs.

The grading parent builds probe inputs and judges results in several threads at once, so
every builder and judge must be a function of its arguments only (local generators, no
process-global state). These tests make a race visible: builders and judges run from 8
threads at once must return exactly what one thread returns, and identical copies of each
trained reference, graded in one batch at ``--jobs 4`` next to a CPU hog, must get full marks
with identical per-check values (warm and cold children alike).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from autograder.checks.moons.probes import default_init, init_params
from autograder.grading.batch import grade_batch
from autograder.grading.launcher import sandboxed_launcher
from autograder.grading.submission import grade_directory
from autograder.layout import REPO_ROOT
from tests.runners import runner, suites

pytestmark = pytest.mark.exclusive  # time limits and load: see tests/conftest.py

THREADS = 8
ROUNDS = 4
TRAINED = ("pwlinr", "moons", "sine_bias")
"""The assignments whose children train torch nets and whose judges replay them with torch: graded
as copies under load. relu_ops trains in pure Python floats on both sides (its judges' purity is
tested from threads above, like every assignment's), so it adds a minute and no new race."""
COPIES = int(os.environ.get("COURSE_DETERMINISM_COPIES", "4"))


def _bits(value: Any) -> Any:
    """``value`` with every array replaced by its dtype, shape and bytes (exact comparison)."""
    if isinstance(value, dict):
        return {k: _bits(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_bits(v) for v in value]
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def _verdict(v: Any) -> tuple[bool, str, Any]:
    return v.passed, v.message, _bits(v.value)


def _concurrently(fn: Any) -> list[BaseException]:
    """Run ``fn`` from THREADS threads at once, ROUNDS times each; return what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def work() -> None:
        start.wait()
        for _ in range(ROUNDS):
            try:
                fn()
            except BaseException as exc:  # collected, re-raised by the test
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.parametrize("assignment", sorted(suites()))
def test_input_builders_are_pure_under_threads(assignment):
    """Every probe's inputs, built from 8 threads at once, are bit for bit what one thread
    builds."""
    suite = suites()[assignment]
    want = {c.name: _bits(suite.inputs(c, "cpu")) for c in suite.checks}
    bad: set[str] = set()

    def build_all() -> None:
        for c in suite.checks:
            if _bits(suite.inputs(c, "cpu")) != want[c.name]:
                bad.add(c.name)

    errors = _concurrently(build_all)
    assert not errors, errors[:3]
    assert not bad, f"inputs differ when built concurrently: {sorted(bad)}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", sorted(suites()))
def test_judges_are_pure_under_threads(assignment):
    """Every check judged from 8 threads at once (each rebuilding its inputs) gives the one-thread
    verdict."""
    suite = suites()[assignment]
    tree = (REPO_ROOT / "solutions" / assignment).resolve()
    ref = runner(assignment, tree)
    data = {c.name: ref.data(c) for c in suite.checks}
    want = {c.name: _verdict(suite.judge(c, data[c.name], "cpu")) for c in suite.checks}
    assert all(v[0] for v in want.values()), {k: v[1] for k, v in want.items() if not v[0]}
    bad: set[str] = set()

    def judge_all() -> None:
        for c in suite.checks:
            if _verdict(suite.judge(c, data[c.name], "cpu")) != want[c.name]:
                bad.add(c.name)

    errors = _concurrently(judge_all)
    assert not errors, errors[:3]
    assert not bad, f"verdicts differ when judged concurrently: {sorted(bad)}"


@pytest.mark.parametrize("seed", [0, 1, 4033, 2**31 + 7])
@pytest.mark.parametrize("hidden", [3, 16, 32])
def test_local_default_init_is_what_a_student_gets_after_manual_seed(seed, hidden):
    """The grader's copy of PyTorch's default nn.Linear initialisation, from a local generator,
    is bit for bit what torch.manual_seed(seed) + building the layers gives, and leaves the
    global generator alone."""
    before = torch.random.get_rng_state()
    mine = init_params(hidden, seed)
    assert torch.equal(torch.random.get_rng_state(), before), (
        "default_init drew from the global generator"
    )
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(2, hidden), nn.Tanh(), nn.Linear(hidden, 2))
    theirs = [p.detach().numpy() for p in net.parameters()]
    assert [a.dtype for a in mine] == [np.float32] * 4
    assert all(
        a.shape == b.shape and a.tobytes() == b.tobytes() for a, b in zip(mine, theirs, strict=True)
    )
    torch.random.set_rng_state(before)
    torch.manual_seed(seed)
    deeper = [nn.Linear(5, 7), nn.Linear(7, 1)]
    assert all(
        a.tobytes() == p.detach().numpy().tobytes()
        for a, p in zip(
            default_init(((5, 7), (7, 1)), seed),
            [q for m in deeper for q in m.parameters()],
            strict=True,
        )
    )


def _copies(tmp: Path, assignment: str, n: int) -> list[Path]:
    suite = suites()[assignment]
    out = []
    for i in range(n):
        d = tmp / f"{assignment}-copy{i:02d}"
        d.mkdir(parents=True)
        for name in suite.spec.student_files:
            shutil.copyfile(REPO_ROOT / "solutions" / assignment / name, d / name)
        out.append(d)
    return out


def _values(result: Any) -> list[tuple[str, bool, Any, str]]:
    return [(o.name, o.passed, o.value, o.message) for o in result.outcomes]


@pytest.fixture()
def cpu_hog():
    """Two busy processes (this machine has two cores): graders run loaded, as on a shared box."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    yield
    for h in hogs:
        h.kill()
        h.wait()


@pytest.mark.slow
@pytest.mark.parametrize("assignment", TRAINED)
def test_identical_copies_of_a_reference_agree_at_jobs_4_under_load(assignment, tmp_path, cpu_hog):
    """COPIES copies of the reference in one batch at --jobs 4 with the CPU busy: all full marks,
    identical per-check values and messages; a cold child gives the same values as the warm ones."""
    suite = suites()[assignment]
    subs = _copies(tmp_path, assignment, COPIES)
    with sandboxed_launcher() as launcher:
        results = grade_batch(
            subs, suite, tmp_path / "out", jobs=4, force=True, launcher=launcher, canary=False
        )
    failing = {
        r.label: [(o.name, o.message) for o in r.outcomes if not o.passed]
        for r in results
        if r.total < r.possible
    }
    assert not failing, failing
    first = _values(results[0])
    assert all(_values(r) == first for r in results[1:]), (
        "copies of one submission got different values"
    )
    given = REPO_ROOT / "solutions" / assignment
    with sandboxed_launcher(warm=False) as cold:
        again = grade_directory(suite, subs[0], given, label="cold", launcher=cold)
    assert _values(again) == first, "a cold child disagrees with the warm ones"
