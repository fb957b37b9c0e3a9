"""A grading child: enter the sandbox, import the submission, run probes, write plain data.

Two ways in, same work: ``python -I child.py REQUEST.json`` (a fresh interpreter per
submission), or :mod:`autograder.checks.zygote` forking a warm process that already
imported numpy and torch and calling :func:`run_request` in the fork.

The request names the probes package, the student module, the probes to run (name,
seed), the output directory and how to launch (log file, working directory,
environment, sandbox, CPU limit). For every probe the child writes
``<out>/<index>.started`` before running it and ``<out>/<index>.json`` (plus ``.npy``
files) after. Nothing here decides a score: the parent judges the data and treats
everything the child wrote as untrusted. Only the original process writes results:
copies that student code forks exit instead.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HEAVY = ("numpy", "torch")


def preload(threads: int, extra: Iterable[str] = (), probes_module: str | None = None) -> None:
    """Import the heavy libraries (and the probes) before any student code exists in this process."""
    for name in (*HEAVY, *extra):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(max(1, int(threads)))
    from autograder.checks import core, plaindata  # noqa: F401

    if probes_module:
        importlib.import_module(probes_module)


def load_request(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def run_request(req: dict[str, Any], *, own_output: bool) -> int:
    """Enter the sandbox and limits the request asks for, then run its probes; return the exit code.

    ``own_output``: redirect stdin/stdout/stderr here (a forked child) rather than rely
    on the launcher having done it (a spawned one).
    """
    launch = req["launch"]
    if own_output:
        if "numpy" in sys.modules:  # fresh entropy for numpy's global generator, as in a new interpreter
            sys.modules["numpy"].random.seed()
        os.setsid()
        log = os.open(launch["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(null)
        os.close(log)
    if launch.get("sandbox"):
        from autograder import sandbox

        box = launch["sandbox"]
        sandbox.enter(Path(box["root"]), Path(box["work"]), Path(box["harness"]))
    if launch.get("env") is not None:
        os.environ.clear()
        os.environ.update(launch["env"])
    if launch.get("cpu_s") is not None:
        from autograder import sandbox

        sandbox.apply_rlimits(float(launch["cpu_s"]))
    os.chdir(launch["cwd"])
    return run_probes(req)


def _device_settings(device: str) -> None:
    torch = sys.modules.get("torch")
    if torch is not None and device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


def run_probes(req: dict[str, Any]) -> int:
    """Import the student module from the working directory and run the requested probes."""
    sys.path[:0] = [os.getcwd(), req["harness_root"]]
    out = req["out_dir"]
    me = os.getpid()
    _device_settings(req["device"])

    from autograder.checks import plaindata
    from autograder.checks.core import ProbeContext, error_payload, run_probe

    probes = importlib.import_module(req["probes_module"]).PROBES
    t0 = time.perf_counter()
    try:
        module = importlib.import_module(req["module"])
        import_error = None
    except BaseException as exc:
        module, import_error = None, exc
    if os.getpid() != me:  # a copy forked by student code at import time
        os._exit(0)
    with open(os.path.join(out, "import.json"), "w", encoding="utf-8") as f:
        json.dump({"seconds": time.perf_counter() - t0, "error": None if import_error is None else error_payload(import_error)}, f)

    if import_error is not None:
        info = error_payload(import_error)["__probe_error__"]
        import_failed = {"__probe_error__": {"kind": "ImportFailed", "message": f"{info['kind']}: {info['message']}"}}
    for item in req["probes"]:
        index, name = item["index"], item["name"]
        open(os.path.join(out, f"{index}.started"), "w").close()
        t = time.perf_counter()
        if import_error is not None:
            data = import_failed
        else:
            ctx = ProbeContext(seed=item["seed"], device=req["device"], params=req["params"])
            data = run_probe(probes[name], module, ctx)
        if os.getpid() != me:  # a copy forked by student code inside this probe
            os._exit(0)
        try:
            plaindata.dump({"data": data, "seconds": time.perf_counter() - t}, out, str(index))
        except Exception as exc:
            plaindata.dump({"data": error_payload(exc), "seconds": time.perf_counter() - t}, out, str(index))
    return 0


def finish(code: int) -> None:
    """Flush and leave without interpreter teardown (and any atexit hooks student code registered)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def main(request_path: str) -> None:
    req = load_request(request_path)
    sys.path.insert(0, req["harness_root"])
    preload(int(req.get("threads", 1)), req.get("preload", ()), req["probes_module"])
    try:
        code = run_request(req, own_output=False)
    except BaseException:
        traceback.print_exc()
        code = 70
    finish(code)


if __name__ == "__main__":
    main(sys.argv[1])
