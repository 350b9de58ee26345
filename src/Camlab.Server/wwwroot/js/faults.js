// Fault-injection switches over the host's HTTP API (digest-authenticated like the stream API). The API
// is `/api/v1/cameras/{n}/faults`; this module is the only place that knows its path and JSON, so it is
// the one file to adjust if the server's shape differs. What the console expects:
//
//   GET  /api/v1/cameras/{n}/faults            → 200 {"faults": [{"name": "VideoSource_1/ImageTooDark",
//                                                  "state": "auto"|"on"|"off", "description"?: "…"}, …]}
//                                                (a bare array of the same objects is accepted too)
//   PUT  /api/v1/cameras/{n}/faults/{name}     {"state": "on"|"off"|"auto"}   → 200 (the fault object) or 204
//
// `name` is the text form of the fault (e.g. ForcedCondition's "VideoSource_1/ImageTooDark", or
// "CameraConnectionLost"), URL-encoded in the path. Errors answer 4xx with a text the console shows.

export const STATES = ['auto', 'on', 'off'];

export function faultsPath(cameraNumber) {
  return `/api/v1/cameras/${cameraNumber}/faults`;
}

export async function listFaults(credentials, cameraNumber) {
  const response = await credentials.fetch(faultsPath(cameraNumber));
  if (!response.ok) throw new Error(`fault injection: HTTP ${response.status} ${(await response.text()).trim()}`.trim());
  const body = await response.json();
  const list = Array.isArray(body) ? body : body.faults;
  if (!Array.isArray(list)) throw new Error('fault injection: unexpected answer (no faults list)');
  return list.map((f) => ({ name: String(f.name), state: String(f.state ?? 'auto'), description: f.description ?? '' }));
}

export async function setFault(credentials, cameraNumber, name, state) {
  if (!STATES.includes(state)) throw new Error(`unknown fault state '${state}'`);
  const response = await credentials.fetch(`${faultsPath(cameraNumber)}/${encodeURIComponent(name)}`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ state }),
  });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${(await response.text()).trim()}`.trim());
}
