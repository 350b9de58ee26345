#!/usr/bin/env bash
# The container's build stage (Dockerfile, stage "build"): publishes the camlab command into OUT and checks that the
# result starts. Run from the repository root: deploy/container/build.sh OUT [ARTIFACTS]. ARTIFACTS (optional) keeps
# the build's bin/obj apart from the work tree's (a test builds this way beside a developer's own build).
set -euo pipefail
out="${1:?usage: build.sh OUT [ARTIFACTS]}"
artifacts=()
if [ -n "${2:-}" ]; then artifacts=(--artifacts-path "$2"); fi
dotnet publish src/Camlab.Cli/Camlab.Cli.csproj -c Release -o "$out" --nologo -v quiet --disable-build-servers "${artifacts[@]}"
# The image runs 'dotnet camlab.dll': it must be there and answer.
dotnet "$out/camlab.dll" serve --help >/dev/null
