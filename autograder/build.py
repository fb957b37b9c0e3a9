"""``course build``: derive the student tree from the solutions, and write the distributables.

* ``assignments/<id>/`` is generated from ``solutions/<id>/``: solution regions in
  ``.py`` files and notebook code cells become stubs, notebook outputs are cleared,
  everything else is copied unchanged. ``--check`` compares instead of writing.
* ``dist/student/<id>.zip``: the student release (stubs, notebook, public Otter tests,
  the public half of the check code).
* ``dist/autograder/<id>-autograder.zip``: ``otter generate`` over every check group.
"""

from __future__ import annotations

import importlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat

from autograder.checks.suite import Spec, Suite, load_suite
from autograder.manifest import REPO_ROOT, Assignment, Course
from autograder.otter_tests import SUPPORT_ZIP, write_test_files
from autograder.regions import make_stub

SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo"}
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
SUPPORT_CORE = (
    "__init__.py", "checks/__init__.py", "checks/core.py", "checks/plaindata.py", "checks/suite.py",
    "checks/judging.py", "checks/otter_entry.py",
)  # fmt: skip


def source_files(directory: Path) -> list[Path]:
    """Files of a tree that belong in builds (no caches, no compiled files), sorted."""
    return sorted(
        p for p in directory.rglob("*")
        if p.is_file() and not (set(p.relative_to(directory).parts) & SKIP_PARTS) and p.suffix not in SKIP_SUFFIXES
    )  # fmt: skip


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
    present = {p.relative_to(target).as_posix(): p for p in source_files(target)} if target.exists() else {}
    differs = sorted(
        [f"assignments/{a.id}/{rel}" for rel, data in wanted.items() if rel not in present or present[rel].read_bytes() != data]
        + [f"assignments/{a.id}/{rel} (not generated from solutions)" for rel in present if rel not in wanted]
    )  # fmt: skip
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


def _zip_write(zf: zipfile.ZipFile, arcname: str, data: bytes) -> None:
    info = zipfile.ZipInfo(arcname, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def support_zip(suite: Suite, *, public: bool) -> bytes:
    """The check code shipped beside Otter tests, as one zip file Otter copies over any namesake."""
    spec = suite.spec
    pkg = importlib.import_module(f"autograder.checks.{spec.id}")
    folder = REPO_ROOT / "autograder" / "checks" / spec.id
    names = pkg.PUBLIC_FILES if public else tuple(p.name for p in source_files(folder) if p.name not in ("mutants.py", "calibrate.py"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel in SUPPORT_CORE:
            _zip_write(zf, f"autograder/{rel}", (REPO_ROOT / "autograder" / rel).read_bytes())
        for name in sorted(names):
            _zip_write(zf, f"autograder/checks/{spec.id}/{name}", (folder / name).read_bytes())
        public_groups = {c.group for c in suite.public_checks} if public else None
        _zip_write(zf, f"autograder/checks/{spec.id}/spec.json", spec.to_json(public_only_groups=public_groups).encode())
    return buf.getvalue()


def build_student_zip(suite: Suite, dest: Path, root: Path = REPO_ROOT) -> Path:
    """``dist/student/<id>.zip``: stubs, notebook, public tests and public check code."""
    spec = suite.spec
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tests = write_test_files(suite, Path(tmp) / "tests", public_only=True)
        with zipfile.ZipFile(dest, "w") as zf:
            base = root / "assignments" / spec.id
            for path in source_files(base):
                _zip_write(zf, f"{spec.id}/{path.relative_to(base).as_posix()}", path.read_bytes())
            for t in tests:
                _zip_write(zf, f"{spec.id}/tests/{t.name}", t.read_bytes())
            _zip_write(zf, f"{spec.id}/{SUPPORT_ZIP}", support_zip(suite, public=True))
    return dest


def otter_config(spec: Spec) -> dict[str, object]:
    """``otter_config.json`` for the autograder zip (Otter seeds numpy and random; checks seed torch)."""
    return {"lang": "python", "seed": spec.seed, "pdf": False, "print_summary": True, "assignment_name": spec.id}


def build_autograder_zip(suite: Suite, dest: Path, root: Path = REPO_ROOT) -> Path:
    """``dist/autograder/<id>-autograder.zip`` via ``otter generate``."""
    spec = suite.spec
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_test_files(suite, work / "tests", public_only=False)
        (work / SUPPORT_ZIP).write_bytes(support_zip(suite, public=False))
        for name in spec.given_files:
            shutil.copyfile(root / "solutions" / spec.id / name, work / name)
        (work / "otter_config.json").write_text(json.dumps(otter_config(spec), indent=2))
        shutil.copyfile(root / "requirements.txt", work / "requirements.txt")
        cmd = [
            sys.executable, "-m", "otter", "generate", "-t", "tests", "-c", "otter_config.json",
            "-r", "requirements.txt", "--overwrite-requirements", "--no-environment", "--python-version", "3.11",
            "-o", str(dest.resolve()), SUPPORT_ZIP, *spec.given_files,
        ]  # fmt: skip
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"otter generate failed for {spec.id}:\n{proc.stdout}\n{proc.stderr}")
    return dest


def build_course(
    course: Course, *, ids: list[str] | None = None, dist: Path | None = None, root: Path = REPO_ROOT, gradescope: bool = True
) -> list[Path]:
    """Sync every student tree and write the zips of each assignment; return the zips written.

    Per assignment: the student release, the Otter autograder zip and (``gradescope``) the
    Gradescope zip that grades with ``course grade``.
    """
    dist = dist or root / "dist"
    written = []
    for a in course.assignments:
        if ids and a.id not in ids:
            continue
        sync_student_tree(a, check=False, root=root)
        suite = load_suite(Spec.from_manifest(a))
        written.append(build_student_zip(suite, dist / "student" / f"{a.id}.zip", root))
        written.append(build_autograder_zip(suite, dist / "autograder" / f"{a.id}-autograder.zip", root))
        if gradescope:
            from autograder.gradescope import build_gradescope_zip

            written.append(build_gradescope_zip(a, dist / "gradescope" / f"{a.id}-gradescope.zip", root))
    return written
