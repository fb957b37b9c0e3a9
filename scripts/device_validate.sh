#!/usr/bin/env bash
# The GPU run of `course validate`, prepared for one call of the device tool (see docs/platforms.md,
# "Checking on a GPU"). It writes everything a note needs under $OUT:
#   env.txt       python, torch, the GPU
#   pytest.log    the in-process test of the device mutants (each loses points on cuda)
#   validate.log  `course validate --device cuda`: every check table and kill matrix
#   summary.md    one row per assignment: reference, stub, mutants and device mutants killed,
#                 alternatives at full marks, device clauses left unchecked
#
# The device machine has python3 with torch, numpy, scikit-learn, pyyaml and rich, but not pydantic
# or pyseccomp: carry them as wheels in .whl/ (downloaded here by `bash scripts/device_wheels.sh`).
# Call: run(command="bash scripts/device_validate.sh", carry=[".whl"], timeout_s=600).
# Environment: PY (python3), DEVICE (cuda), JOBS (8), IDS (every assignment), LIMIT_S (480).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d)}
PY=${PY:-python3}
DEVICE=${DEVICE:-cuda}
JOBS=${JOBS:-8}
LIMIT_S=${LIMIT_S:-480}
export PYTHONUNBUFFERED=1
if compgen -G ".whl/*.whl" >/dev/null; then
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
        --target /tmp/course-site .whl/*.whl || exit 1
    export PYTHONPATH="/tmp/course-site:$PWD${PYTHONPATH:+:$PYTHONPATH}"
else
    export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
fi
{
    "$PY" - <<'EOF'
import platform
import torch
print("python", platform.python_version(), "torch", torch.__version__)
print("cuda available:", torch.cuda.is_available())
if torch.cuda.is_available():
    print("gpu:", torch.cuda.get_device_name(0))
print("validate grades the trusted trees in unsandboxed children (ChildLauncher())")
EOF
} 2>&1 | tee "$OUT/env.txt"
ids=()
for i in ${IDS:-}; do ids+=(--assignment "$i"); done
# The quick one first: each device mutant loses points on $DEVICE, judged in process.
timeout 120 "$PY" -m pytest -p no:cacheprovider -n 0 -q \
    tests/authoring/test_stubs_and_mutants.py -k device_mutant 2>&1 | tee "$OUT/pytest.log"
timeout "$LIMIT_S" "$PY" -m autograder.cli validate --device "$DEVICE" --jobs "$JOBS" \
    "${ids[@]}" --summary "$OUT/summary.md" 2>&1 | tee "$OUT/validate.log"
rc=${PIPESTATUS[0]}
cat "$OUT/summary.md" 2>/dev/null
echo "validate rc=$rc (124: stopped at LIMIT_S=$LIMIT_S s)"
exit "$rc"
