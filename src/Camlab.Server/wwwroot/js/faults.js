// Fault-injection switches over the host's HTTP API, digest-authenticated like the stream API (Operator or
// Administrator). This module is the only place that knows the API's path and JSON, so it is the one file
// to adjust if the server changes them. The shape (as built on the integration branch, FaultApi.cs):
//
//   GET    /api/v1/cameras/{n}/faults   → {conditions: [{source, condition, state, forced (true|false|null), detected}],
//                                          focusMotors: [{source, error}],
//                                          faults: [{name, target, kind, instruction, state (active|pending|ended), setAt, nextChange}]}
//   POST   /api/v1/cameras/{n}/faults   {"set": ["VideoSource_1/ImageTooDark=true|false|auto",
//                                                "VideoSource_1/FocusMotor=<error text>|auto",
//                                                "PtzNode_1/MotorStall=on;axis=pan", "PtzNode_1/MotorStall=auto", ...]}
//                                                                                                 → the same report
//   DELETE /api/v1/cameras/{n}/faults   releases everything                                       → the same report
//
// A refused instruction is 400 {"error": "…", "field": "set[i]"}; nothing changes then. docs/faults.md lists the kinds.

export function faultsPath(cameraNumber) {
  return `/api/v1/cameras/${cameraNumber}/faults`;
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) throw new Error(body?.error ?? `HTTP ${response.status} ${text.trim()}`.trim());
  if (!body || !Array.isArray(body.conditions)) throw new Error('unexpected answer (no conditions list)');
  return { conditions: body.conditions, focusMotors: body.focusMotors ?? [], faults: body.faults ?? [] };
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

/** Clears a scheduled fault by its name (TARGET/KIND[/OPERATION]): TARGET/KIND=auto clears every one of that kind and target. */
export const clearInstruction = (fault) => `${fault.target}/${fault.kind}=auto`;

/** Examples offered by the console's instruction field (docs/faults.md has every kind). */
export const EXAMPLES = [
  'PtzNode_1/MotorStall=on;axis=pan;moves=refuse;error=pan motor stalled',
  'PtzNode_1/MoveStatusStuck=on',
  'PtzNode_1/TimeoutIgnored=on',
  'PtzNode_1/SlowAxes=on;scale=0.25',
  'PtzNode_1/PositionDrift=on;pan=1.5;tilt=-0.5',
  'PtzNode_1/PresetOffTarget=on;pan=2',
  'PtzNode_1/HeadReboot=on;for=20s',
  'onvif/Latency=on;delay=500ms;jitter=200ms',
  'ptz_service/Failure=on;answer=503;share=0.3',
  'ptz_service/Unresponsive=on;after=10s;for=30s',
  'VideoSource_1/StreamStall=on;for=10s',
  'VideoSource_1/FrameRateDrop=on;fps=2',
  'VideoSource_1/CorruptFrames=on;share=0.2',
  'event_service/NotificationDelay=on;delay=5s;jitter=1s',
  'event_service/NotificationDrop=on;share=0.5;topic=tns1:PTZController',
  'event_service/SubscriptionExpiry=on;lifetime=10s',
  'VideoSource_1/MalformedHeader=on;frame=10',
  'VideoSource_1/RtspSessionKill=on;for=5s',
  'recorder/DiskFull=on;after=1m;for=30s',
  'Profile_1/DatabaseFail=on',
  'VideoSource_1/ImageTooDark=true;after=10s;for=5s',
  'VideoSource_1/FocusMotor=gear jammed;after=30s;for=10s',
];
