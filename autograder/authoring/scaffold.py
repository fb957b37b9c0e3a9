"""``course new ID``: add a working skeleton assignment that ``course build --check`` and
``course validate --assignment ID`` accept as it is.

It writes the manifest entry (appended to ``course.yml``, comments kept), a reference
solution with one task (``solutions/ID/ID.py``), its notebook with a ``grader.check`` and an
export cell, the checks (``autograder/checks/ID/``: probes with an input builder, one public
and one hidden check, two mutants) and the generated student tree (``assignments/ID/``). Then
edit each file: ``docs/authoring.md`` says how, and which traps the tests guard.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import nbformat
import yaml

from autograder.authoring.export_cell import export_cell_source, submit_markdown
from autograder.layout import REPO_ROOT
from autograder.manifest import DEFAULT_MANIFEST, CourseError, load_manifest, parse_manifest

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(CourseError):
    """An id that cannot be used for a new assignment."""


MANIFEST_ENTRY = Template("""
  - id: $id
    title: "$title"
    module: $id
    student_files: [$id.py]
    notebook: $id.ipynb
    seed: $seed
    time_limit_s: 60
    device: {default: cpu, allowed: [cpu]}
    thresholds:
      value_atol: 1.0e-12          # |got - expected| per element: the task is exact arithmetic
    groups:
      - {name: hinge, title: "Task $n.1: a hinge max(0, x - knot)", points: 2, time_limit_s: 10}
""")

SOLUTION = Template('''"""Assignment $n: $title.

A ReLU unit with its kink moved to ``knot`` is the hinge ``max(0, x - knot)``: zero left of
the knot, slope 1 right of it. Sums of hinges draw any piecewise-linear curve.
"""

from __future__ import annotations

import numpy as np


def hinge(x: np.ndarray, knot: float) -> np.ndarray:
    """``max(0, x - knot)`` elementwise.

    ``x`` is a float array of any shape; the result is a new float64 array of the same
    shape (``x`` is left unchanged). At ``x == knot`` the value is 0.
    """
    # BEGIN SOLUTION (Task $n.1)
    return np.maximum(0.0, np.asarray(x, dtype=np.float64) - knot)
    # END SOLUTION
''')

PROBES = Template('''"""Student half of the $id checks: call student code, return plain data."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from autograder.checks.core import ProbeContext, ProbeRegistry

PROBES = ProbeRegistry()

PUBLIC_X = (-1.0, 0.0, 0.5, 2.0)
PUBLIC_KNOT = 0.5


def hinge_hidden_inputs(ctx: ProbeContext) -> dict[str, Any]:
    """Random points (a 2-D array, so shape matters) and a random knot, from the probe's seed."""
    rng = np.random.default_rng(ctx.seed)
    return {"x": rng.uniform(-3.0, 3.0, (7, 5)), "knot": float(rng.uniform(-1.0, 1.0))}


