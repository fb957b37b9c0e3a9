"""``course validate``: prove the checks against the reference, the stubs and the mutants.

For each assignment: every check must pass on ``solutions/<id>`` (full marks), fail on
``assignments/<id>`` (zero), and every mutant must lose points. Prints one row per
check and a kill matrix (mutants × check groups); returns False on any violation.
"""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.checks.suite import Spec, Suite, load_suite
from autograder.manifest import REPO_ROOT, Course
from autograder.mutants import materialize, mutants_for
from autograder.results import SubmissionResult
from autograder.runner import grade_directory


def _mark(ok: bool) -> str:
    return "[green]pass[/]" if ok else "[red]FAIL[/]"


def validate_assignment(course: Course, assignment_id: str, *, device: str, jobs: int, console: Console, root: Path = REPO_ROOT) -> bool:
    a = course.assignment(assignment_id)
    suite = load_suite(Spec.from_manifest(a))
    given = root / "solutions" / a.id
    mutants = mutants_for(a.id)
    with tempfile.TemporaryDirectory(prefix="course-validate-") as tmp:
        trees = {"solution": given, "stub": root / "assignments" / a.id}
        for m in mutants:
            trees[m.name] = materialize(m, given, Path(tmp) / m.name)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {k: pool.submit(grade_directory, suite, v, given, label=k, device=device) for k, v in trees.items()}
            results: dict[str, SubmissionResult] = {k: f.result() for k, f in futures.items()}
    ok = True
    sol, stub = results["solution"], results["stub"]
    table = Table(title=f"{a.id}: checks ({device})", title_justify="left")
    for col in ("group", "check", "vis.", "points", "solution", "stub", "solution says"):
        table.add_column(col)
    for s, t in zip(sol.outcomes, stub.outcomes):
        ok &= s.passed and not t.passed
        table.add_row(s.group, s.name, "hidden" if s.hidden else "public", f"{s.points:.3g}", _mark(s.passed),
                      "[green]fails[/]" if not t.passed else "[red]PASSES[/]", s.message[:70])
    console.print(table)
    console.print(f"solution {sol.total:g}/{sol.possible:g} in {sol.seconds:.1f}s; stub {stub.total:g}/{stub.possible:g}")
    if mutants:
        groups = [g.name for g in a.groups]
        kill = Table(title=f"{a.id}: kill matrix (x = the group loses points)", title_justify="left")
        kill.add_column("mutant")
        for g in groups:
            kill.add_column(g)
        kill.add_column("score")
        kill.add_column("public check fails?")
        kill.add_column("mistake")
        killed = 0
        full = sol.group_scores(groups)
        for m in mutants:
            r = results[m.name]
            scores = r.group_scores(groups)
            lost = [scores[g] < full[g] - 1e-9 for g in groups]
            killed += any(lost)
            ok &= any(lost)
            public = [o.name for o in r.outcomes if not o.hidden and not o.passed]
            hint = ", ".join(public) if public else "no: hidden checks only"
            kill.add_row(m.name, *("x" if x else "." for x in lost), f"{r.total:g}/{r.possible:g}" if any(lost) else "[red]FULL[/]", hint, m.description)
        console.print(kill)
        console.print(f"mutation score: {killed}/{len(mutants)} killed")
    if not ok:
        console.print(f"[red]{a.id}: validation FAILED[/]")
    return ok


def validate(course: Course, ids: list[str] | None, *, device: str, jobs: int = 2, console: Console | None = None) -> bool:
    console = console or Console(width=None if sys.stdout.isatty() else 150)
    ok = True
    for a in course.assignments:
        if ids and a.id not in ids:
            continue
        ok &= validate_assignment(course, a.id, device=device, jobs=jobs, console=console)
    return ok


