"""Where things are, and what ships where: computed here, once, from the package layout.

The package is split by trust boundary, and the path says which side a line runs on:

* ``autograder/checks/``: the check vocabulary and each assignment's checks (probes run
  next to student code; public checks ship to students; hidden checks and judge-side
  references stay with the grader);
* ``autograder/harness/``: what runs next to student code (grading child, zygote,
  sandbox entry, the in-process runner and the Otter entry point);
* ``autograder/grading/``: the trusted parent (batch, one submission, launcher, unpacking,
  results, gradebook);
* ``autograder/authoring/``: the instructor's tools (build, regions, Otter tests, zips,
  Gradescope, examples, mutants, validation, scaffolding); never shipped anywhere.

What a grading child, a student release or an autograder zip receives is the import
closure of its entry points (every ``autograder`` module they import, at module level or
inside functions, with the packages around them), so a judge or a reference that no
shipped module imports can never be shipped by accident.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parent
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo"}
NEVER_SHIPPED = ("autograder.authoring",)
CHILD_ENTRY = ("autograder.harness.child", "autograder.harness.zygote")
IN_KERNEL_ENTRY = ("autograder.harness.otter_entry",)
GRADER_ENTRY = ("autograder.cli", "autograder.grading.batch")


def source_files(directory: Path) -> list[Path]:
    """Files of a tree that belong in builds (no caches, no compiled files), sorted."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and not (set(p.relative_to(directory).parts) & SKIP_PARTS)
        and p.suffix not in SKIP_SUFFIXES
    )


def module_path(module: str, package_root: Path = PACKAGE_ROOT) -> Path | None:
    """The file of ``autograder.x.y`` (a module or a package's ``__init__``), or None."""
    parts = module.split(".")[1:]
    base = package_root.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, package_root: Path) -> set[str]:
    """Every ``autograder`` module ``path`` imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "autograder")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "autograder":
                continue
            found.add(node.module)
            for alias in node.names:  # ``from autograder.checks import core``: core is a module
                sub = f"{node.module}.{alias.name}"
                if module_path(sub, package_root) is not None:
                    found.add(sub)
    return found


def closure(
    roots: Iterable[str],
    *,
    package_root: Path = PACKAGE_ROOT,
    exclude: tuple[str, ...] = NEVER_SHIPPED,
) -> list[str]:
    """Paths (relative to the package, POSIX) of ``roots`` and every module they import, with
    the ``__init__.py`` of every package on the way; modules under ``exclude`` are left out."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        mod = todo.pop()
        if mod in seen or any(mod == e or mod.startswith(e + ".") for e in exclude):
            continue
        path = module_path(mod, package_root)
        if path is None:
            continue
        seen.add(mod)
        parts = mod.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += sorted(_imports(path, package_root))
    files = {module_path(m, package_root).relative_to(package_root).as_posix() for m in seen}  # type: ignore[union-attr]
    return sorted(files)


def _assignment(assignment_id: str, *names: str) -> tuple[str, ...]:
    return tuple(f"autograder.checks.{assignment_id}.{n}" for n in names)


@functools.cache
def child_files(assignment_id: str) -> tuple[str, ...]:
    """What a grading child receives: the harness, the vocabulary it needs and the probes."""
    return tuple(closure((*CHILD_ENTRY, *_assignment(assignment_id, "probes"))))


@functools.cache
def support_files(assignment_id: str, *, public: bool) -> tuple[str, ...]:
    """What ships beside the Otter tests: the student release (``public``) or the autograder zip."""
    checks = ("probes", "public") if public else ("probes", "public", "hidden")
    return tuple(closure((*IN_KERNEL_ENTRY, *_assignment(assignment_id, *checks))))


@functools.cache
def grader_files(assignment_id: str) -> tuple[str, ...]:
    """What the Gradescope zip's ``course grade`` needs for one assignment (no authoring tools)."""
    roots = (
        *GRADER_ENTRY,
        *CHILD_ENTRY,
        *IN_KERNEL_ENTRY,
        *_assignment(assignment_id, "probes", "public", "hidden"),
    )
    return tuple(closure(roots))
