// The picture and what lies over it: frames drawn on the canvas, the overlay (pan/tilt/zoom from PTZ
// GetStatus, move status, frames per second, live flags from the 0x02 header), the header inspector
// (every extension of the current frame), and the pointer gestures on the picture — a click centres
// that point, a dragged box zooms there (the PTZ panel turns them into RelativeMoves).

import { VideoStream } from './stream.js';
import { flagNames, LiveFlags, PlaybackFlags } from './videochannel.js';

const $ = (id) => document.getElementById(id);
const DRAG_THRESHOLD = 6; // px: less is a click

export class LiveView {
  constructor(camera, profile) {
    this.camera = camera;
    this.profile = profile;
    this.canvas = $('picture');
    this.viewer = $('viewer');
    this.stream = null;
    this.frameTimes = [];
    this.lastHeader = null;
    this.frames = 0;
    this.onCentre = null;
    this.onBox = null;
    this.paused = false;
    this.abort = new AbortController();
  }

  start() {
    const signal = this.abort.signal;
    this.viewer.addEventListener('pointerdown', (e) => this.#pointerDown(e), { signal });
    $('stream-toggle').addEventListener('click', () => this.#toggle(), { signal });
    $('inspector').addEventListener('toggle', () => this.#inspect(), { signal });
    this.#message('');
    this.#open();
  }

  stop() {
    this.abort.abort();
    this.stream?.close();
    this.stream = null;
  }

  async #open() {
    $('stream-state').textContent = 'connecting…';
    this.stream = new VideoStream(this.camera, (f) => this.#frame(f), (s) => { $('stream-state').textContent = s; });
    const size = this.profile.width && this.profile.width > 1280
      ? { width: 1280, height: Math.round(1280 * this.profile.height / this.profile.width) } : {};
    try {
      await this.stream.open(this.profile.token, { ...size, fps: 15 });
    } catch (e) {
      $('stream-state').textContent = 'no video';
      this.#message(`No live picture: ${e.message}`);
    }
  }

  async #toggle() {
    this.paused = !this.paused;
    $('stream-toggle').textContent = this.paused ? 'Play' : 'Pause';
    $('stream-toggle').setAttribute('aria-pressed', String(!this.paused));
    if (this.paused) {
      await this.stream?.close();
      this.stream = null;
      $('stream-state').textContent = 'paused';
    } else {
      this.#open();
    }
  }

  #frame({ header, bitmap }) {
    if (this.abort.signal.aborted) { bitmap?.close(); return; }
    this.frames++;
    const now = performance.now();
    this.frameTimes.push(now);
    while (this.frameTimes.length > 0 && now - this.frameTimes[0] > 2000) this.frameTimes.shift();
    if (bitmap) {
      if (this.canvas.width !== bitmap.width || this.canvas.height !== bitmap.height) {
        this.canvas.width = bitmap.width;
        this.canvas.height = bitmap.height;
      }
      this.canvas.getContext('2d').drawImage(bitmap, 0, 0);
      bitmap.close();
    }
    this.lastHeader = header;
    const span = this.frameTimes.length > 1 ? (now - this.frameTimes[0]) / 1000 : 0;
    $('ov-fps').textContent = span > 0 ? ((this.frameTimes.length - 1) / span).toFixed(1) : '–';
    const live = header.liveInfo ? flagNames(header.liveInfo.currentFlags, LiveFlags) : [];
    $('ov-flags').textContent = live.length > 0 ? live.join(' ') : (header.liveInfo ? 'none' : '–');
    this.viewer.dataset.frames = String(this.frames);
    if ($('inspector').open) this.#inspect();
  }

  /** PTZ GetStatus → overlay (called by the PTZ panel's poll). */
  setPtzStatus(s) {
    const f = (v, digits = 3) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
    $('ov-pan').textContent = f(s.pan);
    $('ov-tilt').textContent = f(s.tilt);
    $('ov-zoom').textContent = f(s.zoom);
    $('ov-move').textContent = [s.panTiltMove && `PT ${s.panTiltMove}`, s.zoomMove && `Z ${s.zoomMove}`].filter(Boolean).join(', ') || '–';
  }

  #inspect() {
    if (!$('inspector').open) return;
    const h = this.lastHeader;
    if (!h) { $('inspector-body').textContent = 'no frame yet'; return; }
    const annotated = structuredClone(h);
    if (h.liveInfo) {
      annotated.liveInfo.current = flagNames(h.liveInfo.currentFlags, LiveFlags).join('|');
      annotated.liveInfo.changed = flagNames(h.liveInfo.changedFlags, LiveFlags).join('|');
    }
    if (h.playbackInfo) annotated.playbackInfo.current = flagNames(h.playbackInfo.currentFlags, PlaybackFlags).join('|');
    if (h.location) {
      // Wire encodings (spec 0x20): degrees × 10^7, negative values wrapped by +360 / +180.
      const deg = (v, wrap) => { const d = v / 1e7; return d > wrap / 2 ? d - wrap : d; };
      annotated.location.degrees = {
        longitude: deg(h.location.longitude, 360), latitude: deg(h.location.latitude, 180),
        azimuth: h.location.azimuth / 1e7, altitudeMetres: h.location.altitude / 100,
      };
    }
    $('inspector-body').textContent = JSON.stringify(annotated, (_, v) => (typeof v === 'bigint' ? `${v}n` : v), 2);
  }

