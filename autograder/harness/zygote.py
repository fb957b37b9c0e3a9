"""A warm start for grading children: import the heavy libraries once, fork one child per request.

Run as ``python -I zygote.py`` from the probe harness by :mod:`autograder.grading.launcher`.
It never imports or runs student code itself; every request is served by a fresh fork
(which enters the sandbox before it imports the submission), so nothing a submission
does can reach the next one. Never initialise CUDA here (no ``torch.cuda`` calls in
preloads or at probe import time): a forked child could then not use the GPU.

Protocol, one JSON object per line. Replies go to a private descriptor (fd 1 is pointed
at the log, so stray output of a library cannot corrupt them), and children close it:

* first line in: a :class:`~autograder.harness.request.ZygoteConfig`; reply ``{"ready": true}``;
* per request in: ``{"request": "/path/request.json"}``; replies ``{"pid": N}`` once the child is
  forked and ``{"exit": code}`` when it has ended (negative: killed by that signal). The ended
  child is left unreaped (a zombie keeps its pid and process group from being reused, so the
  parent can still kill by pid safely) until the parent answers ``{"reap": N}``.

End of input ends the zygote.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import traceback
from pathlib import Path


def main() -> None:
    sys.path[0] = str(Path(__file__).resolve().parents[2])  # the harness root, not this folder
    from autograder.harness import child, sandbox
    from autograder.harness.request import ZygoteConfig

    # Other processes of the same user (a submission, where there is no sandbox) may not read or
    # write our fds.
    sandbox.prctl(sandbox.PR_SET_DUMPABLE, 0, "DUMPABLE")
    reply_fd = os.dup(1)
    os.dup2(2, 1)
    replies = os.fdopen(reply_fd, "w", buffering=1)

    def reply(obj: dict[str, object]) -> None:
        replies.write(json.dumps(obj) + "\n")
        replies.flush()

    config = ZygoteConfig.from_json(sys.stdin.readline())
    child.preload(config.threads, config.preload, config.probes_module)
    reply({"ready": True})
    max_fd = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    for line in sys.stdin:
        msg = json.loads(line) if line.strip() else {}
        if "reap" in msg:
            os.waitpid(int(msg["reap"]), 0)
            continue
        if "request" not in msg:
            continue
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                sandbox.die_with_parent()  # the zygote
                os.closerange(3, max_fd if max_fd > 0 else 4096)  # the reply pipe above all
                code = child.run_request(child.load_request(msg["request"]), own_output=True)
            except BaseException:
                traceback.print_exc()
            child.finish(code)
        reply({"pid": pid})
        reply({"exit": sandbox.exit_code(os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT))})


if __name__ == "__main__":
    main()
