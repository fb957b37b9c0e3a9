"""The zips of one assignment: the student release and the Otter autograder zip.

* ``dist/student/<id>.zip``: stubs, notebook, the public Otter tests and the public half of
  the check code (``course_checks.zip``, :func:`autograder.layout.support_files`);
* ``dist/autograder/<id>-autograder.zip``: ``otter generate`` over every check group.

Zips are byte for byte reproducible (fixed timestamps, sorted members).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from autograder.authoring.otter_tests import SUPPORT_ZIP, write_test_files
from autograder.checks.suite import Spec, Suite
from autograder.layout import PACKAGE_ROOT, REPO_ROOT, source_files, support_files

ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def zip_write(zf: zipfile.ZipFile, arcname: str, data: bytes, mode: int = 0o644) -> None:
    """Add one member with a fixed date and ``mode``."""
    info = zipfile.ZipInfo(arcname, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = mode << 16
    zf.writestr(info, data)


def support_zip(suite: Suite, *, public: bool) -> bytes:
    """The check code shipped beside Otter tests, as one zip file Otter copies over any namesake."""
    spec = suite.spec
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel in support_files(spec.id, public=public):
            zip_write(zf, f"autograder/{rel}", (PACKAGE_ROOT / rel).read_bytes())
        public_groups = {c.group for c in suite.public_checks} if public else None
        zip_write(
            zf,
            f"autograder/checks/{spec.id}/spec.json",
            spec.to_json(public_only_groups=public_groups).encode(),
        )
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
                zip_write(zf, f"{spec.id}/{path.relative_to(base).as_posix()}", path.read_bytes())
            for t in tests:
                zip_write(zf, f"{spec.id}/tests/{t.name}", t.read_bytes())
            zip_write(zf, f"{spec.id}/{SUPPORT_ZIP}", support_zip(suite, public=True))
    return dest


def otter_config(spec: Spec) -> dict[str, object]:
    """``otter_config.json`` for the autograder zip (Otter seeds numpy and random; checks seed
    torch)."""
    return {
        "lang": "python",
        "seed": spec.seed,
        "pdf": False,
        "print_summary": True,
        "assignment_name": spec.id,
    }


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
            sys.executable,
            "-m",
            "otter",
            "generate",
            "-t",
            "tests",
            "-c",
            "otter_config.json",
            "-r",
            "requirements.txt",
            "--overwrite-requirements",
            "--no-environment",
            "--python-version",
            "3.11",
            "-o",
            str(dest.resolve()),
            SUPPORT_ZIP,
            *spec.given_files,
        ]
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(
                f"otter generate failed for {spec.id}:\n{proc.stdout}\n{proc.stderr}"
            )
    return dest
