"""``course grade --feedback``: one readable HTML report per submission, for after the grades
are published: every check, what it tests, passed or not, its points and its message.

The page is self-contained (inline style, no script, no external resource) and every piece of
text is escaped: a message quotes values a child chose.
"""

from __future__ import annotations

import html
from pathlib import Path

from autograder.checks.plaindata import clean_text
from autograder.checks.suite import Suite
from autograder.grading.results import SubmissionResult

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; vertical-align:
top; }
td.pass { color: #1a7f37; font-weight: 600; } td.fail { color: #b42318; font-weight: 600; }
.score { font-size: 1.2rem; } .status { color: #555; } .small { font-size: .85rem; color: #555; }
"""


def _e(text: object, limit: int = 500) -> str:
    return html.escape(clean_text(text, limit))


def render(result: SubmissionResult, suite: Suite) -> str:
    """The report of one submission as an HTML document."""
    spec = suite.spec
    described = {c.name: c.description for c in suite.checks}
    who = " · ".join(x for x in (result.name, result.sid) if x)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(spec.title)}: {_e(result.label)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(spec.title)}</h1>",
        f'<p class="small">{_e(result.label)}{" — " + _e(who) if who else ""}</p>',
        f'<p class="score" id="total">{result.total:g} / {result.possible:g} points '
        f"({100 * result.total / result.possible if result.possible else 0:.0f}%)</p>",
        f'<p class="status">{_e("graded" if result.status == "graded" else result.status)}</p>',
    ]
    for group in spec.groups:
        mine = [o for o in result.outcomes if o.group == group.name]
        earned = sum(o.earned for o in mine)
        parts += [
            f'<h2 id="group-{_e(group.name)}">{_e(group.title)} — {earned:g} / '
            f"{group.points:g}</h2>",
            "<table><thead><tr><th>check</th><th>what it tests</th><th>result</th><th>points</th>"
            "<th>message</th></tr></thead><tbody>",
        ]
        for o in mine:
            mark = ("pass", "passed") if o.passed else ("fail", "failed")
            kind = "" if o.hidden else ' <span class="small">(public)</span>'
            parts.append(
                f'<tr class="check" data-check="{_e(o.name)}"><td>{_e(o.name)}{kind}</td>'
                f'<td>{_e(described.get(o.name, ""))}</td><td class="{mark[0]}">{mark[1]}</td>'
                f"<td>{o.earned:g} / {o.points:g}</td><td>{_e(o.message)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_feedback(result: SubmissionResult, suite: Suite, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(result, suite), encoding="utf-8")
    return path
