"""``course validate --seeds N``: the seeded (convergence) checks over many seeds.

The reference and every differently written correct solution (``ALTERNATIVES``) must pass on
every seed; every training mutant must be caught (some seeded check fails) on every seed.
Prints the margins and writes them as a markdown table (``docs/calibration/seeds-20-cpu.md``).
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.authoring.mutants import alternatives_for, materialize, mutants_for
from autograder.checks.core import Check
from autograder.checks.suite import Spec, Suite, load_suite
from autograder.grading.launcher import ChildLauncher
from autograder.grading.submission import grade_directory
from autograder.layout import REPO_ROOT
from autograder.manifest import Course

Values = dict[tuple[str, str], list[tuple[bool, float | None]]]
"""(tree, check) -> one (passed, value) per seed."""


def seed_sweep(
    course: Course,
    assignment_id: str,
    n: int,
    *,
    device: str,
    jobs: int,
    console: Console,
    root: Path = REPO_ROOT,
) -> tuple[bool, SweepRows]:
    """Re-run the seeded checks with ``n`` seeds for the reference and every alternative (all
    must pass) and every training mutant (each must fail on every seed); return (ok, markdown
    table rows) with the margins."""
    a = course.assignment(assignment_id)
    full = load_suite(Spec.from_manifest(a))
    seeded = tuple(c for c in full.checks if c.seeded)
    if not seeded:
        return True, SweepRows()
    given = root / "solutions" / a.id
    training = [m for m in mutants_for(a.id) if m.training]
    alternatives = alternatives_for(a.id)
    with tempfile.TemporaryDirectory(prefix="course-seeds-") as tmp:
        trees = {"reference": given}
        trees |= {m.name: materialize(m, given, Path(tmp) / m.name) for m in training}
        trees |= {m.name: materialize(m, given, Path(tmp) / m.name) for m in alternatives}
        values = _run_seeds(full, seeded, trees, given, n, device=device, jobs=jobs)
    thresholds = {
        c.name: a.thresholds.get(c.threshold) if isinstance(c.threshold, str) else c.threshold
        for c in seeded
    }
    rows = SweepRows()
    ok = _reference_rows(a.id, seeded, thresholds, values, n, device, console, rows)
    alts = [m.name for m in alternatives]
    ok &= _alternative_rows(a.id, alts, seeded, values, n, device, console, rows)
    mutants = [m.name for m in training]
    ok &= _mutant_rows(a.id, mutants, seeded, thresholds, values, n, device, console, rows)
    console.print(
        "margin: reference = threshold - worst seed; mutant = its best seed against the threshold\n"
        "of the check that catches it on every seed (the one with the widest margin); positive is\n"
        "good. A training mutant must be caught (some seeded check fails) on every seed."
    )
    return ok, rows


def _run_seeds(
    full: Suite,
    seeded: tuple[Check, ...],
    trees: dict[str, Path],
    given: Path,
    n: int,
    *,
    device: str,
    jobs: int,
) -> Values:
    """Grade every tree with ``n`` seeds (seeded checks only); the seed of sweep ``k`` is the
    assignment's seed + 1000 (k + 1)."""
    work = []
    for k in range(n):
        spec = replace(full.spec, seed=full.spec.seed + 1000 * (k + 1))
        suite = Suite(spec, full.probes, seeded)
        work += [(name, tree, suite) for name, tree in trees.items()]
    values: Values = {}
    with ChildLauncher() as launcher, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [
            (
                name,
                pool.submit(
                    grade_directory,
                    suite,
                    tree,
                    given,
                    label=name,
                    device=device,
                    launcher=launcher,
                ),
            )
            for name, tree, suite in work
        ]
        for name, fut in futures:
            for o in fut.result().outcomes:
                values.setdefault((name, o.name), []).append((o.passed, o.value))
    return values


def _verdict_cell(good: bool) -> str:
    return "ok" if good else "VIOLATION"


def _reference_rows(
    aid: str,
    seeded: tuple[Check, ...],
    thresholds: dict[str, float | None],
    values: Values,
    n: int,
    device: str,
    console: Console,
    rows: SweepRows,
) -> bool:
    """The reference's table: every seeded check must pass on every seed; add its rows."""
    ok = True
    table = Table(title=f"{aid}: {n} seeds ({device}), reference", title_justify="left")
    for col in ("check", "passed", "min", "median", "max", "threshold", "margin"):
        table.add_column(col)
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
            margin = _signed(worst, thr, c.higher_is_better, True)
            stats = [
                f"{vals[0]:.4g}",
                f"{vals[len(vals) // 2]:.4g}",
                f"{vals[-1]:.4g}",
                f"{thr:g}",
                f"{margin:+.3g}",
            ]
        flag = "" if good else " [red]VIOLATION[/]"
        table.add_row(c.name, f"{passed}/{len(runs)}{flag}", *stats)
        cells = " | ".join(stats)
        rows.reference.append(
            f"| {aid} | {c.name} | {passed}/{len(runs)} | {cells} | {_verdict_cell(good)} |"
        )
    console.print(table)
    return ok


