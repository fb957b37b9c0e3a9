#!/usr/bin/env bash
# Machine-made mutants: run cosmic-ray over one solution module with that assignment's checks
# (public + hidden, via the pytest runner) as the test command. Works on a throw-away copy of the repo.
#   usage: bash scripts/mutation_test.sh ASSIGNMENT [MODULE_FILE]    (report: docs/mutation/ASSIGNMENT.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
AID="$1"
MODULE="${2:-$AID.py}"
REPO="$PWD"
.venv/bin/python -m pip install -q cosmic-ray==8.7.0
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/repo"
tar --exclude ./.venv --exclude ./.git --exclude ./dist --exclude ./gradebook --exclude '__pycache__' -cf - . | tar -xf - -C "$WORK/repo"
cat > "$WORK/cr.toml" <<TOML
[cosmic-ray]
module-path = "solutions/$AID/$MODULE"
timeout = 120.0
excluded-modules = []
test-command = "$REPO/.venv/bin/python -m pytest -x -q -p no:cacheprovider tests/test_checks.py --assignment $AID"

[cosmic-ray.distributor]
name = "local"
TOML
cd "$WORK/repo"
"$REPO/.venv/bin/cosmic-ray" init "$WORK/cr.toml" "$WORK/session.sqlite"
PYTHONPATH="$WORK/repo" "$REPO/.venv/bin/python" "$REPO/scripts/cr_filter_regions.py" "$WORK/session.sqlite" "solutions/$AID/$MODULE"
"$REPO/.venv/bin/cosmic-ray" exec "$WORK/cr.toml" "$WORK/session.sqlite"
mkdir -p "$REPO/docs/mutation"
"$REPO/.venv/bin/cr-report" "$WORK/session.sqlite" | tail -3 > "$REPO/docs/mutation/$AID-summary.txt" || true
"$REPO/.venv/bin/cr-report" --show-diff --surviving-only "$WORK/session.sqlite" > "$REPO/docs/mutation/$AID-survivors.txt" || true
cat "$REPO/docs/mutation/$AID-summary.txt"
