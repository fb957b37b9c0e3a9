"""``course build``: derive the student tree from the solutions, and write the distributables.

* ``assignments/<id>/`` is generated from ``solutions/<id>/``: solution regions in
  ``.py`` files and notebook code cells become stubs, notebook outputs are cleared,
  everything else is copied unchanged. ``--check`` compares instead of writing.
* the zips (:mod:`autograder.authoring.zips`, :mod:`autograder.authoring.gradescope`).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.authoring.gradescope import build_gradescope_zip
from autograder.authoring.regions import make_stub
from autograder.authoring.zips import build_autograder_zips, build_student_zip
from autograder.checks.suite import Spec, load_suite
from autograder.layout import REPO_ROOT, source_files
from autograder.manifest import Assignment, Course


def stub_notebook(text: str, filename: str) -> str:
    """The student version of a solution notebook: stubbed code cells, no outputs."""
    nb = nbformat.reads(text, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.source = make_stub(cell.source, f"{filename}[cell {i}]")
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nbformat.writes(nb) + "\n"


def generate_student_tree(solution_dir: Path) -> dict[str, bytes]:
    """Relative path → content of the student tree derived from ``solution_dir``."""
    out: dict[str, bytes] = {}
    for path in source_files(solution_dir):
        rel = path.relative_to(solution_dir).as_posix()
        where = f"solutions/{solution_dir.name}/{rel}"
        if path.suffix == ".py":
            out[rel] = make_stub(path.read_text(encoding="utf-8"), where).encode()
        elif path.suffix == ".ipynb":
            out[rel] = stub_notebook(path.read_text(encoding="utf-8"), where).encode()
        else:
            out[rel] = path.read_bytes()
    return out


def sync_student_tree(a: Assignment, *, check: bool, root: Path = REPO_ROOT) -> list[str]:
    """Write ``assignments/<id>/`` (or, with ``check``, list the files that differ)."""
    target = root / "assignments" / a.id
    wanted = generate_student_tree(root / "solutions" / a.id)
    present = (
        {p.relative_to(target).as_posix(): p for p in source_files(target)}
        if target.exists()
        else {}
    )
    differs = sorted(
        [
            f"assignments/{a.id}/{rel}"
            for rel, data in wanted.items()
            if rel not in present or present[rel].read_bytes() != data
        ]
        + [
            f"assignments/{a.id}/{rel} (not generated from solutions)"
            for rel in present
            if rel not in wanted
        ]
    )
    if not check:
        for rel in present:
            if rel not in wanted:
                present[rel].unlink()
        for rel, data in wanted.items():
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if not dest.exists() or dest.read_bytes() != data:
                dest.write_bytes(data)
    return differs


def build_course(
    course: Course,
    *,
    ids: list[str] | None = None,
    dist: Path | None = None,
    root: Path = REPO_ROOT,
    gradescope: bool = True,
) -> list[Path]:
    """Sync every student tree and write the zips of each assignment; return the zips written.

    Per assignment: the student release, the Otter autograder zip and (``gradescope``) the
    Gradescope zip that grades with ``course grade``.
    """
    dist = dist or root / "dist"
    chosen = [a for a in course.assignments if not ids or a.id in ids]
    suites = {}
    for a in chosen:
        sync_student_tree(a, check=False, root=root)
        suites[a.id] = load_suite(Spec.from_manifest(a))
    graders = build_autograder_zips(  # one otter process for all of them
        [(suites[a.id], dist / "autograder" / f"{a.id}-autograder.zip") for a in chosen], root
    )
    written = []
    for a, grader in zip(chosen, graders, strict=True):
        written.append(build_student_zip(suites[a.id], dist / "student" / f"{a.id}.zip", root))
        written.append(grader)
        if gradescope:
            written.append(
                build_gradescope_zip(a, dist / "gradescope" / f"{a.id}-gradescope.zip", root)
            )
    return written
