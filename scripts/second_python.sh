#!/usr/bin/env bash
# Install the course on a second, real interpreter and grade the references there (outside CI).
#
#   bash scripts/second_python.sh [PYTHON]     # default: python3.13, else python3.12, else python3.10
#
# A copy of this tree (tracked and untracked, not ignored files; or of TREE=DIR) goes to $WORK (default: a new
# temporary folder); a venv is made there with PYTHON's own `-m venv`, torch 2.13.0 is installed
# first, then the lock (requirements.txt) and the course, all with the uv pinned in the lock.
# torch comes from the CPU index when it answers; otherwise, as the only torch 2.13.0 wheel for
# that Python, from PyPI: the CUDA build and its runtime (several GB; it grades on the CPU all
# the same). Then every assignment's reference (solution module + notebook) and stub are graded
# with `course grade` (sandbox on, canary on), and again with this repo's .venv when there is
# one, and the per-check scores are compared. A markdown summary is printed and written to
# $WORK/summary.md (docs/platforms.md quotes it).
#
#   bash scripts/second_python.sh --gradescope CHROOT ZIP [ID]   # as root
#
# runs a Gradescope zip (dist/gradescope/<ID>-gradescope.zip) in CHROOT, a debootstrap of
# Gradescope's base image's Ubuntu (`debootstrap --variant=minbase jammy CHROOT
# http://archive.ubuntu.com/ubuntu`, or noble): its setup.sh, then its run_autograder on
# the reference of ID; results.json is printed. TORCH_INDEX_URL passes through to setup.sh
# (pip's cache is shared with the host's, so a second chroot reuses the wheels).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"

if [ "${1:-}" = "--gradescope" ]; then
    ROOTFS="$(realpath "$2")" ZIP="$(realpath "$3")" ID="${4:-$(basename "$3" -gradescope.zip)}"
    cleanup() { for m in /root/.cache/pip dev/pts dev sys proc; do umount -l "$ROOTFS/${m#/}" 2>/dev/null || true; done; }
    trap cleanup EXIT
    for m in proc sys dev dev/pts; do mount --rbind "/$m" "$ROOTFS/$m"; done
    mkdir -p "$ROOTFS/root/.cache/pip" /root/.cache/pip
    mount --bind /root/.cache/pip "$ROOTFS/root/.cache/pip"
    cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
    # This machine's CAs (a TLS-inspecting proxy may sign PyPI's certificate) for pip in CHROOT.
    cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/host-ca-certificates.crt"
    CA=(PIP_CERT=/etc/host-ca-certificates.crt SSL_CERT_FILE=/etc/host-ca-certificates.crt)
    # debootstrap enables `main` only; Ubuntu's docker images (Gradescope's base) have all four.
    CODENAME=$(. "$ROOTFS/etc/os-release" && echo "$VERSION_CODENAME")
    if ! grep -rqs universe "$ROOTFS/etc/apt/sources.list" "$ROOTFS/etc/apt/sources.list.d"; then
        for s in "$CODENAME" "$CODENAME-updates" "$CODENAME-security"; do
            echo "deb http://archive.ubuntu.com/ubuntu $s main restricted universe multiverse"
        done >"$ROOTFS/etc/apt/sources.list"
    fi
    rm -rf "$ROOTFS/autograder" && mkdir -p "$ROOTFS/autograder/source" "$ROOTFS/autograder/submission"
    python3 -m zipfile -e "$ZIP" "$ROOTFS/autograder/source"
    HOSTPY="$REPO/.venv/bin/python"; [ -x "$HOSTPY" ] || HOSTPY=python3
    MODULE=$("$HOSTPY" -c "import yaml,sys; a=[a for a in yaml.safe_load(open('course.yml'))['assignments'] if a['id']==sys.argv[1]][0]; print(a['module'], a['notebook'])" "$ID" 2>/dev/null || echo "$ID $ID.ipynb")
    read -r MOD NB <<<"$MODULE"
    cp "solutions/$ID/$MOD.py" "solutions/$ID/$NB" "$ROOTFS/autograder/submission/"
    T0=$(date +%s)
    chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "${CA[@]}" \
        ${TORCH_INDEX_URL:+TORCH_INDEX_URL="$TORCH_INDEX_URL"} bash /autograder/source/setup.sh
    T1=$(date +%s)
    chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "${CA[@]}" \
        bash /autograder/source/run_autograder
    T2=$(date +%s)
    echo "setup.sh $((T1 - T0)) s, run_autograder $((T2 - T1)) s"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('score', r['score'], [(t['name'], t.get('score'), t.get('max_score')) for t in r['tests']])" "$ROOTFS/autograder/results/results.json"
    exit 0
fi
PY="${1:-$(command -v python3.13 || command -v python3.12 || command -v python3.10)}"
PY="$(command -v "$PY")"
CPU_INDEX="https://download.pytorch.org/whl/cpu"
WORK="${WORK:-$(mktemp -d /tmp/course-second-python.XXXXXX)}"
mkdir -p "$WORK"
UV=(uv)
if ! command -v uv >/dev/null; then
    if [ -x .venv/bin/python ] && .venv/bin/python -m uv --version >/dev/null 2>&1; then
        UV=(.venv/bin/python -m uv)
    else
        python3 -m venv "$WORK/uv-venv"
        "$WORK/uv-venv/bin/pip" install -q "$(grep -m1 '^uv==' requirements.txt)"
        UV=("$WORK/uv-venv/bin/uv")
    fi
