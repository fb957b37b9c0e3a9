"""The documented-defaults clause (autograder.checks.signatures): each assignment's table of
documented defaults is the reference solution's signature, and a changed default fails."""

from __future__ import annotations

import importlib
import importlib.util
import types

import pytest

from autograder.checks.signatures import defaults, defaults_verdict
from autograder.layout import REPO_ROOT

TABLES = {"relu_ops": "relu_ops", "pwlinr": "pwlinr"}
"""Assignments whose hidden checks document defaults (``hidden.DEFAULTS``): their module."""


def _solution(aid: str, module: str) -> types.ModuleType:
    import sys

    folder = REPO_ROOT / "solutions" / aid
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location(f"_sol_{aid}", folder / f"{module}.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod  # dataclasses look their module up there
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(f"_sol_{aid}", None)


@pytest.mark.parametrize("aid", sorted(TABLES))
def test_documented_defaults_are_the_references(aid):
    documented = importlib.import_module(f"autograder.checks.{aid}.hidden").DEFAULTS
    got = defaults(_solution(aid, TABLES[aid]), tuple(documented))
    for fn, params in documented.items():
        assert {p: got[fn][p] for p in params} == dict(params), fn
    assert defaults_verdict(got, documented).passed


def test_a_changed_or_missing_default_fails():
    def fit(*, steps: int = 2000, lr: float = 0.01) -> None: ...

    def bare(*, steps: int, lr: float = 0.01) -> None: ...

    mod = types.SimpleNamespace(fit=fit, bare=bare, gone=None)
    v = defaults_verdict(defaults(mod, ("fit",)), {"fit": {"steps": "20000"}})
    assert not v.passed and "fit's steps defaults to 2000, documented 20000" in v.message
    v = defaults_verdict(defaults(mod, ("bare",)), {"bare": {"steps": "20000"}})
    assert not v.passed and "no default" in v.message
    assert not defaults_verdict(defaults(mod, ("gone",)), {"gone": {"x": "1"}}).passed
