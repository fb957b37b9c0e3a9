"""The zips of one assignment: the student release and the Otter autograder zip.

* ``dist/student/<id>.zip``: stubs, notebook, the public Otter tests, the public half of
  the check code (``course_checks.zip``, :func:`autograder.layout.support_files`), the lock as
  ``requirements.txt`` with the CPU torch index, and a ``README.md`` saying how to install it;
* ``dist/autograder/<id>-autograder.zip``: ``otter generate`` over every check group; the pip
  section of its ``environment.yml`` is the lock with the CPU torch index.

The lock (``requirements.txt``, written by ``scripts/lock.py``) holds for Python 3.10-3.13 on
Linux, macOS and Windows and pins ``torch==2.13.0`` with the dependencies of its CPU build, so
whoever installs it must take torch from :data:`TORCH_CPU_INDEX` (PyPI's Linux torch is the CUDA
build, several GB more).

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
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# The Python of the Otter image (conda); the lock holds for 3.10-3.13.
OTTER_PYTHON = "3.11"


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


def cpu_requirements(root: Path = REPO_ROOT) -> str:
    """The lock with the CPU torch index first: pip then prefers ``torch==2.13.0+cpu`` (a local
    version sorts above ``2.13.0``) on Linux and Windows, and takes the rest from PyPI."""
    lock = (root / "requirements.txt").read_text(encoding="utf-8")
    return f"--extra-index-url {TORCH_CPU_INDEX}\n{lock}"


def student_readme(spec: Spec) -> str:
    """The release's ``README.md``: the exact commands to install the course and open the
    notebook."""
    return f"""# {spec.title}

Needs Python 3.10, 3.11, 3.12 or 3.13 on Linux (x86-64 or ARM64), macOS (Apple silicon, macOS 14
or later) or Windows (x86-64). `requirements.txt` installs the exact versions the autograder
uses, with the CPU build of PyTorch (no GPU needed, no CUDA download).

In this folder, once:

```
python -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -r requirements.txt
```

Then, each time (after `source .venv/bin/activate`, or `.venv\\Scripts\\activate` on Windows):

```
jupyter lab {spec.notebook}
```

Write your code in `{spec.module}.py`. The notebook runs the public checks (`grader.check(...)`)
and its export cell (`grader.export(...)`) writes the zip to submit.
"""


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
            zip_write(zf, f"{spec.id}/requirements.txt", cpu_requirements(root).encode())
            zip_write(zf, f"{spec.id}/README.md", student_readme(spec).encode())
    return dest


def otter_config(spec: Spec) -> dict[str, object]:
    """``otter_config.json`` for the autograder zip (Otter seeds numpy and random; checks seed
    torch). ``show_hidden``: hidden rows are shown after publication, with their messages, below
    the "Public Tests" summary: the rows ``course grade`` writes (``grading/gradebook.py``)."""
    return {
        "lang": "python",
        "seed": spec.seed,
        "pdf": False,
        "print_summary": True,
        "assignment_name": spec.id,
        "show_hidden": True,
        "force_public_test_summary": True,
    }


OTTER_GENERATE = """\
import json, os, sys
from otter.cli import cli
for job in json.load(sys.stdin):
    os.chdir(job["cwd"])
    cli.main(job["args"], prog_name="otter", standalone_mode=False)
"""
"""The child that runs ``otter generate`` once per job (its folder, its command-line arguments):
importing otter is most of the time of one ``python -m otter generate``, so a build pays it once."""


def build_autograder_zip(suite: Suite, dest: Path, root: Path = REPO_ROOT) -> Path:
    """``dist/autograder/<id>-autograder.zip`` via ``otter generate``."""
    return build_autograder_zips([(suite, dest)], root)[0]


def build_autograder_zips(items: list[tuple[Suite, Path]], root: Path = REPO_ROOT) -> list[Path]:
    """One autograder zip per ``(suite, dest)`` via ``otter generate`` with the same arguments as
    its command line, all run by one child process; returns the ``dest`` paths."""
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for i, (suite, dest) in enumerate(items):
            spec = suite.spec
            dest.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tmp) / f"{i}-{spec.id}"
            work.mkdir()
            write_test_files(suite, work / "tests", public_only=False)
            (work / SUPPORT_ZIP).write_bytes(support_zip(suite, public=False))
            for name in spec.given_files:
                shutil.copyfile(root / "solutions" / spec.id / name, work / name)
            (work / "otter_config.json").write_text(json.dumps(otter_config(spec), indent=2))
            (work / "requirements.txt").write_text(cpu_requirements(root), encoding="utf-8")
            args = [
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
                OTTER_PYTHON,
                "-o",
                str(dest.resolve()),
                SUPPORT_ZIP,
                *spec.given_files,
            ]
            jobs.append({"cwd": str(work), "args": args, "id": spec.id})
        proc = subprocess.run(
            [sys.executable, "-c", OTTER_GENERATE],
            input=json.dumps(jobs),
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            ids = ", ".join(j["id"] for j in jobs)
            raise RuntimeError(f"otter generate failed for {ids}:\n{proc.stdout}\n{proc.stderr}")
    return [dest for _, dest in items]
