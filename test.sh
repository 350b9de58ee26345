#!/usr/bin/env bash
# Builds and runs every test of Camlab. Installs what the tests need when it is missing (as root, via
# apt-get and npm; otherwise it prints the exact command). Extra arguments go to 'dotnet test'
# (e.g. ./test.sh --filter FullyQualifiedName~FrameReader).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
# shellcheck source=scripts/prerequisites.sh
source "$here/scripts/prerequisites.sh"
camlab_require_dotnet
camlab_ensure_turbojpeg || echo "test.sh: JPEG tests will report libturbojpeg missing" >&2
camlab_ensure_openh264 || echo "test.sh: H.264 tests will report libopenh264 missing" >&2
camlab_ensure_osd_font || echo "test.sh: OSD tests will report the DejaVu Sans Mono font missing" >&2
for hook in "$here"/scripts/test-prerequisites.d/*.sh; do
  [ -f "$hook" ] && source "$hook"
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build Camlab.slnx -c Debug -nologo -v quiet -clp:"ErrorsOnly;NoSummary" || { echo "test.sh: build failed"; exit 1; }
dotnet test Camlab.slnx -c Debug --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The console's JavaScript tests (scripts/test-prerequisites.d/console.sh checked node and installed the rest).
nodelog="$(mktemp)"
trap 'rm -f "$log" "$nodelog"' EXIT
run_node_tests() { # $1: log to append to; the rest: test files
  local out="$1"; shift
  CAMLAB_DLL="$here/src/Camlab.Cli/bin/Debug/net10.0/camlab.dll" node --test --test-reporter=spec "$@" 2>&1 | tee -a "$out"
}
if command -v node >/dev/null 2>&1; then
  echo "test.sh: console tests (node --test tests/console/*.test.mjs)"
  browser=(tests/console/*.browser.test.mjs)
  others=()
  for f in tests/console/*.test.mjs; do [[ "$f" == *.browser.test.mjs ]] || others+=("$f"); done
  if ! run_node_tests "$nodelog" "${others[@]}"; then
    echo "test.sh: console tests failed"
    status=1
  fi
  if ! run_node_tests "$nodelog" "${browser[@]}"; then
    echo "test.sh: browser tests failed"
    status=1
  fi
fi
[ "${camlab_console_status:-0}" = 0 ] || status=1

# One plain closing line for the whole run: the .NET test projects plus the node tests.
{
  grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/'
  awk '/^ℹ fail /{f+=$3; seen=1} /^ℹ pass /{p+=$3} /^ℹ skipped /{s+=$3} END {if (seen) print f+0, p+0, s+0}' "$nodelog"
} | awk '{f+=$1; p+=$2; s+=$3} END {printf "total: %d passed, %d failed, %d skipped\n", p, f, s}'
exit "$status"
