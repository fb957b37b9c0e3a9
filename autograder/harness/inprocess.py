"""The one in-process runner: run a check's probe in this process, pass its data through the
plain-data filter, and judge it.

Used by the pytest runner (``tests/checks/test_checks.py``), the Otter entry point (inside
the student's kernel) and the calibration scripts. It imports the tree's student and given
modules fresh from their folder (removed from ``sys.modules`` again after), and trusts the
code it runs: grading untrusted code goes through :mod:`autograder.grading`.

Every probe and judge runs under torch's defaults (gradient tracking on, default dtype float32;
:func:`autograder.checks.core.torch_defaults`), and the caller's are put back afterwards: a
notebook cell or a mutant that turns gradients off changes neither its own grade nor the next
tree's, and the Otter path sees what a fresh grading child sees.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from autograder.checks.core import Check, ProbeContext, Verdict, error
from autograder.checks.plaindata import PlainDataError, roundtrip
from autograder.checks.suite import Suite


def module_names(suite: Suite) -> list[str]:
    """The student module and every student or given ``.py`` file, as module names."""
    spec = suite.spec
    return [
        spec.module,
        *(f[:-3] for f in (*spec.student_files, *spec.given_files) if f.endswith(".py")),
    ]


@contextmanager
def imported_tree(suite: Suite, tree: Path) -> Iterator[ModuleType | BaseException]:
    """Yield the tree's student module (or the exception its import raised)."""
    names = module_names(suite)
    saved_path = list(sys.path)
    for n in names:
        sys.modules.pop(n, None)
    sys.path.insert(0, str(Path(tree).resolve()))
    try:
        try:
            module: ModuleType | BaseException = importlib.import_module(suite.spec.module)
        except BaseException as exc:
            module = exc
        yield module
    finally:
        sys.path[:] = saved_path
        for n in names:
            sys.modules.pop(n, None)


def probe_data(suite: Suite, probe: str, module: ModuleType, ctx: ProbeContext) -> Any:
    """Run ``probe`` on ``module`` and return its result as plain data (or an error payload)."""
    raw = suite.probes.run(probe, module, ctx)
    try:
        return roundtrip(raw)
    except PlainDataError as err:
        return error("BadResult", str(err))


class TreeRunner:
    """Runs each probe once per tree (caching its data) and judges any check on request."""

    def __init__(self, suite: Suite, tree: Path, device: str = "cpu") -> None:
        self.suite, self.tree, self.device = suite, Path(tree), device
        self._data: dict[str, Any] = {}

    def data(self, check: Check) -> Any:
        if check.probe not in self._data:
            with imported_tree(self.suite, self.tree) as module:
                if isinstance(module, BaseException):
                    self._data[check.probe] = error("ImportFailed", repr(module))
                else:
                    ctx = self.suite.spec.probe_context(check, self.device)
                    self._data[check.probe] = probe_data(self.suite, check.probe, module, ctx)
        return self._data[check.probe]

    def verdict(self, check: Check) -> Verdict:
        return self.suite.judge(check, self.data(check), self.device)
