// PTZ from the browser: joystick (press and drag → ContinuousMove, speed from the distance to the centre;
// release → Stop), zoom buttons and keys, click-to-centre and box zoom (RelativeMove in the FOV
// translation space), presets, home, preset tours and auxiliary commands — each the PTZ service's own
// operation on the profile, so every refusal shows the camera's fault text.

import { SPACE, NSURI } from './onvif.js';
import { SoapFault } from './soap.js';

const $ = (id) => document.getElementById(id);
const STATUS_PERIOD_MS = 300;
const KEY_SPEED = 0.5;
const ZOOM_SPEED = 0.5;

function describe(e) { return e instanceof SoapFault ? e.describe() : String(e.message ?? e); }

export class PtzPanel {
  constructor(camera, profile, liveView) {
    this.camera = camera;
    this.profile = profile;
    this.live = liveView;
    this.node = null;
    this.status = null;
    this.abort = new AbortController();
    this.timer = null;
    this.keys = new Set();
    this.velocity = { x: 0, y: 0 };
    this.sent = null;
    this.sending = false;
  }

  async start() {
    const unavailable = (why) => { $('ptz-unavailable').textContent = why; $('ptz-unavailable').hidden = false; $('ptz-controls').hidden = true; };
    $('ptz-error').textContent = '';
    if (!this.camera.has(NSURI.tptz)) return unavailable('This camera does not offer the PTZ service.');
    if (!this.profile.ptzNodeToken) return unavailable(`Profile ${this.profile.token} has no PTZ configuration.`);
    $('ptz-unavailable').hidden = true;
    $('ptz-controls').hidden = false;
    try {
      this.node = await this.camera.ptzNode(this.profile.ptzNodeToken);
    } catch (e) {
      return unavailable(`PTZ node ${this.profile.ptzNodeToken}: ${describe(e)}`);
    }
    this.#wire();
    this.#auxiliary();
    $('home-go').hidden = !this.node.homeSupported;
    $('home-set').hidden = !this.node.homeSupported || this.node.fixedHome;
    this.refreshPresets();
    this.refreshTours();
    this.#poll();
  }

  stop() {
    this.abort.abort();
    clearTimeout(this.timer);
    clearTimeout(this.#tourPoll);
  }

  get #token() { return this.profile.token; }

  async #do(action) {
    $('ptz-error').textContent = '';
    try { return await action(); } catch (e) { $('ptz-error').textContent = describe(e); return undefined; }
  }

