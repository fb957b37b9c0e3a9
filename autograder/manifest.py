"""The course manifest (``course.yml``): schema, loading and validation.

Every tool reads the list of assignments, their check groups, points, thresholds,
time limits, seeds and device policy from here. Unknown keys and bad values are
errors that name the offending key (``assignments[0].groups[2].points``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from autograder.layout import REPO_ROOT

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_MANIFEST = REPO_ROOT / "course.yml"


class CourseError(ValueError):
    """A mistake in the course's own files (manifest, solution markers, a new assignment's id):
    the ``course`` command reports it in one line and exits 2."""


class ManifestError(CourseError):
    """Raised for a manifest that cannot be read or does not validate."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Group(_Strict):
    """One gradebook column: a set of checks scored together (an Otter "question")."""

    name: str
    title: str
    points: float = Field(gt=0)
    time_limit_s: float = Field(default=30, gt=0, le=600)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"group name {v!r} must match {_ID.pattern}")
        return v


class DevicePolicy(_Strict):
    """Which devices the checks of an assignment may run on."""

    default: Literal["cpu", "cuda", "auto"] = "cpu"
    allowed: tuple[Literal["cpu", "cuda"], ...] = ("cpu", "cuda")


class Assignment(_Strict):
    """One assignment: its files, its check groups and the numbers its checks use."""

    id: str
    title: str
    module: str
    student_files: tuple[str, ...]
    given_files: tuple[str, ...] = ()
    notebook: str
    seed: int = Field(ge=0, lt=2**32)
    time_limit_s: float = Field(gt=0, le=3600)
    device: DevicePolicy = DevicePolicy()
    thresholds: dict[str, float] = {}
    params: dict[str, float | int | str | bool] = {}
    groups: tuple[Group, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"assignment id {v!r} must match {_ID.pattern}")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Assignment:
        if f"{self.module}.py" not in self.student_files:
            raise ValueError(
                f"module {self.module!r} must be listed in student_files as {self.module}.py"
            )
        if not self.notebook.endswith(".ipynb"):
            raise ValueError(f"notebook {self.notebook!r} must end in .ipynb")
        names = [g.name for g in self.groups]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate group names: {dupes}")
        overlap = set(self.student_files) & set(self.given_files)
        if overlap:
            raise ValueError(f"files both student and given: {sorted(overlap)}")
        return self

    @property
    def total_points(self) -> float:
        return sum(g.points for g in self.groups)

    def group(self, name: str) -> Group:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(f"assignment {self.id!r} has no group {name!r}")


class CourseInfo(_Strict):
    """Course-wide metadata."""

    name: str
    title: str
    python: str = "3.11"


class Course(_Strict):
    """The whole manifest."""

    course: CourseInfo
    assignments: tuple[Assignment, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Course:
        ids = [a.id for a in self.assignments]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate assignment ids: {dupes}")
        return self

    def assignment(self, assignment_id: str) -> Assignment:
        for a in self.assignments:
            if a.id == assignment_id:
                return a
        known = ", ".join(a.id for a in self.assignments)
        raise ManifestError(f"unknown assignment {assignment_id!r} (course.yml has: {known})")

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.assignments]


def _format_errors(err: ValidationError) -> str:
    lines = []
    for e in err.errors():
        loc = ""
        for part in e["loc"]:
            loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
        msg = "unknown key" if e["type"] == "extra_forbidden" else e["msg"]
        lines.append(f"{loc or '<root>'}: {msg}")
    return "\n".join(lines)


def parse_manifest(data: object, source: str = "course.yml") -> Course:
    """Validate already-parsed YAML data; raise :class:`ManifestError` naming each bad key."""
    try:
        return Course.model_validate(data)
    except ValidationError as err:
        raise ManifestError(f"{source} is invalid:\n{_format_errors(err)}") from None


def load_manifest(path: str | Path = DEFAULT_MANIFEST) -> Course:
    """Read and validate ``course.yml``."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ManifestError(f"cannot read {path}: {err}") from None
    return parse_manifest(data, str(path))
