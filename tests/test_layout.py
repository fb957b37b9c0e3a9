"""The layout keeps its promises: trust boundaries in the paths, what ships where, house style,
and the traps of adding an assignment (exact-decimal points, public groups in the notebook,
no CUDA at probe import time, heavy imports preloaded)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from autograder.layout import (
    PACKAGE_ROOT,
    child_files,
    closure,
    grader_files,
    module_path,
    support_files,
)
from tests.runners import suites

MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        rel = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


def _imported(tree: ast.AST, *, top_level_only: bool) -> set[str]:
    nodes = tree.body if top_level_only else list(ast.walk(tree))  # type: ignore[attr-defined]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("autograder")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("autograder"):
            found.add(node.module)  # type: ignore[arg-type]
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize("top_level_only", [True, False], ids=["module-level", "anywhere"])
def test_no_import_cycles(top_level_only):
    """No cycle among the package's modules, counting imports inside functions too (no dodging)."""
    modules = _modules()
    graph = {
        name: sorted(
            m
            for m in _imported(ast.parse(p.read_text()), top_level_only=top_level_only)
            if m in modules and m != name
        )
        for name, p in modules.items()
    }
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1 and not node.startswith(
                nxt + "."
            ):  # a package's __init__ is not a cycle
                return [*stack, node, nxt]
            if nxt not in state and (found := visit(nxt, [*stack, node])):
                return found
        state[node] = 2
        return None

    for name in graph:
        if name not in state:
            cycle = visit(name, [])
            assert cycle is None, " -> ".join(cycle)


def test_no_long_functions_outside_the_per_assignment_checks():
    long = []
    for path in PACKAGE_ROOT.rglob("*.py"):
        if path.parent.parent == PACKAGE_ROOT / "checks":  # autograder/checks/<id>/*.py
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if n > MAX_FUNCTION_LINES:
                    long.append(
                        f"{path.relative_to(PACKAGE_ROOT)}:{node.lineno} {node.name} ({n} lines)"
                    )
    assert not long, long


def test_ruff_check_and_format_are_clean(repo):
    ruff = Path(sys.executable).with_name("ruff")
    for cmd in ([str(ruff), "check", "."], [str(ruff), "format", "--check", "."]):
        proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    skips = [str(p) for p in repo.glob("autograder/**/*.py") if "# fmt: skip" in p.read_text()]
    assert len(skips) <= 12, f"# fmt: skip is for the odd table, not a wall: {skips}"


def test_py_typed_is_shipped(repo):
    assert (PACKAGE_ROOT / "py.typed").is_file()
    assert 'autograder = ["py.typed"]' in (repo / "pyproject.toml").read_text()


def test_each_path_says_which_side_of_the_boundary_it_is_on():
    """The packages are the boundaries: harness next to student code, grading trusted, authoring
    local."""
    top = {p.name for p in PACKAGE_ROOT.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert top == {"checks", "harness", "grading", "authoring"}
    loose = {p.name for p in PACKAGE_ROOT.glob("*.py")}
    assert loose == {"__init__.py", "cli.py", "manifest.py", "layout.py"}
    for path in (PACKAGE_ROOT / "harness").glob(
        "*.py"
    ):  # what runs next to student code trusts nothing above it
        for mod in _imported(ast.parse(path.read_text()), top_level_only=False):
            assert not mod.startswith(
                ("autograder.grading", "autograder.authoring", "autograder.cli")
            ), (path, mod)


@pytest.mark.parametrize("aid", sorted(suites()))
def test_what_ships_where(aid):
    child = set(child_files(aid))
    public = set(support_files(aid, public=True))
    full = set(support_files(aid, public=False))
    grader = set(grader_files(aid))
    never = re.compile(r"(^authoring/|/mutants\.py$|/calibrate\.py$)")
    for name, files in (
        ("child", child),
        ("student", public),
        ("autograder", full),
        ("gradescope", grader),
    ):
        assert not [f for f in files if never.search(f)], (name, sorted(files))
    judge_side = re.compile(r"/(hidden|reference)\.py$|^grading/|^authoring/|^cli\.py$")
    assert not [f for f in child if judge_side.search(f) or f.endswith("public.py")], sorted(child)
    assert not [f for f in public if re.search(r"/(hidden|reference)\.py$", f)], sorted(public)
    assert (
        f"checks/{aid}/probes.py" in child
        and "harness/child.py" in child
        and "harness/zygote.py" in child
    )
    assert f"checks/{aid}/public.py" in public and f"checks/{aid}/hidden.py" in full
    assert public <= full and "grading/batch.py" in grader
    other = [
        f
        for f in grader
        if f.startswith("checks/") and f.count("/") > 1 and not f.startswith(f"checks/{aid}/")
    ]
    assert not other, other


def test_closure_follows_imports_inside_functions(tmp_path):
    pkg = tmp_path / "autograder"
    (pkg / "a").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a" / "__init__.py").write_text("")
    (pkg / "a" / "x.py").write_text("def f():\n    from autograder.a import y\n")
    (pkg / "a" / "y.py").write_text("from autograder.authoring import z\n")
    (pkg / "a" / "unused.py").write_text("")
    files = closure(["autograder.a.x"], package_root=pkg)
    assert files == ["__init__.py", "a/__init__.py", "a/x.py", "a/y.py"]
    assert module_path("autograder.a", pkg) == pkg / "a" / "__init__.py"


@pytest.mark.parametrize("aid", sorted(suites()))
@pytest.mark.parametrize("kind", ["child", "support"])
def test_shipped_files_are_enough_to_import(aid, kind, tmp_path):
    """Copied alone (as a child's harness or a support zip gets them), the entry points import."""
    files = child_files(aid) if kind == "child" else support_files(aid, public=True)
    for rel in files:
        target = tmp_path / "autograder" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((PACKAGE_ROOT / rel).read_bytes())
    entry = (
        "import autograder.harness.child, autograder.harness.zygote, "
        f"autograder.checks.{aid}.probes"
        if kind == "child"
        else f"import autograder.harness.otter_entry, autograder.checks.{aid}.public"
    )
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); {entry}; import autograder; "
        "print(autograder.__file__)"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith(str(tmp_path))


