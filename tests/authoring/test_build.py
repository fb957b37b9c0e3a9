"""course build: stubs derived from solutions, --check, and what the zips may (not) contain."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.authoring.build import sync_student_tree
from autograder.authoring.regions import find_regions
from autograder.manifest import load_manifest


def test_assignments_match_solutions(course):
    for a in course.assignments:
        assert sync_student_tree(a, check=True) == [], a.id


def test_check_fails_after_a_region_is_edited(repo, tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(
        repo,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "dist", "gradebook", "__pycache__"),
    )
    course = load_manifest(copy / "course.yml")
    a = course.assignments[0]
    mod = copy / "solutions" / a.id / f"{a.module}.py"
    text = mod.read_text()
    region = find_regions(text)[0]
    lines = text.splitlines(keepends=True)
    lines.insert(region.start, "    # an edit to the solution\n")
    mod.write_text("".join(lines))
    assert (
        sync_student_tree(a, check=True, root=copy) == []
    )  # regions are hidden from students: stub unchanged
    lines.insert(region.end + 2, "ADDED_GIVEN_CONSTANT = 1\n")
    mod.write_text("".join(lines))
    assert sync_student_tree(a, check=True, root=copy) == [f"assignments/{a.id}/{a.module}.py"]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder.cli",
            "--manifest",
            str(copy / "course.yml"),
            "build",
            "--check",
        ],
        capture_output=True,
        text=True,
        cwd=copy,
    )
    assert proc.returncode == 1 and f"assignments/{a.id}/{a.module}.py" in proc.stdout, (
        proc.stdout + proc.stderr
    )


def test_cli_build_check_on_repo(repo):
    proc = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "build", "--check"],
        capture_output=True,
        text=True,
        cwd=repo,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _region_bodies(repo: Path, course) -> list[tuple[str, str]]:
    """Distinctive solution lines: long code lines of solution regions that the given code does not
    also contain."""
    bodies = []
    for a in course.assignments:
        for f in (repo / "solutions" / a.id).glob("*.py"):
            given = (repo / "assignments" / a.id / f.name).read_text()
            for r in find_regions(f.read_text()):
                code = [
                    ln.strip() for ln in r.body if ln.strip() and not ln.strip().startswith("#")
                ]
                bodies += [
                    (f"{a.id}:{r.task}", ln) for ln in code if len(ln) > 25 and ln not in given
                ]
    return bodies


@pytest.fixture(scope="module")
def built(built_course):
    return built_course


def test_student_zip_has_no_solutions_hidden_checks_or_junk(built, repo, course):
    dist, _ = built
    secrets = _region_bodies(repo, course)
    assert secrets
    for a in course.assignments:
        with zipfile.ZipFile(dist / "student" / f"{a.id}.zip") as zf:
            names = zf.namelist()
            assert f"{a.id}/{a.module}.py" in names and f"{a.id}/{a.notebook}" in names
            assert not [
                n
                for n in names
                if "__pycache__" in n or n.endswith((".pyc", ".zip~")) or "checkpoint" in n
            ]
            with zipfile.ZipFile(zf.open(f"{a.id}/course_checks.zip")) as support:
                inner = support.namelist()
                assert not [
                    n
                    for n in inner
                    if n.endswith(("hidden.py", "reference.py", "mutants.py", "_judges.py"))
                ], inner
                texts = {n: support.read(n).decode() for n in inner}
            texts.update(
                {n: zf.read(n).decode("utf-8", "replace") for n in names if not n.endswith(".zip")}
            )
        for where, line in secrets:
            if where.startswith(a.id):
                leaks = [n for n, t in texts.items() if line in t]
                assert not leaks, f"solution line {line!r} ({where}) leaks into {leaks}"


def test_autograder_zip_layout(built, course):
    dist, _ = built
    for a in course.assignments:
        with zipfile.ZipFile(dist / "autograder" / f"{a.id}-autograder.zip") as zf:
            names = zf.namelist()
            assert "otter_config.json" in names and "environment.yml" in names
            assert "files/course_checks.zip" in names
            assert not [n for n in names if n.endswith(f"{a.module}.py")], (
                "a module named like the student's would overwrite it"
            )
            assert {f"tests/{g.name}.py" for g in a.groups} <= set(names)
            env = zf.read("environment.yml").decode()
            assert "torch==2.13.0" in env and "otter-grader==7.0.0" in env


def test_student_zip_is_byte_for_byte_reproducible(built, course, tmp_path):
    """Two builds give identical release zips (fixed timestamps, sorted files, stable notebook
    ids)."""
    from autograder.authoring.build import build_student_zip
    from autograder.checks.suite import Spec, load_suite

    dist, _ = built
    for a in course.assignments:
        again = build_student_zip(load_suite(Spec.from_manifest(a)), tmp_path / f"{a.id}.zip")
        assert again.read_bytes() == (dist / "student" / f"{a.id}.zip").read_bytes(), a.id
