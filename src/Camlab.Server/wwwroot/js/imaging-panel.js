// Imaging controls built from the device's GetOptions: a slider per ranged setting (the device's Min/Max),
// a selector per mode list, focus buttons (continuous move while held), auto-focus, the imaging presets.
// A change sends only that setting (Imaging 5.1.3: what is left out keeps its value); a refusal shows the
// device's fault text next to the control and the control returns to the device's value.

import { NSURI } from './onvif.js';
import { SoapFault, first, all, at, text, textOf } from './soap.js';
import { escapeXml } from './auth.js';

const $ = (id) => document.getElementById(id);

// [label, path in ImagingOptions20, path in ImagingSettings20]. The option and setting names differ in a
// few places (YrGain/CrGain, AutoFocusModes/AutoFocusMode, IrCutFilterModes/IrCutFilter, …Options).
const CONTROLS = [
  ['Brightness', 'Brightness', 'Brightness'],
  ['Contrast', 'Contrast', 'Contrast'],
  ['Saturation', 'ColorSaturation', 'ColorSaturation'],
  ['Sharpness', 'Sharpness', 'Sharpness'],
  ['IR cut filter', 'IrCutFilterModes', 'IrCutFilter'],
  ['Exposure', 'Exposure/Mode', 'Exposure/Mode'],
  ['Exposure priority', 'Exposure/Priority', 'Exposure/Priority'],
  ['Exposure time', 'Exposure/ExposureTime', 'Exposure/ExposureTime'],
  ['Gain', 'Exposure/Gain', 'Exposure/Gain'],
  ['Iris', 'Exposure/Iris', 'Exposure/Iris'],
  ['Min exposure time', 'Exposure/MinExposureTime', 'Exposure/MinExposureTime'],
  ['Max exposure time', 'Exposure/MaxExposureTime', 'Exposure/MaxExposureTime'],
  ['Min gain', 'Exposure/MinGain', 'Exposure/MinGain'],
  ['Max gain', 'Exposure/MaxGain', 'Exposure/MaxGain'],
  ['Min iris', 'Exposure/MinIris', 'Exposure/MinIris'],
  ['Max iris', 'Exposure/MaxIris', 'Exposure/MaxIris'],
  ['Backlight comp.', 'BacklightCompensation/Mode', 'BacklightCompensation/Mode'],
  ['Backlight level', 'BacklightCompensation/Level', 'BacklightCompensation/Level'],
  ['WDR', 'WideDynamicRange/Mode', 'WideDynamicRange/Mode'],
  ['WDR level', 'WideDynamicRange/Level', 'WideDynamicRange/Level'],
  ['White balance', 'WhiteBalance/Mode', 'WhiteBalance/Mode'],
  ['WB red gain', 'WhiteBalance/YrGain', 'WhiteBalance/CrGain'],
  ['WB blue gain', 'WhiteBalance/YbGain', 'WhiteBalance/CbGain'],
  ['Auto-focus', 'Focus/AutoFocusModes', 'Focus/AutoFocusMode'],
  ['Focus speed', 'Focus/DefaultSpeed', 'Focus/DefaultSpeed'],
  ['Focus near limit', 'Focus/NearLimit', 'Focus/NearLimit'],
  ['Focus far limit', 'Focus/FarLimit', 'Focus/FarLimit'],
  ['Stabilization', 'Extension/ImageStabilization/Mode', 'Extension/ImageStabilization/Mode'],
  ['Stabilization level', 'Extension/ImageStabilization/Level', 'Extension/ImageStabilization/Level'],
  ['Tone comp.', 'Extension/Extension/Extension/ToneCompensationOptions/Mode', 'Extension/Extension/Extension/ToneCompensation/Mode'],
  ['Tone level', 'Extension/Extension/Extension/ToneCompensationOptions/Level', 'Extension/Extension/Extension/ToneCompensation/Level'],
  ['Defogging', 'Extension/Extension/Extension/DefoggingOptions/Mode', 'Extension/Extension/Extension/Defogging/Mode'],
  ['Defog level', 'Extension/Extension/Extension/DefoggingOptions/Level', 'Extension/Extension/Extension/Defogging/Level'],
  ['Noise reduction', 'Extension/Extension/Extension/NoiseReductionOptions/Level', 'Extension/Extension/Extension/NoiseReduction/Level'],
];

function describe(e) { return e instanceof SoapFault ? e.describe() : String(e.message ?? e); }

