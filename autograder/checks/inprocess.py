"""Run checks in this process against a tree (solutions, stubs, or a folder with a wrong answer).

Used by the pytest runner (``tests/test_checks.py``). The tree's student and given
modules are imported fresh from its folder and removed from ``sys.modules`` after.
This trusts the code it runs; grading untrusted code goes through
:mod:`autograder.runner`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from autograder.checks.core import Check, Verdict, run_probe
from autograder.checks.plaindata import PlainDataError, roundtrip
from autograder.checks.suite import Suite


@contextmanager
def imported_tree(suite: Suite, tree: Path) -> Iterator[ModuleType | BaseException]:
    """Yield the tree's student module (or the exception its import raised)."""
    spec = suite.spec
    names = [spec.module, *(f[:-3] for f in (*spec.student_files, *spec.given_files) if f.endswith(".py"))]
    saved_path = list(sys.path)
    for n in names:
        sys.modules.pop(n, None)
    sys.path.insert(0, str(Path(tree).resolve()))
    try:
        try:
            module: ModuleType | BaseException = importlib.import_module(spec.module)
        except BaseException as exc:
            module = exc
        yield module
    finally:
        sys.path[:] = saved_path
        for n in names:
            sys.modules.pop(n, None)


class TreeRunner:
    """Runs each probe once per tree and judges any check on request."""

    def __init__(self, suite: Suite, tree: Path, device: str = "cpu") -> None:
        self.suite, self.tree, self.device = suite, Path(tree), device
        self._data: dict[str, Any] = {}

    def data(self, check: Check) -> Any:
        if check.probe not in self._data:
            with imported_tree(self.suite, self.tree) as module:
                if isinstance(module, BaseException):
                    self._data[check.probe] = {"__probe_error__": {"kind": "ImportFailed", "message": repr(module)}}
                else:
                    raw = run_probe(self.suite.probes[check.probe], module, self.suite.spec.probe_context(check, self.device))
                    try:
                        self._data[check.probe] = roundtrip(raw)
                    except PlainDataError as err:
                        self._data[check.probe] = {"__probe_error__": {"kind": "BadResult", "message": str(err)}}
        return self._data[check.probe]

    def verdict(self, check: Check) -> Verdict:
        return self.suite.judge(check, self.data(check), self.device)
