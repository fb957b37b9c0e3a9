"""Benchmark `course grade` against `otter run` on the same example submissions, in one run.

Usage: python scripts/benchmark.py [--copies N] [--assignment ID ...]

For each assignment: the example exports (reference, stub, one wrong answer; made by
`course examples` if missing) are graded by `otter run` and by `course grade --jobs 1`
one at a time (wall time per submission, each with a fresh launcher), then N copies of them
are graded as one batch with --jobs 1 and --jobs 2 (throughput, the ratio to `otter run`,
and the extrapolation to 300), and once more with --jobs 1 and cold children (a fresh
interpreter per submission instead of a fork of the warm zygote). Where the time goes:
child start-up (fork or interpreter + imports, sandbox set-up), the probes themselves
(training), judging. Writes docs/benchmark.md.
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

from autograder.authoring.build import build_course
from autograder.authoring.examples import make_examples
from autograder.checks.suite import Spec, load_suite
from autograder.grading.batch import grade_batch
from autograder.grading.launcher import sandboxed_launcher
from autograder.layout import REPO_ROOT
from autograder.manifest import load_manifest


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    return time.perf_counter() - t


HOSTILE = {
    "loop_at_import": "while True:\n    pass\n",
    "loop_in_a_check": "def relu(x):\n    while True:\n        pass\n",
    "burn_under_the_limit": "import time as _t\n_end = _t.monotonic() + 2.5\nwhile _t.monotonic() "
    "< _end:\n    pass\n",
    "fork_bomb": "import os as _o\nwhile True:\n    _o.fork()\n",
    "thread_bomb": (
        "import threading as _th, time as _t\nwhile True:\n"
        "    _th.Thread(target=_t.sleep, args=(600,), daemon=True).start()\n"
    ),
    "disk_fill": (
        "import os as _o\ntry:\n    for _i in range(10**6):\n        with open(f'f{_i}', 'wb') as "
        "_f:\n"
        "            _o.posix_fallocate(_f.fileno(), 0, 60 * 2**20)\nexcept OSError:\n    pass\n"
        "import time as _t\n_t.sleep(600)\n"
    ),
}


def hostile(aid: str, n: int, out: Path) -> None:
    """N references alone, then with 5% hostile submissions; both with the canary, --jobs 2."""
    course = load_manifest()
    suite = load_suite(Spec.from_manifest(course.assignment(aid)))
    sol = (REPO_ROOT / "solutions" / aid / f"{aid}.py").read_text()
    quiet = Console(file=open("/dev/null", "w"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        refs = []
        for k in range(n):
            d = tmp / "refs" / f"ref{k:03d}"
            d.mkdir(parents=True)
            (d / f"{aid}.py").write_text(sol)
            refs.append(d)
        bad = []
        names = list(HOSTILE)
        for k in range(max(1, n // 20)):
            name = names[k % len(names)]
            d = tmp / "bad" / f"{name}-{k:02d}"
            d.mkdir(parents=True)
            (d / f"{aid}.py").write_text(sol + "\n" + HOSTILE[name])
            bad.append(d)
        mixed = [*refs]
        for i, b in enumerate(bad):  # spread through the batch
            mixed.insert((i + 1) * len(mixed) // (len(bad) + 1), b)
        walls, full = {}, {}
        for key, subs in (("clean", refs), ("hostile", mixed)):
            with sandboxed_launcher() as launcher:
                t = time.perf_counter()
                res = grade_batch(
                    subs, suite, tmp / key, jobs=2, force=True, launcher=launcher, console=quiet
                )
                walls[key] = time.perf_counter() - t
            full[key] = sum(r.total == r.possible for r in res if r.label.startswith("ref"))
            bad_totals = sorted({r.total for r in res if not r.label.startswith("ref")})
        lines = [
            "",
            f"## Under hostile load: {n} references of {aid}, then the same with {len(bad)} "
            "hostile "
            "submissions mixed in (`--jobs 2`, canary on)",
            "",
            f"Command: `python scripts/benchmark.py --hostile {n} --assignment {aid}`.",
            "",
            "| batch | submissions | wall s | references at full marks | hostile totals |",
            "|---|---|---|---|---|",
            f"| clean | {len(refs)} | {walls['clean']:.1f} | {full['clean']}/{n} | - |",
            f"| with 5% hostile | {len(mixed)} | {walls['hostile']:.1f} | {full['hostile']}/{n} | "
            f"{', '.join(f'{v:g}' for v in bad_totals)} |",
            "",
            f"Ratio hostile / clean: **{walls['hostile'] / walls['clean']:.2f}** (kinds: "
            f"{', '.join(names)}).",
        ]
    text = "\n".join(lines) + "\n"
    print(text)
    with open(out, "a") as f:
        f.write(text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=30)
    ap.add_argument("--assignment", action="append")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "benchmark.md")
    ap.add_argument(
        "--hostile",
        type=int,
        default=0,
        metavar="N",
        help="grade N references with and without 5%% hostile submissions (appends to --out)",
    )
    args = ap.parse_args()
    if args.hostile:
        hostile((args.assignment or ["relu_ops"])[0], args.hostile, args.out)
        return
    course = load_manifest()
    ids = args.assignment or course.ids
    dist = REPO_ROOT / "dist"
    quiet = Console(file=open("/dev/null", "w"))
    launcher = sandboxed_launcher()
    cold = sandboxed_launcher(warm=False)
    lines = [
        "# Benchmark: `course grade` vs `otter run`",
        "",
        "Command: `python scripts/benchmark.py --copies "
        f"{args.copies}{''.join(' --assignment ' + i for i in ids)}` on {platform.machine()}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, CPU "
        f"only. {launcher.protections.describe()}.",
        "",
        "Start-up costs on this machine (median of 5):",
        "",
    ]
    py = [sys.executable, "-I", "-c"]
    base = statistics.median(_time([*py, "pass"]) for _ in range(5))
    torch_imp = statistics.median(_time([*py, "import torch, numpy"]) for _ in range(5))
    lines += [
        f"- bare interpreter: {base:.2f} s; interpreter + `import torch, numpy`: {torch_imp:.2f} s"
    ]
    lines += [
        "",
        "| assignment | otter run s/sub | course grade, 1 sub per call | batch of N, jobs 1: "
        "s/sub | ratio to otter run | jobs 2: s/sub "
        "| 300 subs, jobs 2 (extrapolated) | jobs 1, cold children: s/sub | import child s "
        "(warm / cold) | probes s | judge s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
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
            otter = [
                _time(
                    [
                        sys.executable,
                        "-m",
                        "otter",
                        "run",
                        "-a",
                        str(ag),
                        "-o",
                        str(tmp / f"o{i}"),
                        "--no-logo",
                        str(s),
                    ]
                )
                for i, s in enumerate(subs)
            ]
            ours = []
            timing: list[dict[str, float]] = []
            for i, s in enumerate(subs):
                t = time.perf_counter()
                with sandboxed_launcher() as single:
                    grade_batch(
                        [s],
                        suite,
                        tmp / f"g{i}",
                        jobs=1,
                        force=True,
                        launcher=single,
                        console=quiet,
                    )
                ours.append(time.perf_counter() - t)
            copies = []
            for k in range(args.copies):
                dst = tmp / "batch" / f"{k:03d}-{subs[k % len(subs)].name}"
                dst.parent.mkdir(exist_ok=True)
                shutil.copyfile(subs[k % len(subs)], dst)
                copies.append(dst)
            per_job: dict[str, float] = {}
            cold_timing: list[dict[str, float]] = []
            for key, jobs, which in (("1", 1, launcher), ("2", 2, launcher), ("cold", 1, cold)):
                t = time.perf_counter()
                res = grade_batch(
                    copies,
                    suite,
                    tmp / f"batch{key}",
                    jobs=jobs,
                    force=True,
                    launcher=which,
                    console=quiet,
                )
                per_job[key] = (time.perf_counter() - t) / len(copies)
                if key == "1":
                    timing = [r.timing for r in res]
                if key == "cold":
                    cold_timing = [r.timing for r in res]
        launcher.close()  # one assignment's warm processes at a time
        cold.close()
        o, g = statistics.mean(otter), statistics.mean(ours)
        mean = {
            k: statistics.mean(t.get(k, 0.0) for t in timing)
            for k in ("import_s", "probes_s", "judge_s")
        }
        cold_start = statistics.mean(t.get("import_s", 0.0) for t in cold_timing)
        lines.append(
            f"| {aid} | {o:.1f} | {g:.2f} | {per_job['1']:.2f} | {per_job['1'] / o:.2f} | "
            f"{per_job['2']:.2f} | {300 * per_job['2'] / 60:.1f} min "
            f"| {per_job['cold']:.2f} | {mean['import_s']:.2f} / {cold_start:.2f} | "
            f"{mean['probes_s']:.2f} | {mean['judge_s']:.2f} |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        "Columns: per-submission wall time of `otter run` on the example export zips (reference, "
        "stub, one wrong answer; "
        "mean); `course grade` on one of them at a time with a fresh launcher (so it pays for "
        "starting its warm process); "
        f"batch throughput on {args.copies} copies with `--jobs 1`, its ratio to `otter run` "
        "(lower is better), with "
        "`--jobs 2`, and the extrapolation of the jobs-2 figure to 300 submissions (measured on a "
        "batch of "
        f"{args.copies}, extrapolated linearly); the `--jobs 1` batch again with cold children (a "
        "fresh interpreter "
        "importing torch per submission, as before the warm zygote); and where a graded "
        "submission's time goes in the "
        "jobs-1 batch: the import child (fork or interpreter + imports, sandbox set-up, the "
        "student's import; warm / cold), the probes (one child per check group: student code, "
        "training), judging in the parent.",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
