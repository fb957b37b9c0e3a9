"""``course new ID`` adds a working skeleton that ``course build --check`` and ``course validate``
accept as it is, and refuses ids it cannot use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _copy_repo(repo: Path, dest: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "dist", "gradebook", "__pycache__", ".pytest_cache"
    )
    shutil.copytree(repo, dest, ignore=ignore)
    return dest


def _course(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "autograder.cli", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def scaffolded(repo, tmp_path_factory):
    root = _copy_repo(repo, tmp_path_factory.mktemp("course") / "repo")
    proc = _course(root, "new", "hinge_demo", "--title", "A hinge")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root, proc.stdout


def test_new_writes_every_piece(scaffolded):
    root, out = scaffolded
    for rel in (
        "solutions/hinge_demo/hinge_demo.py",
        "solutions/hinge_demo/hinge_demo.ipynb",
        "assignments/hinge_demo/hinge_demo.py",
        "autograder/checks/hinge_demo/probes.py",
        "autograder/checks/hinge_demo/public.py",
        "autograder/checks/hinge_demo/hidden.py",
        "autograder/checks/hinge_demo/mutants.py",
    ):
        assert (root / rel).is_file(), rel
        assert rel in out
    assert "- id: hinge_demo" in (root / "course.yml").read_text()
    assert "# The course manifest" in (root / "course.yml").read_text()  # comments kept
    stub = (root / "assignments/hinge_demo/hinge_demo.py").read_text()
    assert "# TODO(Task 6.1)" in stub and 'NotImplementedError("Task 6.1' in stub


def test_build_check_and_validate_accept_the_skeleton(scaffolded):
    root, _ = scaffolded
    check = _course(root, "build", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    valid = _course(root, "validate", "--assignment", "hinge_demo")
    assert valid.returncode == 0, valid.stdout[-3000:] + valid.stderr[-2000:]
    assert "mutation score: 2/2 killed" in valid.stdout and "validation passed" in valid.stdout


def test_the_skeleton_is_ruff_clean(scaffolded):
    root, _ = scaffolded
    ruff = Path(sys.executable).with_name("ruff")
    paths = ["autograder/checks/hinge_demo", "solutions/hinge_demo"]
    for cmd in ([str(ruff), "check", *paths], [str(ruff), "format", "--check", *paths]):
        proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("ident", "why"), [("Bad-Id", "must match"), ("relu_ops", "already has")])
def test_new_refuses_ids_it_cannot_use(repo, tmp_path, ident, why):
    root = _copy_repo(repo, tmp_path / "repo")
    before = (root / "course.yml").read_text()
    proc = _course(root, "new", ident)
    assert proc.returncode == 2 and why in proc.stderr and "Traceback" not in proc.stderr, (
        proc.stderr
    )
    assert (root / "course.yml").read_text() == before
