"""course grade on good, wrong and broken submissions: zeros come with a reason, nothing crashes."""

import csv
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from autograder.authoring.mutants import materialize, mutants_for
from autograder.grading.batch import grade_batch

AID = "relu_ops"


def _folder(repo: Path, tmp: Path, name: str, module_text: str | None) -> Path:
    d = tmp / name
    d.mkdir(parents=True)
    shutil.copyfile(repo / "solutions" / AID / f"{AID}.ipynb", d / f"{AID}.ipynb")
    if module_text is not None:
        (d / f"{AID}.py").write_text(module_text)
    return d


@pytest.fixture(scope="module")
def graded(tmp_path_factory, repo, suites):
    tmp = tmp_path_factory.mktemp("subs")
    sol = (repo / "solutions" / AID / f"{AID}.py").read_text()
    m = mutants_for(AID)[0]
    wrong = materialize(m, repo / "solutions" / AID, tmp / "mutant") / f"{AID}.py"
    subs = [
        _folder(repo, tmp, "solution", sol),
        _folder(repo, tmp, "stub", (repo / "assignments" / AID / f"{AID}.py").read_text()),
        _folder(repo, tmp, "wrong", wrong.read_text()),
        _folder(repo, tmp, "syntax_error", sol.replace("def relu(", "def relu((", 1)),
        _folder(repo, tmp, "no_module", None),
        _folder(repo, tmp, "raises_on_import", sol + "\nraise RuntimeError('boom at import')\n"),
        _folder(repo, tmp, "exits_on_import", sol + "\nimport sys\nsys.exit(3)\n"),
        _folder(
            repo,
            tmp,
            "os_exit_in_relu",
            sol.replace(
                '    """ReLU of one float',
                '    import os; os._exit(0)\n    """ReLU of one float',
                1,
            ),
        ),
    ]
    z = tmp / "solution.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"{AID}.py", sol)
    subs.append(z)
    evil = tmp / "zipslip.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../etc/evil.py", "x = 1")
    subs.append(evil)
    junk = tmp / "corrupt.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    subs.append(junk)
    empty = tmp / "empty"
    empty.mkdir()
    subs.append(empty)
    out = tmp / "out"
    results = grade_batch(subs, suites[AID], out, jobs=2)
    return {Path(r.label).name: r for r in results}, out, subs


def test_reference_full_stub_zero_wrong_between(graded, suites):
    results, _, _ = graded
    total = suites[AID].spec.groups
    possible = sum(g.points for g in total)
    assert results["solution"].total == pytest.approx(possible)
    assert results["solution.zip"].total == pytest.approx(possible)
    assert results["stub"].total == 0
    assert 0 < results["wrong"].total < possible


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("syntax_error", "import failed: SyntaxError"),
        ("no_module", "refused: no relu_ops.py in the submission"),
        ("raises_on_import", "import failed: RuntimeError: boom at import"),
        ("exits_on_import", "import failed: SystemExit: 3"),
        ("zipslip.zip", "refused: unsafe path"),
        ("corrupt.zip", "refused: not a readable zip"),
        ("empty", "refused: empty submission"),
    ],
)
def test_broken_submissions_score_zero_with_a_reason(graded, label, reason):
    results, _, _ = graded
    assert results[label].total == 0
    assert reason in results[label].status, results[label].status


def test_os_exit_costs_only_the_checks_it_breaks(graded):
    results, _, _ = graded
    r = results["os_exit_in_relu"]
    assert "exited with code 0" in r.status
    assert (
        0 < r.total < results["solution"].total
    )  # node-based checks still run in a restarted child


def test_gradebook_layout_and_outputs(graded, suites):
    results, out, subs = graded
    rows = list(csv.DictReader(open(out / "final_grades.csv")))
    groups = sorted(g.name for g in suites[AID].spec.groups)
    assert list(rows[0]) == [
        "file",
        *groups,
        "total_points_earned",
        "percent_correct",
        "grading_status",
    ]
    assert rows[0]["file"] == "points-per-question"
    assert [r["file"] for r in rows[1:]] == sorted(p.name for p in subs)
    assert (out / "score_histogram.png").stat().st_size > 1000
    assert (out / "check_pass_rates.png").stat().st_size > 1000
    gs = json.loads((out / "results" / "solution.json").read_text())
    assert gs["tests"][0]["name"] == "Public Tests" and gs["tests"][0]["visibility"] == "visible"
    assert all(t["visibility"] == "after_published" and t.get("output") for t in gs["tests"][1:])


def test_rerun_uses_the_cache(graded, suites, capsys, tmp_path):
    first, out, subs = graded
    results = grade_batch(subs[:3], suites[AID], out, jobs=1)
    assert [r.total for r in results] == [first[p.name].total for p in subs[:3]]
    assert "3 unchanged submission(s) taken from the cache" in capsys.readouterr().out
    (subs[2] / f"{AID}.py").write_text(
        (subs[0] / f"{AID}.py").read_text() + "\n# fixed\n"
    )  # the wrong answer is fixed
    again = grade_batch(subs[:3], suites[AID], out, jobs=1)
    assert (
        again[2].total == first["solution"].total
    )  # changed content is re-graded, not served from the cache
    assert "2 unchanged submission(s)" in capsys.readouterr().out


def test_without_namespaces_the_grader_still_runs_and_says_so(repo, suites, tmp_path):
    """Where the namespace sandbox is unavailable (not root), only limits apply; grading still
    works."""
    from autograder.grading.launcher import ChildLauncher
    from autograder.grading.protections import Protections
    from autograder.grading.submission import grade_directory

    weak = Protections(namespaces=False, drop_privileges=False)
    assert "NOT active here" in weak.describe() and "resource limits" in weak.describe()
    with ChildLauncher(protections=weak) as launcher:
        r = grade_directory(
            suites[AID],
            repo / "solutions" / AID,
            repo / "solutions" / AID,
            label="plain",
            launcher=launcher,
        )
    assert r.total == pytest.approx(sum(g.points for g in suites[AID].spec.groups))
