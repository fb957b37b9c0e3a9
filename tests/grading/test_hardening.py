"""A batch that always finishes and submissions that share nothing (issue 13's classes).

Each test states one promise of docs/threat-model.md and attacks it: the intake (links, FIFOs,
broken zips), strings from a child (escapes, surrogates, markup), the disk (bytes, inodes,
deep trees), the clock (files and signals a child controls), and what is kernel-side
(keyrings, ptys, namespaces, the process count of honest neighbours).
"""

from __future__ import annotations

import csv
import errno
import io
import os
import struct
import threading
import time
import zipfile
from pathlib import Path

import pytest

from autograder.grading import cache as cache_module
from autograder.grading.batch import grade_batch
from autograder.grading.intake import SubmissionRefused, take_in
from autograder.grading.launcher import sandboxed_launcher
from autograder.grading.protections import detect
from autograder.grading.submission import grade_directory
from autograder.grading.supervise import Budget
from autograder.grading.workspace import UID_BASE, UIDS_PER_GRADER

pytestmark = pytest.mark.exclusive  # time limits and load: see tests/conftest.py

AID = "relu_ops"
PROTECTIONS = detect()
needs_sandbox = pytest.mark.skipif(not PROTECTIONS.namespaces, reason=PROTECTIONS.describe())
needs_cgroups = pytest.mark.skipif(PROTECTIONS.cgroups is None, reason=PROTECTIONS.describe())


def _module(repo: Path, which: str = "solutions") -> str:
    return (repo / which / AID / f"{AID}.py").read_text()


def _folder(tmp: Path, name: str, text: str) -> Path:
    d = tmp / name
    d.mkdir(parents=True)
    (d / f"{AID}.py").write_text(text)
    return d


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _patch_zip(path: Path, offset_of: bytes, patch: bytes, at: int) -> None:
    """Overwrite bytes ``at`` past every occurrence of the header signature ``offset_of``."""
    data = bytearray(path.read_bytes())
    i = data.find(offset_of)
    while i != -1:
        data[i + at : i + at + len(patch)] = patch
        i = data.find(offset_of, i + 1)
    path.write_bytes(bytes(data))


def _hostile_archives(tmp: Path, repo: Path) -> dict[str, tuple[Path, str]]:
    """name -> (submission, fragment of its refusal)."""
    sol = _module(repo)
    out: dict[str, tuple[Path, str]] = {}
    bad_crc = _zip(tmp / "bad_crc.zip", {f"{AID}.py": sol})
    raw = bytearray(bad_crc.read_bytes())
    raw[60] ^= 0xFF  # inside the compressed data of the only member
    bad_crc.write_bytes(bytes(raw))
    out["bad_crc.zip"] = (bad_crc, "refused:")
    enc = _zip(tmp / "encrypted.zip", {f"{AID}.py": sol})
    _patch_zip(enc, b"PK\x03\x04", struct.pack("<H", 0x1), 6)  # general purpose flag: encrypted
    _patch_zip(enc, b"PK\x01\x02", struct.pack("<H", 0x1), 8)
    out["encrypted.zip"] = (enc, "is encrypted")
    odd = _zip(tmp / "odd_compression.zip", {f"{AID}.py": sol})
    _patch_zip(odd, b"PK\x03\x04", struct.pack("<H", 99), 8)  # compression method 99
    _patch_zip(odd, b"PK\x01\x02", struct.pack("<H", 99), 10)
    out["odd_compression.zip"] = (odd, "unsupported compression")
    out["dot_member.zip"] = (
        _zip(tmp / "dot_member.zip", {".": "x", f"{AID}.py": sol}),
        "unsafe path",
    )
    out["long_name.zip"] = (
        _zip(tmp / "long_name.zip", {"a" * 300 + ".py": "x", f"{AID}.py": sol}),
        "longer than",
    )
    out["clash.zip"] = (
        _zip(tmp / "clash.zip", {"hw": "x", "hw/relu_ops.py": sol}),
        "both a file and a folder",
    )
    deep = "/".join(["d"] * 30) + f"/{AID}.py"
    out["deep.zip"] = (_zip(tmp / "deep.zip", {deep: sol}), "nested deeper")
    link = _folder(tmp, "proc_mem_link", sol)
    (link / "mem").symlink_to("/proc/self/mem")
    out["proc_mem_link"] = (link, "is a symbolic link")
    classmate = _folder(tmp / "elsewhere", "classmate", sol)
    launder = tmp / "launder"
    launder.mkdir()
    (launder / "hw").symlink_to(classmate)
    out["launder"] = (launder, "is a symbolic link")
    top = tmp / "top_link"
    top.symlink_to(classmate)
    out["top_link"] = (top, "is a symbolic link")
    return out


