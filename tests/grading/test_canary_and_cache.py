"""Every batch proves itself on a canary, and a cached result is reused only from this exact
grader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.authoring.mutants import materialize, mutants_for
from autograder.grading import cache
from autograder.grading.batch import CanaryFailed, grade_batch
from autograder.grading.cache import grader_fingerprint
from autograder.grading.launcher import ChildLauncher
from autograder.grading.protections import Protections
from autograder.grading.submission import grade_directory

AID = "relu_ops"


def _root_with_reference(tmp: Path, repo: Path, reference: Path | None) -> Path:
    """A course root whose solutions/<id> holds the given files and, optionally, ``reference`` as
    the solution."""
    root = tmp / "root"
    sol = root / "solutions" / AID
    sol.mkdir(parents=True)
    for name in ("scalar_graph.py",):
        shutil.copyfile(repo / "solutions" / AID / name, sol / name)
    if reference is not None:
        shutil.copyfile(reference / f"{AID}.py", sol / f"{AID}.py")
    return root


def _submission(tmp: Path, repo: Path) -> Path:
    d = tmp / "alice"
    d.mkdir()
    shutil.copyfile(repo / "solutions" / AID / f"{AID}.py", d / f"{AID}.py")
    return d


def test_a_reference_below_full_marks_stops_the_batch_naming_the_checks(repo, suites, tmp_path):
    wrong = materialize(mutants_for(AID)[0], repo / "solutions" / AID, tmp_path / "wrong")
    root = _root_with_reference(tmp_path, repo, wrong)
    out = tmp_path / "out"
    with ChildLauncher() as launcher, pytest.raises(CanaryFailed) as err:
        grade_batch([_submission(tmp_path, repo)], suites[AID], out, launcher=launcher, root=root)
    text = str(err.value)
    assert "the reference scores" in text and "on this machine" in text and "not grading" in text
    failing = [
        o.name
        for o in grade_directory(suites[AID], wrong, root / "solutions" / AID, label="w").outcomes
        if not o.passed
    ]
    assert failing and all(name in text for name in failing[:2])
    assert not (out / "final_grades.csv").exists()


def test_no_canary_grades_anyway_and_a_good_reference_passes(repo, suites, tmp_path, capsys):
    wrong = materialize(mutants_for(AID)[0], repo / "solutions" / AID, tmp_path / "wrong")
    root = _root_with_reference(tmp_path, repo, wrong)
    sub = _submission(tmp_path, repo)
    with ChildLauncher() as launcher:
        r = grade_batch(
            [sub], suites[AID], tmp_path / "out", launcher=launcher, root=root, canary=False
        )
        assert r[0].total == r[0].possible
        grade_batch([sub], suites[AID], tmp_path / "out2", launcher=launcher, force=True)
    assert "canary: the reference scores 10/10 on this machine" in capsys.readouterr().out


def test_without_a_reference_the_canary_says_it_did_not_run(repo, suites, tmp_path, capsys):
    """A Gradescope zip ships only the given files: no canary, and the log says so."""
    root = _root_with_reference(tmp_path, repo, None)
    with ChildLauncher() as launcher:
        r = grade_batch(
            [_submission(tmp_path, repo)],
            suites[AID],
            tmp_path / "out",
            launcher=launcher,
            root=root,
        )
    assert r[0].total == r[0].possible
    assert "canary: no reference solution on this machine" in capsys.readouterr().out


def test_the_cache_key_covers_the_grader_code_versions_and_protections(
    repo, suites, tmp_path, monkeypatch
):
    suite = suites[AID]
    package = tmp_path / "autograder"
    shutil.copytree(repo / "autograder", package, ignore=shutil.ignore_patterns("__pycache__"))
    plain, boxed = (
        ChildLauncher(),
        ChildLauncher(protections=Protections(namespaces=False, drop_privileges=False)),
    )
    try:
        base = grader_fingerprint(suite, "cpu", plain, repo, package)
        assert grader_fingerprint(suite, "cpu", plain, repo, package) == base
        assert grader_fingerprint(suite, "cuda", plain, repo, package) != base
        assert grader_fingerprint(suite, "cpu", boxed, repo, package) != base
        judges = package / "checks" / AID / "hidden.py"
        judges.write_text(judges.read_text() + "\n# a one-line change in a judge\n")
        assert grader_fingerprint(suite, "cpu", plain, repo, package) != base
        judges.write_text(judges.read_text().replace("\n# a one-line change in a judge\n", ""))
        assert grader_fingerprint(suite, "cpu", plain, repo, package) == base
        import importlib.metadata as md

        real = md.version
        monkeypatch.setattr(md, "version", lambda d: "9.9" if d == "torch" else real(d))
        assert grader_fingerprint(suite, "cpu", plain, repo, package) != base
        monkeypatch.setattr(cache, "CACHE_VERSION", "old")
        monkeypatch.setattr(md, "version", real)
        assert grader_fingerprint(suite, "cpu", plain, repo, package) != base
    finally:
        plain.close()
        boxed.close()


def test_a_result_cached_by_another_grader_is_not_reused(
    repo, suites, tmp_path, monkeypatch, capsys
):
    sub = _submission(tmp_path, repo)
    out = tmp_path / "out"
    with ChildLauncher() as launcher:
        grade_batch([sub], suites[AID], out, launcher=launcher, canary=False)
        grade_batch([sub], suites[AID], out, launcher=launcher, canary=False)
        assert "1 unchanged submission(s) taken from the cache" in capsys.readouterr().out
        monkeypatch.setattr(cache, "grader_fingerprint", lambda *a, **k: "another grader")
        grade_batch([sub], suites[AID], out, launcher=launcher, canary=False)
    assert "taken from the cache" not in capsys.readouterr().out
