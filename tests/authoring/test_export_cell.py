"""The export cell: every notebook has the one definition, and exporting twice leaves one zip."""

from __future__ import annotations

import shutil
import warnings
import zipfile

import nbformat
import pytest

from autograder.authoring.export_cell import (
    export_cell_source,
    export_name,
    is_export_cell,
    submit_markdown,
)


def _export_cells(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and is_export_cell(c.source)]


def test_every_notebook_ends_with_the_export_cell(course, repo):
    for a in course.assignments:
        nb = nbformat.read(repo / "solutions" / a.id / a.notebook, as_version=4)
        assert _export_cells(nb) == [export_cell_source(a.id, list(a.student_files))], a.id
        assert is_export_cell(nb.cells[-1].source), f"{a.id}: the export cell is not the last"
        assert nb.cells[-2].source == submit_markdown(a.id, list(a.student_files)), a.id


def test_export_saves_names_the_zip_and_replaces_the_previous_one(
    course, repo, tmp_path, monkeypatch, capsys
):
    """Run the cell twice, as a student re-exporting would: one zip, named, holding the notebook
    and the module (outside a frontend there is nothing to save; the file is taken as it is)."""
    from otter import Notebook

    a = course.assignment("numerical_gradient")
    src = repo / "solutions" / a.id
    shutil.copy(src / a.notebook, tmp_path / a.notebook)
    for f in a.student_files:
        shutil.copy(src / f, tmp_path / f)
    (tmp_path / "tests").mkdir()
    monkeypatch.chdir(tmp_path)
    grader = Notebook(tests_dir="tests")
    cell = export_cell_source(a.id, list(a.student_files))
    for _ in range(2):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(cell, {"grader": grader})
    zips = sorted(p.name for p in tmp_path.glob("*.zip"))
    assert zips == [export_name(a.id)]
    assert capsys.readouterr().out.count(f"wrote {export_name(a.id)}") == 2
    with zipfile.ZipFile(tmp_path / zips[0]) as zf:
        names = set(zf.namelist())
    assert {a.notebook, *a.student_files} <= names


@pytest.mark.parametrize("files", [["x.py"], ["a.py", "b.py"]])
def test_export_cell_names_every_file(files):
    src = export_cell_source("x", files)
    assert all(f'"{f}"' in src for f in files) and 'export_path="x_submission.zip"' in src
    compile(src, "<export>", "exec")
