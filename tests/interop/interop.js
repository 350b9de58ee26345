// Drives a running `camlab serve` with the npm ONVIF clients people use. Prints one "ok <step>" line per
// check and exits non-zero on the first failure. Usage:
//   node interop.js --host 127.0.0.1 --port 8080 --user admin --pass secret --discovery-port 3702 [--operator NAME:PASS]
'use strict';
const dgram = require('dgram');
const crypto = require('crypto');
const { Cam } = require('onvif');
const onvifUtils = require('onvif/lib/utils');
const NodeOnvif = require('node-onvif');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const host = args.host || '127.0.0.1';
const port = Number(args.port || 8080);

function ok(step, detail) { console.log('ok ' + step + (detail ? ' ' + detail : '')); }
function fail(step, error) { console.log('FAIL ' + step + ': ' + (error && error.message ? error.message : error)); process.exit(1); }
function expect(step, condition, detail) { if (!condition) fail(step, detail || 'condition false'); }

// A unicast WS-Discovery Probe (the multicast group is not routed on a loopback-only host).
function probe() {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const messageId = 'urn:uuid:' + crypto.randomUUID();
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">' +
      '<s:Header><a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
      '<a:MessageID>' + messageId + '</a:MessageID>' +
      '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>' +
      '<s:Body><Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
      '<d:Types xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">dn:NetworkVideoTransmitter</d:Types>' +
      '</Probe></s:Body></s:Envelope>';
    const timer = setTimeout(() => { socket.close(); reject(new Error('no ProbeMatch within 5 s')); }, 5000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      // onvif's own SOAP parser reads the answer, as its Discovery does.
      onvifUtils.parseSOAPString(message.toString(), (err, result) => {
        if (err) return reject(err);
        resolve({ result, relatesTo: message.toString().includes(messageId) });
      });
    });
    socket.send(Buffer.from(body), Number(args['discovery-port']), host);
  });
}

function connect(options) {
  return new Promise((resolve, reject) => {
    const cam = new Cam(Object.assign({ hostname: host, port, timeout: 10000 }, options), function (err) {
      if (err) reject(err); else resolve(cam);
    });
  });
}

const call = (cam, name, ...rest) => new Promise((resolve, reject) =>
  cam[name](...rest, (err, data) => (err ? reject(err) : resolve(data))));

(async () => {
  if (args['discovery-port']) {
    let match;
    try { match = await probe(); } catch (e) { fail('discovery', e); }
    const pm = match.result[0].probeMatches[0].probeMatch;
    expect('discovery', pm.length === 1, 'expected exactly one ProbeMatch, got ' + pm.length);
    const xaddrs = pm[0].XAddrs[0];
    expect('discovery', xaddrs.startsWith('http://' + host + ':' + port + '/onvif/device_service'), 'XAddrs ' + xaddrs);
    expect('discovery', pm[0].scopes[0].includes('onvif://www.onvif.org/'), 'scopes ' + pm[0].scopes[0]);
    expect('discovery', match.relatesTo, 'RelatesTo does not name the probe');
    ok('discovery', xaddrs);
  }

  // onvif@0.8.3 with WS-Security UsernameToken (its default).
  let cam;
  try { cam = await connect({ username: args.user, password: args.pass }); } catch (e) { fail('onvif connect (WS-Security)', e); }
  const info = await call(cam, 'getDeviceInformation').catch((e) => fail('onvif getDeviceInformation', e));
  expect('onvif getDeviceInformation', info.manufacturer === 'Camlab' && info.serialNumber.length > 0, JSON.stringify(info));
  ok('onvif getDeviceInformation', info.serialNumber);
  expect('onvif profiles', cam.profiles.length === 3, 'profiles: ' + cam.profiles.length);
  expect('onvif profiles', cam.profiles[0].$.token === 'Profile_1', JSON.stringify(cam.profiles[0].$));
  ok('onvif profiles', cam.profiles.map((p) => p.$.token).join(','));

  // A pull-point subscription receives the current properties (LastReboot) as Initialized messages.
  await call(cam, 'createPullPointSubscription').catch((e) => fail('onvif createPullPointSubscription', e));
  const pulled = await call(cam, 'pullMessages', { timeout: 1000, messageLimit: 10 }).catch((e) => fail('onvif pullMessages', e));
  const messages = [].concat(pulled.notificationMessage || []);
  expect('onvif pullMessages', messages.length >= 1, JSON.stringify(pulled));
  const topic = messages[0].topic._ || messages[0].topic;
  expect('onvif pullMessages', String(topic).startsWith('tns1:'), 'topic ' + JSON.stringify(topic));
  ok('onvif pullMessages', String(topic));
  await call(cam, 'unsubscribe').catch((e) => fail('onvif unsubscribe', e));
  ok('onvif unsubscribe');

  // HTTP Digest: onvif falls back to the 401 challenge when WS-Security is off.
  let digestCam;
  try { digestCam = await connect({ username: args.user, password: args.pass, useWSSecurity: false }); } catch (e) { fail('onvif connect (digest)', e); }
  const digestInfo = await call(digestCam, 'getDeviceInformation').catch((e) => fail('onvif getDeviceInformation (digest)', e));
  expect('onvif digest', digestInfo.serialNumber === info.serialNumber);
  ok('onvif digest');

  // Wrong password: refused.
  let refusal = null;
  try {
    const bad = await connect({ username: args.user, password: args.pass + 'x' });
    await call(bad, 'getDeviceInformation');
  } catch (e) { refusal = String(e.message); }
  expect('onvif wrong password', refusal !== null, 'a wrong password was accepted');
  expect('onvif wrong password', /not authorized/i.test(refusal), 'unexpected refusal: ' + refusal);
  ok('onvif wrong password', refusal.replace(/\s+/g, ' ').slice(0, 80));

  // node-onvif.
  const device = new NodeOnvif.OnvifDevice({ xaddr: 'http://' + host + ':' + port + '/onvif/device_service', user: args.user, pass: args.pass });
  const nodeInfo = await device.init().catch((e) => fail('node-onvif init', e));
  expect('node-onvif init', nodeInfo.SerialNumber === info.serialNumber, JSON.stringify(nodeInfo));
  expect('node-onvif profiles', device.getProfileList().length === 3, 'profiles: ' + device.getProfileList().length);
  ok('node-onvif', nodeInfo.Model);
  process.exit(0);
})().catch((e) => fail('unexpected', e));
