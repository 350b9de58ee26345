// The console's entry point: log in with one of the camera's users, pick a camera (when the host serves
// several) and a media profile, then run the live view and the PTZ, Imaging and Events panels against
// that camera's ONVIF services and stream API — the same paths every client uses.

import { Credentials } from './auth.js';
import { Camera, discoverCameras } from './onvif.js';
import { SoapFault } from './soap.js';
import { LiveView } from './live-view.js';
import { PtzPanel } from './ptz-panel.js';
import { ImagingPanel } from './imaging-panel.js';
import { EventsPanel } from './events-panel.js';
import { PrivacyMaskPanel } from './privacy-masks.js';

const $ = (id) => document.getElementById(id);

const state = { credentials: null, camera: null, profiles: [], live: null, ptz: null, imaging: null, events: null, masks: null };
// Read by the browser tests (tests/console) and handy in the developer tools.
window.camlabConsole = state;

function cameraLabel(path, index) {
  return index === 0 ? 'Camera 1' : `Camera ${path.match(/\/cameras\/(\d+)\//)[1]}`;
}

// The cameras the host serves; login waits for it, so a quick click never runs before the list is known.
let discovered = Promise.resolve();

function init() {
  // Handlers first: a submit before they exist would be the browser's own form submission (a page reload).
  $('login-form').addEventListener('submit', (e) => { e.preventDefault(); login(); });
  $('logout').addEventListener('click', logout);
  $('camera-select').addEventListener('change', () => openCamera($('camera-select').value));
  $('profile-select').addEventListener('change', () => openProfile($('profile-select').value));
  $('rtsp-copy').addEventListener('click', copyRtspUrl);
  $('login-user').focus();
  discovered = listCameras();
}

async function listCameras() {
  let paths = ['/onvif/device_service'];
  try { paths = await discoverCameras(); } catch { /* camera 1 is always there */ }
  for (const select of [$('login-camera'), $('camera-select')]) {
    select.replaceChildren(...paths.map((p, i) => new Option(cameraLabel(p, i), p)));
  }
  $('login-camera').closest('label').hidden = paths.length < 2;
  $('camera-select').closest('label').hidden = paths.length < 2;
}

async function login() {
  const error = $('login-error');
  error.textContent = '';
  $('login-submit').disabled = true;
  try {
    await discovered;
    state.credentials = new Credentials($('login-user').value, $('login-password').value);
    await openCamera($('login-camera').value);
    $('camera-select').value = $('login-camera').value;
    $('login').hidden = true;
    $('console').hidden = false;
    $('session').hidden = false;
    $('session-user').textContent = state.credentials.username;
    $('viewer').focus();
  } catch (e) {
    await closeCamera();
    error.textContent = e instanceof SoapFault ? `Refused: ${e.describe()}` : String(e.message ?? e);
  } finally {
    $('login-submit').disabled = false;
  }
}

async function logout() {
  await closeCamera();
  state.credentials = null;
  $('console').hidden = true;
  $('session').hidden = true;
  $('login').hidden = false;
  $('login-password').value = '';
  $('login-password').focus();
}

/** Connects and checks the user with GetDeviceInformation (READ_SYSTEM), then opens the first profile. */
async function openCamera(devicePath) {
  await closeCamera();
  const camera = new Camera(devicePath, state.credentials);
  await camera.connect();
  const info = await camera.deviceInformation();
  state.camera = camera;
  $('device-info').replaceChildren(...Object.entries(info).flatMap(([k, v]) => {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v; dd.dataset.field = k;
    return [dt, dd];
  }));
  state.profiles = await camera.profiles();
  $('profile-select').replaceChildren(...state.profiles.map((p) =>
    new Option(`${p.name || p.token} (${p.token}${p.width ? `, ${p.width}×${p.height}` : ''})`, p.token)));
  state.events = new EventsPanel(camera);
  state.events.start();
  if (state.profiles.length > 0) await openProfile(state.profiles[0].token);
}

async function openProfile(token) {
  const profile = state.profiles.find((p) => p.token === token);
  if (!profile) return;
  $('profile-select').value = token;
  showRtspUrl(token);
  state.live?.stop();
  state.ptz?.stop();
  const previousSource = state.imaging?.source;
  state.live = new LiveView(state.camera, profile);
  state.ptz = new PtzPanel(state.camera, profile, state.live);
  state.live.onCentre = (x, y) => state.ptz.centreOn(x, y);
  // While a privacy mask is being drawn the box becomes the mask; otherwise it zooms there.
  state.live.onBox = (rect) => (state.masks?.armed ? state.masks.addBox(rect) : state.ptz.zoomToBox(rect));
  state.live.start();
  state.ptz.start();
  state.masks?.stop();
  state.masks = new PrivacyMaskPanel(state.camera, profile.videoSourceToken);
  state.masks.start();
  if (previousSource !== profile.videoSourceToken) {
    state.imaging?.stop();
    state.imaging = new ImagingPanel(state.camera, profile.videoSourceToken);
    state.imaging.start();
  }
}

/** The shown profile's RTSP URL as GetStreamUri answers it, for players and NVRs. */
async function showRtspUrl(token) {
  $('rtsp-url').textContent = '…';
  try {
    const uri = await state.camera.streamUri(token);
    if ($('profile-select').value === token) $('rtsp-url').textContent = uri;
  } catch (e) {
    $('rtsp-url').textContent = `not offered (${e.message})`;
  }
}

async function copyRtspUrl() {
  const uri = $('rtsp-url').textContent;
  if (!uri.startsWith('rtsp://')) return;
  try {
    await navigator.clipboard.writeText(uri);
    $('rtsp-copy').textContent = 'Copied';
  } catch {
    // No clipboard (not a secure context): select the text for Ctrl+C.
    getSelection().selectAllChildren($('rtsp-url'));
    $('rtsp-copy').textContent = 'Press Ctrl+C';
  }
  setTimeout(() => { $('rtsp-copy').textContent = 'Copy'; }, 1500);
}

async function closeCamera() {
  state.live?.stop();
  state.ptz?.stop();
  state.imaging?.stop();
  state.masks?.stop();
  await state.events?.stop();
  Object.assign(state, { camera: null, profiles: [], live: null, ptz: null, imaging: null, events: null, masks: null });
}

window.addEventListener('pagehide', () => { closeCamera(); });
init();
