"""Gradebook outputs: Otter's final_grades.csv, per-check and per-student CSVs, Gradescope
results.json, plots. Every file is written atomically, every string from a child cleaned."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from autograder.checks.plaindata import clean_text
from autograder.checks.suite import Spec
from autograder.grading.results import CheckOutcome, SubmissionResult

OTTER_POINTS_ROW = "points-per-question"


def _status(r: SubmissionResult) -> str:
    """Otter's ``grading_status``: ``Completed``, or the reason the grading did not complete."""
    return "Completed" if r.status == "graded" else spreadsheet_safe(clean_text(r.status, 300))


def write_csv(results: list[SubmissionResult], spec: Spec, path: Path) -> Path:
    """``final_grades.csv`` exactly as ``otter grade`` writes it: a ``points-per-question`` row
    first, then one row per file sorted by file name; the question (check group) columns in
    sorted order, ``total_points_earned``, ``percent_correct`` as a fraction (4 digits) and
    ``grading_status`` (``Completed`` or the reason)."""
    import pandas as pd

    groups = sorted(g.name for g in spec.groups)
    # Sums in Otter's order (each group's checks in order, then the groups sorted by name), so
    # every float is the one Otter's own path writes for the same points.
    graded = next((r for r in results if r.outcomes), None)

    def per_group(r: SubmissionResult, attr: str) -> dict[str, float]:
        return {g: sum(getattr(o, attr) for o in r.outcomes if o.group == g) for g in groups}

    possible = per_group(graded, "points") if graded else {g: spec.group(g).points for g in groups}
    rows = [
        {
            "file": OTTER_POINTS_ROW,
            **possible,
            "total_points_earned": sum(possible[g] for g in groups),
            "percent_correct": 1,
            "grading_status": "--",
        }
    ]
    for r in sorted(results, key=lambda r: r.label):
        scores, most = per_group(r, "earned"), per_group(r, "points")
        total, top = sum(scores[g] for g in groups), sum(most[g] for g in groups)
        rows.append(
            {
                "file": spreadsheet_safe(clean_text(r.label, 200)),
                **scores,
                "total_points_earned": total,
                "percent_correct": round(total / top, 4) if top else 0,
                "grading_status": _status(r),
            }
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = ["file", *groups, "total_points_earned", "percent_correct", "grading_status"]
    atomic_write(path, pd.DataFrame(rows, columns=columns).to_csv(index=False))
    return path


def write_check_csv(results: list[SubmissionResult], path: Path) -> Path:
    """``check_scores.csv``: one row per submission and check, with who submitted it."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
            "file",
            "name",
            "sid",
            "email",
            "group",
            "check",
            "visibility",
            "points",
            "earned",
            "passed",
            "message",
        ]
    )
    for r in sorted(results, key=lambda r: r.label):
        for o in r.outcomes:
            w.writerow(
                [
                    spreadsheet_safe(clean_text(r.label, 200)),
                    spreadsheet_safe(r.name),
                    spreadsheet_safe(r.sid),
                    spreadsheet_safe(r.email),
                    o.group,
                    o.name,
                    "hidden" if o.hidden else "public",
                    f"{o.points:g}",
                    f"{o.earned:g}",
                    o.passed,
                    spreadsheet_safe(clean_text(o.message)),
                ]
            )
    atomic_write(path, buf.getvalue())
    return path


def write_roster_csv(results: list[SubmissionResult], path: Path) -> Path | None:
    """``scores_by_student.csv`` (only where the inbox named the submitters): name, SID, email,
    file, total, fraction, status — the columns an instructor uploads back."""
    if not any(r.name or r.sid or r.email for r in results):
        return None
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        ["name", "sid", "email", "file", "total_points_earned", "percent_correct", "grading_status"]
    )
    for r in sorted(results, key=lambda r: (r.name, r.label)):
        w.writerow(
            [
                spreadsheet_safe(r.name),
                spreadsheet_safe(r.sid),
                spreadsheet_safe(r.email),
                spreadsheet_safe(clean_text(r.label, 200)),
                f"{r.total:g}",
                f"{round(r.total / r.possible, 4) if r.possible else 0:g}",
                _status(r),
            ]
        )
    atomic_write(path, buf.getvalue())
    return path


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _line(o: CheckOutcome) -> str:
    return (
        f"{'✅' if o.passed else '❌'} {o.name} ({o.earned:g}/{o.points:g}): "
        f"{clean_text(o.message)}"
    )


def results_json(result: SubmissionResult, spec: Spec) -> dict[str, object]:
    """Gradescope's ``results.json``, with the rows the Otter path gives: a visible "Public Tests"
    summary, then one row per check group (Otter's "question"; course.yml lists the groups in
    the order Otter reports them), visible to students after the assignment is published, whose
    output names every check with its message."""
    public = [o for o in result.outcomes if not o.hidden]
    tests: list[dict[str, object]] = [
        {
            "name": "Public Tests",
            "visibility": "visible",
            "status": "passed" if all(o.passed for o in public) else "failed",
            "output": "\n".join(_line(o) for o in public) or "no public tests",
        }
    ]
    for group in spec.groups:  # Otter's order too (tests/test_layout.py)
        mine = [o for o in result.outcomes if o.group == group.name]
        tests.append(
            {
                "name": group.name,
                "score": round(sum(o.earned for o in mine), 5),
                "max_score": round(sum(o.points for o in mine), 5),
                "visibility": "after_published",
                "output": f"{group.title}\n" + "\n".join(_line(o) for o in mine),
            }
        )
    return {"score": result.total, "output": clean_text(result.status, 300), "tests": tests}


def safe_stem(label: str) -> str:
    """A file name for ``label``'s results (a label is a submission's name: anything)."""
    stem = clean_text(Path(label.replace("/", "_").replace("\\", "_")).stem, 120).strip(". ")
    return "".join(c if c.isalnum() or c in "-_.@+ " else "_" for c in stem) or "submission"


def result_stems(labels: list[str]) -> dict[str, str]:
    """A file name (without suffix) for each label, no two alike even where case is ignored:
    ``alice``, ``alice.zzz`` and ``alice.zip~2`` all clean to ``alice``: a label that is its
    stem (``alice``) or its stem plus ``.zip`` keeps it, the others get ``alice-2``,
    ``alice-3`` in sorted order (a row never overwrites another's results or feedback)."""
    taken: set[str] = set()
    out: dict[str, str] = {}

    def owns(label: str) -> bool:
        return label in (safe_stem(label), safe_stem(label) + ".zip")

    for label in sorted(set(labels), key=lambda lab: (not owns(lab), lab)):
        base = stem = safe_stem(label)
        n = 1
        while stem.casefold() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.casefold())
        out[label] = stem
    return out


def spreadsheet_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: a leading ``= + - @`` (a formula,
    e.g. ``=HYPERLINK(...)`` in a submitter's name) gets a ``'`` in front (OWASP's advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_results_json(result: SubmissionResult, spec: Spec, path: Path) -> Path:
    atomic_write(path, json.dumps(results_json(result, spec), indent=2))
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
