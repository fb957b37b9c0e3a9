"""The one lock resolves for every supported Python and platform, and every zip installs it with
CPU torch.

The resolution test asks the index (PyPI) without installing anything: for each Python in
3.10-3.13 and each of Linux x86-64, macOS arm64 and Windows x86-64 it runs ``uv pip install
--dry-run --only-binary :all: --target T -r requirements.txt``. uv, not pip, because uv evaluates
the lock's markers for the *target* (pip evaluates them for the interpreter running it) and reads
wheel metadata with range requests (pip downloads whole wheels when the index omits PEP 658
metadata, several GB of torch here). It also checks that the lock is closed: nothing is added
beyond the pins except PyPI torch's CUDA runtime, which the CPU wheel does not have. It skips,
saying why, only when PyPI cannot be reached.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from autograder.authoring.gradescope import SETUP_SH, build_gradescope_zip
from autograder.authoring.zips import (
    TORCH_CPU_INDEX,
    build_autograder_zip,
    build_student_zip,
    student_readme,
)
from autograder.checks.suite import Spec, load_suite
from autograder.layout import REPO_ROOT

LOCK = REPO_ROOT / "requirements.txt"
PYPI = "https://pypi.org/simple"
# Patch releases as shipped by Ubuntu 22.04, this repo's venv, Ubuntu 24.04 and Debian 13.
PYTHONS = ("3.10.12", "3.11.7", "3.12.3", "3.13.5")
PLATFORMS = {
    "linux": ("x86_64-manylinux_2_35", "linux", "Linux", "posix", "x86_64"),
    "macos": ("aarch64-apple-darwin", "darwin", "Darwin", "posix", "arm64"),
    "windows": ("x86_64-pc-windows-msvc", "win32", "Windows", "nt", "AMD64"),
}
CUDA_ONLY = re.compile(r"^(nvidia-|cuda-|triton$)")


def _reachable(url: str) -> str | None:
    """None if ``url`` answers, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            resp.read(1)
        return None
    except OSError as err:
        return f"{type(err).__name__}: {err}"


def _uv() -> list[str]:
    if subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True).returncode:
        if found := shutil.which("uv"):
            return [found]
        pytest.skip("uv is not installed (it is in the lock's dev extra: run scripts/setup.sh)")
    return [sys.executable, "-m", "uv"]


def _pins(python: str, platform: str) -> dict[str, str]:
    """The lock's pins whose markers hold for ``python`` on ``platform``."""
    _, sys_platform, system, os_name, machine = PLATFORMS[platform]
    env = {
        "python_version": ".".join(python.split(".")[:2]),
        "python_full_version": python,
        "sys_platform": sys_platform,
        "platform_system": system,
        "os_name": os_name,
        "platform_machine": machine,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    pins = {}
    for line in LOCK.read_text().splitlines():
        if not line or line.startswith((" ", "#", "-")):
            continue
        spec, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate(env):
            continue
        req = Requirement(spec)
        assert canonicalize_name(req.name) not in pins, f"{req.name} pinned twice for {env}"
        pins[canonicalize_name(req.name)] = str(req.specifier).removeprefix("==")
    return pins


def _dry_run(python: str, platform: str, tmp: str) -> tuple[int, str]:
    cmd = [
        *_uv(),
        "pip",
        "install",
        "--no-config",
        "--dry-run",
        "--python-version",
        python,
        "--python-platform",
        PLATFORMS[platform][0],
        "--only-binary",
        ":all:",
        "--target",
        f"{tmp}/{python}-{platform}",
        "--index-url",
        PYPI,
        "-r",
        str(LOCK),
    ]
    # torch 2.13.0's macOS wheels are macosx_14_0_arm64.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "PIP_"))}
    env["MACOSX_DEPLOYMENT_TARGET"] = "14.0"
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def test_lock_pins_cpu_torch_everywhere_and_seccomp_on_linux():
    for python in PYTHONS:
        for platform in PLATFORMS:
            pins = _pins(python, platform)
            assert pins["torch"] == "2.13.0", (python, platform)
            assert ("pyseccomp" in pins) == (platform == "linux"), (python, platform)
            assert "jupyterlab" in pins and "otter-grader" in pins
            assert not [n for n in pins if CUDA_ONLY.match(n)], (python, platform)


def test_lock_resolves_for_every_python_and_platform(tmp_path):
    if why := _reachable(f"{PYPI}/pip/"):
        pytest.skip(f"PyPI ({PYPI}) cannot be reached from here, so nothing can be resolved: {why}")
    targets = [(py, plat) for py in PYTHONS for plat in PLATFORMS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda t: _dry_run(*t, str(tmp_path)), targets))
    failures = []
    for (python, platform), (rc, out) in zip(targets, results):
        if rc != 0:
            failures.append(f"{python} {platform}: uv exited {rc}\n{out[-1500:]}")
            continue
        chosen = dict(re.findall(r"^ \+ (\S+)==(\S+)$", out, re.MULTILINE))
        chosen = {canonicalize_name(k): v for k, v in chosen.items()}
        pins = _pins(python, platform)
        extra = sorted(n for n in set(chosen) - set(pins) if not CUDA_ONLY.match(n))
        missing = sorted(set(pins) - set(chosen))
        moved = sorted(n for n in pins if n in chosen and chosen[n] != pins[n])
        if extra or missing or moved:
            failures.append(
                f"{python} {platform}: unpinned {extra}, unused {missing}, moved {moved}"
            )
    assert not failures, "\n".join(failures)