@pytest.mark.parametrize("aid", sorted(suites()))
def test_group_points_split_into_exact_decimals(aid):
    """The checks' shares of a group, rounded to 4 decimals as results.json shows them, add up to
    the group's points exactly (thirds would show 0.9999 of 1 point on Gradescope)."""
    suite = suites()[aid]
    for group in suite.spec.groups:
        shares = [suite.points(c) for c in suite.in_group(group.name)]
        assert shares, group.name
        assert round(sum(round(p, 4) for p in shares), 9) == group.points, (group.name, shares)


@pytest.mark.parametrize("aid", sorted(suites()))
def test_groups_are_listed_in_the_order_otter_reports_them(aid, repo):
    """Otter's results hold the groups in the order the notebook checks them, then the others
    sorted by name (its export cell checks ``sorted(glob("tests/*.py"))``): course.yml lists
    them so, and ``course grade``'s results.json shows the same rows in the same order."""
    suite = suites()[aid]
    nb = nbformat.read(repo / "solutions" / aid / suite.spec.notebook, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    checked = list(dict.fromkeys(re.findall(r"grader\.check\(\s*[\"']([^\"']+)[\"']", code)))
    groups = [g.name for g in suite.spec.groups]
    assert groups == checked + sorted(set(groups) - set(checked))


@pytest.mark.parametrize("aid", sorted(suites()))
def test_every_notebook_check_names_a_public_group(aid, repo):
    suite = suites()[aid]
    public_groups = {c.group for c in suite.public_checks}
    nb = nbformat.read(repo / "solutions" / aid / suite.spec.notebook, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    named = re.findall(r"grader\.check\(\s*[\"']([^\"']+)[\"']", code)
    assert named, "the notebook never calls grader.check"
    assert set(named) <= public_groups, sorted(set(named) - public_groups)
    assert public_groups <= set(named), (
        f"public groups the notebook never checks: {sorted(public_groups - set(named))}"
    )


def test_probes_never_initialise_cuda_at_import():
    """A zygote forks children after importing the probes: CUDA initialised there would break
    them."""
    ids = sorted(suites())
    code = textwrap.dedent(f"""
        import importlib, torch
        def refuse(*a, **k):
            raise RuntimeError("CUDA initialised at import time")
        torch.cuda._lazy_init = refuse
        for aid in {ids!r}:
            pkg = importlib.import_module("autograder.checks." + aid)
            for name in getattr(pkg, "PRELOAD", ()):
                importlib.import_module(name)
            importlib.import_module("autograder.checks." + aid + ".probes")
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


@pytest.mark.parametrize("aid", sorted(suites()))
def test_heavy_imports_of_the_student_module_are_preloaded(aid, repo):
    """Every third-party module the student file imports is imported by the warm zygote first
    (numpy and torch always, others through ``PRELOAD``), so no child pays for it."""
    import importlib

    suite = suites()[aid]
    local = {f[:-3] for f in (*suite.spec.student_files, *suite.spec.given_files)}
    preloaded = (
        "numpy",
        "torch",
        *getattr(importlib.import_module(f"autograder.checks.{aid}"), "PRELOAD", ()),
    )
    for name in suite.spec.student_files:
        tree = ast.parse((repo / "solutions" / aid / name).read_text())
        for node in tree.body:
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = [node.module]
            for mod in mods:
                root = mod.split(".")[0]
                if root in sys.stdlib_module_names or root in local or root == "__future__":
                    continue
                assert any(
                    mod == p or mod.startswith(p + ".") or p.startswith(mod + ".")
                    for p in preloaded
                ), (
                    f"{aid}/{name} imports {mod}; add it to PRELOAD in "
                    f"autograder/checks/{aid}/__init__.py"
                )
