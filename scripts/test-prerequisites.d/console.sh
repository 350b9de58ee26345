# Sourced by ./test.sh: the web console's JavaScript tests (tests/console, node's built-in test runner):
# the JS video channel reader against the shared frames (tests/frames) and, when Chromium is there, the
# browser tests. Installs Debian's chromium and the npm playwright-core (which never downloads a browser)
# when missing. A failure makes ./test.sh fail (camlab_console_status is checked at its end).
camlab_console_status=0
camlab_console_dir="$here/tests/console"
if ! command -v node >/dev/null 2>&1; then
  camlab_apt_install nodejs npm || true
fi
if ! command -v node >/dev/null 2>&1; then
  echo "test.sh: node is missing; the console tests need Node.js (20 recommended). Install it with: sudo apt-get install -y nodejs npm" >&2
  camlab_console_status=1
else
  if [ ! -x /usr/bin/chromium ]; then
    camlab_apt_install chromium || echo "test.sh: chromium is missing; the console browser tests will skip" >&2
  fi
  if [ ! -d "$camlab_console_dir/node_modules/playwright-core" ]; then
    if command -v npm >/dev/null 2>&1; then
      (cd "$camlab_console_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
        echo "test.sh: npm ci failed in tests/console; the browser tests will skip" >&2
    else
      echo "test.sh: npm is missing; install it, then run: (cd tests/console && npm ci)" >&2
    fi
  fi
fi