def _odd_but_fine(tmp: Path, repo: Path) -> dict[str, Path]:
    """Submissions with odd extras that must still be graded as the reference they hold."""
    sol = _module(repo)
    folder_nb = _folder(tmp, "notebook_is_a_folder", sol)
    (folder_nb / "relu_ops.ipynb").mkdir()
    nested = _folder(tmp, "deeply_nested_notebook", sol)
    (nested / "relu_ops.ipynb").write_text("[" * 200_000 + "]" * 200_000)
    return {"notebook_is_a_folder": folder_nb, "deeply_nested_notebook": nested}


@pytest.fixture(scope="module")
def intake_batch(tmp_path_factory, repo, suites):
    tmp = tmp_path_factory.mktemp("intake")
    hostile = _hostile_archives(tmp, repo)
    fine = _odd_but_fine(tmp, repo)
    message = (
        "raise RuntimeError('lone \\ud800 surrogate, \\x1b]0;owned\\x07 title, "
        "\\x1b[31mred\\x1b[0m, "
        "[/x] markup [bold]x[/bold] and a\\nnew line')\n"
    )
    loud = _folder(tmp, "loud_message", _module(repo, "assignments") + "\n" + message)
    subs = [p for p, _ in hostile.values()] + list(fine.values()) + [loud]
    out = tmp / "out"
    results = grade_batch(subs, suites[AID], out, jobs=2)
    return {r.label: r for r in results}, hostile, fine, out


@pytest.mark.parametrize(
    "name",
    [
        "bad_crc.zip",
        "encrypted.zip",
        "odd_compression.zip",
        "dot_member.zip",
        "long_name.zip",
        "clash.zip",
        "deep.zip",
        "proc_mem_link",
        "launder",
        "top_link",
    ],
)
def test_hostile_intake_is_a_refusal_not_a_crash(intake_batch, name):
    results, hostile, _, _ = intake_batch
    r = results[name]
    assert r.total == 0 and r.status.startswith("refused:"), r.status
    assert hostile[name][1] in r.status, r.status


@pytest.mark.parametrize("name", ["notebook_is_a_folder", "deeply_nested_notebook"])
def test_odd_extras_do_not_stop_a_good_submission(intake_batch, name):
    results, _, _, _ = intake_batch
    assert results[name].total == results[name].possible, results[name].status