@PROBES.probe
def hinge_public(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """hinge at four points with knot 0.5."""
    return {"values": np.asarray(mod.hinge(np.array(PUBLIC_X), PUBLIC_KNOT), dtype=np.float64)}


@PROBES.probe(inputs=hinge_hidden_inputs)
def hinge_hidden(mod: ModuleType, ctx: ProbeContext) -> dict[str, Any]:
    """hinge on the grader's random points and knot; what it returned, and whether x changed."""
    x = np.array(ctx.inputs["x"])
    before = x.copy()
    out = mod.hinge(x, ctx.inputs["knot"])
    return {
        "values": np.asarray(out, dtype=np.float64),
        "dtype": str(np.asarray(out).dtype),
        "x_unchanged": bool(np.array_equal(x, before)),
    }
''')

PUBLIC = Template('''"""Public checks of $id: what students run with ``grader.check``.

Self-contained on purpose: the student release ships this file.
"""

from __future__ import annotations

from typing import Any

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import compare

CHECKS = CheckTable(__name__)

EXPECTED = [0.0, 0.0, 0.0, 1.5]  # hinge(x, 0.5) at x = -1, 0, 0.5, 2


@CHECKS.check("hinge")
def hinge_public(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """hinge(x, 0.5) at x = -1, 0, 0.5 and 2"""
    return compare(data["values"], EXPECTED, [-1.0, 0.0, 0.5, 2.0], "hinge(x, 0.5)", atol=1e-12)
''')

HIDDEN = Template('''"""Hidden checks of $id: hidden from students (they see names and points)."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.checks.core import CheckTable, JudgeContext, Verdict
from autograder.checks.judging import as_array

CHECKS = CheckTable(__name__)


@CHECKS.check("hinge")
def hinge_hidden(data: dict[str, Any], ctx: JudgeContext) -> Verdict:
    """hinge on random points and a random knot: values, shape, float64, x unchanged

    The expected values are computed here from the grader's own inputs (``data["x"]`` and
    ``data["knot"]`` are laid over the child's result by the judging process).
    """
    x, knot = np.asarray(data["x"]), float(data["knot"])
    want = np.maximum(0.0, x - knot)
    got = as_array(data["values"])
    if got.shape != want.shape:
        return Verdict(False, f"hinge returned shape {got.shape} for x of shape {want.shape}")
    if data["dtype"] != "float64":
        return Verdict(False, f"hinge returned dtype {data['dtype']}, expected float64")
    if not data["x_unchanged"]:
        return Verdict(False, "hinge changed its input x in place; return a new array")
    err = float(np.max(np.abs(got - want)))
    tol = ctx.threshold("value_atol")
    if not err <= tol:  # NaN fails too
        i = np.unravel_index(int(np.argmax(np.abs(got - want))), want.shape)
        return Verdict(
            False,
            f"hinge(x, {knot:.6g}) at x = {x[i]:.6g} is {got[i]:.10g}, expected {want[i]:.10g}",
            err,
        )
    return Verdict(True, f"hinge matches max(0, x - knot) on {want.size} points", err)
''')

MUTANTS = Template('''"""Realistic wrong answers for $id: each must lose points in validation."""

from autograder.authoring.mutants import Mutant

F = "$id.py"
RIGHT = "return np.maximum(0.0, np.asarray(x, dtype=np.float64) - knot)"

MUTANTS = (
    Mutant(
        "knot_sign",
        "the kink at -knot: max(0, x + knot)",
        F,
        RIGHT,
        "return np.maximum(0.0, np.asarray(x, dtype=np.float64) + knot)",
    ),
    Mutant(
        "shift_after",
        "max(0, x) - knot: shifted down instead of right",
        F,
        RIGHT,
        "return np.maximum(0.0, np.asarray(x, dtype=np.float64)) - knot",
    ),
)
''')

INIT = Template('''"""$id checks: ``probes`` (run next to student code), ``public`` (ships to
students), ``hidden`` (stays with the grader), ``mutants`` (authoring only).
"""
''')


def _notebook(aid: str, n: int, title: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "otter": {"assignment_name": aid},
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            f"# Assignment {n} — {title}\n\nA ReLU unit with its kink at "
            "`knot`: `max(0, x - knot)`."
        ),
        nbformat.v4.new_code_cell(
            f'import otter\n\ngrader = otter.Notebook("{aid}.ipynb")\n\n'
            f"import {aid}\nimport numpy as np"
        ),
        nbformat.v4.new_markdown_cell(
            f"## Task {n}.1 — the hinge\n\nImplement `hinge` in `{aid}.py`."
        ),
        nbformat.v4.new_code_cell(f"print({aid}.hinge(np.array([-1.0, 0.0, 0.5, 2.0]), 0.5))"),
        nbformat.v4.new_code_cell('grader.check("hinge")'),
        nbformat.v4.new_markdown_cell(submit_markdown(aid, [f"{aid}.py"])),
        nbformat.v4.new_code_cell(export_cell_source(aid, [f"{aid}.py"])),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"  # stable ids: the build is byte for byte reproducible
    return nbformat.writes(nb) + "\n"


def new_assignment(
    aid: str, *, title: str | None = None, manifest: Path = DEFAULT_MANIFEST, root: Path = REPO_ROOT
) -> list[Path]:
    """Write the skeleton of assignment ``aid`` (see the module docstring); return its files."""
    if not _ID.match(aid):
        raise ScaffoldError(f"assignment id {aid!r} must match {_ID.pattern}")
    course = load_manifest(manifest)
    if aid in course.ids:
        raise ScaffoldError(f"{manifest} already has an assignment {aid!r}")
    folders = [
        root / "solutions" / aid,
        root / "assignments" / aid,
        root / "autograder" / "checks" / aid,
    ]
    taken = [str(f) for f in folders if f.exists()]
    if taken:
        raise ScaffoldError(f"refusing to overwrite {', '.join(taken)}")
    n = len(course.assignments) + 1
    words = {
        "id": aid,
        "n": n,
        "title": title or aid.replace("_", " ").capitalize(),
        "seed": 5000 + n,
    }
    entry = MANIFEST_ENTRY.substitute(words)
    text = manifest.read_text(encoding="utf-8")
    parse_manifest(
        yaml.safe_load(text.rstrip("\n") + "\n" + entry), str(manifest)
    )  # valid before writing
    sol, checks = folders[0], folders[2]
    files = {
        sol / f"{aid}.py": SOLUTION.substitute(words),
        sol / f"{aid}.ipynb": _notebook(aid, n, words["title"]),
        checks / "__init__.py": INIT.substitute(words),
        checks / "probes.py": PROBES.substitute(words),
        checks / "public.py": PUBLIC.substitute(words),
        checks / "hidden.py": HIDDEN.substitute(words),
        checks / "mutants.py": MUTANTS.substitute(words),
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    manifest.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    from autograder.authoring.build import sync_student_tree

    sync_student_tree(load_manifest(manifest).assignment(aid), check=False, root=root)
    return [manifest, *files, *sorted((root / "assignments" / aid).iterdir())]
