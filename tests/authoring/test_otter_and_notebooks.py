"""The student path end to end: release zip → notebook (export cell) → `otter run` with the
autograder zip.

The solution notebook must run clean (no errors) under nbclient; its export is graded
100% by Otter; the untouched stub's export scores 0; a known-wrong answer is in between.
"""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograder.authoring.build import build_course
from autograder.authoring.examples import export_submission, run_notebook
from autograder.authoring.mutants import materialize, mutants_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory, course):
    d = tmp_path_factory.mktemp("dist")
    build_course(course, dist=d)
    return d


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


@pytest.mark.parametrize("aid", _assignment_ids())
def test_student_path_through_otter(aid, course, dist, repo, tmp_path):
    """The reference's export scores full marks under ``otter run``, the stub's 0, a wrong
    answer's in between (the three tracks run two at a time: each is one kernel)."""
    a = course.assignment(aid)
    sol, stub = repo / "solutions" / aid, repo / "assignments" / aid
    student_zip = dist / "student" / f"{aid}.zip"
    ag = dist / "autograder" / f"{aid}-autograder.zip"
    m = mutants_for(aid)[0]
    tree = materialize(m, sol, tmp_path / "mutant")
    tracks = {
        "solution": (sol / f"{a.module}.py", sol / a.notebook, False),
        "stub": (stub / f"{a.module}.py", stub / a.notebook, True),
        "wrong": (tree / f"{a.module}.py", sol / a.notebook, True),
    }

    def track(name: str) -> tuple[float, float]:
        module, notebook, errors = tracks[name]
        zipped = export_submission(
            a, student_zip, module, notebook, tmp_path / f"{name}.zip", allow_errors=errors
        )
        return _otter_score(ag, zipped, tmp_path / f"otter-{name}")

    with ThreadPoolExecutor(max_workers=2) as pool:
        scores = dict(zip(tracks, pool.map(track, tracks)))
    earned, possible = scores["solution"]
    assert possible == pytest.approx(a.total_points) and earned == pytest.approx(possible)
    assert scores["stub"][0] == 0
    earned, possible = scores["wrong"]
    assert 0 < earned < possible, (m.name, earned)
    # Gradescope shows the same rows (names, visibility, points) on both paths.
    otter = json.loads((tmp_path / "otter-wrong" / "results.json").read_text())
    ours = _course_results(aid, tmp_path / "wrong.zip", tmp_path / "course-wrong")
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
