#!/usr/bin/env bash
# Runs the whole suite N times in a row on a fresh clone, stopping at the first failure, and prints the tally.
#   scripts/test-repeat.sh N [REF]
# The clone is of this repository's committed state (REF, default HEAD) into a temporary directory, so nothing
# uncommitted and no build output of the working tree takes part. The official schemas are taken from
# ../shared beside this checkout (or $CAMLAB_SHARED) when present, as ./test.sh does. The temporary directory is
# removed at the end unless CAMLAB_KEEP_CLONE=1.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-}"
ref="${2:-HEAD}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/test-repeat.sh N [REF]   (N: how many runs of ./test.sh, at least 1)" >&2
  exit 2
fi
commit="$(git -C "$here" rev-parse --verify "$ref^{commit}")" || { echo "test-repeat: no commit '$ref'" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/camlab-repeat.XXXXXX")"
cleanup() { [ "${CAMLAB_KEEP_CLONE:-0}" = 1 ] && echo "test-repeat: clone kept in $work" || rm -rf "$work"; }
trap cleanup EXIT
git clone --quiet --no-hardlinks "$here" "$work/camlab" && git -C "$work/camlab" checkout --quiet "$commit" \
  || { echo "test-repeat: cannot clone $here" >&2; exit 2; }
if [ -z "${CAMLAB_SHARED:-}" ] && [ -d "$here/../shared/ref" ]; then export CAMLAB_SHARED="$(cd "$here/../shared" && pwd)"; fi
# As in CI, the shared folder also lies beside the clone, for every test that looks for it there.
if [ -n "${CAMLAB_SHARED:-}" ]; then ln -s "$CAMLAB_SHARED" "$work/shared"; fi

passed=0
started=$(date +%s)
for ((i = 1; i <= runs; i++)); do
  log="$work/run-$i.log"
  echo "test-repeat: run $i of $runs (commit ${commit:0:12})"
  if (cd "$work/camlab" && ./test.sh) >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "test-repeat: run $i passed: $(grep -E '^total:' "$log" | tail -1)"
  else
    echo "test-repeat: run $i FAILED; its failures:"
    grep -E '^\s+Failed |^✖|not ok|failed' "$log" | head -40
    cp "$log" "${TMPDIR:-/tmp}/camlab-repeat-failed-run.log"
    echo "test-repeat: whole log in ${TMPDIR:-/tmp}/camlab-repeat-failed-run.log"
    echo "test-repeat: $passed of $runs runs passed before the first failure (run $i) in $(( $(date +%s) - started )) s"
    exit 1
  fi
done
echo "test-repeat: $passed of $runs runs passed in a row in $(( $(date +%s) - started )) s (commit ${commit:0:12})"