  #message(text) { $('viewer-message').textContent = text; }

  /** The displayed picture's rectangle inside the viewer (the canvas keeps its aspect ratio, centred). */
  #pictureRect() {
    const r = this.viewer.getBoundingClientRect();
    const aspect = this.canvas.width / this.canvas.height;
    let w = r.width, h = r.width / aspect;
    if (h > r.height) { h = r.height; w = h * aspect; }
    return { left: r.left + (r.width - w) / 2, top: r.top + (r.height - h) / 2, width: w, height: h, viewer: r };
  }

  #pointerDown(e) {
    if (e.button !== 0) return;
    const pic = this.#pictureRect();
    const start = { x: e.clientX, y: e.clientY };
    const box = $('box');
    let dragging = false;
    this.viewer.setPointerCapture(e.pointerId);
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const move = (m) => {
      const dx = m.clientX - start.x, dy = m.clientY - start.y;
      if (!dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      dragging = true;
      box.hidden = false;
      Object.assign(box.style, {
        left: `${Math.min(start.x, m.clientX) - pic.viewer.left}px`, top: `${Math.min(start.y, m.clientY) - pic.viewer.top}px`,
        width: `${Math.abs(dx)}px`, height: `${Math.abs(dy)}px`,
      });
    };
    const up = (u) => {
      this.viewer.removeEventListener('pointermove', move);
      this.viewer.removeEventListener('pointerup', up);
      this.viewer.removeEventListener('pointercancel', up);
      box.hidden = true;
      // FOV translation coordinates (PTZ A.3.2): the image border is ±1, y up.
      const fx = (cx) => clamp(((cx - pic.left) / pic.width) * 2 - 1, -1, 1);
      const fy = (cy) => clamp(1 - ((cy - pic.top) / pic.height) * 2, -1, 1);
      if (u.type === 'pointercancel') return;
      if (dragging) {
        const x1 = fx(Math.min(start.x, u.clientX)), x2 = fx(Math.max(start.x, u.clientX));
        const y1 = fy(Math.max(start.y, u.clientY)), y2 = fy(Math.min(start.y, u.clientY));
        this.onBox?.({ x: (x1 + x2) / 2, y: (y1 + y2) / 2, width: (x2 - x1) / 2, height: (y2 - y1) / 2 });
      } else {
        this.onCentre?.(fx(u.clientX), fy(u.clientY));
      }
    };
    this.viewer.addEventListener('pointermove', move);
    this.viewer.addEventListener('pointerup', up);
    this.viewer.addEventListener('pointercancel', up);
  }
}
