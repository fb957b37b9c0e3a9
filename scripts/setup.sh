#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment in .venv from the pinned lock.
# torch is installed first and pinned to the CPU build (an unpinned torch pulls GBs of CUDA packages);
# then requirements.txt, the one lock for Python 3.10-3.13 on Linux, macOS and Windows (written by
# `python scripts/lock.py`; it holds the dependencies of the CPU torch, so it adds no CUDA).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
.venv/bin/python -m pip install -q torch==2.13.0
.venv/bin/python -m pip install -q -r requirements.txt
.venv/bin/python -m pip install -q --no-deps -e .
.venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
echo "environment ready: $(.venv/bin/python --version), torch $(.venv/bin/python -c 'import torch; print(torch.__version__)')"