def test_cpu_index_has_torch_for_every_python():
    if why := _reachable(f"{TORCH_CPU_INDEX}/torch/"):
        pytest.skip(f"the CPU torch index ({TORCH_CPU_INDEX}) cannot be reached from here: {why}")
    with urllib.request.urlopen(f"{TORCH_CPU_INDEX}/torch/", timeout=30) as resp:
        page = resp.read().decode()
    for python in PYTHONS:
        tag = "cp" + "".join(python.split(".")[:2])
        for wheel_platform in ("manylinux_2_28_x86_64", "win_amd64", "macosx_"):
            pattern = rf"torch-2\.13\.0(\+cpu)?-{tag}-{tag}-{wheel_platform}"
            assert re.search(pattern, page), (python, wheel_platform)


@pytest.fixture(scope="module")
def suite(course):
    return load_suite(Spec.from_manifest(course.assignments[0]))


def test_student_zip_says_how_to_install_and_open(suite, tmp_path):
    spec = suite.spec
    with zipfile.ZipFile(build_student_zip(suite, tmp_path / "s.zip")) as zf:
        reqs = zf.read(f"{spec.id}/requirements.txt").decode()
        readme = zf.read(f"{spec.id}/README.md").decode()
    assert reqs.splitlines()[0] == f"--extra-index-url {TORCH_CPU_INDEX}"
    assert "torch==2.13.0\n" in reqs and "pyseccomp==" in reqs
    assert readme == student_readme(spec)
    for command in (
        "python -m venv .venv",
        "pip install -r requirements.txt",
        f"jupyter lab {spec.notebook}",
    ):
        assert command in readme, command


@pytest.mark.slow
def test_otter_environment_takes_torch_from_the_cpu_index(suite, tmp_path):
    with zipfile.ZipFile(build_autograder_zip(suite, tmp_path / "ag.zip")) as zf:
        env = yaml.safe_load(zf.read("environment.yml"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip[0] == f"--extra-index-url {TORCH_CPU_INDEX}"
    assert "torch==2.13.0" in pip and not [p for p in pip if CUDA_ONLY.match(p)]


def test_gradescope_setup_uses_a_venv_and_cpu_torch(course, tmp_path):
    with zipfile.ZipFile(build_gradescope_zip(course.assignments[0], tmp_path / "gs.zip")) as zf:
        assert zf.read("setup.sh").decode() == SETUP_SH
        assert zf.read("requirements.txt") == LOCK.read_bytes()
    assert 'python3 -m venv "$VENV"' in SETUP_SH
    assert TORCH_CPU_INDEX in SETUP_SH and "torch==2.13.0 --index-url" in SETUP_SH
