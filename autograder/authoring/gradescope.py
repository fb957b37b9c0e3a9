"""A Gradescope autograder zip whose ``run_autograder`` uses ``course grade`` instead of Otter.

The zip carries a slice of this repository: the manifest, what ``course grade`` needs of
the ``autograder`` package for this assignment (:func:`autograder.layout.grader_files`: no
authoring tools, no mutant catalogues, which quote solution lines), the pristine given files
of the assignment, the lock and a ``setup.sh``. ``run_autograder`` grades
``/autograder/submission`` with the sandboxing batch grader and copies the submission's
Gradescope ``results.json`` to ``/autograder/results/``. Paths can be moved with
``AUTOGRADER_ROOT`` (used by the tests to run it outside a container).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from autograder.authoring.zips import zip_write
from autograder.layout import PACKAGE_ROOT, REPO_ROOT, grader_files
from autograder.manifest import Assignment

SETUP_SH = """#!/usr/bin/env bash
# Gradescope image setup: Python 3.11, torch (CPU) first, then the pinned lock, then the grader.
set -euo pipefail
apt-get update -q && apt-get install -y -q python3-venv util-linux
cd /autograder/source
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install -q torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
/autograder/venv/bin/pip install -q -r requirements.txt
/autograder/venv/bin/pip install -q --no-deps -e .
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Grade /autograder/submission with `course grade` (sandboxed children, verdicts in this process).
set -uo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PY="${{COURSE_PYTHON:-$ROOT/venv/bin/python}}"
OUT="$(mktemp -d)"
mkdir -p "$ROOT/results"
cp -r "$ROOT/submission" "$OUT/submission"
cd "$ROOT/source"
"$PY" -m autograder.cli grade "$OUT/submission" --assignment {assignment} \\
    --out "$OUT/gradebook" --jobs 1 --force
if [ -f "$OUT/gradebook/results/submission.json" ]; then
    cp "$OUT/gradebook/results/submission.json" "$ROOT/results/results.json"
else
    WHY="the grader failed before writing results; see the autograder log"
    echo "{{\"score\": 0, \"output\": \"$WHY\", \"tests\": []}}" > "$ROOT/results/results.json"
fi
"""


def build_gradescope_zip(a: Assignment, dest: Path, root: Path = REPO_ROOT) -> Path:
    """Write ``dest`` (``dist/gradescope/<id>-gradescope.zip``) for assignment ``a``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w") as zf:
        for name in ("course.yml", "pyproject.toml", "requirements.txt", "README.md"):
            zip_write(zf, name, (root / name).read_bytes())
        for rel in grader_files(a.id):
            zip_write(zf, f"autograder/{rel}", (PACKAGE_ROOT / rel).read_bytes())
        for name in a.given_files:
            zip_write(
                zf, f"solutions/{a.id}/{name}", (root / "solutions" / a.id / name).read_bytes()
            )
        for name, text in (
            ("setup.sh", SETUP_SH),
            ("run_autograder", RUN_AUTOGRADER.format(assignment=a.id)),
        ):
            zip_write(zf, name, text.encode(), mode=0o755)
    return dest
