"""Every check fails on the stubs; every known-wrong answer loses points; the reference and every
correct alternative get full marks.

The whole catalogue is judged in process here (one test per assignment). Correct alternatives are
also graded through the real sandbox, the path a student's submission takes, so that one which
only fails there (threads, files, imports) is caught. ``course validate`` itself, which grades the
whole catalogue in child processes, runs end to end on one assignment: it repeats what the
in-process tests judge and would double the suite's longest part.
"""

import subprocess
import sys

import pytest

from autograder.authoring.contract import checks_of
from autograder.authoring.mutants import (
    alternatives_for,
    device_mutants_for,
    edited_function,
    materialize,
    mutants_for,
)
from autograder.harness.inprocess import TreeRunner
from autograder.manifest import load_manifest

AIDS = [a.id for a in load_manifest().assignments]


def test_every_check_fails_on_the_stub(suites, repo):
    for aid, suite in suites.items():
        runner = TreeRunner(suite, repo / "assignments" / aid)
        passing = [c.name for c in suite.checks if runner.verdict(c).passed]
        assert not passing, f"{aid}: checks passing on the untouched stub: {passing}"


@pytest.mark.parametrize("aid", AIDS)
def test_every_mutant_applies_and_loses_points_in_process(aid, suites, repo, tmp_path):
    suite = suites[aid]
    mutants = mutants_for(aid)
    assert len(mutants) >= 8, f"{aid} has only {len(mutants)} mutants"
    for m in mutants:
        tree = materialize(m, repo / "solutions" / aid, tmp_path / m.name)
        runner = TreeRunner(suite, tree)
        # the checks the contract names for the edited function first: the first failing one
        # ends the search, so most mutants run one or two probes instead of all of them
        own = checks_of(aid, edited_function(m, repo / "solutions" / aid))
        order = sorted(suite.checks, key=lambda c: c.name not in own)
        assert any(not runner.verdict(c).passed for c in order), (
            f"{aid}: mutant {m.name} keeps full marks"
        )


@pytest.mark.parametrize("aid", [a for a in AIDS if device_mutants_for(a)])
def test_a_device_mutant_is_invisible_on_cpu_and_loses_points_on_cuda(aid, suites, repo, tmp_path):
    """Each device mutant applies and edits one function; on the CPU that function's checks all
    pass (so it belongs in ``DEVICE_MUTANTS``, not in ``MUTANTS``, which must lose points on a
    CPU too), and where cuda is available it loses points there (``course validate --device
    cuda`` requires the same in child processes)."""
    import torch

    suite, given = suites[aid], repo / "solutions" / aid
    for m in device_mutants_for(aid):
        tree = materialize(m, given, tmp_path / m.name)
        assert (tree / m.file).read_text() != (given / m.file).read_text(), m.name
        own = checks_of(aid, edited_function(m, given))
        assert own, f"{aid}: device mutant {m.name} edits no function the contract names"
        runner = TreeRunner(suite, tree)
        seen = [c.name for c in suite.checks if c.name in own and not runner.verdict(c).passed]
        assert not seen, f"{aid}: {m.name} already loses {seen} on cpu: move it to MUTANTS"
        if torch.cuda.is_available():
            on_gpu = TreeRunner(suite, tree, device="cuda")
            assert any(not on_gpu.verdict(c).passed for c in suite.checks), (
                f"{aid}: device mutant {m.name} keeps full marks on cuda"
            )


@pytest.mark.parametrize("mutant", ["fit_grad_left_off", "knots_sets_default_dtype"])
def test_a_tree_that_changes_torchs_defaults_leaves_the_next_one_alone(
    mutant, suites, repo, tmp_path
):
    """A mutant run in process that turns gradients off (or sets float64 as the default dtype)
    loses its own points; afterwards this process has torch's defaults again and the reference's
    judges, which replay training with autograd, still give full marks."""
    import torch

    suite = suites["pwlinr"]
    (m,) = [m for m in mutants_for("pwlinr") if m.name == mutant]
    tree = materialize(m, repo / "solutions" / "pwlinr", tmp_path / m.name)
    wrong = TreeRunner(suite, tree)
    assert not all(wrong.verdict(c).passed for c in suite.checks)
    assert torch.is_grad_enabled() and torch.get_default_dtype() == torch.float32
    good = TreeRunner(suite, repo / "solutions" / "pwlinr")
    failing = [c.name for c in suite.checks if not good.verdict(c).passed]
    assert not failing, failing


@pytest.mark.slow
def test_course_validate_exits_zero(repo, tmp_path):
    aid = "numerical_gradient"
    summary = tmp_path / "summary.md"
    proc = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "validate", "--assignment", aid]
        + ["--summary", str(summary)],
        capture_output=True,
        text=True,
        cwd=repo,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "validation passed" in proc.stdout
    assert f"{aid}: kill matrix of the mutants" in proc.stdout
    n, alt = len(mutants_for(aid)), len(alternatives_for(aid))
    assert f"mutation score: {n}/{n} killed" in proc.stdout
    full = f"{load_manifest().assignment(aid).total_points:g}"
    rows = summary.read_text().splitlines()
    assert rows[2:] == [
        f"| {aid} | cpu | {full}/{full} | 0/{full} | {n}/{n} | none | {alt}/{alt} | none | ok |"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("aid", [a for a in AIDS if alternatives_for(a)])
def test_every_alternative_keeps_full_marks_in_the_sandbox(aid, suites, repo, tmp_path):
    """Graded as a submission is (sandboxed children), each correct alternative keeps full marks."""
    from autograder.grading.launcher import sandboxed_launcher
    from autograder.grading.submission import grade_directory

    given = repo / "solutions" / aid
    with sandboxed_launcher() as launcher:
        for m in alternatives_for(aid):
            tree = materialize(m, given, tmp_path / m.name)
            r = grade_directory(suites[aid], tree, given, label=m.name, launcher=launcher)
            lost = [(o.name, o.message) for o in r.outcomes if not o.passed]
            assert r.total >= r.possible - 1e-9 and not lost, f"{aid}: {m.name} loses {lost}"


@pytest.mark.slow
def test_seed_sweep_fast_subset(course):
    """CI's fast subset of `course validate --seeds`: two seeds of the moons convergence checks
    (reference, alternatives and training mutants)."""
    from rich.console import Console

    from autograder.authoring.sweep import seed_sweep

    ok, rows = seed_sweep(course, "moons", 2, device="cpu", jobs=2, console=Console(width=160))
    assert ok, "\n".join(rows.reference + rows.mutants)
    assert rows.reference and all("| 2/2 |" in r and r.endswith("| ok |") for r in rows.reference)
    # every alternative (differently written correct solution) passes every seeded check on both
    assert rows.alternatives and all(
        "| 2/2 | - |" in r and r.endswith("| ok |") for r in rows.alternatives
    )
    # every training mutant is caught on both seeds, by a named check, with a positive margin where
    # it has one
    assert rows.mutants and all(
        "| 2/2 |" in r and r.endswith("| ok |") and "(several)" not in r for r in rows.mutants
    )
    margins = [r.split("|")[-3].strip() for r in rows.mutants]
    assert all(m == "-" or m.startswith("+") for m in margins), margins
