// The ONVIF envelopes the console needs (Device, Media, PTZ, Imaging, Events) and readers of their
// answers into plain objects. Element order follows the WSDL/XSD; the camera also accepts any order.

import { SoapClient, first, all, at, text, textOf, number, localPath } from './soap.js';
import { escapeXml as x } from './auth.js';

const SPACE = {
  fovTranslation: 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/TranslationSpaceFov',
  mmTranslation: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/TranslationSpaceMillimeter',
  mmPosition: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionSpaceMillimeter',
  genericZoomPosition: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace',
  digitalZoomTranslation: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/NormalizedDigitalTranslationSpace',
  digitalZoomPosition: 'http://www.onvif.org/ver10/tptz/ZoomSpaces/NormalizedDigitalPositionSpace',
};
export { SPACE };

function vector(tag, pt, zoom) {
  let inner = '';
  if (pt) inner += `<tt:PanTilt x="${pt.x}" y="${pt.y}"${pt.space ? ` space="${x(pt.space)}"` : ''}/>`;
  if (zoom) inner += `<tt:Zoom x="${zoom.x}"${zoom.space ? ` space="${x(zoom.space)}"` : ''}/>`;
  return `<${tag}>${inner}</${tag}>`;
}

/** One camera: its device service URL and, after connect(), the addresses of its other services. */
export class Camera {
  constructor(devicePath, credentials) {
    this.devicePath = devicePath; // "/onvif/device_service" or "/cameras/N/onvif/device_service"
    this.basePath = devicePath.replace(/\/onvif\/device_service$/, '');
    this.soap = new SoapClient(credentials);
    this.credentials = credentials;
    this.services = {};
  }

  /** PRE_AUTH: the camera's clock (for the UsernameToken) and its service addresses. */
  async connect() {
    const time = await this.soap.call(this.devicePath, '<tds:GetSystemDateAndTime/>', { authenticate: false });
    const utc = at(time, 'SystemDateAndTime/UTCDateTime');
    if (utc && this.credentials) {
      const d = (n) => String(number(utc, n) ?? 0).padStart(2, '0');
      this.credentials.setCameraTime(`${number(utc, 'Date/Year')}-${d('Date/Month')}-${d('Date/Day')}T${d('Time/Hour')}:${d('Time/Minute')}:${d('Time/Second')}Z`);
    }
    const services = await this.soap.call(this.devicePath,
      '<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>', { authenticate: false });
    for (const s of all(services, 'Service')) this.services[text(s, 'Namespace')] = localPath(text(s, 'XAddr'));
    return this;
  }

  url(namespace) {
    const u = this.services[namespace];
    if (!u) throw new Error(`the camera does not offer ${namespace}`);
    return u;
  }

  has(namespace) { return namespace in this.services; }

  call(namespace, body) { return this.soap.call(this.url(namespace), body); }

  // ---- Device -----------------------------------------------------------------------------------
  async deviceInformation() {
    const r = await this.call(NSURI.tds, '<tds:GetDeviceInformation/>');
    return Object.fromEntries(['Manufacturer', 'Model', 'FirmwareVersion', 'SerialNumber', 'HardwareId'].map((k) => [k, text(r, k)]));
  }

  // ---- Media ------------------------------------------------------------------------------------
  async profiles() {
    const r = await this.call(NSURI.trt, '<trt:GetProfiles/>');
    return all(r, 'Profiles').map((p) => ({
      token: p.getAttribute('token'),
      name: text(p, 'Name'),
      videoSourceToken: text(p, 'VideoSourceConfiguration/SourceToken'),
      width: number(p, 'VideoEncoderConfiguration/Resolution/Width'),
      height: number(p, 'VideoEncoderConfiguration/Resolution/Height'),
      ptzConfigurationToken: at(p, 'PTZConfiguration')?.getAttribute('token') ?? null,
      ptzNodeToken: text(p, 'PTZConfiguration/NodeToken') || null,
    }));
  }

  /** The profile's RTSP URL (GetStreamUri, RTP-Unicast over RTSP). */
  async streamUri(profile) {
    const r = await this.call(NSURI.trt, '<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>'
      + '<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>'
      + `<trt:ProfileToken>${x(profile)}</trt:ProfileToken></trt:GetStreamUri>`);
    return text(r, 'MediaUri/Uri');
  }

