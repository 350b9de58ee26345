#!/usr/bin/env python3
"""The calls Home Assistant's ONVIF integration makes when a camera is added, through python-zeep (Debian's
python3-zeep, the library HA uses) loading the official WSDLs in strict mode. Prints "ok <step>" per step and
exits non-zero on the first failure. The WSDL/XSD tree is ../shared/ref/onvif; every import is resolved to a
local file and no network fetch is made (anything else raises).

usage: zeep_client.py --host H --port P --user U --pass PW --onvif-ref DIR
"""
import argparse
import datetime
import os
import sys
import urllib.parse

import requests
import requests.auth

import zeep
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

TDS = "{http://www.onvif.org/ver10/device/wsdl}"
TRT = "{http://www.onvif.org/ver10/media/wsdl}"
TPTZ = "{http://www.onvif.org/ver20/ptz/wsdl}"
TEV = "{http://www.onvif.org/ver10/events/wsdl}"


class LocalTransport(Transport):
    """Loads WSDL/XSD documents from the reference tree only; SOAP calls go over HTTP as usual."""

    def __init__(self, ref, **kwargs):
        super().__init__(**kwargs)
        self.ref = ref

    def load(self, url):
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme in ("http", "https"):
            if parsed.netloc == "www.onvif.org":
                path = os.path.join(self.ref, "wsdl", parsed.path.lstrip("/"))
            else:
                path = os.path.join(self.ref, "external", parsed.netloc, parsed.path.lstrip("/"))
            for candidate in (path, path + ".xsd"):
                if os.path.isfile(candidate):
                    with open(candidate, "rb") as f:
                        return f.read()
            raise IOError("no local copy of " + url + " (looked for " + path + ")")
        return super().load(url)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", required=True)
    p.add_argument("--port", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--pass", dest="password", required=True)
    p.add_argument("--onvif-ref", required=True)
    a = p.parse_args()

    ref = a.onvif_ref
    base = "http://%s:%s" % (a.host, a.port)
    transport = LocalTransport(ref, timeout=30, operation_timeout=30)
    settings = zeep.Settings(strict=True, xml_huge_tree=False)

    def wsdl(path):
        return os.path.join(ref, "wsdl", path)

    # Home Assistant first reads the device clock without credentials, then signs with a Created corrected by the skew.
    device_client = zeep.Client(wsdl("ver10/device/wsdl/devicemgmt.wsdl"), transport=transport, settings=settings)
    anonymous = device_client.create_service(TDS + "DeviceBinding", base + "/onvif/device_service")
    clock = anonymous.GetSystemDateAndTime()
    utc = clock.UTCDateTime
    camera_now = datetime.datetime(utc.Date.Year, utc.Date.Month, utc.Date.Day, utc.Time.Hour, utc.Time.Minute, utc.Time.Second, tzinfo=datetime.timezone.utc)
    skew = camera_now - datetime.datetime.now(datetime.timezone.utc)
    print("ok GetSystemDateAndTime", clock.DateTimeType, "skew %.0fs" % skew.total_seconds())

    def token():
        return UsernameToken(a.user, a.password, use_digest=True, created=datetime.datetime.now(datetime.timezone.utc) + skew)

    def service(path, binding, address):
        client = zeep.Client(wsdl(path), transport=transport, settings=settings, wsse=token())
        return client, client.create_service(binding, address)

    _, device = service("ver10/device/wsdl/devicemgmt.wsdl", TDS + "DeviceBinding", base + "/onvif/device_service")
    info = device.GetDeviceInformation()
    print("ok GetDeviceInformation", info.Manufacturer, info.Model, info.SerialNumber)
    caps = device.GetCapabilities(Category="All")
    assert caps.Media.XAddr and caps.PTZ.XAddr and caps.Events.XAddr, caps
    print("ok GetCapabilities")
    services = device.GetServices(IncludeCapability=False)
    assert any(s.Namespace == "http://www.onvif.org/ver10/events/wsdl" for s in services)
    print("ok GetServices", len(services))
    interfaces = device.GetNetworkInterfaces()
    mac = interfaces[0].Info.HwAddress
    assert mac and mac.count(":") == 5, mac
    print("ok GetNetworkInterfaces", mac)

    _, media = service("ver10/media/wsdl/media.wsdl", TRT + "MediaBinding", caps.Media.XAddr)
    profiles = media.GetProfiles()
    assert profiles, "no profiles"
    first = profiles[0].token
    print("ok GetProfiles", [pr.token for pr in profiles])
    snapshot = media.GetSnapshotUri(ProfileToken=first)
    print("ok GetSnapshotUri", snapshot.Uri)
    try:
        stream = media.GetStreamUri(StreamSetup={"Stream": "RTP-Unicast", "Transport": {"Protocol": "RTSP"}}, ProfileToken=first)
        print("ok GetStreamUri", stream.Uri)
    except zeep.exceptions.Fault as fault:
        # No RTSP server yet: the camera must say so with a parseable SOAP fault, which zeep raises.
        print("ok GetStreamUri fault", fault.message)

    _, ptz = service("ver20/ptz/wsdl/ptz.wsdl", TPTZ + "PTZBinding", caps.PTZ.XAddr)
    configuration = profiles[0].PTZConfiguration
    options = ptz.GetConfigurationOptions(ConfigurationToken=configuration.token)
    assert options.Spaces.ContinuousPanTiltVelocitySpace, options
    print("ok GetConfigurationOptions")
    ptz.ContinuousMove(ProfileToken=first, Velocity={"PanTilt": {"x": 0.5, "y": 0.0}})
    ptz.Stop(ProfileToken=first, PanTilt=True, Zoom=True)
    ptz.AbsoluteMove(ProfileToken=first, Position={"PanTilt": {"x": 0.1, "y": 0.1}, "Zoom": {"x": 0.0}})
    status = ptz.GetStatus(ProfileToken=first)
    assert status.Position is not None
    print("ok PTZ moves and GetStatus")

    events_client, events = service("ver10/events/wsdl/event.wsdl", TEV + "EventBinding", caps.Events.XAddr)
    properties = events.GetEventProperties()
    assert properties.TopicSet is not None
    print("ok GetEventProperties")
    created = events.CreatePullPointSubscription(InitialTerminationTime="PT60S")
    address = created.SubscriptionReference.Address._value_1
    pullpoint = events_client.create_service(TEV + "PullPointSubscriptionBinding", address)
    pulled = pullpoint.PullMessages(Timeout="PT1S", MessageLimit=20)
    assert pulled.NotificationMessage, "no Initialized messages"
    print("ok PullMessages", len(pulled.NotificationMessage))
    manager = events_client.create_service(TEV + "SubscriptionManagerBinding", address)
    manager.Unsubscribe()
    print("ok Unsubscribe")

    # The snapshot URI, with the HTTP Digest credentials Home Assistant's camera entity uses.
    response = requests.get(snapshot.Uri, auth=requests.auth.HTTPDigestAuth(a.user, a.password), timeout=60)
    assert response.status_code == 200 and response.content[:2] == b"\xff\xd8", "snapshot: %d %s" % (response.status_code, response.headers.get("Content-Type"))
    print("ok snapshot JPEG")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # report the step that failed with zeep's own message
        print("FAILED:", type(e).__name__, e, file=sys.stderr)
        sys.exit(1)
