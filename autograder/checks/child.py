"""Entry point of a grading child process: import the submission, run probes, write plain data.

Run as ``python -I child.py REQUEST.json`` with the submission directory as the
working directory. The request names the probes package, the student module, the
probes to run (name, seed) and the output directory. For every probe the child
writes ``<out>/<index>.started`` before running it and ``<out>/<index>.json`` (plus
``.npy`` files) after. Nothing here decides a score: the parent judges the data and
treats everything the child wrote as untrusted.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(request_path: str) -> int:
    with open(request_path, encoding="utf-8") as f:
        req = json.load(f)
    sys.path[:0] = [os.getcwd(), req["harness_root"]]
    out = req["out_dir"]

    import importlib

    try:  # heavy imports before student code, so their time is not charged to a probe
        import numpy  # noqa: F401
        import torch

        torch.set_num_threads(int(req.get("threads", 1)))
        if req["device"] == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = False
            torch.backends.cudnn.allow_tf32 = False
            torch.backends.cudnn.deterministic = True
            torch.backends.cudnn.benchmark = False
    except ImportError:
        pass

    from autograder.checks import plaindata
    from autograder.checks.core import ProbeContext, error_payload, run_probe

    probes = importlib.import_module(req["probes_module"]).PROBES
    t0 = time.perf_counter()
    try:
        module = importlib.import_module(req["module"])
        import_error = None
    except BaseException as exc:
        module, import_error = None, exc
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
        try:
            plaindata.dump({"data": data, "seconds": time.perf_counter() - t}, out, str(index))
        except Exception as exc:
            plaindata.dump({"data": error_payload(exc), "seconds": time.perf_counter() - t}, out, str(index))
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1])
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown (and any atexit hooks student code registered)
