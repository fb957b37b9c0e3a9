"""The result cache of ``course grade``: a result is reused only for the same submission graded
by this exact grader (its code, the assignment's spec and checks, the given files, the device,
the protections and the library versions). Keys are content hashes."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from dataclasses import asdict
from pathlib import Path

from autograder.checks.suite import Suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.results import CheckOutcome, SubmissionResult
from autograder.layout import PACKAGE_ROOT, REPO_ROOT

CACHE_VERSION = "3"
"""Bumped whenever what a cached result means changes (2: the key covers the grader itself;
3: keys are taken over the taken-in tree, timings come from the parent)."""
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


CACHEABLE = ("graded", "refused:")
"""Only final answers are kept: a grading error or a time-out (which load can cause) is graded
again."""


class ResultCache:
    """One result per (grader, submission content) under ``folder``; writes are atomic, and a
    cache that cannot be written (a full disk) only costs speed, never a grade."""

    def __init__(self, folder: Path, grader: str) -> None:
        self.folder, self.grader = folder, grader
        self.problem: str | None = None  # why writing failed, once

    def key(self, tree: Path) -> str:
        """The key of a taken-in submission tree (plain folders and regular files only)."""
        h = hashlib.sha256(self.grader.encode())
        for p in sorted(p for p in tree.rglob("*") if p.is_file()):
            h.update(p.relative_to(tree).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
        return h.hexdigest()

    def get(self, key: str) -> SubmissionResult | None:
        try:
            return from_json((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, result: SubmissionResult) -> None:
        if result.timed_out or not result.status.startswith(CACHEABLE):
            return
        tmp = self.folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_text(to_json(result), encoding="utf-8")
            os.replace(tmp, self.folder / f"{key}.json")
        except OSError as err:
            self.problem = self.problem or f"results not cached ({err.strerror or err})"
            try:
                tmp.unlink()
            except OSError:
                pass


def to_json(r: SubmissionResult) -> str:
    return json.dumps(asdict(r))


def from_json(text: str) -> SubmissionResult:
    raw = json.loads(text)
    raw["outcomes"] = [CheckOutcome(**o) for o in raw["outcomes"]]
    return SubmissionResult(**raw)