  async #poll() {
    if (this.abort.signal.aborted) return;
    try {
      this.status = await this.camera.ptzStatus(this.#token);
      this.live.setPtzStatus(this.status);
    } catch { /* the next poll tries again */ }
    this.timer = setTimeout(() => this.#poll(), STATUS_PERIOD_MS);
  }

  #wire() {
    const signal = this.abort.signal;
    const on = (el, type, f) => el.addEventListener(type, f, { signal });

    // Joystick: pointer capture keeps the drag going outside the pad; release anywhere stops.
    const pad = $('joystick'), knob = $('joystick-knob');
    on(pad, 'pointerdown', (e) => {
      pad.setPointerCapture(e.pointerId);
      pad.classList.add('active');
      const move = (m) => {
        const r = pad.getBoundingClientRect();
        const radius = r.width / 2;
        let dx = (m.clientX - (r.left + radius)) / radius, dy = (m.clientY - (r.top + radius)) / radius;
        const d = Math.hypot(dx, dy);
        if (d > 1) { dx /= d; dy /= d; }
        knob.style.transform = `translate(calc(-50% + ${dx * radius * 0.75}px), calc(-50% + ${dy * radius * 0.75}px))`;
        this.#drive(round(dx), round(-dy));
      };
      const up = () => {
        pad.removeEventListener('pointermove', move);
        pad.removeEventListener('pointerup', up);
        pad.removeEventListener('pointercancel', up);
        pad.classList.remove('active');
        knob.style.transform = '';
        this.#drive(0, 0);
      };
      pad.addEventListener('pointermove', move);
      pad.addEventListener('pointerup', up);
      pad.addEventListener('pointercancel', up);
      move(e);
    });

    for (const [id, speed] of [['zoom-in', ZOOM_SPEED], ['zoom-out', -ZOOM_SPEED]]) {
      const b = $(id);
      on(b, 'pointerdown', (e) => { b.setPointerCapture(e.pointerId); this.#zoom(speed); });
      on(b, 'pointerup', () => this.#zoom(0));
      on(b, 'pointercancel', () => this.#zoom(0));
      on(b, 'keydown', (e) => { if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) { e.preventDefault(); this.#zoom(speed); } });
      on(b, 'keyup', (e) => { if (e.key === 'Enter' || e.key === ' ') this.#zoom(0); });
    }
    on($('tour-refresh'), 'click', () => this.refreshTours());
    on($('ptz-stop'), 'click', () => this.#do(() => this.camera.stop(this.#token)));
    on($('home-go'), 'click', () => this.#do(() => this.camera.gotoHome(this.#token)));
    on($('home-set'), 'click', () => this.#do(() => this.camera.setHome(this.#token)));
    on($('preset-form'), 'submit', async (e) => {
      e.preventDefault();
      const name = $('preset-name').value.trim();
      if ((await this.#do(() => this.camera.setPreset(this.#token, name || null))) !== undefined) {
        $('preset-name').value = '';
        this.refreshPresets();
      }
    });

    // Keyboard: arrows pan/tilt while held, +/− zoom while held; not while typing in a field.
    on(document, 'keydown', (e) => {
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (ARROWS[e.key]) {
        e.preventDefault();
        if (e.repeat) return;
        this.keys.add(e.key);
        this.#keysChanged();
      } else if ((e.key === '+' || e.key === '=' || e.key === '-' || e.key === '−') && !e.repeat) {
        e.preventDefault();
        this.#zoom(e.key === '-' || e.key === '−' ? -ZOOM_SPEED : ZOOM_SPEED);
      }
    });
    on(document, 'keyup', (e) => {
      if (ARROWS[e.key] && this.keys.delete(e.key)) this.#keysChanged();
      else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '−') this.#zoom(0);
    });
    on(window, 'blur', () => { if (this.keys.size > 0) { this.keys.clear(); this.#keysChanged(); } });
  }

  #keysChanged() {
    let x = 0, y = 0;
    for (const k of this.keys) { x += ARROWS[k][0]; y += ARROWS[k][1]; }
    this.#drive(Math.sign(x) * KEY_SPEED, Math.sign(y) * KEY_SPEED);
  }

  /**
   * Pan/tilt velocity in the generic velocity space. Calls are serialised and coalesced: while one is on
   * the wire only the latest wish is kept, so a fast drag never queues a backlog of moves; 0,0 is Stop.
   */
  #drive(x, y) {
    this.velocity = { x, y };
    if (!this.sending) this.#send();
  }

  async #send() {
    this.sending = true;
    while (!this.sent || this.sent.x !== this.velocity.x || this.sent.y !== this.velocity.y) {
      const v = this.velocity;
      this.sent = v;
      await this.#do(() => (v.x === 0 && v.y === 0
        ? this.camera.stop(this.#token, true, false)
        : this.camera.continuousMove(this.#token, { x: v.x, y: v.y }, null)));
    }
    this.sending = false;
  }

  #zoom(speed) {
    this.#do(() => (speed === 0
      ? this.camera.stop(this.#token, false, true)
      : this.camera.continuousMove(this.#token, null, { x: speed })));
  }

  /** Click-to-centre: the clicked point (FOV coordinates, border ±1) becomes the image centre. */
  centreOn(x, y) {
    if (!this.node) return;
    if (!this.node.relativePanTiltSpaces.some((s) => s.uri === SPACE.fovTranslation)) {
      $('ptz-error').textContent = `PTZ node ${this.node.token} has no FOV translation space; click-to-centre needs it.`;
      return;
    }
    this.#do(() => this.camera.relativeMove(this.#token, { x: round(x), y: round(y), space: SPACE.fovTranslation }, null));
  }

  /** Box zoom: centre the box, and zoom so that its larger side fills the picture. */
  zoomToBox(box) {
    if (!this.node) return;
    const factor = 1 / Math.max(box.width, box.height, 0.02);
    const zoom = this.#zoomTranslation(factor);
    const fov = this.node.relativePanTiltSpaces.some((s) => s.uri === SPACE.fovTranslation);
    if (!fov && !zoom) { $('ptz-error').textContent = 'This PTZ node offers neither FOV translation nor a zoom translation space.'; return; }
    this.#do(() => this.camera.relativeMove(this.#token, fov ? { x: round(box.x), y: round(box.y), space: SPACE.fovTranslation } : null, zoom));
  }

  /** The zoom translation that multiplies the magnification by `factor`, in a space the node offers. */
  #zoomTranslation(factor) {
    const s = this.status;
    if (!s || s.zoom === null) return null;
    const has = (list, uri) => list.find((sp) => sp.uri === uri);
    const mm = has(this.node.absoluteZoomSpaces, SPACE.mmPosition);
    if (mm && has(this.node.relativeZoomSpaces, SPACE.mmTranslation)) {
      // Focal length is proportional to magnification; generic zoom is linear in focal length (docs/ptz.md).
      const focal = s.zoomSpace === SPACE.mmPosition ? s.zoom : mm.xMin + s.zoom * (mm.xMax - mm.xMin);
      const target = Math.min(mm.xMax, Math.max(mm.xMin, focal * factor));
      return { x: round(target - focal), space: SPACE.mmTranslation };
    }
    const digital = has(this.node.absoluteZoomSpaces, SPACE.digitalZoomPosition);
    if (digital && has(this.node.relativeZoomSpaces, SPACE.digitalZoomTranslation)) {
      const current = s.zoomSpace === SPACE.digitalZoomPosition ? s.zoom : digital.xMin + s.zoom * (digital.xMax - digital.xMin);
      const target = Math.min(digital.xMax, Math.max(digital.xMin, current * factor));
      return { x: round(target - current), space: SPACE.digitalZoomTranslation };
    }
    return null;
  }

  #auxiliary() {
    const host = $('aux-buttons');
    host.replaceChildren(...this.node.auxiliaryCommands.map((command) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = command.replace(/^tt:/, '').replace('|', ' ');
      b.dataset.command = command;
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', async () => {
        const answer = await this.#do(() => this.camera.auxiliary(this.#token, command));
        if (answer === undefined) return;
        // One value per function (wiper, IR lamp): mark the one the camera applied.
        const fn = command.split('|')[0];
        for (const other of host.querySelectorAll('button')) {
          if (other.dataset.command.split('|')[0] === fn) other.setAttribute('aria-pressed', String(other === b));
        }
      }, { signal: this.abort.signal });
      return b;
    }));
  }

  async refreshPresets() {
    const presets = await this.#do(() => this.camera.presets(this.#token));
    if (!presets) return;
    $('preset-list').replaceChildren(...presets.map((p) => {
      const li = document.createElement('li');
      li.dataset.token = p.token;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = p.name;
      name.title = `${p.token}: pan ${p.pan}, tilt ${p.tilt}, zoom ${p.zoom}`;
      li.append(name,
        button('Go', `Go to preset ${p.name}`, () => this.#do(() => this.camera.gotoPreset(this.#token, p.token)), 'go'),
        button('Rename', `Rename preset ${p.name}`, () => this.#rename(p), 'rename'),
        button('Delete', `Delete preset ${p.name}`, async () => {
          if ((await this.#do(() => this.camera.removePreset(this.#token, p.token))) !== undefined) this.refreshPresets();
        }, 'delete'));
      return li;
    }));
    if (presets.length === 0) $('preset-list').innerHTML = '<li class="muted">no presets</li>';
  }

  // ONVIF has no rename: SetPreset with the token and a new name also stores the current position, so the
  // console says so unless the camera is at the preset.
  async #rename(p) {
    const name = prompt(`New name for ${p.name}`, p.name);
    if (name === null || name.trim() === '' || name === p.name) return;
    const s = this.status;
    const here = s && [s.pan - p.pan, s.tilt - p.tilt, s.zoom - p.zoom].every((d) => Math.abs(d) < 1e-3);
    if (!here && !confirm('Renaming saves the current position into the preset (ONVIF SetPreset). Continue?')) return;
    if ((await this.#do(() => this.camera.setPreset(this.#token, name.trim(), p.token))) !== undefined) this.refreshPresets();
  }

  async refreshTours() {
    if (this.abort.signal.aborted) return;
    clearTimeout(this.#tourPoll);
    const list = $('tour-list');
    if (this.node.maximumTours === 0) { list.replaceChildren(muted('this node has no preset tours')); return; }
    let tours;
    try { tours = await this.camera.presetTours(this.#token); } catch (e) { list.replaceChildren(muted(describe(e))); return; }
    if (tours.length === 0) { list.replaceChildren(muted('no preset tours defined')); return; }
    // Rows are kept per tour token and only their text changes: a poll must not replace the buttons under the
    // pointer of someone about to click them.
    const rows = new Map([...list.querySelectorAll('li[data-token]')].map((li) => [li.dataset.token, li]));
    list.replaceChildren(...tours.map((t) => {
      const li = rows.get(t.token) ?? this.#tourRow(t);
      li.querySelector('.name').textContent = `${t.name || t.token} — ${t.state || '?'}${t.currentSpot ? ` @ ${t.currentSpot}` : ''}`;
      return li;
    }));
    // Status follows a running tour; idle lists are not polled.
    if (tours.some((t) => t.state === 'Touring' || t.state === 'Paused')) this.#tourPoll = setTimeout(() => this.refreshTours(), 1500);
  }

  #tourPoll = undefined;

  #tourRow(t) {
    const li = document.createElement('li');
    li.dataset.token = t.token;
    const name = document.createElement('span');
    name.className = 'name';
    const label = t.name || t.token;
    const op = (text, operation) => button(text, `${text} tour ${label}`, async () => {
      await this.#do(() => this.camera.operatePresetTour(this.#token, t.token, operation));
      this.refreshTours();
    }, operation.toLowerCase());
    li.append(name, op('Start', 'Start'), op('Pause', 'Pause'), op('Stop', 'Stop'));
    return li;
  }
}

const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
const round = (v) => Math.round(v * 1000) / 1000;
const isTyping = (t) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

function button(label, aria, onClick, role) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.setAttribute('aria-label', aria);
  b.dataset.action = role;
  b.addEventListener('click', onClick);
  return b;
}

function muted(text) {
  const li = document.createElement('li');
  li.className = 'muted';
  li.textContent = text;
  return li;
}
