"""The ``course`` command: build, validate, grade, examples, demo, new.

Each command is a thin wrapper: it parses its options and calls one function of
:mod:`autograder.authoring` (build, validate, examples, new) or :mod:`autograder.grading`
(grade). Heavy imports happen inside the command that needs them, so ``course --help`` is fast.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from autograder.layout import REPO_ROOT
from autograder.manifest import DEFAULT_MANIFEST, CourseError, load_manifest

EXIT_USAGE, EXIT_CANARY, EXIT_INTERRUPTED = 2, 3, 130


def _console() -> Any:
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160)


def _one_torch_thread() -> None:
    """Tiny nets are overhead-bound; and the parent's judges then compute the same way in every run.

    Set once, before any grading thread starts (never from a judge: that would be a race).
    """
    import torch

    torch.set_num_threads(1)


def _ids(args: argparse.Namespace) -> tuple[Any, list[str]]:
    course = load_manifest(args.manifest)
    ids = args.assignment or course.ids
    for i in ids:
        course.assignment(i)
    return course, ids


def cmd_build(args: argparse.Namespace) -> int:
    from autograder.authoring.build import build_course, sync_student_tree

    course, ids = _ids(args)
    if args.check:
        differs = [
            f for a in course.assignments if a.id in ids for f in sync_student_tree(a, check=True)
        ]
        if differs:
            print(
                "assignments/ is out of date with solutions/ (run `course build`):",
                *differs,
                sep="\n  ",
            )
            return 1
        print(f"assignments/ matches solutions/ for {', '.join(ids)}")
        return 0
    for path in build_course(course, ids=ids, dist=args.dist):
        print(f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from autograder.authoring.sweep import seed_report, seed_sweep
    from autograder.authoring.validate import validate
    from autograder.checks.core import resolve_device

    course, ids = _ids(args)
    device = resolve_device(args.device)
    console = _console()
    _one_torch_thread()
    ok = validate(course, ids, device=device, jobs=args.jobs, console=console, summary=args.summary)
    if args.seeds:
        rows = []
        for i in ids:
            good, r = seed_sweep(
                course, i, args.seeds, device=device, jobs=args.jobs, console=console
            )
            ok &= good
            rows.append(r)
        if args.seed_report:
            args.seed_report.parent.mkdir(parents=True, exist_ok=True)
            args.seed_report.write_text(seed_report(rows, args.seeds, device))
            print(f"wrote {args.seed_report}")
    print("validation passed" if ok else "validation FAILED")
    return 0 if ok else 1


def cmd_grade(args: argparse.Namespace) -> int:
    from autograder.checks.core import resolve_device
    from autograder.checks.suite import Spec, load_suite
    from autograder.grading.batch import CanaryFailed, GradingInterrupted, InboxError, grade_batch
    from autograder.grading.launcher import sandboxed_launcher

    _one_torch_thread()
    course = load_manifest(args.manifest)
    a = course.assignment(args.assignment)
    spec = Spec.from_manifest(a)
    if args.timeout:
        spec = replace(spec, time_limit_s=args.timeout)
    suite = load_suite(spec)
    out = args.out or Path("gradebook") / a.id
    try:
        with sandboxed_launcher(warm=not args.cold) as launcher:
            results = grade_batch(
                [Path(p) for p in args.submissions],
                suite,
                out,
                jobs=args.jobs,
                device=resolve_device(args.device),
                force=args.force,
                launcher=launcher,
                console=_console(),
                canary=not args.no_canary,
                feedback=args.feedback,
            )
    except InboxError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except CanaryFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CANARY
    except GradingInterrupted as err:
        print(
            f"gradebook: {out / 'final_grades.csv'} ({len(err.results)} submission(s) graded "
            "before Ctrl-C)"
        )
        return EXIT_INTERRUPTED
    print(f"gradebook: {out / 'final_grades.csv'} ({len(results)} submission(s))")
    return 0


def cmd_examples(args: argparse.Namespace) -> int:
    from autograder.authoring.examples import make_examples

    course, ids = _ids(args)
    for a in course.assignments:
        if a.id in ids:
            for p in make_examples(a, args.dist):
                print(f"wrote {p}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Build everything, export the example submissions, grade them into gradebooks with plots."""
    from autograder.authoring.demo import run_demo
    from autograder.grading.batch import CanaryFailed

    _one_torch_thread()
    course, ids = _ids(args)
    try:
        wrong = run_demo(
            course, ids, dist=args.dist, out=args.out, jobs=args.jobs, console=_console()
        )
    except CanaryFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CANARY
    for line in wrong:
        print(f"error: {line}", file=sys.stderr)
    return 1 if wrong else 0


def cmd_new(args: argparse.Namespace) -> int:
    from autograder.authoring.scaffold import new_assignment

    for path in new_assignment(args.id, title=args.title, manifest=args.manifest, root=REPO_ROOT):
        print(f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    print(f"next: course build --assignment {args.id} && course validate --assignment {args.id}")
    return 0


def _assignment_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--assignment",
        action="append",
        metavar="ID",
        help="limit to this assignment (repeatable; default: every assignment in the manifest)",
    )


