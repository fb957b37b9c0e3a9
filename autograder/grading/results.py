"""Scored results: one outcome per check, rolled up per group and per submission."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckOutcome:
    """The verdict on one check of one submission, with its points."""

    name: str
    group: str
    hidden: bool
    points: float
    passed: bool
    message: str
    value: float | None = None
    seconds: float = 0.0

    @property
    def earned(self) -> float:
        return self.points if self.passed else 0.0


@dataclass
class SubmissionResult:
    """Every outcome of one submission, plus a one-line status for the gradebook."""

    label: str
    assignment: str
    outcomes: list[CheckOutcome] = field(default_factory=list)
    status: str = "graded"
    seconds: float = 0.0
    timing: dict[str, float] = field(default_factory=dict)
    timed_out: bool = False
    """A limit stopped some of its checks (such a result is never cached: load can cause it)."""
    name: str = ""
    sid: str = ""
    email: str = ""
    """Who submitted it, where the inbox says (a Gradescope export's metadata)."""

    def group_scores(self, groups: list[str]) -> dict[str, float]:
        return {g: round(sum(o.earned for o in self.outcomes if o.group == g), 4) for g in groups}

    @property
    def total(self) -> float:
        return round(sum(o.earned for o in self.outcomes), 4)

    @property
    def possible(self) -> float:
        return round(sum(o.points for o in self.outcomes), 4)

    @property
    def percent(self) -> float:
        return round(100.0 * self.total / self.possible, 2) if self.possible else 0.0
