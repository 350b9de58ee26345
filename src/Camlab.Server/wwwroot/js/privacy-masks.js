// The privacy masks of the selected profile's video source over the host's HTTP API (docs/configuration.md,
// "Privacy masks"), digest-authenticated like the faults API; reading needs a camera user, changing an
// Administrator. This module is the only place that knows the API's path and JSON:
//
//   GET /api/v1/cameras/{n}/privacy-masks/{source}   → {token, origin: "none"|"configuration"|"api", masks: [{name, points, enabled?, drawn?}]}
//   PUT the same with {"masks": [{name, points: [[pan, tilt]...]} | {name, imagePoints: [[x, y]...]}]}
//                                                    → the source as above; 400 {error, errors: [...]} changes nothing
//
// A new mask is drawn as a box on the live picture: its corners go as imagePoints (fractions of the picture),
// which the camera turns into pan/tilt at its current pose; the existing masks are sent back unchanged.

const $ = (id) => document.getElementById(id);

export function privacyMasksPath(cameraNumber, source) {
  return `/api/v1/cameras/${cameraNumber}/privacy-masks/${encodeURIComponent(source)}`;
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) {
    const details = Array.isArray(body?.errors) && body.errors.length > 0 ? `: ${body.errors.join('; ')}` : '';
    throw new Error((body?.error ?? `HTTP ${response.status} ${text.trim()}`.trim()) + details);
  }
  if (!body || !Array.isArray(body.masks)) throw new Error('unexpected answer (no masks list)');
  return body;
}

export async function sourceMasks(credentials, cameraNumber, source) {
  return answer(await credentials.fetch(privacyMasksPath(cameraNumber, source)));
}

/** Replaces the source's whole list, all or nothing; returns the source as the camera keeps it. */
export async function replaceMasks(credentials, cameraNumber, source, masks) {
  return answer(await credentials.fetch(privacyMasksPath(cameraNumber, source), {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ masks }),
  }));
}

/**
 * A box from the live view (FOV coordinates, PTZ A.3.2: centre x, y and half extents, border ±1, y up) as the
 * four corners of a polygon in picture fractions (0..1, y down).
 */
export function boxToImagePoints(box) {
  const fx = (x) => Math.min(1, Math.max(0, (x + 1) / 2));
  const fy = (y) => Math.min(1, Math.max(0, (1 - y) / 2));
  const left = fx(box.x - box.width), right = fx(box.x + box.width);
  const top = fy(box.y + box.height), bottom = fy(box.y - box.height);
  return [[left, top], [right, top], [right, bottom], [left, bottom]];
}

export class PrivacyMaskPanel {
  constructor(camera, source) {
    this.camera = camera;
    this.source = source;
    this.cameraNumber = Number(camera.basePath.match(/^\/cameras\/(\d+)$/)?.[1] ?? 1);
    this.masks = [];
    this.armed = false;
    this.abort = new AbortController();
  }

  start() {
    const signal = this.abort.signal;
    $('mask-form').addEventListener('submit', (e) => {
      e.preventDefault();
      $('masks-error').textContent = '';
      if (!this.armed && !$('mask-name').value.trim()) { $('masks-error').textContent = 'Name the mask first.'; return; }
      this.#arm(!this.armed);
    }, { signal });
    this.#arm(false);
    this.refresh();
  }

  stop() {
    this.abort.abort();
    this.#arm(false);
  }

  async refresh() {
    try {
      this.#show(await sourceMasks(this.camera.credentials, this.cameraNumber, this.source));
    } catch (e) {
      $('masks-status').textContent = `${this.source}: ${e.message}`;
      $('masks-list').replaceChildren();
    }
  }

  /** Called by the live view for a dragged box while drawing is armed: the box becomes a new mask. */
  async addBox(box) {
    const name = $('mask-name').value.trim();
    this.#arm(false);
    await this.#replace([...this.#kept(), { name, imagePoints: boxToImagePoints(box) }], () => { $('mask-name').value = ''; });
  }

  // Kept as they are, with what Media2 set (enabled, drawn): adding or deleting one mask leaves the others alone.
  #kept() {
    return this.masks.map((m) => ({ name: m.name, points: m.points, enabled: m.enabled, drawn: m.drawn }));
  }

  async #replace(masks, done = () => {}) {
    $('masks-error').textContent = '';
    try {
      this.#show(await replaceMasks(this.camera.credentials, this.cameraNumber, this.source, masks));
      done();
    } catch (e) {
      $('masks-error').textContent = e.message;
    }
  }

  #arm(armed) {
    this.armed = armed;
    const button = $('mask-draw');
    button.setAttribute('aria-pressed', String(armed));
    button.textContent = armed ? 'Drag a box on the picture… (cancel)' : 'Draw on the picture';
    $('viewer').classList.toggle('masking', armed);
  }

  #show(source) {
    this.masks = source.masks;
    const origin = { none: 'none set', configuration: 'from the configuration file', api: 'set over the API' }[source.origin] ?? source.origin;
    const status = $('masks-status');
    status.textContent = `${source.token}: ${source.masks.length} mask${source.masks.length === 1 ? '' : 's'}, ${origin}`;
    status.dataset.count = String(source.masks.length);
    $('masks-list').replaceChildren(...source.masks.map((mask) => {
      const li = document.createElement('li');
      li.dataset.mask = mask.name;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = mask.name;
      name.title = mask.points.map(([p, t]) => `${p.toFixed(2)}, ${t.toFixed(2)}`).join('  ');
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', `Delete the privacy mask ${mask.name}`);
      remove.addEventListener('click', () => this.#replace(this.#kept().filter((m) => m.name !== mask.name)), { signal: this.abort.signal });
      li.append(name, remove);
      return li;
    }));
  }
}