/** The options at a path: {kind:'range', min, max} | {kind:'enum', values} | {kind:'flag'} | null. */
function optionAt(options, path) {
  const steps = path.split('/');
  const parent = steps.length > 1 ? at(options, steps.slice(0, -1).join('/')) : options;
  const found = all(parent, steps[steps.length - 1]);
  if (found.length === 0) return null;
  const min = first(found[0], 'Min'), max = first(found[0], 'Max');
  if (min && max) return { kind: 'range', min: Number(textOf(min)), max: Number(textOf(max)) };
  const values = found.map(textOf).filter((v) => v !== '');
  // Tone compensation, defogging and noise reduction options say only whether Level is supported; the
  // level itself is normalized 0..1 (Imaging 19.06, 5.1.1).
  if (path.endsWith('/Level') && values.length === 1 && (values[0] === 'true' || values[0] === 'false')) {
    return values[0] === 'true' ? { kind: 'range', min: 0, max: 1 } : null;
  }
  if (values.length > 0 && values.every((v) => v === 'true' || v === 'false')) return { kind: 'enum', values: ['true', 'false'] };
  return values.length > 0 ? { kind: 'enum', values } : null;
}

export class ImagingPanel {
  constructor(camera, source) {
    this.camera = camera;
    this.source = source;
    this.settings = null;
    this.controls = new Map(); // settings path → { input, output, row, fault }
    this.abort = new AbortController();
    this.timer = null;
  }

  async start() {
    const unavailable = (why) => { $('imaging-unavailable').textContent = why; $('imaging-unavailable').hidden = false; $('imaging-controls').hidden = true; };
    if (!this.camera.has(NSURI.timg)) return unavailable('This camera does not offer the Imaging service.');
    $('imaging-unavailable').hidden = true;
    $('imaging-controls').hidden = false;
    $('imaging-error').textContent = '';
    let options;
    try {
      [options, this.settings] = await Promise.all([this.camera.imagingOptions(this.source), this.camera.imagingSettings(this.source)]);
    } catch (e) {
      return unavailable(`Imaging for ${this.source}: ${describe(e)}`);
    }
    this.#build(options);
    this.#presets();
    this.#focus();
  }

  stop() {
    this.abort.abort();
    clearTimeout(this.timer);
  }

  #build(options) {
    this.controls.clear();
    const rows = [];
    for (const [label, optionPath, settingPath] of CONTROLS) {
      const option = optionAt(options, optionPath);
      if (!option) continue;
      const row = document.createElement('div');
      row.className = 'setting';
      row.dataset.setting = settingPath;
      const id = `img-${settingPath.replace(/\//g, '-')}`;
      const name = document.createElement('label');
      name.htmlFor = id;
      name.textContent = label;
      let input;
      const output = document.createElement('output');
      if (option.kind === 'range') {
        input = document.createElement('input');
        input.type = 'range';
        input.min = String(option.min);
        input.max = String(option.max);
        const span = option.max - option.min;
        input.step = Number.isInteger(option.min) && Number.isInteger(option.max) && span >= 20 ? '1' : String(span / 100 || 'any');
        input.addEventListener('input', () => { output.textContent = format(Number(input.value)); });
      } else {
        input = document.createElement('select');
        input.replaceChildren(...option.values.map((v) => new Option(v, v)));
      }
      input.id = id;
      input.addEventListener('change', () => this.#set(settingPath, input.value), { signal: this.abort.signal });
      const fault = document.createElement('span');
      fault.className = 'fault';
      fault.setAttribute('role', 'alert');
      row.append(name, input, output, fault);
      rows.push(row);
      this.controls.set(settingPath, { input, output, row, fault });
    }
    $('imaging-settings').replaceChildren(...rows);
    this.#showValues();
  }