def test_a_childs_words_reach_the_gradebook_clean(intake_batch):
    """Surrogates, terminal escapes, line breaks and markup from a child's message: the CSV and
    results JSON are written, one line each, with no escape or control character in them."""
    results, _, _, out = intake_batch
    status = results["loud_message"].status
    assert "import failed: RuntimeError" in status
    for bad in ("\x1b", "\x07", "\ud800", "\n"):
        assert bad not in status
    assert "[/x]" in status  # kept as text, never read as markup
    text = (out / "final_grades.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 + len(results)  # the header and Otter's points-per-question row
    assert "\x1b" not in text and "\ud800" not in text
    assert "\x1b" not in (out / "results" / "loud_message.json").read_text()


def test_a_fifo_is_refused_without_blocking(tmp_path, repo):
    d = _folder(tmp_path, "fifo", _module(repo))
    os.mkfifo(d / "relu_ops.ipynb")
    outcome: list[object] = []

    def run() -> None:
        try:
            take_in(d, tmp_path / "taken")
        except SubmissionRefused as err:
            outcome.append(err)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive(), "reading the submission blocked on a FIFO"
    assert outcome and "not a regular file" in str(outcome[0])


def test_a_full_disk_while_caching_costs_speed_not_the_batch(
    tmp_path, repo, suites, monkeypatch, capsys
):
    replace = os.replace

    def full(src: object, dst: object) -> None:  # the cache's folder alone is full
        if ".cache" in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(src, dst)

    monkeypatch.setattr(cache_module.os, "replace", full)
    sub = _folder(tmp_path, "alice", _module(repo))
    results = grade_batch([sub], suites[AID], tmp_path / "out", canary=False)
    assert results[0].total == results[0].possible
    assert (tmp_path / "out" / "final_grades.csv").is_file()
    assert "results not cached" in capsys.readouterr().out
    assert not list((tmp_path / "out" / ".cache").glob("*.json"))


SPY = r"""
import ctypes as _c, errno as _e, os as _o, socket as _so
_libc = _c.CDLL(None, use_errno=True)
def _call(nr, *args):
    r = _libc.syscall(nr, *args)
    return "ok" if r >= 0 else _e.errorcode.get(_c.get_errno(), "?")
def _sock(family):
    try:
        _so.socket(family, _so.SOCK_STREAM).close()
        return "ok"
    except OSError as err:
        return _e.errorcode.get(err.errno, "?")
_facts = {
    "add_key": _call(248, b"user", b"course", b"x", 1, -4),
    "keyctl": _call(250, 0, -4, 0),
    "ptrace": _call(101, 16, 1, 0, 0),
    "io_uring": _call(425, 1, 0),
    "bpf": _call(321, 0, 0, 0),
    "perf": _call(298, 0, 0, -1, -1, 0),
    "userfaultfd": _call(323, 0),
    "unshare_user": _call(272, 0x10000000),
    "inet": _sock(_so.AF_INET),
    "vsock": _sock(40),
    "unix": _sock(_so.AF_UNIX),
    "dev": ",".join(sorted(_o.listdir("/dev"))),
    "pts": ",".join(sorted(_o.listdir("/dev/pts"))),
    "fuse": _o.path.exists("/dev/fuse"),
    "uid": _o.getuid(),
}
raise SystemExit(" ".join(f"{k}={v}" for k, v in _facts.items()))
"""


@needs_sandbox
def test_kernel_interfaces_are_closed_inside_the_sandbox(tmp_path, repo, suites):
    tree = _folder(tmp_path, "spy", _module(repo, "assignments") + "\n" + SPY)
    with sandboxed_launcher() as launcher:
        r = grade_directory(
            suites[AID], tree, repo / "solutions" / AID, label="spy", launcher=launcher
        )
    facts = dict(item.split("=", 1) for item in r.status.split("SystemExit: ", 1)[1].split())
    if PROTECTIONS.seccomp:
        for call in (
            "add_key",
            "keyctl",
            "ptrace",
            "io_uring",
            "bpf",
            "perf",
            "userfaultfd",
            "unshare_user",
        ):
            assert facts[call] in ("EPERM", "ENOSYS"), (call, facts)
        assert facts["inet"] == facts["vsock"] == "EAFNOSUPPORT", facts
    assert facts["unix"] == "ok"
    assert facts["fuse"] == "False"
    assert facts["pts"] == "ptmx", facts  # its own devpts instance: no host pty is visible
    assert set(facts["dev"].split(",")) <= {
        "null",
        "zero",
        "full",
        "random",
        "urandom",
        "pts",
        "ptmx",
        "shm",
        "mqueue",
        "fd",
        "stdin",
        "stdout",
        "stderr",
    }
    assert facts["uid"] == "65534"


KEY_WRITER = r"""
import ctypes as _c
_c.CDLL(None, use_errno=True).syscall(248, b"user", b"course-shared", b"laundered", 9, -4)
"""
KEY_READER = r"""
import ctypes as _c, os as _o
_libc = _c.CDLL(None, use_errno=True)
_key = _libc.syscall(250, 10, -4, b"user", b"course-shared", 0)  # KEYCTL_SEARCH, user keyring
raise SystemExit(f"found={_key >= 0}")
"""


@needs_sandbox
def test_no_key_passes_from_one_submission_to_the_next(tmp_path, repo, suites):
    """The keyring was shared by every child (uid 65534 in the initial user namespace)."""
    writer = _folder(tmp_path, "writer", _module(repo, "assignments") + "\n" + KEY_WRITER)
    reader = _folder(tmp_path, "reader", _module(repo, "assignments") + "\n" + KEY_READER)
    with sandboxed_launcher() as launcher:
        grade_directory(suites[AID], writer, repo / "solutions" / AID, label="w", launcher=launcher)
        r = grade_directory(
            suites[AID], reader, repo / "solutions" / AID, label="r", launcher=launcher
        )
    assert "found=False" in r.status, r.status


THREAD_HOLDER = r"""
import threading as _t, time as _time
_hold = []
for _ in range(400):
    try:
        _th = _t.Thread(target=_time.sleep, args=(3,), daemon=True)
        _th.start()
        _hold.append(_th)
    except RuntimeError:
        break
_time.sleep(3)  # (every child of this submission imports it again: keep it short)
"""
THREAD_COUNTER = r"""
import threading as _t, time as _time
_time.sleep(1.5)  # the holder next door has its threads by now
_made = 0
for _ in range(30):
    try:
        _t.Thread(target=_time.sleep, args=(1,), daemon=True).start()
        _made += 1
    except RuntimeError:
        break
raise SystemExit(f"threads={_made}")
"""


@needs_cgroups
def test_a_thread_hog_does_not_starve_its_neighbour(tmp_path, repo, suites):
    """RLIMIT_NPROC counted every task of uid 65534 on the machine: threads held by one
    submission left none for a neighbour graded at the same time (it lost points)."""
    hog = _folder(tmp_path, "hog", _module(repo, "assignments") + "\n" + THREAD_HOLDER)
    counter = _folder(tmp_path, "counter", _module(repo, "assignments") + "\n" + THREAD_COUNTER)
    with sandboxed_launcher() as launcher:
        results = grade_batch(
            [hog, counter], suites[AID], tmp_path / "out", jobs=2, launcher=launcher, canary=False
        )
    assert "threads=30" in results[1].status, results[1].status


DISK_FILL = r"""
import os as _o
_written, _err, _files = 0, "none", 0
try:
    for _i in range(100):
        with open(f"fill{_i}", "wb") as _f:
            _o.posix_fallocate(_f.fileno(), 0, 60 * 2**20)
        _written += 60
except OSError as _x:
    _err = _x.strerror
try:
    for _i in range(100_000):
        open(f"i{_i}", "w").close()
        _files += 1
except OSError:
    pass
for _n in _o.listdir("."):  # room again for the harness to report how the import went
    if _n.startswith(("fill", "i")) and _n[1:2] != "." and _o.path.isfile(_n):
        _o.remove(_n)
_home = _o.getcwd()
for _i in range(3000):
    _o.mkdir("d")
    _o.chdir("d")
_o.chdir(_home)
raise SystemExit(f"written={_written} err={_err!r} files={_files}")
"""


@needs_sandbox
def test_the_disk_is_capped_per_submission_and_left_clean(tmp_path, repo, suites):
    before = {p.name for p in Path("/tmp").glob("course-grade-*")}
    tree = _folder(tmp_path, "filler", _module(repo, "assignments") + "\n" + DISK_FILL)
    with sandboxed_launcher() as launcher:
        r = grade_directory(
            suites[AID], tree, repo / "solutions" / AID, label="fill", launcher=launcher
        )
    facts = r.status.split("SystemExit: ", 1)[1]
    written = int(facts.split("written=")[1].split()[0])
    files = int(facts.split("files=")[1].split()[0])
    if PROTECTIONS.tmpfs:
        assert written <= 512 and "No space left" in facts, facts
        assert files <= 8192, facts
    after = {p.name for p in Path("/tmp").glob("course-grade-*")}
    assert after <= before, f"left behind: {sorted(after - before)}"


def _sub_clock_case(tmp: Path, repo: Path, name: str, attack: str) -> Path:
    return _folder(tmp, name, _module(repo, "assignments") + "\n" + attack)


PRECREATED = r"""
import os as _o, json as _j
_out = _o.path.join(_o.path.dirname(_o.getcwd()), "out")
for _i in range(20):
    open(_o.path.join(_out, f"{_i}.started"), "w").close()
    _o.makedirs(_o.path.join(_out, f"zz{_i}.started"), exist_ok=True)
with open(_o.path.join(_out, "import.json"), "w") as _f:
    _f.write('{"seconds": ' + "9" * 400 + ', "error": null}')
def relu(x):
    while True:
        pass
"""
SIGTERM_ERASER = r"""
import os as _o, signal as _s, json as _j
_out = _o.path.join(_o.path.dirname(_o.getcwd()), "out")
def _forge(*_a):
    for _i in range(20):
        with open(_o.path.join(_out, f"{_i}.json"), "w") as _f:
            _j.dump({"data": {"forged": True}, "seconds": 0}, _f)
    _o._exit(0)
_s.signal(_s.SIGTERM, _forge)
def relu(x):
    while True:
        pass
"""


@needs_sandbox
@pytest.mark.parametrize("attack", ["precreated", "sigterm_eraser"])
def test_only_the_parent_keeps_time(tmp_path, repo, suites, attack):
    """Pre-created progress and result files, a folder named like one, an overflowing number in
    the import report, and a SIGTERM handler in PID 1 that forges results: the time-out of the
    group that loops stands, with its reason, and nothing else changes."""
    code = PRECREATED if attack == "precreated" else SIGTERM_ERASER
    tree = _sub_clock_case(tmp_path, repo, attack, code)
    suite = suites[AID]
    budget = Budget(import_s=10, total_s=40, groups={g.name: 4.0 for g in suite.spec.groups})
    with sandboxed_launcher() as launcher:
        r = grade_directory(
            suite, tree, repo / "solutions" / AID, label=attack, launcher=launcher, budget=budget
        )
    assert r.total == 0
    assert "check group 'forward' ran over its 4s limit" in r.status, r.status
    assert "grading error" not in r.status and r.timed_out


def test_budgets_fit_the_reference_with_a_factor_and_a_floor(suites):
    spec = suites[AID].spec
    timing = {"import_s": 0.05, "group_s:forward": 0.05, "group_s:three_piece": 1.2}
    b = Budget.from_reference(spec, timing)
    assert b.import_s == 3.0  # the floor
    assert b.groups["forward"] == 3.0 and b.groups["three_piece"] == pytest.approx(12.0)
    assert (
        b.groups["graph_grads"] == spec.group("graph_grads").time_limit_s
    )  # not measured: the manifest's
    assert b.total_s == pytest.approx(max(8.0, 6 * 1.3))
    slow = Budget.from_reference(spec, {"group_s:three_piece": 100.0})
    assert (
        slow.groups["three_piece"] == spec.group("three_piece").time_limit_s
    )  # never above the manifest


@needs_sandbox
def test_no_sandboxed_uid_is_left_running(tmp_path, repo, suites):
    tree = _folder(
        tmp_path,
        "sleeper",
        _module(repo, "assignments") + "\nimport os, time\nos.setsid()\ntime.sleep(999)\n",
    )
    with sandboxed_launcher() as launcher:
        grade_directory(
            suites[AID],
            tree,
            repo / "solutions" / AID,
            label="s",
            launcher=launcher,
            budget=Budget(2.0, 10.0, {g.name: 3.0 for g in suites[AID].spec.groups}),
        )
    base = UID_BASE + (os.getpid() % 2_000_000) * UIDS_PER_GRADER
    mine = range(base, base + UIDS_PER_GRADER)  # this process's uids: another batch may be running

    def running() -> list[str]:
        found = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                fields = dict(
                    line.split(":", 1) for line in (proc / "status").read_text().splitlines()
                )
                uid, state = int(fields["Uid"].split()[1]), fields["State"].split()[0]
            except (OSError, KeyError, ValueError):
                continue
            if uid in mine and state != "Z":  # a zombie holds nothing; init reaps it
                found.append(proc.name)
        return found

    end = time.monotonic() + 5
    while running() and time.monotonic() < end:
        time.sleep(0.1)
    left = running()
    assert not left


def test_a_protection_that_is_off_says_why():
    text = PROTECTIONS.describe()
    if not PROTECTIONS.namespaces:
        assert "NOT active here" in text
    assert text.startswith("sandbox: resource limits")


def test_without_root_the_grader_says_which_protections_are_off(monkeypatch):
    import autograder.grading.protections as prot

    monkeypatch.setattr(prot.os, "geteuid", lambda: 1000)
    p = prot.detect()
    assert not p.namespaces and not p.drop_privileges and p.cgroups is None and not p.tmpfs
    text = p.describe()
    assert "NOT active here" in text and "needs root on Linux" in text
    assert "wall-clock limits on the parent's clock" in text.split("NOT active")[0]
    assert p.seccomp == PROTECTIONS.seccomp  # the filter needs no root


@pytest.mark.skipif(not PROTECTIONS.seccomp, reason="no seccomp here")
def test_the_filter_and_limits_hold_without_namespaces(tmp_path, repo, suites):
    """What a grader without root still gets: the filter (no AF_INET socket), the clock."""
    from autograder.grading.launcher import ChildLauncher
    from autograder.grading.protections import Protections

    spy = (
        "import socket as _so\ntry:\n    _so.socket(_so.AF_INET)\n    _r = 'open'\nexcept "
        "OSError:\n    _r = 'denied'\nraise SystemExit('inet=' + _r)\n"
    )
    tree = _folder(tmp_path, "spy", _module(repo, "assignments") + "\n" + spy)
    weak = Protections(namespaces=False, drop_privileges=False, seccomp=True)
    with ChildLauncher(protections=weak) as launcher:
        r = grade_directory(
            suites[AID], tree, repo / "solutions" / AID, label="spy", launcher=launcher
        )
        good = grade_directory(
            suites[AID],
            repo / "solutions" / AID,
            repo / "solutions" / AID,
            label="ok",
            launcher=launcher,
        )
    assert "inet=denied" in r.status, r.status
    assert good.total == good.possible
