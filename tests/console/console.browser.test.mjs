// The web console in a real browser (headless Debian Chromium via playwright-core) against a real
// `camlab serve`. Skipped with the reason when chromium or playwright-core is missing. Screenshots of
// the steps go to test-artifacts/console/.
//
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason, startServer, launchBrowser, openConsole, moveClock, shot, USER } from './harness.mjs';

const skip = await browserSkipReason();
if (skip) console.log(`# console browser tests skipped: ${skip}`);

describe('web console', { skip: skip ?? false }, () => {
  let server;
  let browser;

  // The host runs a manual clock, resumed at once so the camera lives in real time; a test that steers by what it
  // sees pauses it and moves it in steps, so how far the head turns never depends on how busy the machine is.
  before(async () => {
    server = await startServer({ cameras: 2, clock: 'manual' });
    browser = await launchBrowser();
    const { page } = await loggedIn();
    await moveClock(page, { resume: true });
    await page.close();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function loggedIn(options) {
    const session = await openConsole(browser, server.base, options);
    try {
      await session.page.waitForSelector('#console:not([hidden])', { timeout: 30_000 });
    } catch (e) {
      throw new Error(`login did not open the console: '${await session.page.textContent('#login-error')}' (${e.message})`);
    }
    return session;
  }

  test('serves the console at / and logs in with a camera user; the device information comes from GetDeviceInformation', async () => {
    const { page, errors } = await loggedIn();
    const serial = /camera 1: .*serial (\S+),/.exec(server.banner)[1];
    await page.waitForSelector('#device-info dd[data-field="SerialNumber"]');
    assert.equal(await page.textContent('#device-info dd[data-field="SerialNumber"]'), serial);
    assert.equal(await page.textContent('#device-info dd[data-field="Manufacturer"]'), 'Camlab');
    assert.equal(await page.textContent('#session-user'), USER.name);
    await shot(page, '01-logged-in');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a wrong password is refused with the camera\'s fault and the console stays closed', async () => {
    const { page } = await openConsole(browser, server.base, { password: 'not-the-password' });
    await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
    const text = await page.textContent('#login-error');
    assert.match(text, /NotAuthorized/);
    assert.equal(await page.isHidden('#console'), true);
    await shot(page, '02-refused');
    await page.close();
  });

  test('the event list subscribes to a pull point and shows the initial property events', async () => {
    const { page } = await loggedIn();
    await page.waitForSelector('#events-status[data-subscribed="true"]', { timeout: 20_000 });
    await page.waitForSelector('#events-list li[data-topic="Monitoring/OperatingTime/LastReboot"]', { timeout: 20_000 });
    assert.match(await page.textContent('#events-list'), /Initialized/);
    await shot(page, '03-events');
    await page.close();
  });

  test('lists the cameras the host serves and switches between them', async () => {
    const { page } = await loggedIn();
    assert.equal(await page.locator('#camera-select option').count(), 2);
    const serial2 = /camera 2: .*serial (\S+),/.exec(server.banner)[1];
    await page.selectOption('#camera-select', '/cameras/2/onvif/device_service');
    await page.waitForFunction((s) => document.querySelector('#device-info dd[data-field="SerialNumber"]')?.textContent === s, serial2);
    await page.close();
  });

  test('is usable on a narrow screen (one column, nothing wider than the viewport)', async () => {
    const { page } = await loggedIn({ viewport: { width: 390, height: 844 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone screen`);
    await shot(page, '04-narrow');
    await page.close();
  });

  // ---- live video through the stream API and the video channel --------------------------------------

  /** Mean luma (BT.601) of the picture on the canvas. */
  const meanLuma = (page) => page.evaluate(() => {
    const c = document.getElementById('picture');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
    return sum / (d.length / 4);
  });
  const frames = async (page) => Number(await page.getAttribute('#viewer', 'data-frames') ?? 0);
  const waitFrames = async (page, more) => {
    const start = await frames(page);
    await page.waitForFunction(([s, m]) => Number(document.getElementById('viewer').dataset.frames ?? 0) >= s + m, [start, more], { timeout: 20_000 });
  };
  /** Mean luma of each column of the picture's upper half (sky and skyline: what panning shifts sideways). */
  const columnProfile = (page) => page.evaluate(() => {
    const c = document.getElementById('picture');
    const d = c.getContext('2d').getImageData(0, 0, c.width, Math.floor(c.height / 2)).data;
    const rows = Math.floor(c.height / 2);
    const profile = new Array(c.width).fill(0);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        profile[x] += (0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]) / rows;
      }
    }
    return profile;
  });
  /** The horizontal shift (px, negative = content moved left) that best maps profile a onto profile b. */
  const shiftBetween = (a, b) => {
    let best = 0, bestError = Infinity;
    const max = Math.floor(a.length / 3);
    for (let s = -max; s <= max; s++) {
      let error = 0, n = 0;
      for (let x = Math.max(0, -s); x < Math.min(a.length, a.length - s); x++) { const e = a[x] - b[x + s]; error += e * e; n++; }
      if (error / n < bestError) { bestError = error / n; best = s; }
    }
    return best;
  };

  test('the live image appears and updates; the overlay and header inspector follow the frames', async () => {
    const { page } = await loggedIn();
    await waitFrames(page, 5);
    // The stream API's single-use ticket lets the browser open the WebSocket without Digest on the upgrade.
    assert.equal(await page.textContent('#stream-state'), 'live (WebSocket)');
    assert.ok(await meanLuma(page) > 5, 'the picture is black');
    assert.match(await page.textContent('#ov-flags'), /LiveFeed/);
    assert.notEqual(await page.textContent('#ov-fps'), '–');
    await page.click('#inspector summary');
    await waitFrames(page, 1);
    const inspector = await page.textContent('#inspector-body');
    for (const key of ['videoId', 'sizeInfo', 'liveInfo', 'streamInfo']) assert.match(inspector, new RegExp(`"${key}"`));
    await shot(page, '05-live', { fullPage: false }); // the one in docs/images/console.png
    await page.close();
  });

  test('shows the RTSP URL of the shown profile as GetStreamUri answers it, and follows the profile', async () => {
    const { page } = await loggedIn();
    const shows = (re) => page.waitForFunction((source) => new RegExp(source).test(document.getElementById('rtsp-url').textContent),
      re.source, { timeout: 15_000 });
    await shows(/^rtsp:\/\/127\.0\.0\.1:\d+\/Profile_1$/);
    await page.selectOption('#profile-select', 'Profile_2');
    await shows(/^rtsp:\/\/127\.0\.0\.1:\d+\/Profile_2$/);
    assert.equal(await page.textContent('#rtsp-copy'), 'Copy');
    // The console remembers the profile last shown: leave it on Profile_1, where the later tests drive the dome.
    await page.selectOption('#profile-select', 'Profile_1');
    await shows(/^rtsp:\/\/127\.0\.0\.1:\d+\/Profile_1$/);
    await page.close();
  });

  test('holding the joystick right changes the reported pan and the picture', async () => {
    const { page } = await loggedIn();
    await waitFrames(page, 3);
    const pan0 = Number(await page.textContent('#ov-pan'));
    const profile0 = await columnProfile(page);
    const pad = await page.locator('#joystick').boundingBox();
    // A slow push (a fifth of full speed) held while the paused clock moves a tenth of a second at a time, released
    // once pan has moved 0.02 (3.6°: tens of pixels at any zoom of the default lens): the turn stays well inside a
    // third of the picture, where the column profiles can be matched.
    await moveClock(page, { pause: true });
    try {
      await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height / 2);
      await page.mouse.down();
      await page.mouse.move(pad.x + pad.width * 0.6, pad.y + pad.height / 2, { steps: 4 });
      await page.waitForFunction(() => { const p = window.camlabConsole.ptz; return !p.sending && p.sent?.x > 0; }, null, { timeout: 10_000 });
      let pan = pan0;
      for (let i = 0; i < 100 && pan - pan0 <= 0.02; i++) {
        await moveClock(page, { advance: 'PT0.1S' });
        pan = await page.evaluate(async () => { const c = window.camlabConsole; return (await c.camera.ptzStatus(c.profiles[0].token)).pan; });
      }
      assert.ok(pan - pan0 > 0.02, `the held joystick turned the head from ${pan0} to ${pan} in 10 s of camera time`);
      await page.mouse.up();
      // The Stop has been answered before the clock moves on.
      await page.waitForFunction(() => { const p = window.camlabConsole.ptz; return !p.sending && p.sent?.x === 0 && p.sent?.y === 0; }, null, { timeout: 10_000 });
      await shot(page, '06-joystick');
    } finally {
      await moveClock(page, { resume: true });
    }
    await page.waitForFunction(() => document.getElementById('ov-move').textContent.includes('PT IDLE'), null, { timeout: 10_000 });
    await waitFrames(page, 3);
    // Turning right moves the scene left in the picture (moving scene objects and noise do not shift it).
    const shift = shiftBetween(profile0, await columnProfile(page));
    const pan1 = Number(await page.textContent('#ov-pan'));
    assert.ok(shift < -10, `the picture shifted ${shift} px; panning right (${pan0} → ${pan1}) should move it left`);
    await page.close();
  });

  test('a privacy mask drawn as a box on the picture is listed and black in the next frames; deleting it brings the picture back', async () => {
    const { page, errors } = await loggedIn();
    // An earlier test may leave the head moving; a mask is drawn on a still picture. Waited for on Profile_1:
    // Profile_2 has no PTZ configuration, so its page polls no PTZ status and the overlay would keep whatever
    // Profile_1's panel last showed — nothing at all when the switch came before its first poll.
    await page.waitForFunction(() => /PT IDLE/.test(document.getElementById('ov-move').textContent)
      && !/Z MOVING/.test(document.getElementById('ov-move').textContent), null, { timeout: 15_000 });
    // The sub stream shows the same source (VideoSource_1) at a ninth of the pixels: quicker on a busy machine.
    await page.selectOption('#profile-select', 'Profile_2');
    await waitFrames(page, 3);
    await page.waitForSelector('#masks-status[data-count="0"]', { timeout: 10_000 });
    /** Mean luma of the middle of the picture (the inner part of the box drawn below). */
    const middleLuma = () => page.evaluate(() => {
      const c = document.getElementById('picture');
      const d = c.getContext('2d').getImageData(Math.round(c.width * 0.43), Math.round(c.height * 0.43), Math.round(c.width * 0.14), Math.round(c.height * 0.14)).data;
      let sum = 0;
      for (let i = 0; i < d.length; i += 4) sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      return sum / (d.length / 4);
    });
    const before = await middleLuma();
    assert.ok(before > 20, `the middle of the picture is not dark by itself (${before})`);

    await page.fill('#mask-name', 'Console box');
    await page.click('#mask-draw');
    assert.equal(await page.getAttribute('#mask-draw', 'aria-pressed'), 'true');
    await page.locator('#viewer').scrollIntoViewIfNeeded();
    const v = await page.locator('#viewer').boundingBox();
    await page.mouse.move(v.x + v.width * 0.4, v.y + v.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(v.x + v.width * 0.6, v.y + v.height * 0.6, { steps: 5 });
    await page.mouse.up();
    try {
      await page.waitForSelector('#masks-list li[data-mask="Console box"]', { timeout: 10_000 });
    } catch (e) {
      throw new Error(`the mask was not listed: '${await page.textContent('#masks-error')}' / '${await page.textContent('#masks-status')}' (${e.message})`);
    }
    assert.equal(await page.textContent('#masks-error'), '');
    assert.equal(await page.getAttribute('#mask-draw', 'aria-pressed'), 'false');
    await waitFrames(page, 3);
    const masked = await middleLuma();
    assert.ok(masked < 3, `the masked middle is black (${masked})`);
    assert.ok(await meanLuma(page) > 5, 'the rest of the picture is still there');
    await shot(page, '11-privacy-mask');

    await page.click('#masks-list li[data-mask="Console box"] button');
    await page.waitForSelector('#masks-status[data-count="0"]', { timeout: 10_000 });
    await waitFrames(page, 3);
    const after = await middleLuma();
    assert.ok(after > 20, `without the mask the middle is the scene again (${after})`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('moving the brightness slider raises the mean luminance of the rendered frame', async () => {
    const { page } = await loggedIn();
    await page.waitForSelector('#imaging-settings [data-setting="Brightness"] input');
    await setControl(page, 'Brightness', 'min');
    await waitFrames(page, 5);
    const dark = await meanLuma(page);
    await setControl(page, 'Brightness', 'max');
    await waitFrames(page, 5);
    const bright = await meanLuma(page);
    assert.ok(bright > dark + 10, `mean luma ${dark} → ${bright}`);
    await shot(page, '07-brightness');
    await page.close();
  });

  // ---- PTZ and Imaging through the camera's ONVIF services --------------------------------------------

  test('saving and recalling a preset returns to it, and an event appears when it is reached', async () => {
    const { page } = await loggedIn();
    await page.waitForFunction(() => document.getElementById('ov-pan').textContent !== '–', null, { timeout: 10_000 });
    const at = async () => [Number(await page.textContent('#ov-pan')), Number(await page.textContent('#ov-tilt'))];
    await page.fill('#preset-name', 'console test');
    await page.click('#preset-form button[type="submit"]');
    const item = page.locator('#preset-list li', { hasText: 'console test' });
    await item.waitFor();
    const saved = await at();
    // Move away with the keyboard (arrow right held), then recall.
    await page.focus('#viewer');
    await page.keyboard.down('ArrowRight');
    await page.waitForFunction((p) => Math.abs(Number(document.getElementById('ov-pan').textContent) - p) > 0.05, saved[0], { timeout: 10_000 });
    await page.keyboard.up('ArrowRight');
    await item.locator('button[data-action="go"]').click();
    await page.waitForFunction(([p, t]) => Math.abs(Number(document.getElementById('ov-pan').textContent) - p) < 2e-3
      && Math.abs(Number(document.getElementById('ov-tilt').textContent) - t) < 2e-3, saved, { timeout: 20_000 });
    await page.waitForSelector('#events-list li[data-topic="PTZController/PTZPresets/Reached"]', { timeout: 20_000 });
    await shot(page, '08-preset');
    await item.locator('button[data-action="delete"]').click();
    await item.waitFor({ state: 'detached' });
    await page.close();
  });

  test('an invalid imaging value shows the device\'s fault text and changes nothing', async () => {
    const { page } = await loggedIn();
    const row = '#imaging-settings [data-setting="Brightness"]';
    await page.waitForSelector(`${row} input`);
    const before = await page.inputValue(`${row} input`);
    await setControl(page, 'Brightness', 'beyond');
    await page.waitForFunction((r) => document.querySelector(`${r} .fault`).textContent.length > 0, row);
    assert.match(await page.textContent(`${row} .fault`), /InvalidArgVal|SettingsInvalid|Brightness/);
    await page.waitForFunction(([r, v]) => document.querySelector(`${r} input`).value === v, [row, before]);
    await page.close();
  });

  test('the zoom buttons, home, auxiliary commands and tours answer without a fault', async () => {
    const { page } = await loggedIn();
    await page.waitForSelector('#aux-buttons button');
    await page.click('#aux-buttons button[data-command="tt:IRLamp|On"]');
    await page.waitForSelector('#aux-buttons button[data-command="tt:IRLamp|On"][aria-pressed="true"]');
    const zoom0 = Number(await page.textContent('#ov-zoom'));
    await page.focus('#viewer');
    await page.keyboard.down('+');
    await page.waitForFunction((z) => Number(document.getElementById('ov-zoom').textContent) > z + 0.01, zoom0, { timeout: 10_000 });
    await page.keyboard.up('+');
    await page.click('#home-set');
    await page.click('#home-go');
    assert.equal(await page.textContent('#ptz-error'), '');
    await page.close();
  });

  test('clicking right of centre pans right (FOV translation); a dragged box zooms in', async () => {
    const { page } = await loggedIn();
    await page.waitForFunction(() => document.getElementById('ov-pan').textContent !== '–', null, { timeout: 10_000 });
    const status = () => page.evaluate(async () => { const c = window.camlabConsole; return c.camera.ptzStatus(c.profiles[0].token); });
    const idle = (s) => s.panTiltMove === 'IDLE' && s.zoomMove !== 'MOVING';
    // Each gesture's move is accepted while the clock stands still, then the clock moves a second at a time until
    // the head is at rest: it arrives however slowly the machine runs.
    const gesture = async (act, moved) => {
      const s0 = await status();
      await moveClock(page, { pause: true });
      try {
        await act();
        for (const end = Date.now() + 10_000; ;) {
          const s = await status();
          if (s.panTiltMove === 'MOVING' || s.zoomMove === 'MOVING') break;
          if (Date.now() > end) throw new Error(`the gesture started no move: ${JSON.stringify(s)}; the console says '${await page.textContent('#ptz-error')}'`);
          await page.waitForTimeout(100);
        }
        for (let i = 0; i < 15 && !idle(await status()); i++) await moveClock(page, { advance: 'PT1S' });
      } finally {
        await moveClock(page, { resume: true });
      }
      const s1 = await status();
      assert.ok(idle(s1) && moved(s0, s1), `after at most 15 s of camera time: ${JSON.stringify(s0)} → ${JSON.stringify(s1)}`);
    };
    const v = await page.locator('#viewer').boundingBox();
    await gesture(() => page.mouse.click(v.x + v.width * 0.75, v.y + v.height / 2), (a, b) => b.pan - a.pan > 0.01);
    await gesture(async () => {
      await page.mouse.move(v.x + v.width * 0.4, v.y + v.height * 0.4);
      await page.mouse.down();
      await page.mouse.move(v.x + v.width * 0.6, v.y + v.height * 0.6, { steps: 5 });
      await page.mouse.up();
    }, (a, b) => b.zoom > a.zoom + 0.01);
    assert.equal(await page.textContent('#ptz-error'), '');
    await page.close();
  });

  test('a preset tour defined over SOAP is listed, started, paused and stopped with its status', async () => {
    const { page } = await loggedIn();
    await page.waitForFunction(() => document.getElementById('ov-pan').textContent !== '–', null, { timeout: 10_000 });
    // An earlier test may leave the head still braking or zooming; SetPreset is refused while it moves.
    const idle = () => page.waitForFunction(() => /PT IDLE/.test(document.getElementById('ov-move').textContent)
      && !/Z MOVING/.test(document.getElementById('ov-move').textContent), null, { timeout: 15_000 });
    let panBefore = null;
    for (const name of ['tour A', 'tour B']) {
      await idle();
      // After the arrow key, the overlay may still show the status from before the move: wait for a status that has
      // seen the move (a new pan) and the head at rest, or SetPreset meets ter:MovingPTZ.
      if (panBefore !== null) {
        await page.waitForFunction((p) => document.getElementById('ov-pan').textContent !== p
          && /PT IDLE/.test(document.getElementById('ov-move').textContent)
          && !/Z MOVING/.test(document.getElementById('ov-move').textContent), panBefore, { timeout: 15_000 });
      }
      await page.fill('#preset-name', name);
      await page.click('#preset-form button[type="submit"]');
      await page.locator('#preset-list li', { hasText: name }).waitFor({ timeout: 15_000 }).catch(async (e) => {
        throw new Error(`preset '${name}' not listed; the console says: ${await page.textContent('#ptz-error')} (${e.message})`);
      });
      panBefore = await page.textContent('#ov-pan');
      await page.focus('#viewer');
      await page.keyboard.down('ArrowLeft');
      await page.waitForTimeout(300);
      await page.keyboard.up('ArrowLeft');
    }
    // The console has no tour editor: define the tour as any client would, through the page's own SOAP client.
    await page.evaluate(async () => {
      const { camera, profiles } = window.camlabConsole;
      const ptz = 'http://www.onvif.org/ver20/ptz/wsdl';
      const profile = profiles[0].token;
      const presets = await camera.presets(profile);
      const spots = presets.filter((p) => p.name.startsWith('tour ')).map((p) =>
        `<tt:TourSpot><tt:PresetDetail><tt:PresetToken>${p.token}</tt:PresetToken></tt:PresetDetail><tt:StayTime>PT2S</tt:StayTime></tt:TourSpot>`).join('');
      const created = await camera.call(ptz, `<tptz:CreatePresetTour><tptz:ProfileToken>${profile}</tptz:ProfileToken></tptz:CreatePresetTour>`);
      const token = created.textContent.trim();
      await camera.call(ptz, `<tptz:ModifyPresetTour><tptz:ProfileToken>${profile}</tptz:ProfileToken><tptz:PresetTour token="${token}">`
        + `<tt:Name>console tour</tt:Name><tt:AutoStart>false</tt:AutoStart><tt:StartingCondition/>${spots}</tptz:PresetTour></tptz:ModifyPresetTour>`);
    });
    await page.click('#tour-refresh');
    const tour = page.locator('#tour-list li', { hasText: 'console tour' });
    await tour.waitFor();
    await idle(); // a tour refuses to start (ActivationFailed) while the head still brakes from the last key press
    await tour.locator('button[data-action="start"]').click();
    await page.locator('#tour-list li', { hasText: 'Touring' }).waitFor({ timeout: 10_000 });
    await tour.locator('button[data-action="pause"]').click();
    await page.locator('#tour-list li', { hasText: 'Paused' }).waitFor({ timeout: 10_000 });
    await shot(page, '09-tour');
    await tour.locator('button[data-action="stop"]').click();
    await page.locator('#tour-list li', { hasText: 'Idle' }).waitFor({ timeout: 10_000 });
    await page.close();
  });

  test('a fault switch forces a tampering event into the event list', async () => {
    const { page } = await loggedIn();
    const sw = '#faults-list select[data-fault="VideoSource_1/ImageTooDark"]';
    await page.waitForSelector(sw);
    await page.selectOption(sw, 'on');
    await page.waitForFunction(() => [...document.querySelectorAll('#events-list li[data-topic="VideoSource/ImageTooDark/ImagingService"]')]
      .some((li) => /Changed/.test(li.textContent) && /State=true/.test(li.textContent)), null, { timeout: 20_000 });
    await page.click('#faults-list button');
    await page.close();
  });

  test('the fault field sets a scheduled fault, its row shows it active and Clear removes it', async () => {
    const { page } = await loggedIn();
    await page.waitForSelector('#fault-instruction');
    await page.fill('#fault-instruction', 'PtzNode_1/MoveStatusStuck=on');
    await page.click('#faults-list .fault-set button[type=submit]');
    const row = '#faults-list .fault[data-fault="PtzNode_1/MoveStatusStuck"][data-state="active"]';
    await page.waitForSelector(row, { timeout: 10_000 });
    await page.click(`${row} button`);
    await page.waitForSelector('#faults-list .fault[data-fault="PtzNode_1/MoveStatusStuck"]', { state: 'detached', timeout: 10_000 });
    await page.close();
  });

  // Keep this last. The zoom tests leave the dome zoomed in with continuous auto-focus catching up; the tour and
  // fault tests follow. A narrow 1080p view's defocus blur once came out infinite and hung the render loop that
  // every later page on Profile_1 shares, so any test here that waited for frames got none
  // (tests/Camlab.Server.Tests/Streaming/DefocusedZoomStreamTests.cs reproduces it on the fake clock).
  test('frames still arrive at the end of the suite, after the zoom, tour and fault tests', async () => {
    const { page, errors } = await loggedIn();
    try {
      await waitFrames(page, 5);
    } catch (e) {
      throw new Error(`no live frames: stream '${await page.textContent('#stream-state')}', ${await frames(page)} frames, `
        + `zoom ${await page.textContent('#ov-zoom')}, move '${await page.textContent('#ov-move')}' (${e.message})`);
    }
    assert.equal(await page.textContent('#stream-state'), 'live (WebSocket)');
    assert.ok(await meanLuma(page) > 5, 'the picture is black');
    assert.match(await page.textContent('#ov-flags'), /LiveFeed/);
    await shot(page, '12-end-of-suite', { fullPage: false });
    assert.deepEqual(errors, []);
    await page.close();
  });
});

/** Sets an imaging slider to its min, its max, or past its max (a value the device must refuse). */
async function setControl(page, setting, where) {
  await page.evaluate(([s, w]) => {
    const input = document.querySelector(`#imaging-settings [data-setting="${s}"] input`);
    const max = Number(input.max);
    if (w === 'beyond') { input.max = String(max * 10 + 10); input.value = String(max * 10 + 10); } else input.value = w === 'min' ? input.min : input.max;
    input.dispatchEvent(new Event('change'));
  }, [setting, where]);
}