  // ---- PTZ (ver20) ------------------------------------------------------------------------------
  async ptzNode(nodeToken) {
    const r = await this.call(NSURI.tptz, `<tptz:GetNode><tptz:NodeToken>${x(nodeToken)}</tptz:NodeToken></tptz:GetNode>`);
    const n = first(r, 'PTZNode');
    const spaces = first(n, 'SupportedPTZSpaces');
    const spaceList = (name) => all(spaces, name).map((s) => ({
      uri: text(s, 'URI'), xMin: number(s, 'XRange/Min'), xMax: number(s, 'XRange/Max'),
    }));
    return {
      token: n.getAttribute('token'),
      name: text(n, 'Name'),
      fixedHome: n.getAttribute('FixedHomePosition') === 'true',
      homeSupported: text(n, 'HomeSupported') === 'true',
      maximumPresets: number(n, 'MaximumNumberOfPresets') ?? 0,
      auxiliaryCommands: all(n, 'AuxiliaryCommands').map(textOf),
      maximumTours: number(n, 'Extension/SupportedPresetTour/MaximumNumberOfPresetTours') ?? 0,
      relativePanTiltSpaces: spaceList('RelativePanTiltTranslationSpace'),
      relativeZoomSpaces: spaceList('RelativeZoomTranslationSpace'),
      absoluteZoomSpaces: spaceList('AbsoluteZoomPositionSpace'),
    };
  }

  async ptzStatus(profile) {
    const r = await this.call(NSURI.tptz, `<tptz:GetStatus><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken></tptz:GetStatus>`);
    const s = first(r, 'PTZStatus');
    const pt = at(s, 'Position/PanTilt');
    const z = at(s, 'Position/Zoom');
    return {
      pan: pt ? Number(pt.getAttribute('x')) : null,
      tilt: pt ? Number(pt.getAttribute('y')) : null,
      panTiltSpace: pt?.getAttribute('space') ?? null,
      zoom: z ? Number(z.getAttribute('x')) : null,
      zoomSpace: z?.getAttribute('space') ?? null,
      panTiltMove: text(s, 'MoveStatus/PanTilt'),
      zoomMove: text(s, 'MoveStatus/Zoom'),
      error: text(s, 'Error'),
      utc: text(s, 'UtcTime'),
    };
  }

  continuousMove(profile, pt, zoom) {
    return this.call(NSURI.tptz, `<tptz:ContinuousMove><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `${vector('tptz:Velocity', pt, zoom)}</tptz:ContinuousMove>`);
  }

  stop(profile, panTilt = true, zoom = true) {
    return this.call(NSURI.tptz, `<tptz:Stop><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `<tptz:PanTilt>${panTilt}</tptz:PanTilt><tptz:Zoom>${zoom}</tptz:Zoom></tptz:Stop>`);
  }

  relativeMove(profile, pt, zoom) {
    return this.call(NSURI.tptz, `<tptz:RelativeMove><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `${vector('tptz:Translation', pt, zoom)}</tptz:RelativeMove>`);
  }

  async presets(profile) {
    const r = await this.call(NSURI.tptz, `<tptz:GetPresets><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken></tptz:GetPresets>`);
    return all(r, 'Preset').map((p) => {
      const pt = at(p, 'PTZPosition/PanTilt');
      const z = at(p, 'PTZPosition/Zoom');
      return {
        token: p.getAttribute('token'), name: text(p, 'Name'),
        pan: pt ? Number(pt.getAttribute('x')) : null, tilt: pt ? Number(pt.getAttribute('y')) : null,
        zoom: z ? Number(z.getAttribute('x')) : null,
      };
    });
  }

  /** Saves the current position: a new preset (no token) or an existing one (rename = same token, new name). */
  async setPreset(profile, name, token = null) {
    const r = await this.call(NSURI.tptz, `<tptz:SetPreset><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `${name ? `<tptz:PresetName>${x(name)}</tptz:PresetName>` : ''}`
      + `${token ? `<tptz:PresetToken>${x(token)}</tptz:PresetToken>` : ''}</tptz:SetPreset>`);
    return text(r, 'PresetToken');
  }

  removePreset(profile, token) {
    return this.call(NSURI.tptz, `<tptz:RemovePreset><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `<tptz:PresetToken>${x(token)}</tptz:PresetToken></tptz:RemovePreset>`);
  }

  gotoPreset(profile, token) {
    return this.call(NSURI.tptz, `<tptz:GotoPreset><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `<tptz:PresetToken>${x(token)}</tptz:PresetToken></tptz:GotoPreset>`);
  }

  gotoHome(profile) {
    return this.call(NSURI.tptz, `<tptz:GotoHomePosition><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken></tptz:GotoHomePosition>`);
  }

  setHome(profile) {
    return this.call(NSURI.tptz, `<tptz:SetHomePosition><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken></tptz:SetHomePosition>`);
  }

