"""The contract of every function students write, and the checks that test each part of it.

Each assignment's ``autograder/checks/<id>/contract.py`` lists ``CONTRACT``: one
:class:`Function` per function or method with a solution region, with a :class:`Clause` per
statement of its docstring (what it returns, its types, dtypes, shapes and device, what it
must not do: track gradients, alias or change its input, call something more than once) and,
per argument, the checks that call it with a value other than the default. ``pins`` name the
values an argument is commonly hard-coded to: each becomes a mutant that must lose points
(:func:`autograder.authoring.mutants.argument_mutants`).

``python -m autograder.authoring.contract`` writes ``docs/contract/<id>.md``; ``--check`` says
whether those files are current. ``tests/checks/test_contract.py`` fails when a student
function, an argument or a clause has no check.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from autograder.layout import REPO_ROOT

KINDS = ("value", "type", "dtype", "shape", "device", "no_grad", "no_alias", "unchanged", "calls",
         "raises", "seed", "training", "smoke", "data")  # fmt: skip
"""What a clause is about; ``training``: a step-by-step replay from the grader's start (hidden);
``smoke``: a few training steps checked locally (public)."""


@dataclass(frozen=True)
class Clause:
    """One statement of a docstring, and the checks that fail when it is broken."""

    text: str
    checks: tuple[str, ...]
    kind: str = "value"
    stated: bool = False
    """A convention the notebook or README states to students ("the checks test exactly
    these"): it needs a public check, so that passing locally never loses points on it."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"clause kind {self.kind!r} is not one of {KINDS}")


@dataclass(frozen=True)
class Function:
    """One function (``name`` or ``Class.method``) students write, in ``file``."""

    name: str
    task: str
    file: str
    clauses: tuple[Clause, ...]
    args: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each argument (``self`` aside): the checks that call it with a non-default value."""
    pins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Argument -> values (Python source) it is commonly hard-coded to; each must lose points."""
    training: bool = False
    """A training function: needs a ``training`` clause (a step-by-step replay)."""


def contract_for(assignment_id: str) -> tuple[Function, ...]:
    """The assignment's contract (empty when it has none yet)."""
    try:
        mod = importlib.import_module(f"autograder.checks.{assignment_id}.contract")
    except ModuleNotFoundError as err:
        if err.name != f"autograder.checks.{assignment_id}.contract":
            raise
        return ()
    return tuple(mod.CONTRACT)


def checks_of(assignment_id: str, function: str | None) -> tuple[str, ...]:
    """The checks the contract names for ``function`` (its clauses' and its arguments'), in
    contract order without repeats; empty for None or a function the contract does not list."""
    out: dict[str, None] = {}
    for fn in contract_for(assignment_id):
        if fn.name == function:
            for clause in fn.clauses:
                out.update(dict.fromkeys(clause.checks))
            for checks in fn.args.values():
                out.update(dict.fromkeys(checks))
    return tuple(out)


