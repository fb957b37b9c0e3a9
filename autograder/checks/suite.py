"""An assignment's suite: its spec (numbers from course.yml) plus its probes and checks.

The spec travels as JSON into autograder zips and student releases, where the
manifest and its validator are not shipped; :meth:`Spec.from_manifest` builds it
from the validated manifest, :meth:`Spec.from_json` from that file.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict, dataclass, field
from types import ModuleType
from typing import Any

from autograder.checks import plaindata
from autograder.checks.core import (
    Check,
    JudgeContext,
    ProbeContext,
    ProbeRegistry,
    Verdict,
    derive_seed,
    judge,
)


@dataclass(frozen=True)
class GroupSpec:
    name: str
    title: str
    points: float
    time_limit_s: float


@dataclass(frozen=True)
class Spec:
    """The slice of ``course.yml`` that checks and runners need for one assignment."""

    id: str
    title: str
    module: str
    student_files: tuple[str, ...]
    given_files: tuple[str, ...]
    notebook: str
    seed: int
    time_limit_s: float
    default_device: str
    groups: tuple[GroupSpec, ...]
    thresholds: dict[str, float] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_manifest(cls, a: Any) -> Spec:
        return cls(
            id=a.id,
            title=a.title,
            module=a.module,
            student_files=tuple(a.student_files),
            given_files=tuple(a.given_files),
            notebook=a.notebook,
            seed=a.seed,
            time_limit_s=a.time_limit_s,
            default_device=a.device.default,
            groups=tuple(GroupSpec(g.name, g.title, g.points, g.time_limit_s) for g in a.groups),
            thresholds=dict(a.thresholds),
            params=dict(a.params),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Spec:
        raw = json.loads(text)
        raw["groups"] = tuple(GroupSpec(**g) for g in raw["groups"])
        for key in ("student_files", "given_files"):
            raw[key] = tuple(raw[key])
        return cls(**raw)

    def to_json(self, *, public_only_groups: set[str] | None = None) -> str:
        data = asdict(self)
        if public_only_groups is not None:
            data["groups"] = [g for g in data["groups"] if g["name"] in public_only_groups]
        return json.dumps(data, indent=2, sort_keys=True)

    def group(self, name: str) -> GroupSpec:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(f"{self.id} has no group {name!r}")

    def probe_seed(self, probe: str) -> int:
        """The seed of probe ``probe``: derived from the assignment's seed, the same in every
        process."""
        return derive_seed(self.seed, probe)

    def probe_context(self, check: Check, device: str) -> ProbeContext:
        return ProbeContext(
            seed=self.probe_seed(check.probe), device=device, params=dict(self.params)
        )

    def judge_context(self, device: str) -> JudgeContext:
        return JudgeContext(
            thresholds=dict(self.thresholds), params=dict(self.params), device=device
        )


@dataclass(frozen=True)
class Suite:
    """The probes and checks of one assignment, consistent with its spec."""

    spec: Spec
    probes: ProbeRegistry
    checks: tuple[Check, ...]

    def points(self, check: Check) -> float:
        """A check's share of its group's points (weights split the group)."""
        group = [c for c in self.checks if c.group == check.group]
        return self.spec.group(check.group).points * check.weight / sum(c.weight for c in group)

    def check(self, name: str) -> Check:
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(f"{self.spec.id} has no check {name!r}")

    def in_group(self, group: str) -> list[Check]:
        return [c for c in self.checks if c.group == group]

    @property
    def public_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.hidden]

    def inputs(self, check: Check, device: str) -> dict[str, Any]:
        """The inputs ``check``'s probe feeds to student code, built here (as plain data)."""
        return plaindata.sanitize(
            self.probes.inputs(check.probe, self.spec.probe_context(check, device))
        )

    def judge(
        self, check: Check, data: Any, device: str, inputs: dict[str, Any] | None = None
    ) -> Verdict:
        """Judge ``data`` returned by ``check``'s probe, with this process's own inputs laid over
        it."""
        if inputs is None:
            inputs = self.inputs(check, device)
        return judge(check, data, self.spec.judge_context(device), inputs)


def _optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
        return None


def load_suite(spec: Spec, *, require_hidden: bool = True) -> Suite:
    """Import ``autograder.checks.<id>.{probes,public,hidden}`` and check them against the spec."""
    base = f"autograder.checks.{spec.id}"
    probes_mod = importlib.import_module(f"{base}.probes")
    checks: list[Check] = list(importlib.import_module(f"{base}.public").CHECKS)
    hidden = _optional(f"{base}.hidden")
    if hidden is None and require_hidden:
        raise ModuleNotFoundError(f"{base}.hidden is missing")
    if hidden is not None:
        checks += list(hidden.CHECKS)
    registry: ProbeRegistry = probes_mod.PROBES
    problems: list[str] = []
    names = [c.name for c in checks]
    problems += [
        f"check {n!r} defined twice" for n in sorted({n for n in names if names.count(n) > 1})
    ]
    group_names = {g.name for g in spec.groups}
    for c in checks:
        if c.group not in group_names:
            problems.append(f"check {c.name!r} names group {c.group!r}, which course.yml lacks")
        if c.probe not in registry:
            problems.append(f"check {c.name!r} names probe {c.probe!r}, which probes.py lacks")
    if require_hidden:
        for g in spec.groups:
            if not any(c.group == g.name for c in checks):
                problems.append(f"group {g.name!r} of course.yml has no checks")
    if problems:
        raise ValueError(f"{spec.id}: " + "; ".join(problems))
    order = {g.name: i for i, g in enumerate(spec.groups)}
    checks.sort(key=lambda c: order.get(c.group, len(order)))
    return Suite(spec, registry, tuple(checks))
