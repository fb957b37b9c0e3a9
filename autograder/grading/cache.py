"""The result cache of ``course grade``: a result is reused only for the same submission graded
by this exact grader (its code, the assignment's spec and checks, the given files, the device,
the protections and the library versions). Keys are content hashes."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from autograder.checks.suite import Suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.results import CheckOutcome, SubmissionResult
from autograder.layout import PACKAGE_ROOT, REPO_ROOT

CACHE_VERSION = "2"
"""Bumped whenever what a cached result means changes (2: the key covers the grader itself)."""
VERSIONED = ("torch", "numpy", "scikit-learn")


def grader_fingerprint(
    suite: Suite,
    device: str,
    launcher: ChildLauncher,
    root: Path = REPO_ROOT,
    package: Path = PACKAGE_ROOT,
) -> str:
    """What a cached result depends on besides the submission: this exact grader and environment.

    The grader's own code (every file of the ``autograder`` package), the assignment's spec
    and check table, the pristine given files, the device, the protections, and the versions
    of Python, torch, numpy and scikit-learn.
    """
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"{CACHE_VERSION}:{suite.spec.id}:{device}:{suite.spec.to_json()}".encode())
    for check in suite.checks:
        h.update(f"{check.name}:{check.group}:{check.weight}:{check.hidden}".encode())
    h.update((launcher.protections.describe() if launcher.protections else "unsandboxed").encode())
    h.update(sys.version.encode())
    for dist in VERSIONED:
        try:
            h.update(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist} missing".encode())
    code = sorted(
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    for p in code:
        h.update(
            p.relative_to(package).as_posix().encode()
            + b"\0"
            + hashlib.sha256(p.read_bytes()).digest()
        )
    for name in suite.spec.given_files:
        h.update(
            name.encode()
            + b"\0"
            + hashlib.sha256((root / "solutions" / suite.spec.id / name).read_bytes()).digest()
        )
    return h.hexdigest()


def submission_key(path: Path, grader: str) -> str:
    """The cache key of one submission: the grader's fingerprint and the submission's content."""
    h = hashlib.sha256(grader.encode())
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for p in files:
        h.update(p.relative_to(path).as_posix().encode() if p != path else b"")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def to_json(r: SubmissionResult) -> str:
    return json.dumps(asdict(r))


def from_json(text: str) -> SubmissionResult:
    raw = json.loads(text)
    raw["outcomes"] = [CheckOutcome(**o) for o in raw["outcomes"]]
    return SubmissionResult(**raw)
