"""Documented defaults as a contract clause: the signature a stub shows is part of the contract.

Probes call student functions with every argument given, so a changed default (``steps=2000``
for the documented ``steps=20000``) never shows in their results. A probe reads the defaults
with :func:`defaults` (run in the child; plain strings back); the judge compares them with the
documented ones (:func:`defaults_verdict`). ``tests/checks/test_signatures.py`` checks each
assignment's documented table against its reference solution.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from autograder.checks.core import Verdict
from autograder.checks.plaindata import clean_text


def defaults(mod: ModuleType, names: tuple[str, ...]) -> dict[str, Any]:
    """Probe side: for each function name, ``{parameter: repr(default)}`` of the parameters that
    have a default, or None when it is not a function with a signature."""
    out: dict[str, Any] = {}
    for name in names:
        try:
            sig = inspect.signature(getattr(mod, name))
        except (AttributeError, TypeError, ValueError):
            out[name] = None
            continue
        out[name] = {
            p.name: repr(p.default)[:80]
            for p in sig.parameters.values()
            if p.default is not inspect.Parameter.empty
        }
    return out


def defaults_verdict(data: Any, documented: Mapping[str, Mapping[str, str]]) -> Verdict:
    """Judge side: passes when every documented default (``{function: {parameter: repr}}``) is
    what the student's signature has; else a message naming the function and the parameter."""
    for fn, params in documented.items():
        got = data.get(fn) if isinstance(data, dict) else None
        if not isinstance(got, dict):
            return Verdict(False, f"{fn} has no signature the grader could read")
        for param, want in params.items():
            have = got.get(param)
            if have != want:
                shown = "no default" if have is None else clean_text(str(have), 80)
                return Verdict(
                    False,
                    f"{fn}'s {param} defaults to {shown}, documented {want}: keep the signature "
                    "as handed out (callers rely on the defaults)",
                )
    listed = "; ".join(
        f"{fn}({', '.join(f'{p}={v}' for p, v in ps.items())})" for fn, ps in documented.items()
    )
    return Verdict(True, f"documented defaults kept: {listed}")