fi
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.0f}')" "$1" "$(now)"; }

if [ -n "${TREE:-}" ]; then  # TREE=DIR: grade that tree (e.g. a `git archive HEAD`) as it is
    echo "== copying $TREE to $WORK/tree"
    rm -rf "$WORK/tree" && cp -a "$(realpath "$TREE")" "$WORK/tree"
else
    echo "== copying the working tree to $WORK/tree"
    rm -rf "$WORK/tree" && mkdir -p "$WORK/tree"
    git ls-files -co --exclude-standard -z | grep -zv '^\.venv/' | tar --null -cf - -T - |
        tar -xf - -C "$WORK/tree"
fi

echo "== venv with $PY ($("$PY" --version))"
T0=$(now)
rm -rf "$WORK/venv"
"$PY" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
INSTALL=("${UV[@]}" pip install --no-config --python "$VPY")
PYPI=https://pypi.org/simple
if curl -s -o /dev/null -m 15 "$CPU_INDEX/torch/"; then
    TORCH_FROM="the CPU index"
    "${INSTALL[@]}" --index-url "$CPU_INDEX" torch==2.13.0
else
    TORCH_FROM="PyPI (CUDA build: $CPU_INDEX cannot be reached from here)"
    "${INSTALL[@]}" --index-url "$PYPI" torch==2.13.0
fi
"${INSTALL[@]}" --index-url "$PYPI" -r "$WORK/tree/requirements.txt"
"${INSTALL[@]}" --index-url "$PYPI" --no-deps -e "$WORK/tree"
"$VPY" -m ipykernel install --sys-prefix --name python3 >/dev/null
INSTALL_S=$(since "$T0")

grade_all() {  # grade_all PYTHON OUT: every reference and stub, one `course grade` per assignment
    local python="$1" out="$2"
    rm -rf "$out" && mkdir -p "$out"
    (cd "$WORK/tree" && "$python" - "$out" <<'EOF'
import shutil, subprocess, sys, time
from pathlib import Path
from autograder.manifest import load_manifest
out = Path(sys.argv[1])
for a in load_manifest().assignments:
    subs = []
    for name, src in (("reference", "solutions"), ("stub", "assignments")):
        d = out / "subs" / a.id / name
        d.mkdir(parents=True)
        for f in (*a.student_files, a.notebook):
            shutil.copyfile(Path(src) / a.id / f, d / f)
        subs.append(str(d))
    t = time.time()
    subprocess.run([sys.executable, "-m", "autograder.cli", "grade", *subs, "--assignment", a.id,
                    "--out", str(out / "gradebook" / a.id), "--force", "--jobs", "2"], check=True,
                   stdout=subprocess.DEVNULL)
    (out / "gradebook" / a.id / "seconds").write_text(f"{time.time() - t:.0f}")
EOF
    )
}

echo "== grading with $("$VPY" --version)"
grade_all "$VPY" "$WORK/second"
if [ -x "$REPO/.venv/bin/python" ]; then
    echo "== grading with this repo's .venv ($("$REPO/.venv/bin/python" --version))"
    grade_all "$REPO/.venv/bin/python" "$WORK/host"
fi

"$VPY" - "$WORK" "$PY" "$TORCH_FROM" "$INSTALL_S" <<'EOF' | tee "$WORK/summary.md"
import json, platform, sys
from pathlib import Path
import numpy, sklearn, torch
work, py, torch_from, install_s = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
print(f"Python {platform.python_version()} ({py}), torch {torch.__version__} from {torch_from}, "
      f"numpy {numpy.__version__}, scikit-learn {sklearn.__version__}; install {install_s} s.\n")
print("| assignment | reference | stub | grading (s) | per-check scores vs .venv |")
print("|---|---|---|---|---|")
def scores(root, aid, name):
    r = json.loads((root / "gradebook" / aid / "results" / f"{name}.json").read_text())
    return r["score"], [(t["name"], t.get("score"), t.get("max_score")) for t in r["tests"]]
for book in sorted((work / "second" / "gradebook").iterdir()):
    aid = book.name
    (ref, ref_tests), (stub, stub_tests) = (scores(work / "second", aid, n) for n in ("reference", "stub"))
    total = sum(m or 0 for _, _, m in ref_tests)
    same = "no .venv"
    if (work / "host" / "gradebook" / aid).is_dir():
        host = [scores(work / "host", aid, n)[1] for n in ("reference", "stub")]
        same = "identical" if host == [ref_tests, stub_tests] else f"DIFFER: {host} vs {[ref_tests, stub_tests]}"
    print(f"| {aid} | {ref:g}/{total:g} | {stub:g} | {(book / 'seconds').read_text()} | {same} |")
EOF
