// Events: one PullPoint subscription per camera (CreatePullPointSubscription, then PullMessages long polls,
// Renew before it ends, Unsubscribe on leaving), shown newest first; and the fault-injection switches.

import { SoapFault } from './soap.js';
import { NSURI } from './onvif.js';
import { faultReport, setFaults, releaseAllFaults, STATES, switchState, conditionInstruction, focusMotorInstruction, clearInstruction, EXAMPLES } from './faults.js';

const $ = (id) => document.getElementById(id);
const TERMINATION = 'PT60S';
const RENEW_EVERY_MS = 30_000;
const KEEP = 200;

function describe(e) { return e instanceof SoapFault ? e.describe() : String(e.message ?? e); }

export class EventsPanel {
  constructor(camera) {
    this.camera = camera;
    this.address = null;
    this.abort = new AbortController();
    this.received = 0;
    this.cameraNumber = Number(camera.basePath.match(/^\/cameras\/(\d+)$/)?.[1] ?? 1);
  }

  start() {
    $('events-list').replaceChildren();
    this.#run();
    this.#faults();
  }

  async stop() {
    this.abort.abort();
    if (this.address) {
      try { await this.camera.unsubscribe(this.address); } catch { /* it ends at its termination time anyway */ }
      this.address = null;
    }
  }

  async #run() {
    const status = $('events-status');
    if (!this.camera.has(NSURI.tev)) { status.textContent = 'This camera does not offer the Events service.'; return; }
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const subscription = await this.camera.createPullPoint(TERMINATION);
        this.address = subscription.address;
        status.textContent = `subscribed (pull point ${this.address.split('/').pop()})`;
        status.dataset.subscribed = 'true';
        let renewed = Date.now();
        while (!signal.aborted) {
          if (Date.now() - renewed > RENEW_EVERY_MS) { await this.camera.renew(this.address, TERMINATION); renewed = Date.now(); }
          const messages = await this.camera.pullMessages(this.address, 'PT5S', 50, signal);
          for (const m of messages) this.#show(m);
        }
      } catch (e) {
        if (signal.aborted) return;
        status.dataset.subscribed = 'false';
        status.textContent = `subscription lost: ${describe(e)}; subscribing again…`;
        this.address = null;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  #show(m) {
    this.received++;
    const li = document.createElement('li');
    li.dataset.topic = m.topic;
    const time = document.createElement('time');
    time.textContent = m.utc.replace(/^.*T/, '').replace(/Z$/, '');
    time.dateTime = m.utc;
    const topic = document.createElement('span');
    topic.className = 'topic';
    topic.textContent = ` ${m.topic}`;
    const items = [m.operation, ...Object.entries(m.source).map(([k, v]) => `${k}=${v}`), ...Object.entries(m.data).map(([k, v]) => `${k}=${v}`)]
      .filter(Boolean).join(' ');
    li.append(time, topic, document.createTextNode(` ${items}`));
    const list = $('events-list');
    list.prepend(li);
    while (list.children.length > KEEP) list.lastElementChild.remove();
  }

  async #faults(report = null) {
    const status = $('faults-status');
    if (!report) {
      try {
        report = await faultReport(this.camera.credentials, this.cameraNumber);
      } catch (e) {
        status.textContent = `Fault injection is not available: ${e.message}`;
        $('faults-list').replaceChildren();
        return;
      }
    }
    const apply = async (action) => {
      status.textContent = '';
      try { this.#faults(await action()); } catch (e) { status.textContent = e.message; this.#faults(); }
    };
    const creds = this.camera.credentials, n = this.cameraNumber;
    const rows = report.conditions.map((c) => {
      const label = document.createElement('label');
      label.textContent = `${c.source} ${c.condition}`;
      label.title = `state ${c.state}, detected ${c.detected}`;
      const select = document.createElement('select');
      select.replaceChildren(...Object.keys(STATES).map((s) => new Option(s === 'auto' ? `auto (${c.detected ? 'on' : 'off'})` : `forced ${s}`, s)));
      select.value = switchState(c);
      select.dataset.fault = `${c.source}/${c.condition}`;
      select.addEventListener('change', () => apply(() => setFaults(creds, n, [conditionInstruction(c.source, c.condition, select.value)])),
        { signal: this.abort.signal });
      label.append(select);
      return label;
    });
    // Focus motors: one stall switch per source that has imaging conditions (a fixed-focus source refuses it).
    for (const source of [...new Set(report.conditions.map((c) => c.source))]) {
      const stalled = report.focusMotors.find((m) => m.source === source);
      const label = document.createElement('label');
      label.textContent = `${source} focus motor${stalled ? ` — ${stalled.error}` : ''}`;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = !!stalled;
      box.dataset.fault = `${source}/FocusMotor`;
      box.addEventListener('change', () => apply(() => setFaults(creds, n,
        [focusMotorInstruction(source, box.checked ? 'motor stalled (console fault injection)' : null)])), { signal: this.abort.signal });
      label.append(box);
      rows.push(label);
    }
    // Scheduled faults (PTZ, network): one row each with its state, a clear button, and a field to set any instruction.
    for (const f of report.faults) {
      const row = document.createElement('div');
      row.className = 'fault';
      row.dataset.fault = f.name;
      row.dataset.state = f.state;
      row.textContent = `${f.name} — ${f.state}${f.nextChange ? ` (changes at ${f.nextChange.replace(/^.*T/, '').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, '')})` : ''} `;
      row.title = f.instruction;
      const clear = document.createElement('button');
      clear.type = 'button';
      clear.textContent = 'Clear';
      clear.addEventListener('click', () => apply(() => setFaults(creds, n, [clearInstruction(f)])), { signal: this.abort.signal });
      row.append(clear);
      rows.push(row);
    }
    const form = document.createElement('form');
    form.className = 'fault-set';
    const input = document.createElement('input');
    input.id = 'fault-instruction';
    input.placeholder = 'PtzNode_1/MotorStall=on;axis=pan (docs/faults.md)';
    input.setAttribute('list', 'fault-examples');
    const examples = document.createElement('datalist');
    examples.id = 'fault-examples';
    examples.replaceChildren(...EXAMPLES.map((e) => new Option(e)));
    const set = document.createElement('button');
    set.type = 'submit';
    set.textContent = 'Set fault';
    form.append(input, examples, set);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text) apply(() => setFaults(creds, n, [text]));
    }, { signal: this.abort.signal });
    const release = document.createElement('button');
    release.type = 'button';
    release.textContent = 'Release all';
    release.addEventListener('click', () => apply(() => releaseAllFaults(creds, n)), { signal: this.abort.signal });
    rows.push(release, form);
    $('faults-list').replaceChildren(...rows);
  }
}