def _alternative_rows(
    aid: str,
    alternatives: list[str],
    seeded: tuple[Check, ...],
    values: Values,
    n: int,
    device: str,
    console: Console,
    rows: SweepRows,
) -> bool:
    """The alternatives' table: each must pass every seeded check on every seed; add its rows
    (the seeds passed, and the first check that failed on some seed)."""
    ok = True
    table = Table(title=f"{aid}: {n} seeds ({device}), alternatives", title_justify="left")
    for col in ("alternative", "all checks passed", "first failing check"):
        table.add_column(col)
    for name in alternatives:
        per_seed = [all(values[(name, c.name)][k][0] for c in seeded) for k in range(n)]
        failing = [c.name for c in seeded if not all(p for p, _ in values[(name, c.name)])]
        good = all(per_seed)
        ok &= good
        flag = "" if good else " [red]VIOLATION[/]"
        first = failing[0] if failing else "-"
        table.add_row(name, f"{sum(per_seed)}/{n}{flag}", first)
        rows.alternatives.append(
            f"| {aid} | {name} | {sum(per_seed)}/{n} | {first} | {_verdict_cell(good)} |"
        )
    if alternatives:
        console.print(table)
    return ok


def _mutant_rows(
    aid: str,
    mutants: list[str],
    seeded: tuple[Check, ...],
    thresholds: dict[str, float | None],
    values: Values,
    n: int,
    device: str,
    console: Console,
    rows: SweepRows,
) -> bool:
    """The training mutants' table: each must be caught on every seed; add its rows."""
    ok = True
    table = Table(title=f"{aid}: {n} seeds ({device}), training mutants", title_justify="left")
    for col in ("mutant", "caught", "by check", "best seed", "threshold", "margin"):
        table.add_column(col)
    for name in mutants:
        per_seed = [any(not values[(name, c.name)][k][0] for c in seeded) for k in range(n)]
        good = all(per_seed)
        ok &= good
        runs = {c.name: values[(name, c.name)] for c in seeded}
        check, best, thr, margin = _best_catch(seeded, thresholds, runs)
        cells = [
            check or "(several)",
            "-" if best is None else f"{best:.4g}",
            "-" if thr is None else f"{thr:g}",
            "-" if margin is None else f"{margin:+.3g}",
        ]
        flag = "" if good else " [red]VIOLATION[/]"
        table.add_row(name, f"{sum(per_seed)}/{n}{flag}", *cells)
        text = " | ".join(cells)
        rows.mutants.append(
            f"| {aid} | {name} | {sum(per_seed)}/{n} | {text} | {_verdict_cell(good)} |"
        )
    console.print(table)
    return ok


@dataclass
class SweepRows:
    """Markdown rows of a seed sweep: one per seeded check of the reference, one per
    alternative, one per training mutant."""

    reference: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    mutants: list[str] = field(default_factory=list)


def _signed(value: float, thr: float, higher_is_better: bool, reference: bool) -> float:
    """Distance from the threshold, positive on the good side (passing for the reference, failing
    for a mutant)."""
    passing_side = (value - thr) if higher_is_better else (thr - value)
    return passing_side if reference else -passing_side


def _best_catch(
    seeded: tuple[Check, ...],
    thresholds: dict[str, float | None],
    runs: dict[str, list[tuple[bool, float | None]]],
) -> tuple[str | None, float | None, float | None, float | None]:
    """The check that fails on every seed with the widest margin: (name, best mutant value,
    threshold, margin)."""
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
        "Every seeded (convergence) check re-run with N seeds for the reference and every "
        "alternative (must pass",
        "on all) and for every training mutant (on every seed at least one seeded check must "
        "fail).",
        "",
        "## Reference",
        "",
        "Margin = threshold − worst seed (mirrored for higher-is-better metrics): positive means "
        "no seed comes close.",
        "",
        "| assignment | check | passed | min | median | max | threshold | margin | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
        *(r for sweep in rows for r in sweep.reference),
        "",
        "## Alternatives (differently written correct solutions)",
        "",
        "Each must pass every seeded check on every seed.",
        "",
        "| assignment | alternative | all passed | first failing check | verdict |",
        "|---|---|---|---|---|",
        *(r for sweep in rows for r in sweep.alternatives),
        "",
        "## Training mutants",
        "",
        "Caught = seeds on which some seeded check fails. The check named is the one that fails "
        "on every seed with",
        "the widest margin; best seed = the mutant's value closest to passing it; margin = how "
        "far that value stays",
        'on the failing side (positive is good). "-": a pass/fail check without a numeric '
        "threshold.",
        "",
        "| assignment | mutant | caught | by check | best seed | threshold | margin | verdict |",
        "|---|---|---|---|---|---|---|---|",
        *(r for sweep in rows for r in sweep.mutants),
    ]
    return "\n".join(lines) + "\n"
