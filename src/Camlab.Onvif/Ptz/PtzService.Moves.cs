using Camlab.Device.Ptz;
using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.3: AbsoluteMove, RelativeMove, ContinuousMove, Stop, GetStatus — all non-blocking.
public sealed partial class PtzService
{
    private void AbsoluteMove(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var position = PtzXml.ReadVector(request.Body.RequiredChild("Position"));
        var speed = request.Body.Child("Speed") is { } s ? PtzXml.ReadVector(s) : (PtzVector?)null;
        Domain(() => node.AbsoluteMove(position, speed));
        Empty(w, "AbsoluteMoveResponse");
    }

    private void RelativeMove(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var translation = PtzXml.ReadVector(request.Body.RequiredChild("Translation"));
        var speed = request.Body.Child("Speed") is { } s ? PtzXml.ReadVector(s) : (PtzVector?)null;
        Domain(() => node.RelativeMove(translation, speed));
        Empty(w, "RelativeMoveResponse");
    }

    private void ContinuousMove(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var velocity = PtzXml.ReadVector(request.Body.RequiredChild("Velocity"));
        var timeout = request.Body.ChildDuration("Timeout");
        Domain(() => node.ContinuousMove(velocity, timeout));
        Empty(w, "ContinuousMoveResponse");
    }

    private void Stop(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var panTilt = request.Body.ChildBool("PanTilt") ?? true;
        var zoom = request.Body.ChildBool("Zoom") ?? true;
        Domain(() => node.Stop(panTilt, zoom));
        Empty(w, "StopResponse");
    }

    private void GetStatus(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var status = Domain(node.GetStatus);
        w.Start(OnvifNamespaces.Ptz, "GetStatusResponse");
        PtzXml.WriteStatus(w, OnvifNamespaces.Ptz, "PTZStatus", status);
        w.End();
    }
}
