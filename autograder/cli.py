"""The ``course`` command: build, validate, grade, examples, demo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autograder.manifest import DEFAULT_MANIFEST, REPO_ROOT, ManifestError, load_manifest
from autograder.regions import RegionError


def _console():
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160)


def _one_torch_thread() -> None:
    """Tiny nets are overhead-bound; and the parent's judges then compute the same way in every run.

    Set once, before any grading thread starts (never from a judge: that would be a race).
    """
    import torch

    torch.set_num_threads(1)


def cmd_build(args: argparse.Namespace) -> int:
    from autograder.build import build_course, sync_student_tree

    course = load_manifest(args.manifest)
    ids = args.assignment or course.ids
    for i in ids:
        course.assignment(i)
    if args.check:
        differs = [f for a in course.assignments if a.id in ids for f in sync_student_tree(a, check=True)]
        if differs:
            print("assignments/ is out of date with solutions/ (run `course build`):", *differs, sep="\n  ")
            return 1
        print(f"assignments/ matches solutions/ for {', '.join(ids)}")
        return 0
    for path in build_course(course, ids=ids, dist=args.dist):
        print(f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from autograder.checks.core import resolve_device
    from autograder.validate import validate

    course = load_manifest(args.manifest)
    ids = args.assignment or course.ids
    for i in ids:
        course.assignment(i)
    device = resolve_device(args.device)
    console = _console()
    _one_torch_thread()
    ok = validate(course, ids, device=device, jobs=args.jobs, console=console)
    if args.seeds:
        from autograder.validate import seed_report, seed_sweep

        rows = []
        for i in ids:
            good, r = seed_sweep(course, i, args.seeds, device=device, jobs=args.jobs, console=console)
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
    from autograder.grade import CanaryFailed, grade_batch
    from autograder.launcher import sandboxed_launcher

    _one_torch_thread()
    course = load_manifest(args.manifest)
    a = course.assignment(args.assignment)
    spec = Spec.from_manifest(a)
    if args.timeout:
        spec = spec.__class__(**{**spec.__dict__, "time_limit_s": args.timeout})
    suite = load_suite(spec)
    out = args.out or Path("gradebook") / a.id
    try:
        with sandboxed_launcher(warm=not args.cold) as launcher:
            results = grade_batch([Path(p) for p in args.submissions], suite, out, jobs=args.jobs,
                                  device=resolve_device(args.device), force=args.force, launcher=launcher,
                                  console=_console(), canary=not args.no_canary)  # fmt: skip
    except CanaryFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    print(f"gradebook: {out / 'final_grades.csv'} ({len(results)} submission(s))")
    return 0


def cmd_examples(args: argparse.Namespace) -> int:
    from autograder.examples import make_examples

    course = load_manifest(args.manifest)
    for a in course.assignments:
        if args.assignment and a.id not in args.assignment:
            continue
        for p in make_examples(a, args.dist):
            print(f"wrote {p}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Build everything, export the example submissions, grade them into gradebooks with plots."""
    from autograder.build import build_course
    from autograder.checks.suite import Spec, load_suite
    from autograder.examples import make_examples
    from autograder.grade import CanaryFailed, grade_batch

    _one_torch_thread()
    course = load_manifest(args.manifest)
    console = _console()
    ids = args.assignment or course.ids
    for path in build_course(course, ids=ids, dist=args.dist):
        console.print(f"built {path}")
    wrong: list[str] = []
    for a in course.assignments:
        if a.id not in ids:
            continue
        subs = make_examples(a, args.dist)
        out = args.out / a.id
        try:
            results = grade_batch(subs, load_suite(Spec.from_manifest(a)), out, jobs=args.jobs, console=console)
        except CanaryFailed as err:
            print(f"error: {a.id}: {err}", file=sys.stderr)
            return 3
        console.print(f"[bold]{a.id}[/]: gradebook {out / 'final_grades.csv'}, plots in {out}")
        by_label = {r.label: r for r in results}
        sol, stub = by_label.get("solution.zip"), by_label.get("stub.zip")
        if sol is None or sol.total < sol.possible - 1e-9:
            wrong.append(f"{a.id}: the exported reference scores {sol.total if sol else 0:g}, not full marks")
        if stub is None or stub.total > 0:
            wrong.append(f"{a.id}: the exported stub scores {stub.total if stub else '?'}, not 0")
    for line in wrong:
        print(f"error: {line}", file=sys.stderr)
    return 1 if wrong else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="course", description=__doc__)
    p.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="course manifest (default: course.yml)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="derive assignments/ from solutions/ and write dist/ zips")
    b.add_argument("--check", action="store_true", help="only check that assignments/ is up to date")
    b.add_argument("--assignment", action="append", help="limit to this assignment (repeatable)")
    b.add_argument("--dist", type=Path, default=REPO_ROOT / "dist")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="solutions score full marks, stubs zero, mutants lose points")
    v.add_argument("--assignment", action="append")
    v.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"])
    v.add_argument("--jobs", type=int, default=2)
    v.add_argument("--seeds", type=int, default=0, help="also sweep the seeded checks over N seeds (reference and training mutants)")
    v.add_argument("--seed-report", type=Path, help="write the seed sweep as a markdown table here")
    v.set_defaults(func=cmd_validate)

    g = sub.add_parser("grade", help="grade submission zips or folders into a gradebook")
    g.add_argument("submissions", nargs="+")
    g.add_argument("--assignment", required=True)
    g.add_argument("--out", type=Path)
    g.add_argument("--jobs", type=int, default=2)
    g.add_argument("--timeout", type=float, help="per-submission wall-clock limit in seconds (default: course.yml)")
    g.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"])
    g.add_argument("--force", action="store_true", help="re-grade submissions whose content has not changed")
    g.add_argument("--no-canary", action="store_true",
                   help="do not grade the reference solution first (by default a batch is refused when it scores below full marks)")
    g.add_argument("--cold", action="store_true",
                   help="start a fresh interpreter per submission instead of forking a warm one (slower; same sandbox)")
    g.set_defaults(func=cmd_grade)

    e = sub.add_parser("examples", help="export example submissions through the notebooks' export cells")
    e.add_argument("--assignment", action="append")
    e.add_argument("--dist", type=Path, default=REPO_ROOT / "dist")
    e.set_defaults(func=cmd_examples)

    d = sub.add_parser("demo", help="the main job: build, export examples, grade them, write gradebooks and plots")
    d.add_argument("--assignment", action="append")
    d.add_argument("--dist", type=Path, default=REPO_ROOT / "dist")
    d.add_argument("--out", type=Path, default=Path("gradebook"))
    d.add_argument("--jobs", type=int, default=2)
    d.set_defaults(func=cmd_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ManifestError, RegionError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
