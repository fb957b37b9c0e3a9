"""Benchmark `course grade` against `otter run` on the same example submissions, in one run.

Usage: python scripts/benchmark.py [--copies N] [--assignment ID ...]

For each assignment: the example exports (reference, stub, one wrong answer; made by
`course examples` if missing) are graded by `otter run` and by `course grade --jobs 1`
one at a time (wall time per submission, and the ratio), then N copies of them are graded
as one batch with --jobs 1 and --jobs 2 (throughput, and the extrapolation to 300). Where
the time goes: interpreter + torch start-up of a child, sandbox set-up, the probes
themselves (training), judging. Writes docs/benchmark.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from autograder.build import build_course
from autograder.checks.suite import Spec, load_suite
from autograder.examples import make_examples
from autograder.grade import grade_batch
from autograder.manifest import REPO_ROOT, load_manifest
from autograder.runner import sandboxed_launcher


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=30)
    ap.add_argument("--assignment", action="append")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "benchmark.md")
    args = ap.parse_args()
    course = load_manifest()
    ids = args.assignment or course.ids
    dist = REPO_ROOT / "dist"
    quiet = Console(file=open("/dev/null", "w"))
    launcher = sandboxed_launcher()
    lines = [
        "# Benchmark: `course grade` vs `otter run`",
        "",
        f"Command: `python scripts/benchmark.py --copies {args.copies}{''.join(' --assignment ' + i for i in ids)}` on {platform.machine()}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, CPU only. {launcher.protections.describe()}.",
        "",
        "Start-up costs on this machine (median of 5):",
        "",
    ]
    py = [sys.executable, "-I", "-c"]
    base = statistics.median(_time([*py, "pass"]) for _ in range(5))
    torch_imp = statistics.median(_time([*py, "import torch, numpy"]) for _ in range(5))
    lines += [f"- bare interpreter: {base:.2f} s; interpreter + `import torch, numpy`: {torch_imp:.2f} s"]
    if launcher.protections.namespaces:
        sb = statistics.median(_time(["unshare", "--mount", "--net", "--pid", "--fork", "--mount-proc", "true"]) for _ in range(5))
        lines += [f"- namespace sandbox set-up (`unshare` mount+net+pid): {sb:.3f} s"]
    lines += ["", "| assignment | otter run s/sub | course grade s/sub (jobs 1) | ratio | batch of N, jobs 1: s/sub | jobs 2: s/sub | 300 subs, jobs 2 (extrapolated) | child start-up s | probes s | judge s |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for aid in ids:
        a = course.assignment(aid)
        build_course(course, ids=[aid], dist=dist, gradescope=False)
        ex = dist / "examples" / aid
        subs = sorted(ex.glob("*.zip")) if ex.exists() else []
        if len(subs) < 3:
            subs = make_examples(a, dist)
        ag = dist / "autograder" / f"{aid}-autograder.zip"
        suite = load_suite(Spec.from_manifest(a))
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            otter = [_time([sys.executable, "-m", "otter", "run", "-a", str(ag), "-o", str(tmp / f"o{i}"), "--no-logo", str(s)]) for i, s in enumerate(subs)]
            ours = []
            timing: list[dict[str, float]] = []
            for i, s in enumerate(subs):
                t = time.perf_counter()
                res = grade_batch([s], suite, tmp / f"g{i}", jobs=1, force=True, launcher=launcher, console=quiet)
                ours.append(time.perf_counter() - t)
                timing.append(res[0].timing)
            copies = []
            for k in range(args.copies):
                dst = tmp / "batch" / f"{k:03d}-{subs[k % len(subs)].name}"
                dst.parent.mkdir(exist_ok=True)
                shutil.copyfile(subs[k % len(subs)], dst)
                copies.append(dst)
            per_job = {}
            for jobs in (1, 2):
                t = time.perf_counter()
                grade_batch(copies, suite, tmp / f"batch{jobs}", jobs=jobs, force=True, launcher=launcher, console=quiet)
                per_job[jobs] = (time.perf_counter() - t) / len(copies)
        o, g = statistics.mean(otter), statistics.mean(ours)
        mean = {k: statistics.mean(t.get(k, 0.0) for t in timing) for k in ("startup_s", "probes_s", "judge_s")}
        lines.append(
            f"| {aid} | {o:.1f} | {g:.1f} | {g / o:.2f} | {per_job[1]:.2f} | {per_job[2]:.2f} | {300 * per_job[2] / 60:.1f} min "
            f"| {mean['startup_s']:.2f} | {mean['probes_s']:.2f} | {mean['judge_s']:.2f} |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        "Columns: per-submission wall time of `otter run` and of `course grade --jobs 1` on the same export zips "
        "(reference, stub, one wrong answer; mean), their ratio (lower is better for `course grade`), batch throughput "
        f"on {args.copies} copies with `--jobs 1` and `--jobs 2`, the extrapolation of the jobs-2 figure to 300 "
        "submissions (measured on a batch of that size, extrapolated linearly), and where a graded submission's time goes: "
        "child start-up (spawn → first probe: sandbox, interpreter, numpy/torch, the student's import), the probes "
        "(student code, training), judging in the parent.",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
