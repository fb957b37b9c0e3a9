"""Every check fails on the stubs; every known-wrong answer loses points; reference gets full
marks."""

import subprocess
import sys

import pytest

from autograder.authoring.mutants import materialize, mutants_for
from autograder.harness.inprocess import TreeRunner


def test_every_check_fails_on_the_stub(suites, repo):
    for aid, suite in suites.items():
        runner = TreeRunner(suite, repo / "assignments" / aid)
        passing = [c.name for c in suite.checks if runner.verdict(c).passed]
        assert not passing, f"{aid}: checks passing on the untouched stub: {passing}"


def test_every_mutant_applies_and_loses_points_in_process(suites, repo, tmp_path):
    for aid, suite in suites.items():
        mutants = mutants_for(aid)
        assert len(mutants) >= 8, f"{aid} has only {len(mutants)} mutants"
        for m in mutants:
            tree = materialize(m, repo / "solutions" / aid, tmp_path / aid / m.name)
            runner = TreeRunner(suite, tree)
            assert any(not runner.verdict(c).passed for c in suite.checks), (
                f"{aid}: mutant {m.name} keeps full marks"
            )


@pytest.mark.slow
def test_course_validate_exits_zero(course, repo):
    proc = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "validate"],
        capture_output=True,
        text=True,
        cwd=repo,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "validation passed" in proc.stdout
    for a in course.assignments:
        assert f"{a.id}: kill matrix" in proc.stdout


@pytest.mark.slow
def test_seed_sweep_fast_subset(course):
    """CI's fast subset of `course validate --seeds`: two seeds of the moons convergence checks."""
    from rich.console import Console

    from autograder.authoring.sweep import seed_sweep

    ok, rows = seed_sweep(course, "moons", 2, device="cpu", jobs=2, console=Console(width=160))
    assert ok, "\n".join(rows.reference + rows.mutants)
    assert rows.reference and all("| 2/2 |" in r and r.endswith("| ok |") for r in rows.reference)
    # every training mutant is caught on both seeds, by a named check, with a positive margin where
    # it has one
    assert rows.mutants and all(
        "| 2/2 |" in r and r.endswith("| ok |") and "(several)" not in r for r in rows.mutants
    )
    margins = [r.split("|")[-3].strip() for r in rows.mutants]
    assert all(m == "-" or m.startswith("+") for m in margins), margins


def test_every_alternative_keeps_full_marks_in_process(suites, repo, tmp_path):
    from autograder.authoring.mutants import alternatives_for

    for aid, suite in suites.items():
        for m in alternatives_for(aid):
            tree = materialize(m, repo / "solutions" / aid, tmp_path / aid / m.name)
            runner = TreeRunner(suite, tree)
            failing = [
                (c.name, runner.verdict(c).message)
                for c in suite.checks
                if not runner.verdict(c).passed
            ]
            assert not failing, f"{aid}: alternative {m.name} loses {failing}"
