"""The student path end to end: release zip → notebook (export cell) → `otter run` with the
autograder zip.

Every solution notebook must run clean (no errors) under nbclient and its export is graded 100%
by Otter; for one assignment the untouched stub's export scores 0 and a known-wrong answer's is in
between; every stub notebook runs to the end with errors that name the tasks.
"""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograder.authoring.examples import export_submission, run_notebook
from autograder.authoring.mutants import materialize, mutants_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(built_course):
    return built_course[0]


def _otter_score(autograder_zip: Path, submission: Path, out: Path) -> tuple[float, float]:
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "otter",
            "run",
            "-a",
            str(autograder_zip),
            "-o",
            str(out),
            "--no-logo",
            str(submission),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return _scores(json.loads((out / "results.json").read_text()))


def _scores(results: dict) -> tuple[float, float]:
    scored = [t for t in results["tests"] if "max_score" in t]
    return sum(t["score"] for t in scored), sum(t["max_score"] for t in scored)


def _rows(results: dict) -> list[tuple]:
    """What Gradescope shows: each row's name, visibility and points."""
    return [
        (t["name"], t["visibility"], t.get("score"), t.get("max_score")) for t in results["tests"]
    ]


def _course_results(aid: str, submission: Path, out: Path) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder.cli",
            "grade",
            "--assignment",
            aid,
            "--out",
            str(out),
            "--no-canary",
            "--jobs",
            "1",
            str(submission),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (path,) = (out / "results").glob("*.json")
    return json.loads(path.read_text())


def _assignment_ids():
    from autograder.manifest import load_manifest

    return load_manifest().ids


def _track(aid, course, dist, tmp_path, module: Path, notebook: Path, name: str, errors: bool):
    """One student's path: the release zip with ``module`` and ``notebook`` in it, the notebook
    run and exported by its export cell, the export graded by ``otter run``."""
    a = course.assignment(aid)
    zipped = export_submission(
        a,
        dist / "student" / f"{aid}.zip",
        module,
        notebook,
        tmp_path / f"{name}.zip",
        allow_errors=errors,
    )
    ag = dist / "autograder" / f"{aid}-autograder.zip"
    return _otter_score(ag, zipped, tmp_path / f"otter-{name}")


@pytest.mark.parametrize("aid", _assignment_ids())
def test_the_references_export_scores_full_marks_under_otter(aid, course, dist, repo, tmp_path):
    """The reference's notebook runs clean, its export scores full marks under ``otter run``, and
    ``course grade`` shows the same Gradescope rows (names, visibility, points) for it."""
    a = course.assignment(aid)
    sol = repo / "solutions" / aid
    earned, possible = _track(
        aid, course, dist, tmp_path, sol / f"{a.module}.py", sol / a.notebook, "solution", False
    )
    assert possible == pytest.approx(a.total_points) and earned == pytest.approx(possible)
    otter = json.loads((tmp_path / "otter-solution" / "results.json").read_text())
    ours = _course_results(aid, tmp_path / "solution.zip", tmp_path / "course-solution")
    assert _rows(ours) == _rows(otter)


ONE = "numerical_gradient"
"""The assignment whose stub and wrong answer also go the whole Otter path (one is enough: every
assignment's stub and mutants are judged by the same check definitions in
``test_stubs_and_mutants.py``, and each export path above is the reference's)."""


def test_otter_scores_the_stub_zero_and_a_wrong_answer_between(course, dist, repo, tmp_path):
    """The untouched stub's export scores 0 under ``otter run``, a known-wrong answer's in between,
    with the same rows and an output on every row from ``course grade`` (the two tracks run two at
    a time: each is one kernel)."""
    a = course.assignment(ONE)
    sol, stub = repo / "solutions" / ONE, repo / "assignments" / ONE
    m = mutants_for(ONE)[0]
    tree = materialize(m, sol, tmp_path / "mutant")
    tracks = {
        "stub": (stub / f"{a.module}.py", stub / a.notebook),
        "wrong": (tree / f"{a.module}.py", sol / a.notebook),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        scores = dict(
            zip(
                tracks,
                pool.map(
                    lambda n: _track(ONE, course, dist, tmp_path, *tracks[n], n, True), tracks
                ),
            )
        )
    assert scores["stub"][0] == 0
    earned, possible = scores["wrong"]
    assert 0 < earned < possible, (m.name, earned)
    otter = json.loads((tmp_path / "otter-wrong" / "results.json").read_text())
    ours = _course_results(ONE, tmp_path / "wrong.zip", tmp_path / "course-wrong")
    assert _rows(ours) == _rows(otter)
    assert all(t["output"] for t in ours["tests"])


@pytest.mark.parametrize("aid", _assignment_ids())
def test_stub_notebook_shows_the_task_errors(aid, course, dist, tmp_path):
    """The student's notebook, untouched, runs to the end and its errors name the tasks."""
    import zipfile

    a = course.assignment(aid)
    with zipfile.ZipFile(dist / "student" / f"{aid}.zip") as zf:
        zf.extractall(tmp_path)
    nb = run_notebook(tmp_path / aid / a.notebook, allow_errors=True)
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert errors, "the stub notebook should fail somewhere"
    text = nbformat.writes(nb)
    assert "NotImplementedError" in text and "Task " in text