  async auxiliary(profile, command) {
    const r = await this.call(NSURI.tptz, `<tptz:SendAuxiliaryCommand><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `<tptz:AuxiliaryData>${x(command)}</tptz:AuxiliaryData></tptz:SendAuxiliaryCommand>`);
    return text(r, 'AuxiliaryResponse');
  }

  async presetTours(profile) {
    const r = await this.call(NSURI.tptz, `<tptz:GetPresetTours><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken></tptz:GetPresetTours>`);
    return all(r, 'PresetTour').map((t) => ({
      token: t.getAttribute('token'),
      name: text(t, 'Name'),
      state: text(t, 'Status/State'),
      currentSpot: text(t, 'Status/CurrentTourSpot/PresetDetail/PresetToken')
        || (at(t, 'Status/CurrentTourSpot/PresetDetail/Home') ? 'home' : ''),
      spots: all(t, 'TourSpot').length,
    }));
  }

  operatePresetTour(profile, token, operation) {
    return this.call(NSURI.tptz, `<tptz:OperatePresetTour><tptz:ProfileToken>${x(profile)}</tptz:ProfileToken>`
      + `<tptz:PresetTourToken>${x(token)}</tptz:PresetTourToken><tptz:Operation>${x(operation)}</tptz:Operation></tptz:OperatePresetTour>`);
  }

  // ---- Imaging (ver20) --------------------------------------------------------------------------
  #source(op, source, extra = '') {
    return this.call(NSURI.timg, `<timg:${op}><timg:VideoSourceToken>${x(source)}</timg:VideoSourceToken>${extra}</timg:${op}>`);
  }

  async imagingOptions(source) { return first(await this.#source('GetOptions', source), 'ImagingOptions'); }

  async imagingSettings(source) { return first(await this.#source('GetImagingSettings', source), 'ImagingSettings'); }

  /** `settingsXml`: the tt: children of ImagingSettings to change; what is left out keeps its value (Imaging 5.1.3). */
  setImagingSettings(source, settingsXml) {
    return this.#source('SetImagingSettings', source, `<timg:ImagingSettings>${settingsXml}</timg:ImagingSettings>`);
  }

  async focusMoveOptions(source) { return first(await this.#source('GetMoveOptions', source), 'MoveOptions'); }

  focusMove(source, focusXml) { return this.#source('Move', source, `<timg:Focus>${focusXml}</timg:Focus>`); }

  focusStop(source) { return this.#source('Stop', source); }

  async imagingStatus(source) {
    const r = first(await this.#source('GetStatus', source), 'Status');
    return { position: number(r, 'FocusStatus20/Position'), moveStatus: text(r, 'FocusStatus20/MoveStatus'), error: text(r, 'FocusStatus20/Error') };
  }

  async imagingPresets(source) {
    const r = await this.#source('GetPresets', source);
    return all(r, 'Preset').map((p) => ({ token: p.getAttribute('token'), type: p.getAttribute('type'), name: text(p, 'Name') }));
  }

  async currentImagingPreset(source) {
    const p = first(await this.#source('GetCurrentPreset', source), 'Preset');
    return p ? p.getAttribute('token') : null;
  }

  setImagingPreset(source, token) {
    return this.#source('SetCurrentPreset', source, `<timg:PresetToken>${x(token)}</timg:PresetToken>`);
  }

  // ---- Events -----------------------------------------------------------------------------------
  async createPullPoint(termination = 'PT120S') {
    const r = await this.call(NSURI.tev, `<tev:CreatePullPointSubscription><tev:InitialTerminationTime>${termination}</tev:InitialTerminationTime></tev:CreatePullPointSubscription>`);
    return { address: localPath(text(r, 'SubscriptionReference/Address')), termination: text(r, 'TerminationTime') };
  }

  async pullMessages(address, timeout = 'PT5S', limit = 50, signal = undefined) {
    const r = await this.soap.call(address, `<tev:PullMessages><tev:Timeout>${timeout}</tev:Timeout><tev:MessageLimit>${limit}</tev:MessageLimit></tev:PullMessages>`, { signal });
    return all(r, 'NotificationMessage').map(readNotification);
  }

  renew(address, termination = 'PT120S') {
    return this.soap.call(address, `<wsnt:Renew><wsnt:TerminationTime>${termination}</wsnt:TerminationTime></wsnt:Renew>`);
  }

  unsubscribe(address) { return this.soap.call(address, '<wsnt:Unsubscribe/>'); }
}

function readNotification(n) {
  const message = at(n, 'Message/Message');
  const items = (group) => Object.fromEntries(all(at(message, group), 'SimpleItem').map((i) => [i.getAttribute('Name'), i.getAttribute('Value')]));
  return {
    topic: text(n, 'Topic').replace(/^[A-Za-z0-9]+:/, ''),
    utc: message?.getAttribute('UtcTime') ?? '',
    operation: message?.getAttribute('PropertyOperation') ?? '',
    source: items('Source'),
    data: items('Data'),
  };
}

const NSURI = {
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  timg: 'http://www.onvif.org/ver20/imaging/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
};
export { NSURI };

/**
 * Cameras the host serves: camera 1 at /onvif/, camera N at /cameras/N/onvif/ (docs/onvif.md). Probed
 * with the PRE_AUTH GetSystemDateAndTime until the first one that does not answer.
 */
export async function discoverCameras(limit = 64) {
  const found = ['/onvif/device_service'];
  for (let n = 2; n <= limit; n++) {
    const path = `/cameras/${n}/onvif/device_service`;
    try {
      await new SoapClient(null).call(path, '<tds:GetSystemDateAndTime/>', { authenticate: false });
      found.push(path);
    } catch {
      break;
    }
  }
  return found;
}
