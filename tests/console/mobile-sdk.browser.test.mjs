// The official Mobile Server web SDK (../shared/ref/mipsdkmobile-web, MIT, unchanged) against `camlab serve`: its own
// Samples/Video and Samples/PTZ pages, loaded in Debian's Chromium from the server's origin (the test serves the SDK's
// files under /mobile-sdk/ through Playwright's routing; Camlab serves none of them), log in over the command channel,
// list the cameras, play live video over the video channel WebSocket, play back a recording, and move the dome.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { repo, USER, browserSkipReason, startServer, launchBrowser, shot } from './harness.mjs';

// The shared reference folder: CAMLAB_SHARED when set (as for the .NET tests), else ../shared beside the checkout.
const SDK = join(process.env.CAMLAB_SHARED || join(repo, '..', 'shared'), 'ref', 'mipsdkmobile-web');
const skip = (await browserSkipReason()) ?? (existsSync(join(SDK, 'XPMobileSDK.js')) ? null
  : `the official web SDK is not at ${SDK} (set CAMLAB_SHARED or put the shared reference folder beside the checkout)`);

let server;
let browser;

before(async () => {
  if (skip) return;
  server = await startServer({ recording: true });
  // A document Playwright fulfils has no network address, so Chromium's Local Network Access checks count it as
  // public and block its WebSocket to the loopback server; served from the server itself it would be same-origin.
  browser = await launchBrowser({ args: ['--disable-features=LocalNetworkAccessChecks'] });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const TYPES = { '.html': 'text/html', '.htm': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** A page whose /mobile-sdk/ paths are the SDK's files, unchanged; records the video channel's frames. */
async function openSample(sample) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const frames = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (process.env.CAMLAB_MOBILE_DEBUG) page.on('pageerror', (e) => console.log('pageerror', String(e)));
  if (process.env.CAMLAB_MOBILE_DEBUG) {
    page.on('console', (m) => console.log('console:', m.text().slice(0, 400)));
    page.on('response', async (r) => { if (r.url().includes('Communication')) console.log('answer:', (await r.text()).slice(0, 600)); });
  }
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/XProtectMobile/Video/')) return;
    ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string') return;
      frames.push(Buffer.from(f.payload));
      if (process.env.CAMLAB_MOBILE_DEBUG && frames.length < 3) console.log('frame', JSON.stringify(header(frames.at(-1))), [...Array(9).keys()].map((i) => frames.at(-1).readInt32LE(36 + 4 * i)).join(' '));
    });
  });
  await page.route(`${server.base}/mobile-sdk/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/mobile-sdk/'.length));
    const file = normalize(join(SDK, path));
    if (!file.startsWith(SDK) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not in the SDK' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  await page.goto(`${server.base}/mobile-sdk/Samples/${sample}`);
  return { page, errors, frames };
}

async function logIn(page, password = USER.password) {
  await page.click('.connect-button');
  await page.waitForSelector('.login-form-content:not(.display-none)');
  await page.selectOption('#authentication', 'Basic');
  await page.fill('.username', USER.name);
  await page.fill('.password', password);
  await page.click('.login-button');
}

/** The main header and the extension flags of a video channel frame (little-endian, video channel notes). */
function header(frame) {
  const part = (from, to, reversed) => { const b = Buffer.from(frame.subarray(from, to)); return (reversed ? b.reverse() : b).toString('hex'); };
  const videoId = [part(0, 4, true), part(4, 6, true), part(6, 8, true), part(8, 10), part(10, 16)].join('-');
  return {
    videoId,
    timestamp: Number(frame.readBigUInt64LE(16)),
    frameCount: frame.readUInt32LE(24),
    size: frame.readUInt32LE(28),
    headerSize: frame.readUInt16LE(32),
    flags: frame.readUInt16LE(34),
  };
}

/** ONVIF PTZ GetStatus of Profile_1 with a WS-UsernameToken digest: the pan the dome reports. */
async function onvifPan() {
  const nonce = randomBytes(16);
  const created = new Date().toISOString();
  const digest = createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created + USER.password)])).digest('base64');
  const body = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header>`
    + `<Security xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><UsernameToken><Username>${USER.name}</Username>`
    + `<Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${digest}</Password>`
    + `<Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce.toString('base64')}</Nonce>`
    + `<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created></UsernameToken></Security>`
    + `</s:Header><s:Body><GetStatus xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ProfileToken>Profile_1</ProfileToken></GetStatus></s:Body></s:Envelope>`;
  const res = await fetch(`${server.base}/onvif/ptz_service`, { method: 'POST', headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' }, body });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const m = /<tt:PanTilt[^>]*\bx="([^"]+)"/.exec(text);
  assert.ok(m, `no PanTilt in ${text}`);
  return Number(m[1]);
}

test('Samples/Video: the SDK logs in, lists the camera and plays live video whose frames carry their headers', { skip: skip ?? false }, async () => {
  const { page, errors, frames } = await openSample('Video/videoSample.html');
  await logIn(page);
  await page.waitForSelector('.camera', { timeout: 30_000 });
  // One camera per video source of the default camera: the PTZ dome and the wide fixed view.
  assert.deepEqual((await page.locator('.camera .camera-name').allTextContents()).map((t) => t.trim()), ['PTZ dome', 'Wide fixed']);
  await page.click('.camera');
  // The sample draws every decoded frame on its canvas at destination size × resampling factor: the source's size.
  await page.waitForFunction(() => document.querySelector('.camera canvas').width > 300, null, { timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while (frames.length < 5 && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(frames.length >= 5, `only ${frames.length} frames arrived`);
  const size = await page.evaluate(() => { const c = document.querySelector('.camera canvas'); return [c.width, c.height]; });
  assert.deepEqual(size, [1920, 1080]);
  const headers = frames.map(header);
  for (const h of headers) {
    assert.equal(h.flags & 0x01, 0x01, 'size info (the sample asks RequestSize Yes)');
    assert.equal(h.flags & (0x08 | 0x20), 0, 'no native data or location: nothing asked for them');
    assert.equal(h.flags & 0x02, 0x02, 'live info');
    assert.equal(h.flags & 0x40, 0x40, 'stream info');
    assert.equal(h.headerSize + h.size, frames[headers.indexOf(h)].length);
  }
  assert.equal(new Set(headers.map((h) => h.videoId)).size, 1);
  // Size info: the 1920×1080 source, no crop, 400×225 (400×300 asked, 16:9 kept), resampling 4.8 (× 10^6).
  assert.deepEqual([...Array(9).keys()].map((i) => frames[0].readInt32LE(36 + 4 * i)), [1920, 1080, 0, 0, 1920, 1080, 400, 225, 4_800_000]);
  assert.ok(headers.at(-1).frameCount > headers[0].frameCount && headers.at(-1).timestamp > headers[0].timestamp, 'the picture updates');
  // The canvas holds the picture, not a blank.
  const painted = await page.evaluate(() => {
    const c = document.querySelector('.camera canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let lit = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 30) lit++;
    return lit / (d.length / 4);
  });
  assert.ok(painted > 0.5, `only ${painted} of the canvas is painted`);
  await shot(page, 'mobile-sdk-video-live');

  // Playback: a click on the playing camera switches the sample to playback (paused at the newest recording); its
  // play-forward button sends ChangeStream Speed 1, and the frames carry the playback flags.
  frames.length = 0;
  await page.click('.camera canvas');
  // Live frames still in flight when the sample switched are left out.
  const playbackFrames = () => frames.map(header).filter((h) => h.videoId !== headers[0].videoId);
  // The play button works once the sample holds the playback stream: its first (paused) frame has arrived. A click
  // before that finds no stream to change and is lost.
  const openDeadline = Date.now() + 20_000;
  while (playbackFrames().length < 1 && Date.now() < openDeadline) await page.waitForTimeout(100);
  assert.ok(playbackFrames().length >= 1, `the playback stream sent its first frame (frames since the click: ${frames.length}, `
    + `their video ids: ${[...new Set(frames.map((f) => header(f).videoId))].join(', ') || 'none'}; the server's last lines:\n${server.log()})`);
  await page.waitForSelector('.camera .playForwardButton', { state: 'visible' });
  await page.click('.camera .playForwardButton');
  const playDeadline = Date.now() + 20_000;
  while (playbackFrames().length < 3 && Date.now() < playDeadline) await page.waitForTimeout(200);
  const played = playbackFrames();
  assert.ok(played.length >= 3, `only ${played.length} playback frames`);
  assert.ok(played.every((h) => (h.flags & 0x04) === 0x04 && (h.flags & 0x02) === 0), 'playback frames carry playback info, not live info');
  assert.ok(played.at(-1).timestamp > played[0].timestamp, 'playback moves forward');
  // The last minute: the SDK asks where the recording starts (GetRecordingTime) and which sequences the last minute
  // holds (GetSequences), then its ChangeStream seeks the playing stream there; the frames come from then on.
  const cameraId = await page.evaluate(() => document.querySelector('.camera').id.replace('container', ''));
  const dbStart = Number(await page.evaluate((id) => new Promise((resolve) => XPMobileSDK.getDBStartTime(id, resolve)), cameraId));
  const target = Math.max(Date.now() - 60_000, dbStart + 2_000);
  const sequences = await page.evaluate(([id, from, to]) => new Promise((resolve) =>
    XPMobileSDK.getSequencesInInterval(id, from, to, null, (list) => resolve(list.map((q) => [q.StartTime.getTime(), q.EndTime.getTime()])))),
  [cameraId, Date.now() - 60_000, Date.now()]);
  assert.ok(sequences.length >= 1 && sequences[0][0] <= target && sequences.at(-1)[1] > target, `sequences ${JSON.stringify(sequences)} cover ${target}`);
  const seekFrom = frames.length;
  await page.evaluate(([videoId, time]) => new Promise((resolve, reject) =>
    XPMobileSDK.ChangeStream({ VideoId: videoId, SeekType: 'Time', Time: time }, (ok, error) => (error ? reject(new Error(JSON.stringify(error))) : resolve()))),
  [played[0].videoId, target]);
  // Frames sent before the seek took effect may still be on their way; the seek's answer is the first frame that
  // carries the playback request header (0x200), and the frames from it on are the replay.
  const answered = () => frames.findIndex((f, i) => i >= seekFrom && (header(f).flags & 0x200) === 0x200);
  const seekDeadline = Date.now() + 20_000;
  while ((answered() < 0 || frames.length < answered() + 3) && Date.now() < seekDeadline) await page.waitForTimeout(200);
  assert.ok(answered() >= 0, 'a frame answers the seek with the playback request header');
  const replayed = frames.slice(answered()).map(header);
  assert.ok(replayed.length >= 3, `only ${replayed.length} frames after the seek`);
  assert.ok(replayed.every((h) => h.timestamp >= target - 1_000 && h.timestamp < target + 30_000),
    `frames after the seek are from the last minute: ${replayed.map((h) => h.timestamp - target).join(', ')} ms after the target`);
  await shot(page, 'mobile-sdk-video-playback');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Samples/PTZ: the pan button turns the dome and ONVIF GetStatus agrees', { skip: skip ?? false }, async () => {
  const { page, errors } = await openSample('PTZ/ptzSample.html');
  await logIn(page);
  await page.waitForSelector('.camera', { timeout: 30_000 });
  await page.click('.camera');
  await page.waitForSelector('.camera .ptz-right');
  const start = await onvifPan();
  await page.click('.camera .ptz-right');
  let pan = start;
  const deadline = Date.now() + 20_000;
  while (Math.abs(pan - start) < 1e-3 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    pan = await onvifPan();
  }
  assert.notEqual(pan, start, 'the dome did not pan');
  await shot(page, 'mobile-sdk-ptz');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a wrong password shows the sample\'s login error', { skip: skip ?? false }, async () => {
  const { page } = await openSample('Video/videoSample.html');
  await logIn(page, 'not-the-password');
  await page.waitForSelector('.error-text:not(.display-none)', { timeout: 20_000 });
  assert.equal(await page.locator('.camera').count(), 0);
  await page.close();
});
