# Sourced by ./test.sh: installs the npm ONVIF clients (onvif 0.8.3, node-onvif) that the interop test
# (tests/Camlab.Server.Tests/InteropTests.cs) drives. Without node/npm the test skips and says so.
camlab_interop_dir="$here/tests/interop"
if [ ! -d "$camlab_interop_dir/node_modules/onvif" ] || [ ! -d "$camlab_interop_dir/node_modules/node-onvif" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "test.sh: installing the npm ONVIF clients for the interop test (npm ci in tests/interop)…" >&2
    (cd "$camlab_interop_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      echo "test.sh: npm ci failed in tests/interop; the interop test will skip" >&2
  else
    echo "test.sh: npm is not installed; the ONVIF interop test will skip. Install Node.js, then run: (cd tests/interop && npm ci)" >&2
  fi
fi
