#!/usr/bin/env python3
"""A Media2 walk through python-zeep (Debian's python3-zeep) in strict mode, from the official WSDLs: find the Media2
service in GetServices, create a profile, add a video source, a video encoder of the requested coding and the PTZ
configuration the PTZ service calls compatible, read the profile back, and print its RTSP stream URI as
"uri <URI>" for the caller to play. Prints "ok <step>" per step and exits non-zero on the first failure.

usage: zeep_media2.py --host H --port P --user U --pass PW --onvif-ref DIR [--encoding JPEG|H264]
"""
import argparse
import datetime
import os
import sys

import zeep
from zeep.wsse.username import UsernameToken

from zeep_client import LocalTransport

TDS = "{http://www.onvif.org/ver10/device/wsdl}"
TR2 = "{http://www.onvif.org/ver20/media/wsdl}"
TPTZ = "{http://www.onvif.org/ver20/ptz/wsdl}"
MEDIA2 = "http://www.onvif.org/ver20/media/wsdl"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", required=True)
    p.add_argument("--port", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--pass", dest="password", required=True)
    p.add_argument("--onvif-ref", required=True)
    p.add_argument("--encoding", default="H264")
    a = p.parse_args()

    base = "http://%s:%s" % (a.host, a.port)
    transport = LocalTransport(a.onvif_ref, timeout=30, operation_timeout=30)
    settings = zeep.Settings(strict=True, xml_huge_tree=False)

    def wsdl(path):
        return os.path.join(a.onvif_ref, "wsdl", path)

    device_client = zeep.Client(wsdl("ver10/device/wsdl/devicemgmt.wsdl"), transport=transport, settings=settings)
    utc = device_client.create_service(TDS + "DeviceBinding", base + "/onvif/device_service").GetSystemDateAndTime().UTCDateTime
    camera_now = datetime.datetime(utc.Date.Year, utc.Date.Month, utc.Date.Day, utc.Time.Hour, utc.Time.Minute, utc.Time.Second, tzinfo=datetime.timezone.utc)
    skew = camera_now - datetime.datetime.now(datetime.timezone.utc)

    def service(path, binding, address):
        token = UsernameToken(a.user, a.password, use_digest=True, created=datetime.datetime.now(datetime.timezone.utc) + skew)
        return zeep.Client(wsdl(path), transport=transport, settings=settings, wsse=token).create_service(binding, address)

    device = service("ver10/device/wsdl/devicemgmt.wsdl", TDS + "DeviceBinding", base + "/onvif/device_service")
    services = device.GetServices(IncludeCapability=True)
    media2_address = next(s.XAddr for s in services if s.Namespace == MEDIA2)
    ptz_address = next(s.XAddr for s in services if s.Namespace == "http://www.onvif.org/ver20/ptz/wsdl")
    print("ok GetServices", media2_address)

    media2 = service("ver20/media/wsdl/media.wsdl", TR2 + "Media2Binding", media2_address)
    ptz = service("ver20/ptz/wsdl/ptz.wsdl", TPTZ + "PTZBinding", ptz_address)
    caps = media2.GetServiceCapabilities()
    assert "VideoEncoder" in caps.ProfileCapabilities.ConfigurationsSupported, caps
    print("ok GetServiceCapabilities", caps.ProfileCapabilities.MaximumNumberOfProfiles, caps.ProfileCapabilities.ConfigurationsSupported)
    print("ok GetProfiles", [pr.token for pr in media2.GetProfiles(Type=["All"])])

    token = media2.CreateProfile(Name="zeep walk")
    print("ok CreateProfile", token)
    sources = media2.GetVideoSourceConfigurations(ProfileToken=token)
    media2.AddConfiguration(ProfileToken=token, Configuration=[{"Type": "VideoSource", "Token": sources[0].token}])
    print("ok AddConfiguration VideoSource", sources[0].token)

    encoders = sorted(media2.GetVideoEncoderConfigurations(ProfileToken=token), key=lambda c: c.Resolution.Width * c.Resolution.Height)
    encoder = next((c for c in encoders if c.Encoding == a.encoding), encoders[0])
    if encoder.Encoding != a.encoding:
        options = media2.GetVideoEncoderConfigurationOptions(ConfigurationToken=encoder.token, ProfileToken=token)
        offered = next(o for o in options if o.Encoding == a.encoding)
        encoder.Encoding = a.encoding
        if a.encoding == "H264":
            encoder.GovLength = int(offered.GovLengthRange[0]) if int(offered.GovLengthRange[0]) > 1 else 25
            encoder.Profile = offered.ProfilesSupported[0]
        media2.SetVideoEncoderConfiguration(Configuration=encoder)
        print("ok SetVideoEncoderConfiguration", encoder.token, a.encoding)
    media2.AddConfiguration(ProfileToken=token, Configuration=[{"Type": "VideoEncoder", "Token": encoder.token}])
    print("ok AddConfiguration VideoEncoder", encoder.token, encoder.Encoding, encoder.Resolution.Width, encoder.Resolution.Height)

    compatible = ptz.GetCompatibleConfigurations(ProfileToken=token)
    assert compatible, "no compatible PTZ configuration"
    media2.AddConfiguration(ProfileToken=token, Configuration=[{"Type": "PTZ", "Token": compatible[0].token}])
    print("ok AddConfiguration PTZ", compatible[0].token)

    profile = media2.GetProfiles(Token=token, Type=["All"])[0]
    c = profile.Configurations
    assert c.VideoSource.token == sources[0].token and c.VideoEncoder.token == encoder.token and c.PTZ.token == compatible[0].token, profile
    assert c.VideoEncoder.Encoding == a.encoding, c.VideoEncoder
    print("ok GetProfiles", token, c.VideoEncoder.Encoding, c.VideoEncoder.Resolution.Width, c.VideoEncoder.Resolution.Height)
    ptz.GetStatus(ProfileToken=token)
    print("ok PTZ GetStatus on the new profile")

    uri = media2.GetStreamUri(Protocol="RTSP", ProfileToken=token)
    print("ok GetStreamUri")
    print("uri", uri)
    print("size %dx%d" % (c.VideoEncoder.Resolution.Width, c.VideoEncoder.Resolution.Height))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # report the step that failed with zeep's own message
        print("FAILED:", type(e).__name__, e, file=sys.stderr)
        sys.exit(1)
