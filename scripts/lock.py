"""Regenerate ``requirements.txt``, the one lock for Python 3.10-3.13 on Linux, macOS and Windows.

    python scripts/lock.py            # re-resolve, keeping the current pins where they still fit
    python scripts/lock.py --upgrade  # re-resolve from scratch (newest versions)
    python scripts/lock.py --check    # exit 1 if requirements.txt is not what the resolver writes

The lock is ``uv pip compile --universal`` over ``pyproject.toml``'s dependencies (with the
``dev`` extra) against PyPI: one pin per package, or one per Python range where a package
dropped 3.10 (``numpy==2.2.6 ; python_full_version < '3.11'``), with platform markers.

torch stays ``torch==2.13.0`` and the lock holds the dependencies of its CPU build: PyPI's Linux
wheel also asks for the CUDA runtime (``nvidia-*``, ``cuda-*``, ``triton``; several GB), which
the CPU wheel from https://download.pytorch.org/whl/cpu does not, so those are excluded from the
resolution. Whoever installs the lock installs torch from the CPU index (``scripts/setup.sh``
does it first; the student, Otter and Gradescope files carry the index).

uv is taken from PATH, from this interpreter, or installed (``UV_VERSION``) in a throwaway venv.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"
UV_VERSION = "0.13.9"
PYTHON_MIN = "3.10"
# Requirements of PyPI's torch 2.13.0 on Linux that its CPU build does not have.
CUDA_ONLY = (
    "cuda-toolkit",
    "cuda-bindings",
    "nvidia-cudnn-cu13",
    "nvidia-cusparselt-cu13",
    "nvidia-nccl-cu13",
    "nvidia-nvshmem-cu13",
    "triton",
)
CUDA_NAME = re.compile(r"^(nvidia-|cuda-|triton\b)", re.IGNORECASE | re.MULTILINE)


def find_uv(tmp: Path) -> list[str]:
    """A command that runs uv: on PATH, ``python -m uv``, or freshly installed under ``tmp``."""
    if found := shutil.which("uv"):
        return [found]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    env_dir = tmp / "uv-venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", f"uv=={UV_VERSION}"], check=True)
    return [str(py), "-m", "uv"]


def compile_lock(out: Path, tmp: Path, *, upgrade: bool) -> None:
    """Resolve into ``out`` (an existing ``out`` gives the preferred versions)."""
    excludes = tmp / "cuda-only.txt"
    excludes.write_text("\n".join(CUDA_ONLY) + "\n")
    cmd = [
        *find_uv(tmp),
        "pip",
        "compile",
        "pyproject.toml",
        "--extra",
        "dev",
        "--universal",
        "--python-version",
        PYTHON_MIN,
        "--excludes",
        str(excludes),
        "--default-index",
        "https://pypi.org/simple",
        "--no-config",
        "--quiet",
        "--custom-compile-command",
        "python scripts/lock.py",
        "-o",
        str(out),
    ]
    if upgrade:
        cmd.append("--upgrade")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "PIP_"))}
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    text = out.read_text()
    if leaked := CUDA_NAME.findall(text):
        raise SystemExit(f"the lock pulls CUDA packages {sorted(set(leaked))}: extend CUDA_ONLY")
    if not re.search(r"^torch==2\.13\.0$", text, re.MULTILINE):
        raise SystemExit("the lock must pin torch==2.13.0 for every platform")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare, do not write")
    mode.add_argument("--upgrade", action="store_true", help="ignore the current pins")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="course-lock-") as name:
        tmp = Path(name)
        if not args.check:
            compile_lock(LOCK, tmp, upgrade=args.upgrade)
            print(f"wrote {LOCK.relative_to(ROOT)}")
            return 0
        fresh = tmp / "requirements.txt"
        shutil.copyfile(LOCK, fresh)
        compile_lock(fresh, tmp, upgrade=False)
        if filecmp.cmp(fresh, LOCK, shallow=False):
            print("requirements.txt is up to date")
            return 0
        print("requirements.txt differs from a fresh resolution: run python scripts/lock.py")
        return 1


if __name__ == "__main__":
    sys.exit(main())