def student_functions(path: Path) -> dict[str, list[str]]:
    """``qualified name -> parameters`` of every function or method holding a solution region."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    out: dict[str, list[str]] = {}

    def visit(body: Iterable[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef):
                src = "\n".join(lines[node.lineno - 1 : node.end_lineno])
                if "# BEGIN SOLUTION" in src:
                    a = node.args
                    names = [
                        x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs) if x.arg != "self"
                    ]
                    out[prefix + node.name] = names

    visit(ast.parse(text).body, "")
    return out


def problems(
    assignment_id: str, check_names: set[str], hidden: set[str], root: Path = REPO_ROOT
) -> list[str]:
    """Everything the contract of ``assignment_id`` misses (empty: complete)."""
    found: list[str] = []
    contract = {f.name: f for f in contract_for(assignment_id)}
    files = sorted({f.file for f in contract.values()}) or [f"{assignment_id}.py"]
    written: dict[str, list[str]] = {}
    for name in files:
        written |= student_functions(root / "solutions" / assignment_id / name)
    for name, params in written.items():
        fn = contract.get(name)
        if fn is None:
            found.append(f"{name}: no contract entry")
            continue
        for p in params:
            if not fn.args.get(p):
                found.append(f"{name}: argument {p!r} has no check that varies it")
        if not fn.clauses:
            found.append(f"{name}: no clauses")
        if fn.training and not any(
            c.kind == "training" and set(c.checks) & hidden for c in fn.clauses
        ):
            found.append(f"{name}: a training function without a hidden step-by-step replay")
        if fn.training and not any(
            c.kind == "smoke" and set(c.checks) - hidden for c in fn.clauses
        ):
            found.append(f"{name}: a training function without a public smoke check")
        found += [
            f"{name}: stated convention {c.text!r} has no public check"
            for c in fn.clauses
            if c.stated and not set(c.checks) - hidden
        ]
    for name, fn in contract.items():
        if name not in written:
            found.append(f"{name}: in the contract but not a student function")
        refs = [c for cl in fn.clauses for c in cl.checks] + [
            c for v in fn.args.values() for c in v
        ]
        found += [
            f"{name}: names check {c!r}, which does not exist" for c in refs if c not in check_names
        ]
        found += [f"{name}: clause {cl.text!r} has no check" for cl in fn.clauses if not cl.checks]
        found += [
            f"{name}: pins {a!r}, which is not an argument"
            for a in fn.pins
            if a not in written.get(name, [])
        ]
    return found


def render(assignment_id: str, descriptions: dict[str, tuple[str, bool]]) -> str:
    """``docs/contract/<id>.md``: per function, each clause and argument with its checks."""

    def refs(names: Iterable[str]) -> str:
        return ", ".join(
            f"`{n}`{'' if descriptions.get(n, ('', True))[1] else ' (public)'}" for n in names
        )

    lines = [f"# Contract of `{assignment_id}`: every clause and argument, and the checks that "
             "test it", "",
             "Generated by `python -m autograder.authoring.contract` from",
             f"`autograder/checks/{assignment_id}/contract.py` and the check definitions; do not "
             "edit.",
             "Checks are hidden unless marked public. An argument's checks call the function with "
             "a value",
             "other than its default; each pinned value is a mutant that hard-codes it and must "
             "lose points.",
             "A clause marked (stated) is a convention the notebook states to students: it has a "
             "public check.",
             ""]  # fmt: skip
    for fn in contract_for(assignment_id):
        lines += [f"## `{fn.name}` (Task {fn.task}){' — training' if fn.training else ''}", "",
                  "| clause | kind | checks |", "|---|---|---|"]  # fmt: skip
        lines += [
            f"| {c.text} | {c.kind}{' (stated)' if c.stated else ''} | {refs(c.checks)} |"
            for c in fn.clauses
        ]
        lines += [
            "",
            "| argument | checks that vary it | hard-coded values that must lose points |",
            "|---|---|---|",
        ]
        for arg, checks in fn.args.items():
            lines.append(
                f"| `{arg}` | {refs(checks)} | "
                f"{', '.join(f'`{v}`' for v in fn.pins.get(arg, ())) or '-'} |"
            )
        lines.append("")
    if len(lines) > 8:
        used = sorted(
            {c for fn in contract_for(assignment_id) for cl in fn.clauses for c in cl.checks}
        )
        lines += ["## The checks", "", "| check | what it tests |", "|---|---|"]
        lines += [f"| `{c}` | {descriptions.get(c, ('?', True))[0]} |" for c in used]
        lines.append("")
    return "\n".join(lines)


def _descriptions(assignment_id: str) -> dict[str, tuple[str, bool]]:
    from autograder.checks.suite import Spec, load_suite
    from autograder.manifest import load_manifest

    suite = load_suite(Spec.from_manifest(load_manifest().assignment(assignment_id)))
    return {c.name: (c.description, c.hidden) for c in suite.checks}


def main(argv: list[str] | None = None) -> int:
    from autograder.manifest import load_manifest

    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for aid in load_manifest().ids:
        path = REPO_ROOT / "docs" / "contract" / f"{aid}.md"
        text = render(aid, _descriptions(aid))
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(REPO_ROOT)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO_ROOT)}")
    if stale:
        print("out of date (run python -m autograder.authoring.contract):", *stale, sep="\n  ")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
