// Credentials for the camera, computed in the browser so that the console uses exactly the paths every
// other client uses (docs/onvif.md, "Authentication"):
// - SOAP: a WS-Security UsernameToken with PasswordDigest = Base64(SHA-1(nonce + created + password)),
//   Created taken from the camera's clock (offset learnt from GetSystemDateAndTime) so a skewed browser
//   clock is not refused;
// - HTTP (stream API, video pull, fault switches): RFC 7616 Digest with SHA-256 (crypto.subtle has no
//   MD5; the camera offers SHA-256 first). Requests go out with credentials: 'omit' so the browser never
//   shows its own login dialog on the 401 challenge.

const encoder = new TextEncoder();

function toBase64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha(algorithm, bytes) {
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
}

export class Credentials {
  constructor(username, password) {
    this.username = username;
    this.password = password;
    this.clockOffsetMs = 0; // camera time − browser time
    // HTTP Digest state per folder of the URL path ({ realm, nonce, opaque, algorithm, nc }): the host may
    // run separate authenticators (stream API, fault API), and a nonce of one is refused by the other.
    this.digests = new Map();
  }

  /** Learns the camera's clock from a GetSystemDateAndTime answer (UTC, ISO text). */
  setCameraTime(cameraUtc) {
    const t = Date.parse(cameraUtc);
    if (!Number.isNaN(t)) this.clockOffsetMs = t - Date.now();
  }

  /** The wsse:Security header (XML text) for one SOAP request: a fresh nonce every time (replays are refused). */
  async usernameToken() {
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    const created = new Date(Date.now() + this.clockOffsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const created8 = encoder.encode(created);
    const password8 = encoder.encode(this.password);
    const input = new Uint8Array(nonce.length + created8.length + password8.length);
    input.set(nonce, 0);
    input.set(created8, nonce.length);
    input.set(password8, nonce.length + created8.length);
    const digest = toBase64(await sha('SHA-1', input));
    return '<wsse:Security env:mustUnderstand="true" '
      + 'xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" '
      + 'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">'
      + `<wsse:UsernameToken><wsse:Username>${escapeXml(this.username)}</wsse:Username>`
      + '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">'
      + `${digest}</wsse:Password>`
      + '<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">'
      + `${toBase64(nonce)}</wsse:Nonce><wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`;
  }

  /**
   * fetch() with HTTP Digest: answers the 401 challenge (and a stale nonce) once, then keeps using the
   * nonce with an increasing nonce count, as RFC 7616 allows.
   */
  async fetch(url, init = {}) {
    const method = (init.method ?? 'GET').toUpperCase();
    const uri = new URL(url, location.href);
    const target = uri.pathname + uri.search;
    const scope = uri.pathname.slice(0, uri.pathname.lastIndexOf('/') + 1);
    // Concurrent requests may reach the camera out of nonce-count order; each refusal carries a fresh nonce,
    // so a few attempts get through. A password that is wrong fails every time.
    for (let attempt = 0; attempt < 4; attempt++) {
      const headers = new Headers(init.headers ?? {});
      const digest = this.digests.get(scope);
      if (digest) headers.set('Authorization', await this.#authorization(digest, method, target));
      const response = await fetch(uri, { ...init, headers, credentials: 'omit' });
      if (response.status !== 401) return response;
      const challenge = parseChallenges(response.headers.get('WWW-Authenticate') ?? '')
        .find((c) => (c.algorithm ?? 'MD5').toUpperCase() === 'SHA-256');
      if (!challenge) return response;
      this.digests.set(scope, { ...challenge, nc: 0 });
      if (attempt === 3) return response;
    }
  }

  async #authorization(d, method, target) {
    d.nc += 1;
    const nc = d.nc.toString(16).padStart(8, '0');
    const cnonce = hex(crypto.getRandomValues(new Uint8Array(8)));
    const h = async (text) => hex(await sha('SHA-256', encoder.encode(text)));
    const ha1 = await h(`${this.username}:${d.realm}:${this.password}`);
    const ha2 = await h(`${method}:${target}`);
    const response = await h(`${ha1}:${d.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    let header = `Digest username="${quote(this.username)}", realm="${quote(d.realm)}", nonce="${quote(d.nonce)}", `
      + `uri="${quote(target)}", algorithm=SHA-256, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
    if (d.opaque !== undefined) header += `, opaque="${quote(d.opaque)}"`;
    return header;
  }
}

const quote = (s) => s.replace(/["\\]/g, '\\$&');

export function escapeXml(s) {
  return String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }[c]));
}

/** Digest challenges out of one WWW-Authenticate value (fetch joins several headers with ", "). */
export function parseChallenges(text) {
  const challenges = [];
  const re = /\s*(?:(Digest|Basic|Bearer)\s+)?([A-Za-z0-9_-]+)=("(?:[^"\\]|\\.)*"|[^,\s]*)\s*,?/gy;
  let current = null;
  let m;
  while ((m = re.exec(text)) !== null && m[0].length > 0) {
    if (m[1]) { current = { scheme: m[1] }; challenges.push(current); }
    if (!current) break;
    let value = m[3];
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    current[m[2].toLowerCase()] = value;
  }
  return challenges.filter((c) => c.scheme === 'Digest');
}
