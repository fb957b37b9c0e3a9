"""Open feedback reports in a real headless browser and check what a student sees (outside CI).

Usage: python scripts/check_feedback.py [REPORT.html ...]
Without arguments it grades the relu_ops reference, stub and first mutant with
``course grade --feedback`` into a temporary folder and checks their reports.

Each page is rendered by Chromium (``chromium --headless --dump-dom``: Debian's ``chromium``
package) and the rendered DOM must hold the total, one row per check with its result, and
no script element (messages quote values a child chose, so they must arrive as text).
Prints one line per report and exits 1 on any problem.
"""

from __future__ import annotations

import html.parser
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Dom(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.results: list[str] = []
        self.scripts = 0
        self.total = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "tr" and a.get("class") == "check":
            self.rows.append(a.get("data-check") or "")
        if tag == "td" and a.get("class") in ("pass", "fail"):
            self._in = "result"
        if tag == "p" and a.get("id") == "total":
            self._in = "total"

    def handle_data(self, data: str) -> None:
        if self._in == "result":
            self.results.append(data.strip())
        elif self._in == "total":
            self.total += data
        self._in = None if self._in == "result" else self._in

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in = None


def render(page: Path, browser: str) -> str:
    proc = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tempfile.mkdtemp()}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode != 0 or "<html" not in proc.stdout:
        raise RuntimeError(f"{browser} could not render {page}: {proc.stderr[-500:]}")
    return proc.stdout


def _reports() -> list[Path]:
    from autograder.authoring.mutants import materialize, mutants_for

    tmp = Path(tempfile.mkdtemp(prefix="course-feedback-"))
    sol = REPO / "solutions" / "relu_ops"
    subs = [
        sol,
        REPO / "assignments" / "relu_ops",
        materialize(mutants_for("relu_ops")[0], sol, tmp / "wrong"),
    ]
    cmd = [
        sys.executable,
        "-m",
        "autograder.cli",
        "grade",
        *map(str, subs),
        "--assignment",
        "relu_ops",
        "--out",
        str(tmp / "out"),
        "--feedback",
        "--no-canary",
    ]
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    return sorted((tmp / "out" / "feedback").glob("*.html"))


def main(argv: list[str]) -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("no chromium here: apt-get install chromium", file=sys.stderr)
        return 2
    pages = [Path(a) for a in argv] or _reports()
    bad = 0
    for page in pages:
        dom = _Dom()
        dom.feed(render(page, browser))
        ok = (
            bool(dom.rows)
            and len(dom.results) == len(dom.rows)
            and dom.scripts == 0
            and "points" in dom.total
        )
        bad += not ok
        passed = dom.results.count("passed")
        print(
            f"{'ok ' if ok else 'BAD'} {page.name}: {dom.total.strip()}; {len(dom.rows)} checks "
            "rendered, "
            f"{passed} passed, {dom.scripts} script elements"
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
