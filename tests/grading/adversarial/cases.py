"""The adversarial example set for `course grade`, with the expected gradebook line of each.

Each code case is the untouched relu_ops stub (which scores 0) plus an attack appended
to the module, so any score above 0 would be forged. ``needs_sandbox`` cases rely on the
namespace/privilege protections and are skipped where those are not active.
Expected: (total points, a fragment of grading_status).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    attack: str
    expected_total: float
    status: str
    needs_sandbox: bool = False
    extra_files: tuple[tuple[str, str], ...] = ()


FORGED_INPUTS = """
import sys as _s
_P = _s.modules["autograder.checks.relu_ops.probes"].PROBES
_one = {"value": [1.0], "grad": [1.0]}
_ops = {"x": [1.0], "relu": [1.0], "leaky_relu": [1.0], "Relu": _one, "LeakyRelu": _one}
_neg = {"x": [-1.0], "relu": [0.0], "leaky_relu": [-0.1], "Relu": {"value": [0.0], "grad": [0.0]},
        "LeakyRelu": {"value": [-0.1], "grad": [0.1]}}
_row = [{"x": 0.0, "y_hat": 0.0, "loss": 0.0, "grad": [0.0] * 7}]
_zeros = [0.0] * 7
_forged = {
    "ops_public": _ops, "ops_hidden": _ops, "leaky_slope": _neg,
    "net_forward": {"params": _zeros, "relu": _row, "leaky_relu": _row},
    "sgd_steps": {"seed": 0, "lr": 0.0, "init": _zeros, "start": _zeros,
                  "after": {"1": _zeros, "5": _zeros}},
}
for _name, _data in _forged.items():
    _P._probes[_name] = lambda mod, ctx, _d=_data: _d
"""

CASES = (
    Case("hang_at_import", "while True:\n    pass\n", 0, "importing the submission took over"),
    Case("exit_at_import", "import sys\nsys.exit(0)\n", 0, "import failed: SystemExit"),
    Case(
        "os_exit_at_import",
        "import os\nos._exit(0)\n",
        0,
        "exited with code 0 before running any check",
    ),
    Case("segfault_at_import", "import ctypes\nctypes.string_at(0)\n", 0, "exited with code -11"),
    Case(
        "flood_stdout",
        "import sys\nwhile True:\n    sys.stdout.write('spam ' * 10000)\n",
        0,
        "import failed: OSError: [Errno 27] File too large",
    ),
    Case("allocate_40_gib", "_hog = bytearray(40 * 2**30)\n", 0, "import failed: MemoryError"),
    # Only the original process writes results (forked copies exit), so the reason is its own fork
    # failure.
    Case(
        "fork_bomb",
        "import os\nwhile True:\n    os.fork()\n",
        0,
        "import failed: BlockingIOError",
        needs_sandbox=True,
    ),
    # A new session escapes its process group; killing it must still take it down (no leftover
    # process).
    Case(
        "setsid_and_sleep",
        "import os, time\nos.setsid()\ntime.sleep(10**6)\n",
        0,
        "importing the submission took over",
        needs_sandbox=True,
    ),
    Case(
        "orphan_left_running",
        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(10**6)\n",
        0,
        "graded",
        needs_sandbox=True,
    ),
    # Result files that are not plain files: a FIFO (a blocking read would hang the grader) and a
    # link to /dev/zero.
    Case(
        "fifo_and_link_results",
        "import os as _o\n_out = _o.path.join(_o.path.dirname(_o.getcwd()), "
        "'out')\n_o.mkfifo(_o.path.join(_out, 'import.json'))\n"
        "_o.symlink('/dev/zero', _o.path.join(_out, '0.json'))\n",
        0,
        "importing the submission took over",
    ),
    Case(
        "network_fetch_answers",
        "import urllib.request\ntry:\n    "
        "exec(urllib.request.urlopen('http://127.0.0.1:8000/relu_ops.py', "
        "timeout=2).read())\nexcept OSError:\n    pass\n",
        0,
        "graded",
    ),
    Case(
        "read_the_solutions",
        "import pathlib as _pl\nfor _p in "
        "_pl.Path('/').glob('**/solutions/relu_ops/relu_ops.py'):\n    exec(_p.read_text())\n    "
        "break\n",
        0,
        "graded",
        needs_sandbox=True,
    ),
    Case(
        "write_outside",
        "import pathlib as _pl\nfor _t in ('/tmp/course-pwned', '{repo}/course-pwned'):\n    "
        "try:\n        _pl.Path(_t).write_text('x')\n    except OSError:\n        pass\n",
        0,
        "graded",
        needs_sandbox=True,
    ),
    Case(
        "monkeypatch_numpy_torch",
        "import numpy as _np, torch as _t\n_np.allclose = _np.isclose = lambda *a, **k: "
        "True\n_np.mean = lambda *a, **k: 0.0\n_t.allclose = lambda *a, **k: True\n",
        0,
        "graded",
    ),
    Case(
        "monkeypatch_check_helpers",
        "import sys as _s\n_c = _s.modules.get('autograder.checks.core')\nif _c is not None:\n"
        "    _c.judge = lambda *a, **k: _c.Verdict(True, 'forged')\n    _c.ProbeRegistry.run = "
        "lambda self, name, mod, ctx: {'passed': True, 'score': 100}\n",
        0,
        "graded",
    ),
    Case(
        "fake_results_files",
        "import json as _j, os as _o\n_out = _o.path.join(_o.path.dirname(_o.getcwd()), "
        "'out')\nfor _i in range(50):\n"
        "    open(_o.path.join(_out, f'{_i}.json'), 'w').write(_j.dumps({'data': {'passed': True, "
        "'score': 100}, 'seconds': 0}))\n"
        "open(_o.path.join(_out, 'results.json'), 'w').write('{\"score\": 100}')\n_o._exit(0)\n",
        0,
        "graded",
    ),
    # Swap the harness's probes for ones that report their own, trivial inputs with outputs that
    # fit them (x = 1 for relu, x = 0 and zero weights for the net, lr = 0 so SGD "takes its
    # steps").
    # Judges that replayed the reference on reported inputs gave this 4.87 of 10 points.
    Case("forged_trivial_inputs", FORGED_INPUTS, 0, "graded"),
    Case(
        "ships_grader_named_files",
        "",
        0,
        "graded",
        extra_files=(
            ("autograder/__init__.py", ""),
            ("autograder/checks/__init__.py", ""),
            ("autograder/checks/core.py", "def judge(*a, **k):\n    return True\n"),
            ("scalar_graph.py", "raise SystemExit('forged framework')\n"),
            ("course_checks.zip", "not a zip"),
        ),
    ),
)
