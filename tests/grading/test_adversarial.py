"""`course grade` against the adversarial set: every attack scores 0 with its reason, neighbours
unaffected."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from autograder.checks.suite import load_suite
from autograder.grading import supervise
from autograder.grading.batch import grade_batch
from autograder.grading.launcher import sandboxed_launcher
from autograder.grading.protections import detect
from tests.grading.adversarial.cases import CASES

pytestmark = pytest.mark.exclusive  # time limits and load: see tests/conftest.py

AID = "relu_ops"
PROTECTIONS = detect()


@pytest.fixture(scope="module")
def batch(tmp_path_factory, repo, suites):
    tmp = tmp_path_factory.mktemp("adversarial")
    suite = suites[AID]
    # Short limits keep the hanging cases quick; the reference still fits comfortably.
    spec = replace(
        suite.spec,
        time_limit_s=60,
        groups=tuple(
            replace(g, time_limit_s=max(8.0, g.time_limit_s / 2)) for g in suite.spec.groups
        ),
    )
    suite = load_suite(spec)
    stub = (repo / "assignments" / AID / f"{AID}.py").read_text()
    subs: list[Path] = []
    for case in CASES:
        if case.needs_sandbox and not PROTECTIONS.namespaces:
            continue
        d = tmp / case.name
        d.mkdir()
        (d / f"{AID}.py").write_text(stub + "\n\n" + case.attack.replace("{repo}", str(repo)))
        for rel, text in case.extra_files:
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_text(text)
        subs.append(d)
    good = tmp / "reference_neighbour"
    good.mkdir()
    shutil.copyfile(repo / "solutions" / AID / f"{AID}.py", good / f"{AID}.py")
    subs.append(good)
    subs += _archives(tmp, repo)
    old = supervise.IMPORT_LIMIT_S
    supervise.IMPORT_LIMIT_S = 8.0
    try:
        with sandboxed_launcher() as launcher:
            harness = str(launcher.harness(AID))  # in the command line of every child of this batch
            results = grade_batch(subs, suite, tmp / "out", jobs=2, launcher=launcher)
    finally:
        supervise.IMPORT_LIMIT_S = old
    return {Path(r.label).name: r for r in results}, suite, harness


def _archives(tmp: Path, repo: Path) -> list[Path]:
    corrupt = tmp / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04 truncated")
    slip = tmp / "zip_slip.zip"
    with zipfile.ZipFile(slip, "w") as zf:
        zf.writestr("../../relu_ops.py", "x = 1")
    absolute = tmp / "absolute_path.zip"
    with zipfile.ZipFile(absolute, "w") as zf:
        zf.writestr("/etc/relu_ops.py", "x = 1")
    bomb = tmp / "zip_bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("relu_ops.py", b"#" * (60 * 2**20))
    wrong = tmp / "wrong_assignment.zip"
    with zipfile.ZipFile(wrong, "w") as zf:
        zf.writestr("pwlinr.py", "x = 1")
        zf.writestr(
            "pwlinr.ipynb",
            '{"cells": [], "metadata": {"otter": {"assignment_name": "pwlinr"}}, "nbformat": 4, '
            '"nbformat_minor": 5}',
        )
    empty = tmp / "empty_folder"
    empty.mkdir()
    return [corrupt, slip, absolute, bomb, wrong, empty]


ARCHIVE_EXPECTED = {
    "corrupt.zip": "refused: not a readable zip",
    "zip_slip.zip": "refused: unsafe path",
    "absolute_path.zip": "refused: unsafe path",
    "zip_bomb.zip": "refused:",
    "wrong_assignment.zip": "refused: this is a submission for 'pwlinr'",
    "empty_folder": "refused: empty submission",
}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_attack_gets_zero_with_reason(batch, case):
    results, _, _ = batch
    if case.needs_sandbox and not PROTECTIONS.namespaces:
        pytest.skip(PROTECTIONS.describe())
    r = results[case.name]
    assert r.total == case.expected_total, (
        r.status,
        [(o.name, o.message) for o in r.outcomes if o.passed],
    )
    assert case.status in r.status, r.status


@pytest.mark.parametrize("label", sorted(ARCHIVE_EXPECTED))
def test_bad_archives_are_refused(batch, label):
    results, _, _ = batch
    assert results[label].total == 0
    assert ARCHIVE_EXPECTED[label] in results[label].status, results[label].status


def test_neighbour_is_graded_as_usual(batch):
    results, suite, _ = batch
    r = results["reference_neighbour"]
    assert r.total == pytest.approx(sum(g.points for g in suite.spec.groups))
    assert r.status == "graded"


@pytest.mark.skipif(not PROTECTIONS.namespaces, reason="needs the namespace sandbox")
def test_nothing_was_written_outside(batch, repo):
    assert not Path("/tmp/course-pwned").exists()
    assert not (repo / "course-pwned").exists()


@pytest.mark.skipif(not PROTECTIONS.namespaces, reason="needs the namespace sandbox")
def test_no_sandboxed_process_outlives_the_batch(batch):
    """Sleepers in new sessions, orphans and fork bombs all die with their submission's sandbox.

    Only this batch's processes count (their command line names its harness): another grading run
    on the machine, such as a second clone's test suite, has `nobody` processes of its own.
    """
    import time

    _, _, harness = batch

    def leftovers() -> list[str]:
        found = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                status, cmdline = (
                    (proc / "status").read_text(),
                    (proc / "cmdline").read_bytes().decode(errors="replace"),
                )
            except OSError:
                continue
            uid = next(
                (line.split()[1] for line in status.splitlines() if line.startswith("Uid:")), ""
            )
            if uid == "65534" and harness in cmdline:
                found.append(f"{proc.name}: {cmdline.replace(chr(0), ' ')[:120]}")
        return found

    end = time.monotonic() + 5
    while leftovers() and time.monotonic() < end:
        time.sleep(0.1)
    assert leftovers() == []
