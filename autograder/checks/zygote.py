"""A warm start for grading children: import the heavy libraries once, fork one child per request.

Run as ``python -I zygote.py`` from the probe harness by :mod:`autograder.launcher`. It
never imports or runs student code itself; every request is served by a fresh fork
(which enters the sandbox before it imports the submission), so nothing a submission
does can reach the next one. Protocol, one JSON object per line:

* stdin, first line: ``{"threads": 1, "preload": [...], "probes_module": "..."}``; reply ``{"ready": true}``;
* stdin, then per request: ``{"request": "/path/request.json"}``; replies ``{"pid": N}`` once the
  child is forked and ``{"exit": code}`` when it has ended (negative: killed by that signal).

End of input ends the zygote.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def _reply(obj: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> None:
    harness = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(harness))
    from autograder.checks import child

    config = json.loads(sys.stdin.readline())
    child.preload(int(config.get("threads", 1)), config.get("preload", ()), config.get("probes_module"))
    _reply({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        path = json.loads(line)["request"]
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                code = child.run_request(child.load_request(path), own_output=True)
            except BaseException:
                traceback.print_exc()
            child.finish(code)
        _reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _reply({"exit": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    main()
