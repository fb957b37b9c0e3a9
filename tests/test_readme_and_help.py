"""The README documents every command and every ``dist/`` artifact; every option has help text
that gives its default."""

from __future__ import annotations

import argparse

from autograder import cli


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_option_has_help_with_its_default():
    for name, p in {"course": cli.parser(), **_subcommands()}.items():
        for action in p._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"course {name} {action.option_strings or action.dest}: no help"
            optional = action.option_strings and not action.required
            takes_value = action.nargs != 0
            if optional and takes_value:
                text = p.format_help()
                assert "default" in text.rsplit(action.option_strings[-1], 1)[1][:400], (
                    f"course {name} {action.option_strings[-1]}: help does not give its default"
                )


def test_the_readme_documents_every_command_and_dist_artifact(repo):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for name in _subcommands():
        assert f"course {name}" in readme, f"README does not document `course {name}`"
    for artifact in (
        "dist/student/<id>.zip",
        "dist/autograder/<id>-autograder.zip",
        "dist/gradescope/<id>-gradescope.zip",
        "dist/examples/<id>/",
        "final_grades.csv",
        "check_scores.csv",
        "scores_by_student.csv",
        "results/<file>.json",
        "feedback/<file>.html",
    ):
        assert artifact in readme, f"README does not document {artifact}"
    for code in ("exit 2", "exit 3", "130"):
        assert code in readme
