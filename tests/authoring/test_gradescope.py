"""The Gradescope zip: its run_autograder grades /autograder/submission with `course grade`."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from autograder.authoring.gradescope import build_gradescope_zip

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("variant", ["solution", "stub"])
def test_run_autograder_writes_results_json(variant, course, repo, tmp_path):
    a = course.assignments[0]
    zpath = build_gradescope_zip(a, tmp_path / "gs.zip")
    with zipfile.ZipFile(zpath) as zf:
        names = zf.namelist()
        assert "run_autograder" in names and "setup.sh" in names
        assert f"solutions/{a.id}/{a.module}.py" not in names and not [
            n for n in names if n.endswith("mutants.py")
        ]
        zf.extractall(tmp_path / "ag" / "source")
    sub = tmp_path / "ag" / "submission"
    sub.mkdir()
    src = repo / ("solutions" if variant == "solution" else "assignments") / a.id
    shutil.copyfile(src / f"{a.module}.py", sub / f"{a.module}.py")
    shutil.copyfile(src / a.notebook, sub / a.notebook)
    env = {
        **os.environ,
        "AUTOGRADER_ROOT": str(tmp_path / "ag"),
        "COURSE_PYTHON": sys.executable,
        "PYTHONPATH": "",
    }
    proc = subprocess.run(
        ["bash", str(tmp_path / "ag" / "source" / "run_autograder")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads((tmp_path / "ag" / "results" / "results.json").read_text())
    assert results["score"] == (a.total_points if variant == "solution" else 0), results
    assert sum(t.get("max_score", 0) for t in results["tests"]) == pytest.approx(a.total_points)
    assert [t["name"] for t in results["tests"]] == ["Public Tests", *(g.name for g in a.groups)]