def seed_sweep(
    course: Course, assignment_id: str, n: int, *, device: str, jobs: int, console: Console, root: Path = REPO_ROOT
) -> tuple[bool, list[str]]:
    """Re-run the seeded checks with ``n`` seeds for the reference (all must pass) and every training
    mutant (each must fail on every seed); return (ok, markdown table rows) with the margins."""
    a = course.assignment(assignment_id)
    full = load_suite(Spec.from_manifest(a))
    seeded = tuple(c for c in full.checks if c.seeded)
    if not seeded:
        return True, []
    given = root / "solutions" / a.id
    training = [m for m in mutants_for(a.id) if m.training]
    values: dict[tuple[str, str], list[tuple[bool, float | None]]] = {}
    with tempfile.TemporaryDirectory(prefix="course-seeds-") as tmp:
        trees = {"reference": given} | {m.name: materialize(m, given, Path(tmp) / m.name) for m in training}
        jobs_list = []
        for k in range(n):
            spec = replace(full.spec, seed=full.spec.seed + 1000 * (k + 1))
            suite = Suite(spec, full.probes, seeded)
            jobs_list += [(name, tree, suite) for name, tree in trees.items()]
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [(name, pool.submit(grade_directory, suite, tree, given, label=name, device=device)) for name, tree, suite in jobs_list]
            for name, fut in futures:
                for o in fut.result().outcomes:
                    values.setdefault((name, o.name), []).append((o.passed, o.value))
    ok = True
    rows = []
    # A training mutant must lose points on every seed: at least one seeded check fails per seed.
    caught: dict[str, int] = {}
    for name in trees:
        if name != "reference":
            per_seed = [any(not values[(name, c.name)][k][0] for c in seeded) for k in range(n)]
            caught[name] = sum(per_seed)
            ok &= all(per_seed)
    table = Table(title=f"{a.id}: {n} seeds ({device})", title_justify="left")
    for col in ("check", "run", "passed", "min", "median", "max", "threshold", "margin"):
        table.add_column(col)
    for c in seeded:
        thr = a.thresholds.get(c.threshold) if isinstance(c.threshold, str) else c.threshold
        for name in trees:
            runs = values.get((name, c.name), [])
            vals = sorted(v for _, v in runs if v is not None and v == v)
            passed = sum(p for p, _ in runs)
            is_ref = name == "reference"
            good = passed == len(runs) == n if is_ref else caught[name] == n
            ok &= good
            if vals and thr is not None:
                worst = (vals[-1] if not c.higher_is_better else vals[0]) if is_ref else (vals[0] if not c.higher_is_better else vals[-1])
                margin = (thr - worst) if (is_ref != c.higher_is_better) else (worst - thr)
                stats = (f"{vals[0]:.4g}", f"{vals[len(vals) // 2]:.4g}", f"{vals[-1]:.4g}", f"{thr:g}", f"{margin:+.3g}")
            else:
                stats = ("-", "-", "-", f"{thr:g}" if thr is not None else "-", "-")
            mark = f"{passed}/{len(runs)}" + ("" if is_ref else f" (caught {caught[name]}/{n})") + ("" if good else " [red]VIOLATION[/]")
            table.add_row(c.name, name, mark, *stats)
            rows.append(f"| {a.id} | {c.name} | {name} | {passed}/{len(runs)} | " + " | ".join(stats) + f" | {'ok' if good else 'VIOLATION'} |")
    console.print(table)
    console.print("margin: reference rows = threshold - worst seed; mutant rows = best seed - threshold (positive is good);\n"
                  "a training mutant must be caught (some seeded check fails) on every seed")
    return ok, rows


def seed_report(rows: list[str], n: int, device: str) -> str:
    head = [
        f"# Seed sweep: `course validate --seeds {n} --device {device}`",
        "",
        "Every seeded (convergence) check re-run with N seeds for the reference (must pass on all) and for every",
        "training mutant (on every seed at least one seeded check must fail). Margin: reference = threshold − worst seed;",
        "mutant = best seed − threshold",
        "(for lower-is-better metrics; mirrored otherwise). Positive everywhere means no seed comes close.",
        "",
        "| assignment | check | run | passed | min | median | max | threshold | margin | verdict |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(head + rows) + "\n"
