"""Known-wrong answers ("mutants"): small named edits of a solution file.

Each assignment's ``autograder/checks/<id>/mutants.py`` lists ``MUTANTS``. A mutant is
materialized by copying ``solutions/<id>/`` and replacing ``old`` with ``new`` in one
file; ``old`` must occur exactly once, so a mutant breaks loudly when the solution
changes under it.
"""

from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from autograder.layout import source_files


@dataclass(frozen=True)
class Mutant:
    """A realistic mistake: a name, what is wrong, and the edit that makes it."""

    name: str
    description: str
    file: str
    old: str
    new: str
    training: bool = False
    """A mistake in training: must fail the seeded checks on every seed (``course validate
    --seeds``)."""


def mutants_for(assignment_id: str) -> list[Mutant]:
    """The assignment's mutant catalogue (empty if it has none)."""
    try:
        mod = importlib.import_module(f"autograder.checks.{assignment_id}.mutants")
    except ModuleNotFoundError:
        return []
    return list(mod.MUTANTS)


def materialize(mutant: Mutant, solution_dir: Path, dest: Path) -> Path:
    """Write the mutated copy of ``solution_dir`` to ``dest``; return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in source_files(solution_dir):
        target = dest / path.relative_to(solution_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    target = dest / mutant.file
    text = target.read_text(encoding="utf-8")
    count = text.count(mutant.old)
    if count != 1:
        raise ValueError(
            f"mutant {mutant.name}: expected the edited text once in {mutant.file}, found it "
            f"{count} times"
        )
    target.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return dest
