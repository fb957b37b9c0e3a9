"""Gradebook outputs: Otter-style final_grades.csv, Gradescope results.json, plots, summary."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from autograder.checks.plaindata import clean_text
from autograder.checks.suite import Spec
from autograder.grading.results import SubmissionResult


def write_csv(results: list[SubmissionResult], spec: Spec, path: Path) -> Path:
    """``final_grades.csv`` in Otter's layout: file, one column per group, totals, status."""
    groups = [g.name for g in spec.groups]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", *groups, "total_points_earned", "percent_correct", "grading_status"])
        for r in results:
            scores = r.group_scores(groups)
            w.writerow(
                [
                    clean_text(r.label, 200),
                    *(f"{scores[g]:g}" for g in groups),
                    f"{r.total:g}",
                    f"{r.percent:g}",
                    clean_text(r.status, 300),
                ]
            )
    return path


def results_json(result: SubmissionResult) -> dict[str, object]:
    """Gradescope's results.json: public checks with messages, hidden ones with name and points
    only."""
    tests = []
    for o in result.outcomes:
        entry: dict[str, object] = {
            "name": f"{o.group}: {o.name}",
            "score": round(o.earned, 4),
            "max_score": round(o.points, 4),
        }
        if o.hidden:
            entry["visibility"] = "after_published"
        else:
            entry["visibility"] = "visible"
            entry["output"] = clean_text(o.message)
        tests.append(entry)
    return {"score": result.total, "output": clean_text(result.status, 300), "tests": tests}


def safe_stem(label: str) -> str:
    """A file name for ``label``'s results (a label is a submission's name: anything)."""
    stem = clean_text(Path(label.replace("/", "_").replace("\\", "_")).stem, 120).strip(". ")
    return "".join(c if c.isalnum() or c in "-_.@+ " else "_" for c in stem) or "submission"


def write_results_json(result: SubmissionResult, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results_json(result), indent=2), encoding="utf-8")
    return path


def write_plots(results: list[SubmissionResult], spec: Spec, directory: Path) -> list[Path]:
    """A score histogram and a per-check pass-rate chart (PNG).

    Uses matplotlib's object API (a :class:`~matplotlib.figure.Figure` per plot, no pyplot):
    nothing process-global is touched, so plots can be drawn while other threads grade.
    """
    from matplotlib.figure import Figure

    directory.mkdir(parents=True, exist_ok=True)
    hist = directory / "score_histogram.png"
    fig = Figure(figsize=(6, 3.5))
    ax = fig.subplots()
    ax.hist(
        [r.percent for r in results],
        bins=[i * 10 for i in range(11)],
        color="#4C72B0",
        edgecolor="white",
    )
    ax.set_xlabel("percent correct")
    ax.set_ylabel("submissions")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{spec.id}: scores of {len(results)} submission(s)")
    fig.tight_layout()
    fig.savefig(hist, dpi=110)

    rates = directory / "check_pass_rates.png"
    names = [o.name for o in results[0].outcomes] if results else []
    passed = [
        sum(r.outcomes[i].passed for r in results if i < len(r.outcomes)) / max(1, len(results))
        for i in range(len(names))
    ]
    fig = Figure(figsize=(7, 0.35 * len(names) + 1.2))
    ax = fig.subplots()
    colors = (
        ["#55A868" if not o.hidden else "#8172B2" for o in results[0].outcomes] if results else []
    )
    ax.barh(names[::-1], [100 * p for p in passed[::-1]], color=colors[::-1])
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of submissions passing (green: public, purple: hidden)")
    ax.set_title(f"{spec.id}: pass rate per check")
    fig.tight_layout()
    fig.savefig(rates, dpi=110)
    return [hist, rates]