  #showValues() {
    for (const [path, c] of this.controls) {
      const value = text(this.settings, path, null);
      c.input.disabled = value === null && c.input.tagName === 'INPUT';
      if (value === null) { c.output.textContent = '–'; continue; }
      c.input.value = value;
      c.output.textContent = c.input.tagName === 'INPUT' ? format(Number(value)) : '';
    }
  }

  /** One setting as a sparse tt:ImagingSettings20 fragment. */
  #fragment(path, value) {
    const steps = path.split('/');
    let xml = `<tt:${steps[steps.length - 1]}>${escapeXml(value)}</tt:${steps[steps.length - 1]}>`;
    for (let i = steps.length - 2; i >= 0; i--) {
      const parentPath = steps.slice(0, i + 1).join('/');
      // Structures with a Mode get it repeated (it is mandatory in the schema); Focus keeps its AFMode
      // attribute, whose absence would mean "no AF mode" (docs/imaging.md).
      const mode = i === steps.length - 2 && steps[steps.length - 1] !== 'Mode' ? text(this.settings, `${parentPath}/Mode`, null) : null;
      const afMode = steps[i] === 'Focus' ? at(this.settings, parentPath)?.getAttribute('AFMode') : null;
      xml = `<tt:${steps[i]}${afMode ? ` AFMode="${escapeXml(afMode)}"` : ''}>${mode !== null ? `<tt:Mode>${escapeXml(mode)}</tt:Mode>` : ''}${xml}</tt:${steps[i]}>`;
    }
    return xml;
  }

  async #set(path, value) {
    const c = this.controls.get(path);
    c.fault.textContent = '';
    c.row.classList.remove('invalid');
    // aria-busy while the device has not answered; data-answered counts the answered changes, so a script (or a
    // test) knows when the picture can show the new value.
    c.row.setAttribute('aria-busy', 'true');
    try {
      await this.camera.setImagingSettings(this.source, this.#fragment(path, value));
    } catch (e) {
      c.fault.textContent = describe(e);
      c.row.classList.add('invalid');
    }
    await this.#reload();
    c.row.removeAttribute('aria-busy');
    c.row.dataset.answered = String(Number(c.row.dataset.answered ?? 0) + 1);
  }

  async #reload() {
    try {
      this.settings = await this.camera.imagingSettings(this.source);
      this.#showValues();
      this.#currentPreset();
    } catch (e) {
      $('imaging-error').textContent = describe(e);
    }
  }

  async #presets() {
    const select = $('imaging-preset');
    try {
      const presets = await this.camera.imagingPresets(this.source);
      select.replaceChildren(new Option('(none)', ''), ...presets.map((p) => new Option(`${p.name} (${p.type})`, p.token)));
      select.closest('.row').hidden = presets.length === 0;
    } catch (e) {
      select.closest('.row').hidden = true;
      return;
    }
    select.addEventListener('change', async () => {
      if (!select.value) return;
      $('imaging-error').textContent = '';
      try { await this.camera.setImagingPreset(this.source, select.value); } catch (e) { $('imaging-error').textContent = describe(e); }
      await this.#reload();
    }, { signal: this.abort.signal });
    this.#currentPreset();
  }

  async #currentPreset() {
    try { $('imaging-preset').value = (await this.camera.currentImagingPreset(this.source)) ?? ''; } catch { /* presets unsupported */ }
  }

  async #focus() {
    let continuous = false;
    try { continuous = !!first(await this.camera.focusMoveOptions(this.source), 'Continuous'); } catch { continuous = false; }
    const signal = this.abort.signal;
    for (const [id, speed] of [['focus-near', -0.5], ['focus-far', 0.5]]) {
      const b = $(id);
      b.disabled = !continuous;
      b.title = continuous ? '' : 'this video source has fixed focus';
      const go = () => this.#focusCall(() => this.camera.focusMove(this.source, `<tt:Continuous><tt:Speed>${speed}</tt:Speed></tt:Continuous>`));
      const halt = () => this.#focusCall(() => this.camera.focusStop(this.source));
      b.addEventListener('pointerdown', (e) => { b.setPointerCapture(e.pointerId); go(); }, { signal });
      b.addEventListener('pointerup', halt, { signal });
      b.addEventListener('pointercancel', halt, { signal });
      b.addEventListener('keydown', (e) => { if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) { e.preventDefault(); go(); } }, { signal });
      b.addEventListener('keyup', (e) => { if (e.key === 'Enter' || e.key === ' ') halt(); }, { signal });
    }
    const auto = this.controls.get('Focus/AutoFocusMode');
    $('focus-auto').disabled = !auto || ![...auto.input.options].some((o) => o.value === 'AUTO');
    $('focus-auto').addEventListener('click', () => this.#set('Focus/AutoFocusMode', 'AUTO'), { signal });
    if (continuous) this.#focusStatus();
  }

  async #focusCall(action) {
    $('imaging-error').textContent = '';
    try { await action(); } catch (e) { $('imaging-error').textContent = describe(e); }
    this.#reload();
  }

  async #focusStatus() {
    if (this.abort.signal.aborted) return;
    try {
      const s = await this.camera.imagingStatus(this.source);
      $('focus-status').textContent = s.position === null ? '' : `${s.position.toFixed(3)} ${s.moveStatus}${s.error ? ` — ${s.error}` : ''}`;
    } catch { /* next time */ }
    this.timer = setTimeout(() => this.#focusStatus(), 500);
  }
}

const format = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1));
