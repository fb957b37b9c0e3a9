"""A Gradescope autograder zip whose ``run_autograder`` uses ``course grade`` instead of Otter.

The zip carries a slice of this repository: the manifest, what ``course grade`` needs of
the ``autograder`` package for this assignment (:func:`autograder.layout.grader_files`: no
authoring tools, no mutant catalogues, which quote solution lines), the pristine given files
of the assignment, the lock (``requirements.txt``, Python 3.10-3.13) and a ``setup.sh`` that
installs it in a venv with torch from the CPU index (:data:`SETUP_SH`). ``run_autograder`` grades
``/autograder/submission`` with the sandboxing batch grader and copies the submission's
Gradescope ``results.json`` to ``/autograder/results/``. Paths can be moved with
``AUTOGRADER_ROOT`` (used by the tests to run it outside a container).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from autograder.authoring.zips import TORCH_CPU_INDEX, zip_write
from autograder.layout import PACKAGE_ROOT, REPO_ROOT, grader_files
from autograder.manifest import Assignment

SETUP_SH = f"""#!/usr/bin/env bash
# Gradescope image setup, for its Ubuntu 22.04 and 24.04 base images (system Python 3.10 / 3.12;
# the lock holds for 3.10-3.13). A venv, because 24.04's system pip is externally managed
# (PEP 668); torch 2.13.0 from the CPU index first (PyPI's Linux torch is the CUDA build, GBs
# more), then the lock, then the grader.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1
apt-get update -q
apt-get install -y -q --no-install-recommends \\
    python3 python3-venv ca-certificates util-linux libseccomp2
python3 -c 'import sys; assert (3, 10) <= sys.version_info[:2] <= (3, 13), sys.version'
cd "${{AUTOGRADER_ROOT:-/autograder}}/source"
VENV="${{AUTOGRADER_ROOT:-/autograder}}/venv"
TORCH_INDEX_URL="${{TORCH_INDEX_URL:-{TORCH_CPU_INDEX}}}"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q torch==2.13.0 --index-url "$TORCH_INDEX_URL"
"$VENV/bin/python" -m pip install -q -r requirements.txt
"$VENV/bin/python" -m pip install -q --no-deps -e .
"$VENV/bin/python" -c 'import sys, torch, autograder; print(sys.version, torch.__version__)'
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
