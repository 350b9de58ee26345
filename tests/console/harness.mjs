// Shared by the browser tests: a real `camlab serve` on a free port with a temporary --data folder and a
// known user, and headless Debian Chromium driven by playwright-core (which never downloads a browser).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(repo, 'test-artifacts', 'console');
export const CHROMIUM = process.env.CAMLAB_CHROMIUM ?? '/usr/bin/chromium';
export const USER = { name: 'admin', password: 'console-test-pw' };

/** Why the browser tests cannot run here, or null when they can. */
export async function browserSkipReason() {
  if (!existsSync(CHROMIUM)) return `chromium is not installed at ${CHROMIUM} (install it with: sudo apt-get install -y chromium)`;
  try {
    await import('playwright-core');
  } catch {
    return 'playwright-core is not installed (run: cd tests/console && npm ci)';
  }
  return null;
}

/** The camlab CLI: the Debug build test.sh made (CAMLAB_DLL), else the ./camlab script (Release). */
function camlabCommand(args) {
  const dll = process.env.CAMLAB_DLL ?? join(repo, 'src/Camlab.Cli/bin/Debug/net10.0/camlab.dll');
  return existsSync(dll) ? ['dotnet', [dll, ...args]] : [join(repo, 'camlab'), args];
}

/** `clock: 'manual'` starts the host on a paused manual clock (docs/clock.md) that a test moves with {@link moveClock}. */
export async function startServer({ cameras = 1, recording = false, clock = 'system' } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'camlab-console-'));
  const [cmd, args] = camlabCommand(['serve', '--http', '127.0.0.1:0', '--data', data, '--cameras', String(cameras),
    '--user', `${USER.name}:${USER.password}:Administrator`, ...(recording ? [] : ['--no-recording']),
    ...(clock === 'manual' ? ['--clock', 'manual'] : [])]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A test run that ends abnormally must not leave the server behind.
  const reap = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.on('exit', reap);
  let out = '';
  let err = '';
  // What the server printed after its banner, for a failing test's message (the newest 64 KiB).
  let log = '';
  const keep = (d) => { log = (log + d).slice(-65_536); };
  child.stderr.on('data', (d) => { err += d; keep(d); });
  child.stdout.on('data', keep);
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`camlab serve did not get ready in 120 s\n${out}\n${err}`)), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (/^ready$/m.test(out)) {
        clearTimeout(timer);
        const m = /health: (http:\/\/[^/\s]+)\/healthz/.exec(out);
        m ? resolve(m[1]) : reject(new Error(`no health URL in the banner:\n${out}`));
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`camlab serve exited with ${code}\n${out}\n${err}`)); });
  });
  return {
    base,
    banner: out,
    /** The newest lines the server printed (stdout and stderr), `lines` at most. */
    log(lines = 40) { return log.split('\n').slice(-lines).join('\n'); },
    async stop() {
      process.off('exit', reap);
      child.kill('SIGTERM');
      await new Promise((r) => { if (child.exitCode !== null) r(); else child.on('exit', r); });
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * POST /api/v1/clock (docs/clock.md) with the logged-in console's own Digest credentials, e.g. `{ pause: true }`,
 * `{ advance: 'PT0.1S' }`, `{ resume: true }`; answers the clock's state.
 */
export async function moveClock(page, body) {
  const [status, text] = await page.evaluate(async (b) => {
    const response = await window.camlabConsole.credentials.fetch('/api/v1/clock', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b),
    });
    return [response.status, await response.text()];
  }, body);
  if (status !== 200) throw new Error(`POST /api/v1/clock ${JSON.stringify(body)}: HTTP ${status} ${text}`);
  return JSON.parse(text);
}

export async function launchBrowser({ args = [] } = {}) {
  const { chromium } = await import('playwright-core');
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', ...args] });
}

/** Opens the console and logs in; collects page errors so a test can assert there were none. */
export async function openConsole(browser, base, { user = USER.name, password = USER.password, viewport } = {}) {
  const page = await browser.newPage({ viewport: viewport ?? { width: 1440, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  return { page, errors };
}

export const shot = (page, name, { fullPage = true } = {}) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
