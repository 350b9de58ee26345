// SOAP 1.2 from the browser: an envelope with the WS-Security UsernameToken, POST to a service URL, the
// answer's Body element or a SoapFault carrying the camera's subcodes and reason text (shown to the
// user as the device wrote it). Plus small namespace-agnostic XML readers: requests and answers are
// matched by local name, as the camera itself does.

export const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  tt: 'http://www.onvif.org/ver10/schema',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  timg: 'http://www.onvif.org/ver20/imaging/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wsa: 'http://www.w3.org/2005/08/addressing',
};

const declarations = Object.entries(NS).map(([p, uri]) => `xmlns:${p}="${uri}"`).join(' ');

export class SoapFault extends Error {
  constructor(status, code, subcodes, reason) {
    super(reason || [code, ...subcodes].join(' / ') || `HTTP ${status}`);
    this.name = 'SoapFault';
    this.status = status;
    this.code = code;         // e.g. "env:Sender"
    this.subcodes = subcodes; // e.g. ["ter:InvalidArgVal", "ter:SettingsInvalid"]
    this.reason = reason;
  }

  /** "Reason (ter:InvalidArgVal / ter:SettingsInvalid)": what the console shows next to a refused control. */
  describe() {
    const codes = this.subcodes.length > 0 ? ` (${this.subcodes.join(' / ')})` : '';
    return `${this.reason || this.code || `HTTP ${this.status}`}${codes}`;
  }

  is(subcode) {
    return this.subcodes.some((s) => s === subcode || s.endsWith(`:${subcode}`));
  }
}

export class SoapClient {
  /** @param credentials an auth.js Credentials, or null for PRE_AUTH calls only */
  constructor(credentials) {
    this.credentials = credentials;
  }

  /**
   * Posts `body` (XML text of one element, using the NS prefixes) to `url` and returns the answer's
   * first Body child. Throws SoapFault for a SOAP fault or an HTTP error.
   */
  async call(url, body, { authenticate = true, signal } = {}) {
    const header = authenticate && this.credentials ? `<env:Header>${await this.credentials.usernameToken()}</env:Header>` : '';
    const envelope = `<?xml version="1.0" encoding="utf-8"?><env:Envelope ${declarations}>${header}<env:Body>${body}</env:Body></env:Envelope>`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' },
      body: envelope,
      credentials: 'omit',
      signal,
    });
    const text = await response.text();
    const doc = text.length > 0 ? new DOMParser().parseFromString(text, 'application/xml') : null;
    const bodyElement = doc ? first(doc.documentElement, 'Body') : null;
    const answer = bodyElement ? bodyElement.firstElementChild : null;
    if (answer && answer.localName === 'Fault') throw readFault(response.status, answer);
    if (!response.ok || !answer) throw new SoapFault(response.status, '', [], `HTTP ${response.status} ${response.statusText}`.trim());
    return answer;
  }
}

function readFault(status, fault) {
  const code = first(fault, 'Code');
  const value = code ? textOf(first(code, 'Value')) : '';
  const subcodes = [];
  for (let sub = code ? first(code, 'Subcode') : null; sub; sub = first(sub, 'Subcode')) {
    const v = textOf(first(sub, 'Value'));
    if (v) subcodes.push(v);
  }
  const reasonElement = first(fault, 'Reason');
  const reason = reasonElement ? textOf(first(reasonElement, 'Text')) : '';
  return new SoapFault(status, value, subcodes, reason);
}

/** The first child element with this local name (any namespace), or null. */
export function first(element, localName) {
  if (!element) return null;
  for (const c of element.children) if (c.localName === localName) return c;
  return null;
}

/** Every child element with this local name. */
export function all(element, localName) {
  return element ? Array.from(element.children).filter((c) => c.localName === localName) : [];
}

/** The element at a slash-separated path of local names ("PTZStatus/Position/PanTilt"), or null. */
export function at(element, path) {
  let e = element;
  for (const step of path.split('/')) {
    e = first(e, step);
    if (!e) return null;
  }
  return e;
}

export function textOf(element) {
  return element ? element.textContent.trim() : '';
}

/** Text at a path, or `fallback` when absent. */
export function text(element, path, fallback = '') {
  const e = at(element, path);
  return e ? textOf(e) : fallback;
}

export function number(element, path) {
  const e = at(element, path);
  if (!e) return null;
  const v = Number(textOf(e));
  return Number.isFinite(v) ? v : null;
}

/** The service address reduced to a path on this origin (XAddrs carry the host the camera saw). */
export function localPath(xaddr) {
  try {
    const u = new URL(xaddr, location.href);
    return u.pathname + u.search;
  } catch {
    return xaddr;
  }
}
