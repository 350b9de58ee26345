// Fault-injection switches over the host's HTTP API, digest-authenticated like the stream API (Operator or
// Administrator). This module is the only place that knows the API's path and JSON, so it is the one file
// to adjust if the server changes them. The shape (as built on the integration branch, FaultApi.cs):
//
//   GET    /api/v1/cameras/{n}/faults   → {conditions: [{source, condition, state, forced (true|false|null), detected}],
//                                          focusMotors: [{source, error}]}
//   POST   /api/v1/cameras/{n}/faults   {"set": ["VideoSource_1/ImageTooDark=true|false|auto",
//                                                "VideoSource_1/FocusMotor=<error text>|auto"]}   → the same report
//   DELETE /api/v1/cameras/{n}/faults   releases everything                                       → the same report
//
// A refused instruction is 400 {"error": "…"}; nothing changes then.

export function faultsPath(cameraNumber) {
  return `/api/v1/cameras/${cameraNumber}/faults`;
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) throw new Error(body?.error ?? `HTTP ${response.status} ${text.trim()}`.trim());
  if (!body || !Array.isArray(body.conditions)) throw new Error('unexpected answer (no conditions list)');
  return { conditions: body.conditions, focusMotors: body.focusMotors ?? [] };
}

export async function faultReport(credentials, cameraNumber) {
  return answer(await credentials.fetch(faultsPath(cameraNumber)));
}

/** Applies instructions all or none; returns the new report. */
export async function setFaults(credentials, cameraNumber, instructions) {
  return answer(await credentials.fetch(faultsPath(cameraNumber), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ set: instructions }),
  }));
}

export async function releaseAllFaults(credentials, cameraNumber) {
  return answer(await credentials.fetch(faultsPath(cameraNumber), { method: 'DELETE' }));
}

/** The console's three-way switch: auto (follow the video analysis), forced on, forced off. */
export const STATES = { auto: 'auto', on: 'true', off: 'false' };
export const switchState = (condition) => (condition.forced === null || condition.forced === undefined ? 'auto' : condition.forced ? 'on' : 'off');
export const conditionInstruction = (source, condition, state) => `${source}/${condition}=${STATES[state]}`;
export const focusMotorInstruction = (source, error) => `${source}/FocusMotor=${error ?? 'auto'}`;
