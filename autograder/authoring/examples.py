"""Example submissions made the way students make them: by running the notebook's export cell.

For each assignment: the reference (solution notebook + solution module), the
untouched stub (student notebook + stub module) and one known-wrong answer (the first
mutant, solution notebook + mutated module). Each is set up exactly like the student
release, executed with nbclient (errors allowed, as a student's half-done notebook
would be), and the zip written by ``grader.export`` is kept.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder.authoring.export_cell import export_name
from autograder.authoring.mutants import materialize, mutants_for
from autograder.authoring.regions import strip_markers
from autograder.layout import REPO_ROOT
from autograder.manifest import Assignment

NOTEBOOK_TIMEOUT_S = 600


def run_notebook(
    path: Path, *, allow_errors: bool, timeout: int = NOTEBOOK_TIMEOUT_S
) -> nbformat.NotebookNode:
    """Execute a notebook in its own folder with a fresh python3 kernel; return it executed."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def export_submission(
    a: Assignment,
    student_zip: Path,
    module_src: Path,
    notebook_src: Path,
    dest: Path,
    *,
    allow_errors: bool = True,
) -> Path:
    """Unpack the release, drop in a module and notebook, run the notebook, keep its export zip.

    With ``allow_errors=False`` any failing cell raises (the solution must run clean).
    """
    with tempfile.TemporaryDirectory(prefix="course-export-") as tmp:
        with zipfile.ZipFile(student_zip) as zf:
            zf.extractall(tmp)
        work = Path(tmp) / a.id
        (work / f"{a.module}.py").write_text(
            strip_markers(module_src.read_text(encoding="utf-8")), encoding="utf-8"
        )
        nb = nbformat.read(notebook_src, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                # Headless there is no frontend to save the notebook (Otter would wait 10 s for
                # one): the file on disk is what the export takes, as after File > Save.
                cell.source = strip_markers(cell.source).replace(
                    "force_save=True", "force_save=False"
                )
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, work / a.notebook)
        run_notebook(work / a.notebook, allow_errors=allow_errors)
        written = work / export_name(a.id)
        if not written.is_file():
            raise RuntimeError(f"{a.id}: the export cell wrote no {written.name} in {work}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written, dest)
    return dest


def make_examples(a: Assignment, dist: Path, root: Path = REPO_ROOT) -> list[Path]:
    """Write ``dist/examples/<id>/{solution,stub,wrong-<mutant>}.zip``; return their paths."""
    student_zip = dist / "student" / f"{a.id}.zip"
    out = dist / "examples" / a.id
    sol = root / "solutions" / a.id
    stub = root / "assignments" / a.id
    made = [
        export_submission(
            a,
            student_zip,
            sol / f"{a.module}.py",
            sol / a.notebook,
            out / "solution.zip",
            allow_errors=False,
        ),
        export_submission(
            a, student_zip, stub / f"{a.module}.py", stub / a.notebook, out / "stub.zip"
        ),
    ]
    mutants = mutants_for(a.id)
    if mutants:
        m = mutants[0]
        with tempfile.TemporaryDirectory() as tmp:
            mdir = materialize(m, sol, Path(tmp) / m.name)
            made.append(
                export_submission(
                    a,
                    student_zip,
                    mdir / f"{a.module}.py",
                    sol / a.notebook,
                    out / f"wrong-{m.name}.zip",
                )
            )
    return made
