"""``course validate``: prove the checks against the reference, the stubs and the mutants.

For each assignment: every check must pass on ``solutions/<id>`` (full marks), fail on
``assignments/<id>`` (zero), and every mutant must lose points. Prints one row per
check and a kill matrix (mutants × check groups); returns False on any violation.
"""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.checks.core import Check
from autograder.checks.suite import Spec, Suite, load_suite
from autograder.launcher import ChildLauncher
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
        with ChildLauncher() as launcher, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {k: pool.submit(grade_directory, suite, v, given, label=k, device=device, launcher=launcher) for k, v in trees.items()}
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
) -> tuple[bool, SweepRows]:
    """Re-run the seeded checks with ``n`` seeds for the reference (all must pass) and every training
    mutant (each must fail on every seed); return (ok, markdown table rows) with the margins."""
    a = course.assignment(assignment_id)
    full = load_suite(Spec.from_manifest(a))
    seeded = tuple(c for c in full.checks if c.seeded)
    if not seeded:
        return True, SweepRows()
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
        with ChildLauncher() as launcher, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [(name, pool.submit(grade_directory, suite, tree, given, label=name, device=device, launcher=launcher))
                       for name, tree, suite in jobs_list]  # fmt: skip
            for name, fut in futures:
                for o in fut.result().outcomes:
                    values.setdefault((name, o.name), []).append((o.passed, o.value))
    ok = True
    rows = SweepRows()
    thresholds = {c.name: a.thresholds.get(c.threshold) if isinstance(c.threshold, str) else c.threshold for c in seeded}
    ref_table = Table(title=f"{a.id}: {n} seeds ({device}), reference", title_justify="left")
    for col in ("check", "passed", "min", "median", "max", "threshold", "margin"):
        ref_table.add_column(col)
    for c in seeded:
        runs = values.get(("reference", c.name), [])
        vals = sorted(v for _, v in runs if v is not None and v == v)
        passed = sum(p for p, _ in runs)
        good = passed == len(runs) == n
        ok &= good
        thr = thresholds[c.name]
        stats = ["-", "-", "-", f"{thr:g}" if thr is not None else "-", "-"]
        if vals and thr is not None:
            worst = vals[0] if c.higher_is_better else vals[-1]
            stats = [f"{vals[0]:.4g}", f"{vals[len(vals) // 2]:.4g}", f"{vals[-1]:.4g}", f"{thr:g}", f"{_signed(worst, thr, c.higher_is_better, True):+.3g}"]
        ref_table.add_row(c.name, f"{passed}/{len(runs)}" + ("" if good else " [red]VIOLATION[/]"), *stats)
        rows.reference.append(f"| {a.id} | {c.name} | {passed}/{len(runs)} | " + " | ".join(stats) + f" | {'ok' if good else 'VIOLATION'} |")
    console.print(ref_table)
    mut_table = Table(title=f"{a.id}: {n} seeds ({device}), training mutants", title_justify="left")
    for col in ("mutant", "caught", "by check", "best seed", "threshold", "margin"):
        mut_table.add_column(col)
    for name in trees:
        if name == "reference":
            continue
        per_seed = [any(not values[(name, c.name)][k][0] for c in seeded) for k in range(n)]
        good = all(per_seed)
        ok &= good
        check, best, thr, margin = _best_catch(seeded, thresholds, {c.name: values[(name, c.name)] for c in seeded})
        cells = [check or "(several)", "-" if best is None else f"{best:.4g}", "-" if thr is None else f"{thr:g}",
                 "-" if margin is None else f"{margin:+.3g}"]  # fmt: skip
        mut_table.add_row(name, f"{sum(per_seed)}/{n}" + ("" if good else " [red]VIOLATION[/]"), *cells)
        rows.mutants.append(f"| {a.id} | {name} | {sum(per_seed)}/{n} | " + " | ".join(cells) + f" | {'ok' if good else 'VIOLATION'} |")
    console.print(mut_table)
    console.print("margin: reference = threshold - worst seed; mutant = its best seed against the threshold of the check that\n"
                  "catches it on every seed (the one with the widest margin); positive is good. A training mutant must be\n"
                  "caught (some seeded check fails) on every seed.")
    return ok, rows


@dataclass
class SweepRows:
    """Markdown rows of a seed sweep: one per seeded check of the reference, one per training mutant."""

    reference: list[str] = field(default_factory=list)
    mutants: list[str] = field(default_factory=list)


def _signed(value: float, thr: float, higher_is_better: bool, reference: bool) -> float:
    """Distance from the threshold, positive on the good side (passing for the reference, failing for a mutant)."""
    passing_side = (value - thr) if higher_is_better else (thr - value)
    return passing_side if reference else -passing_side


def _best_catch(
    seeded: tuple[Check, ...], thresholds: dict[str, float | None], runs: dict[str, list[tuple[bool, float | None]]]
) -> tuple[str | None, float | None, float | None, float | None]:
    """The check that fails on every seed with the widest margin: (name, best mutant value, threshold, margin)."""
    best: tuple[str | None, float | None, float | None, float | None] = (None, None, None, None)
    for c in seeded:
        seeds = runs[c.name]
        if not seeds or any(p for p, _ in seeds):
            continue
        thr = thresholds[c.name]
        vals = [v for _, v in seeds if v is not None and v == v]
        if thr is None or len(vals) != len(seeds):
            if best[0] is None:
                best = (c.name, None, thr, None)
            continue
        margins = [_signed(v, thr, c.higher_is_better, False) for v in vals]
        k = min(range(len(vals)), key=lambda i: margins[i])
        if best[3] is None or margins[k] > best[3]:
            best = (c.name, vals[k], thr, margins[k])
    return best


def seed_report(rows: list[SweepRows], n: int, device: str) -> str:
    lines = [
        f"# Seed sweep: `course validate --seeds {n} --device {device}`",
        "",
        "Every seeded (convergence) check re-run with N seeds for the reference (must pass on all) and for every",
        "training mutant (on every seed at least one seeded check must fail).",
        "",
        "## Reference",
        "",
        "Margin = threshold − worst seed (mirrored for higher-is-better metrics): positive means no seed comes close.",
        "",
        "| assignment | check | passed | min | median | max | threshold | margin | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
        *(r for sweep in rows for r in sweep.reference),
        "",
        "## Training mutants",
        "",
        "Caught = seeds on which some seeded check fails. The check named is the one that fails on every seed with",
        "the widest margin; best seed = the mutant's value closest to passing it; margin = how far that value stays",
        "on the failing side (positive is good). \"-\": a pass/fail check without a numeric threshold.",
        "",
        "| assignment | mutant | caught | by check | best seed | threshold | margin | verdict |",
        "|---|---|---|---|---|---|---|---|",
        *(r for sweep in rows for r in sweep.mutants),
    ]
    return "\n".join(lines) + "\n"