def _device_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--device",
        default="cpu",
        choices=["cpu", "cuda", "auto"],
        help="where probes run (auto: cuda when available)",
    )


def _jobs_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--jobs", type=int, default=2, metavar="N", help=f"{what} graded at the same time"
    )


def _dist_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dist", type=Path, default=REPO_ROOT / "dist", help="where the zips are written"
    )


class FMT(argparse.HelpFormatter):
    """Help that states every option's default (where the help text does not already)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS):
            return text
        return f"{text} (default: %(default)s)"


def _build_parser(sub: Any) -> None:
    b = sub.add_parser(
        "build",
        help="derive assignments/ from solutions/ and write the dist/ zips",
        formatter_class=FMT,
    )
    b.add_argument(
        "--check",
        action="store_true",
        help="only check that assignments/ is up to date (exit 1 if not)",
    )
    _assignment_option(b)
    _dist_option(b)
    b.set_defaults(func=cmd_build)


def _validate_parser(sub: Any) -> None:
    v = sub.add_parser(
        "validate",
        help="solutions score full marks, stubs zero, mutants lose points",
        formatter_class=FMT,
    )
    _assignment_option(v)
    _device_option(v)
    _jobs_option(v, "trees")
    v.add_argument(
        "--seeds",
        type=int,
        default=0,
        metavar="N",
        help="also sweep the seeded checks over N seeds (reference, alternatives and training "
        "mutants; "
        "default: 0, no sweep)",
    )
    v.add_argument(
        "--seed-report",
        type=Path,
        metavar="FILE",
        help="write the seed sweep as a markdown table here (default: printed only)",
    )
    v.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="also write the per-assignment summary (reference, stub, mutants and device "
        "mutants killed, alternatives, device clauses not checked) as a markdown table here "
        "(default: printed only)",
    )
    v.set_defaults(func=cmd_validate)


def _grade_parser(sub: Any) -> None:
    g = sub.add_parser(
        "grade", help="grade submission zips or folders into a gradebook", formatter_class=FMT
    )
    g.add_argument(
        "submissions",
        nargs="+",
        metavar="SUBMISSION",
        help="a submission zip or folder, a folder of those, or a Gradescope export folder "
        "(names, SIDs and emails from its submission_metadata.yml)",
    )
    g.add_argument(
        "--assignment", required=True, metavar="ID", help="the assignment these submissions are for"
    )
    g.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="the gradebook folder; one that already holds a gradebook is merged into (default: "
        "gradebook/<ID>)",
    )
    _jobs_option(g, "submissions")
    g.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="per-submission wall-clock limit in seconds (default: the assignment's time_limit_s)",
    )
    _device_option(g)
    g.add_argument(
        "--force",
        action="store_true",
        help="re-grade submissions whose content has not changed (default: reuse cached results)",
    )
    g.add_argument(
        "--cold",
        action="store_true",
        help="start a fresh interpreter per submission instead of forking a warm one "
        "(slower; same sandbox)",
    )
    g.add_argument(
        "--no-canary",
        action="store_true",
        help="do not grade the reference solution first (by default a batch is refused "
        "when it scores below full marks)",
    )
    g.add_argument(
        "--feedback",
        action="store_true",
        help="also write one HTML report per submission (DIR/feedback/<file>.html)",
    )
    g.set_defaults(func=cmd_grade)


def _other_parsers(sub: Any) -> None:
    e = sub.add_parser(
        "examples",
        help="export example submissions through the notebooks' export cells",
        formatter_class=FMT,
    )
    _assignment_option(e)
    _dist_option(e)
    e.set_defaults(func=cmd_examples)

    d = sub.add_parser(
        "demo",
        help="the main job: build, export examples, grade them, write gradebooks and plots",
        formatter_class=FMT,
    )
    _assignment_option(d)
    _dist_option(d)
    d.add_argument(
        "--out",
        type=Path,
        default=Path("gradebook"),
        metavar="DIR",
        help="gradebooks go to DIR/<ID>",
    )
    _jobs_option(d, "submissions")
    d.set_defaults(func=cmd_demo)

    n = sub.add_parser(
        "new",
        help="add a working skeleton assignment (manifest entry, solution, notebook, "
        "checks, mutants)",
        formatter_class=FMT,
    )
    n.add_argument("id", metavar="ID", help="the new assignment's id (lower case, digits and _)")
    n.add_argument("--title", default=None, help="its title (default: derived from ID)")
    n.set_defaults(func=cmd_new)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="course", description=__doc__.split("\n\n")[0], formatter_class=FMT
    )
    p.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="the course manifest")
    sub = p.add_subparsers(dest="command", required=True)
    for add in (_build_parser, _validate_parser, _grade_parser, _other_parsers):
        add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (
        CourseError
    ) as err:  # a bad manifest, a region without its end marker, a bad new id: no traceback
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
