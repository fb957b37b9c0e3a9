"""Solution regions: the markers in ``solutions/`` and the stubs derived from them.

A region sits inside a function body, after the docstring::

    def relu(x: float) -> float:
        \"\"\"Docstring kept in the stub.\"\"\"
        # BEGIN SOLUTION (Task 1.1)
        return x if x > 0 else 0.0
        # END SOLUTION

and becomes, in the student's copy::

        # TODO(Task 1.1): implement relu
        raise NotImplementedError("Task 1.1: implement relu")

Lines inside a region written as ``# STUB: <code>`` replace the ``raise`` (for
module-level regions, where raising would break the import).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autograder.manifest import CourseError

BEGIN = re.compile(r"^(?P<indent>\s*)# BEGIN SOLUTION \(Task (?P<task>\d+(?:\.\d+)*)\)\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
STUB = re.compile(r"^\s*# STUB: ?(?P<code>.*)$")
DEF = re.compile(r"^(?P<indent>\s*)(?:async\s+)?def\s+(?P<name>\w+)")
CLASS = re.compile(r"^(?P<indent>\s*)class\s+(?P<name>\w+)")
ANY_MARKER = re.compile(r"#\s*(BEGIN|END) SOLUTION")


class RegionError(CourseError):
    """A malformed region; the message starts with ``file:line``."""


@dataclass(frozen=True)
class Region:
    """One solution region: its task id, enclosing function and the lines it hides."""

    task: str
    where: str
    start: int  # 1-based line of the BEGIN marker
    end: int  # 1-based line of the END marker
    body: tuple[str, ...]


def _owner(lines: list[str], index: int, indent: str) -> str:
    """Dotted name of the function (and class) enclosing line ``index``."""
    names: list[str] = []
    width = len(indent)
    for line in reversed(lines[:index]):
        m = DEF.match(line) or CLASS.match(line)
        if m and len(m.group("indent")) < width:
            names.append(m.group("name"))
            width = len(m.group("indent"))
            if width == 0:
                break
    return ".".join(reversed(names)) or "<module>"


def find_regions(text: str, filename: str = "<text>") -> list[Region]:
    """Parse the regions of ``text``; raise :class:`RegionError` on nesting or a missing marker."""
    lines = text.splitlines()
    regions: list[Region] = []
    open_at: tuple[int, re.Match[str]] | None = None
    body: list[str] = []
    for i, line in enumerate(lines):
        begin = BEGIN.match(line)
        if begin:
            if open_at is not None:
                raise RegionError(
                    f"{filename}:{i + 1}: nested solution region "
                    f"(the region opened at line {open_at[0] + 1} is not closed)"
                )
            open_at, body = (i, begin), []
        elif END.match(line):
            if open_at is None:
                raise RegionError(f"{filename}:{i + 1}: END SOLUTION without a BEGIN SOLUTION")
            start, m = open_at
            regions.append(
                Region(
                    m.group("task"),
                    _owner(lines, start, m.group("indent")),
                    start + 1,
                    i + 1,
                    tuple(body),
                )
            )
            open_at = None
        elif ANY_MARKER.search(line):
            raise RegionError(f"{filename}:{i + 1}: malformed marker {line.strip()!r}")
        elif open_at is not None:
            body.append(line)
    if open_at is not None:
        raise RegionError(f"{filename}:{open_at[0] + 1}: BEGIN SOLUTION without END SOLUTION")
    return regions


def _stub_lines(region: Region, indent: str) -> list[str]:
    label = "implement" if region.where == "<module>" else f"implement {region.where}"
    out = [f"{indent}# TODO(Task {region.task}): {label}"]
    stub_code = [m.group("code") for line in region.body if (m := STUB.match(line))]
    if stub_code:
        out += [f"{indent}{code}" for code in stub_code]
    else:
        out.append(f'{indent}raise NotImplementedError("Task {region.task}: {label}")')
    return out


def make_stub(text: str, filename: str = "<text>") -> str:
    """Return ``text`` with every solution region replaced by its stub."""
    regions = {r.start: r for r in find_regions(text, filename)}
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        region = regions.get(i + 1)
        if region is None:
            out.append(lines[i])
            i += 1
            continue
        indent = BEGIN.match(lines[i]).group("indent")  # type: ignore[union-attr]
        out += _stub_lines(region, indent)
        i = region.end
    trailing = "\n" if text.endswith("\n") else ""
    return "\n".join(out) + trailing


def strip_markers(text: str, filename: str = "<text>") -> str:
    """Return ``text`` with the markers (and ``# STUB:`` lines) removed: the plain reference."""
    find_regions(text, filename)
    kept = [
        ln for ln in text.splitlines() if not (BEGIN.match(ln) or END.match(ln) or STUB.match(ln))
    ]
    return "\n".join(kept) + ("\n" if text.endswith("\n") else "")
