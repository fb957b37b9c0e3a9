#!/usr/bin/env bash
# Download, here, the wheels that `scripts/device_validate.sh` installs on the device machine
# (Python 3.12 there; its image already has torch, numpy, scikit-learn, pyyaml and rich). They go
# to .whl/, which .git/info/exclude must ignore so that they travel only when `carry` names them.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo '/.whl/' >>.git/info/exclude
pin() { grep -iE "^$1==" requirements.txt | head -1 | cut -d' ' -f1; }
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
    --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux2014_x86_64 -d .whl \
    "$(pin pydantic)" "$(pin pydantic-core)" "$(pin annotated-types)" \
    "$(pin typing-inspection)" "$(pin typing-extensions)" "$(pin pyseccomp)"
ls .whl
