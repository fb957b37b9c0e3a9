"""Known-wrong answers ("mutants") and differently written correct ones ("alternatives").

Each assignment's ``autograder/checks/<id>/mutants.py`` lists ``MUTANTS`` (each must lose
points) and ``ALTERNATIVES`` (each must keep full marks). Both are small named edits of a
solution file: ``old`` replaced with ``new``, where ``old`` must occur exactly once, so an edit
breaks loudly when the solution changes under it.

On top of the hand-written ones, every argument a contract pins
(``autograder/checks/<id>/contract.py``) gets an :class:`ArgumentMutant`: the function
overwrites the argument with a value it is commonly hard-coded to (its default, the course's
value) before doing anything else. Each must lose points, which proves a hidden check calls
the function with another value and sees the difference.
"""

from __future__ import annotations

import ast
import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

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


@dataclass(frozen=True)
class ArgumentMutant:
    """``function`` ignores ``arg``: its first statement sets it to ``value`` (Python source)."""

    name: str
    description: str
    file: str
    function: str
    """``name`` or ``Class.method``."""
    arg: str
    value: str
    training: bool = False

    def apply(self, text: str) -> str:
        tree = ast.parse(text)
        node = _find_function(tree, self.function)
        if node is None:
            raise ValueError(f"mutant {self.name}: no function {self.function} in {self.file}")
        body = node.body
        first = body[1] if len(body) > 1 and _is_docstring(body[0]) else body[0]
        lines = text.splitlines(keepends=True)
        indent = " " * first.col_offset
        lines.insert(
            first.lineno - 1,
            f"{indent}{self.arg} = {self.value}  # mutant: the argument is ignored\n",
        )
        return "".join(lines)


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _find_function(tree: ast.Module, qualname: str) -> ast.FunctionDef | None:
    parts = qualname.split(".")
    scope: list[ast.stmt] = tree.body
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        kinds = (ast.FunctionDef,) if last else (ast.ClassDef,)
        found = next((n for n in scope if isinstance(n, kinds) and n.name == part), None)
        if found is None:
            return None
        if last:
            return found  # type: ignore[return-value]
        scope = found.body
    return None


def _apply(mutant: Mutant | ArgumentMutant, text: str) -> str:
    if isinstance(mutant, ArgumentMutant):
        return mutant.apply(text)
    count = text.count(mutant.old)
    if count != 1:
        raise ValueError(
            f"mutant {mutant.name}: expected the edited text once in {mutant.file}, found it "
            f"{count} times"
        )
    return text.replace(mutant.old, mutant.new)


def _catalogue(assignment_id: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"autograder.checks.{assignment_id}.mutants")
    except ModuleNotFoundError:
        return None


def argument_mutants(assignment_id: str) -> list[ArgumentMutant]:
    """One mutant per argument value the assignment's contract pins."""
    from autograder.authoring.contract import contract_for

    out = []
    for fn in contract_for(assignment_id):
        for arg, values in fn.pins.items():
            for value in values:
                tag = "".join(c if c.isalnum() else "_" for c in value).strip("_")[:20]
                out.append(ArgumentMutant(
                    f"{fn.name.replace('.', '_')}_ignores_{arg}_{tag}",
                    f"{fn.name} ignores {arg} (always {value})",
                    fn.file, fn.name, arg, value,
                ))  # fmt: skip
    return out


def mutants_for(assignment_id: str, *, arguments: bool = True) -> list[Mutant | ArgumentMutant]:
    """The assignment's known-wrong answers: the hand-written catalogue first, then (with
    ``arguments``) one per pinned argument."""
    mod = _catalogue(assignment_id)
    hand = list(mod.MUTANTS) if mod is not None else []
    return hand + (argument_mutants(assignment_id) if arguments else [])


def device_mutants_for(assignment_id: str) -> list[Mutant]:
    """Known-wrong answers that ignore the device: they can only lose points where the probes run
    on a GPU (``course validate --device cuda``), so they are kept out of :func:`mutants_for`."""
    mod = _catalogue(assignment_id)
    return list(getattr(mod, "DEVICE_MUTANTS", ())) if mod is not None else []


def alternatives_for(assignment_id: str) -> list[Mutant]:
    """Differently written correct solutions: each must keep full marks."""
    mod = _catalogue(assignment_id)
    return list(getattr(mod, "ALTERNATIVES", ())) if mod is not None else []


def materialize(mutant: Mutant | ArgumentMutant, solution_dir: Path, dest: Path) -> Path:
    """Write the edited copy of ``solution_dir`` to ``dest``; return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in source_files(solution_dir):
        target = dest / path.relative_to(solution_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    target = dest / mutant.file
    target.write_text(_apply(mutant, target.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def edited_function(mutant: Mutant | ArgumentMutant, solution_dir: Path) -> str | None:
    """The function (``name`` or ``Class.method``) a mutant edits, or None when its edit lies
    outside every function (module level) or spans more than one."""
    if isinstance(mutant, ArgumentMutant):
        return mutant.function
    text = (solution_dir / mutant.file).read_text()
    start = text.find(mutant.old)
    if start < 0:
        return None
    first = text.count("\n", 0, start) + 1
    last = first + mutant.old.rstrip("\n").count("\n")
    best: tuple[int, str] | None = None

    def visit(scope: list[ast.stmt], prefix: str) -> None:
        nonlocal best
        for node in scope:
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                end = node.end_lineno or node.lineno
                if node.lineno <= first and last <= end:
                    best = (node.lineno, f"{prefix}{node.name}")

    visit(ast.parse(text).body, "")
    return best[1] if best else None
