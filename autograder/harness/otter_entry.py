"""The in-kernel entry point behind the generated Otter test files (autograder zip and student
release).

Each generated test case calls :func:`run_check`, which imports the student's module from
the working directory as it is on disk now and runs the check through the in-process
runner (:mod:`autograder.harness.inprocess`). A failed verdict raises ``CheckFailed``
with the judge's message, which Otter shows to the student. This path runs inside the
student's kernel and is only as trustworthy as that kernel; ``course grade`` is the path
that is not (see docs/threat-model.md).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from pathlib import Path

from autograder.checks.core import resolve_device
from autograder.checks.suite import Spec, Suite, load_suite
from autograder.harness.inprocess import module_names, probe_data


@functools.cache
def _suite(assignment: str) -> Suite:
    data = pkgutil.get_data(
        "autograder.checks", f"{assignment}/spec.json"
    )  # works inside the support zip
    if data is None:  # pragma: no cover
        raise FileNotFoundError(
            f"spec.json of {assignment} is missing from the check support files"
        )
    return load_suite(Spec.from_json(data), require_hidden=False)


class CheckFailed(AssertionError):
    """A failed check; Otter shows this class's name before the message."""


def run_check(assignment: str, check_name: str) -> str:
    """Run one check against the module importable from the working directory; raise on failure."""
    suite = _suite(assignment)
    spec = suite.spec
    check = suite.check(check_name)
    device = resolve_device(spec.default_device)
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    for name in module_names(suite):
        sys.modules.pop(name, None)  # pick up the file as it is on disk now
    module = importlib.import_module(spec.module)
    torch = sys.modules.get("torch")  # never imported here: a numpy-only assignment skips it
    if torch is not None:
        torch.set_num_threads(1)
    data = probe_data(suite, check.probe, module, spec.probe_context(check, device))
    verdict = suite.judge(check, data, device)
    if not verdict.passed:
        raise CheckFailed(f"{check_name}: {verdict.message}")
    return verdict.message
