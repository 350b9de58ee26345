#!/bin/bash
# Cost of a one-minute jump of the manual clock (docs/clock.md): domain only (no recording) against recording
# Profile_2 (640x360 JPEG) at 5 fps, where the jump renders, encodes and records its 300 frames before it answers.
# Usage: bench/clock-jump.sh  (needs curl; uses ports 18391/18392)
set -e
cd "$(dirname "$0")/../.."
dotnet build src/Camlab.Cli -v q -clp:ErrorsOnly >/dev/null
dll=src/Camlab.Cli/bin/Debug/net10.0/camlab.dll
run() {
  local name=$1; shift
  local data; data=$(mktemp -d)
  dotnet $dll serve --http 127.0.0.1:18391 --rtsp 127.0.0.1:18392 --data "$data" --user admin:secret \
    --clock manual --clock-start 2026-01-01T00:00:00Z --seed 7 "$@" > /tmp/clock-serve.log 2>/tmp/clock-serve.err &
  local pid=$!
  for i in $(seq 1 600); do grep -q '^ready' /tmp/clock-serve.log 2>/dev/null && break; sleep 0.2; done
  local c='curl -s -o /dev/null -w %{time_total} --digest -u admin:secret -H Content-Type:application/json http://127.0.0.1:18391/api/v1/clock'
  $c -d '{"advance":"PT1S"}' > /dev/null
  for i in 1 2 3; do echo "$name advance PT60S: $($c -d '{"advance":"PT60S"}') s"; done
  kill $pid; wait $pid || true
  rm -rf "$data"
}
run "no recording" --no-recording
config=$(mktemp --suffix .json)
printf '{"recording":{"profiles":["Profile_2"],"fps":5,"signing":false}}' > "$config"
run "recording Profile_2 5fps" --config "$config"
rm -f "$config"
