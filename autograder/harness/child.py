"""A grading child: enter the sandbox, import the submission, run probes, write plain data.

Two ways in, same work: ``python -I child.py REQUEST.json [FD]`` (a fresh interpreter per
child; it closes the inherited pipe end FD once its preloads are done), or
:mod:`autograder.harness.zygote` forking a warm process that already imported numpy and torch
and calling :func:`run_request` in the fork.

The request (:class:`~autograder.harness.request.ChildRequest`) names the probes package,
the student module, the probes to run (name, seed), the output directory and how to
launch (log file, working directory, environment, sandbox, limits, seccomp). A request
without probes is an *import child*: it imports the submission and writes
``<out>/import.json`` (how the import went). Otherwise the child writes
``<out>/<index>.json`` (plus ``.npy`` files) for every probe. Nothing here decides a score or
a time limit: the parent keeps time itself, judges the data and treats everything the child
wrote as untrusted. Only the original process writes results: copies that student code forks
exit instead.
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

if __package__ in (
    None,
    "",
):  # run as a script: the harness root instead of this folder on the path
    sys.path[0] = str(Path(__file__).resolve().parents[2])

from autograder.harness.request import ChildRequest

HEAVY = ("numpy", "torch", "pyseccomp")


def preload(threads: int, extra: Iterable[str] = (), probes_module: str | None = None) -> None:
    """Import the heavy libraries (and the probes) before any student code exists in this
    process."""
    for name in (*HEAVY, *extra):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(max(1, int(threads)))
        _warm_torch(sys.modules["torch"])
    from autograder.checks import core, plaindata  # noqa: F401

    if probes_module:
        importlib.import_module(probes_module)


def _warm_torch(torch: Any) -> None:
    """Run once what torch initialises lazily on first use (the first optimizer alone imports
    about 800 modules, a second per child otherwise); the global generator is left as it was."""
    state = torch.random.get_rng_state()
    try:
        net = torch.nn.Sequential(
            torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.ReLU(), torch.nn.Linear(3, 2)
        )
        x, y = torch.randn(4, 2), torch.tensor([0, 1, 0, 1])
        for opt in (
            torch.optim.Adam(net.parameters(), lr=0.01),
            torch.optim.SGD(net.parameters(), lr=0.01),
        ):
            sched = torch.optim.lr_scheduler.MultiStepLR(opt, [1], gamma=0.1)
            for loss_fn in (torch.nn.CrossEntropyLoss(), torch.nn.MSELoss()):
                opt.zero_grad()
                out = net(x)
                loss = (
                    loss_fn(out, y)
                    if isinstance(loss_fn, torch.nn.CrossEntropyLoss)
                    else loss_fn(out, out.detach() + 1)
                )
                loss.backward()
                opt.step()
                sched.step()
        with torch.no_grad():
            net(x).argmax(dim=1).numpy()
        torch.nn.BCELoss()(torch.sigmoid(net(x)[:, :1]), torch.ones(4, 1)).backward()
    finally:
        torch.random.set_rng_state(state)


def load_request(path: str) -> ChildRequest:
    with open(path, encoding="utf-8") as f:
        return ChildRequest.from_json(f.read())


def _own_output(log_path: str) -> None:
    """A forked child: its own session, stdin from /dev/null, stdout and stderr to its log."""
    if (
        "numpy" in sys.modules
    ):  # fresh entropy for numpy's global generator, as in a new interpreter
        sys.modules["numpy"].random.seed()
    os.setsid()
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(null)
    os.close(log)


def run_request(req: ChildRequest, *, own_output: bool) -> int:
    """Enter the sandbox and limits the request asks for, then run its probes; return the exit code.

    ``own_output``: redirect stdin/stdout/stderr here (a forked child) rather than rely
    on the launcher having done it (a spawned one).
    """
    launch = req.launch
    if own_output:
        _own_output(launch.log)
    from autograder.harness import sandbox

    if launch.sandbox is not None:
        sandbox.enter(launch.sandbox)
    if launch.env is not None:
        os.environ.clear()
        os.environ.update(launch.env)
    if launch.cpu_s is not None:
        sandbox.apply_rlimits(float(launch.cpu_s), own_uid=launch.sandbox is not None)
    os.chdir(launch.cwd)
    if launch.seccomp:
        sandbox.apply_seccomp()  # last: nothing after this needs a denied call
    return run_probes(req)


def _device_settings(device: str) -> None:
    torch = sys.modules.get("torch")
    if torch is not None and device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


def run_probes(req: ChildRequest) -> int:
    """Import the student module from the working directory and run the requested probes."""
    sys.path[:0] = [os.getcwd(), req.harness_root]
    out = req.out_dir
    me = os.getpid()
    _device_settings(req.device)

    from autograder.checks import plaindata
    from autograder.checks.core import ProbeContext, error, error_payload

    probes = importlib.import_module(req.probes_module).PROBES
    try:
        module = importlib.import_module(req.module)
        import_error = None
    except BaseException as exc:
        module, import_error = None, exc
    if os.getpid() != me:  # a copy forked by student code at import time
        os._exit(0)
    failed = None if import_error is None else error_payload(import_error)
    if not req.probes:  # the import child: the parent times it, it reports how the import went
        with open(os.path.join(out, "import.json"), "w", encoding="utf-8") as f:
            json.dump({"error": failed}, f)
        return 0
    if failed is not None:
        info = failed["__probe_error__"]
        failed = error("ImportFailed", f"{info['kind']}: {info['message']}")
    for item in req.probes:
        t = time.perf_counter()
        if failed is not None:
            data = failed
        else:
            ctx = ProbeContext(seed=item.seed, device=req.device, params=req.params)
            data = probes.run(item.name, module, ctx)
        if os.getpid() != me:  # a copy forked by student code inside this probe
            os._exit(0)
        try:
            plaindata.dump({"data": data, "seconds": time.perf_counter() - t}, out, str(item.index))
        except Exception as exc:
            plaindata.dump(
                {"data": error_payload(exc), "seconds": time.perf_counter() - t},
                out,
                str(item.index),
            )
    return 0


def finish(code: int) -> None:
    """Flush and leave without interpreter teardown (and any atexit hooks student code
    registered)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def main(request_path: str, preloaded_fd: int | None = None) -> None:
    """``preloaded_fd``: the write end of the launcher's pipe, closed once the preloads are done
    (before the sandbox and any student code), so the parent starts its clocks then."""
    req = load_request(request_path)
    sys.path.insert(0, req.harness_root)
    preload(req.zygote.threads, req.zygote.preload, req.probes_module)
    if preloaded_fd is not None:
        try:
            os.close(preloaded_fd)
        except OSError:
            pass
    try:
        code = run_request(req, own_output=False)
    except BaseException:
        traceback.print_exc()
        code = 70
    finish(code)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
