using System.Xml;
using Camlab.Device.Ptz;
using Camlab.Onvif.Ptz.Geo;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.3.6 MoveAndStartTracking: the move part. Camlab has no object detector, so there is nothing to hand the
// PTZ control to after the move; ObjectID is therefore not advertised and refused.
public sealed partial class PtzService
{
    /// <summary>The tt:MoveAndTrackMethod values this service performs (GeoLocation only when a node can GeoMove).</summary>
    public IReadOnlyList<string> MoveAndTrackMethods =>
        _device.Nodes.Any(n => _geoMoveOf(n) is not null) ? ["PresetToken", "GeoLocation", "PTZVector"] : ["PresetToken", "PTZVector"];

    private void MoveAndStartTracking(SoapRequest request, XmlWriter w)
    {
        var body = request.Body;
        var node = NodeOfProfile(request);
        if (body.Child("ObjectID") is not null)
            throw OnvifFaults.ActionNotSupported("ObjectIDNotSupported", "object tracking is not supported (MoveAndTrack does not list ObjectID)");

        var preset = body.Child("PresetToken");
        var geo = body.Child("GeoLocation");
        var position = body.Child("TargetPosition");
        var given = (preset is null ? 0 : 1) + (geo is null ? 0 : 1) + (position is null ? 0 : 1);
        // With no tracker, a request without a position would do nothing at all: refuse it rather than answer success.
        if (given == 0)
            throw OnvifFaults.ActionNotSupported("ObjectIDNotSupported", "without a tracker MoveAndStartTracking needs PresetToken, GeoLocation or TargetPosition");
        if (given > 1)
            throw OnvifFaults.InvalidArgs("give only one of PresetToken, GeoLocation and TargetPosition");

        var speedElement = body.Child("Speed");
        var speed = speedElement is { } s ? PtzXml.ReadVector(s) : (PtzVector?)null;
        if (preset is not null)
        {
            var token = preset.Value.Trim();
            if (token.Length == 0) throw OnvifFaults.InvalidArgs("PresetToken is empty");
            Domain(() => node.GotoPreset(token, speed, PtzRamp.Preset, node.Configuration.Token));
        }
        else if (position is not null)
        {
            var target = PtzXml.ReadVector(position);
            Domain(() => node.AbsoluteMove(target, speed));
        }
        else
        {
            var binding = _geoMoveOf(node)
                ?? throw OnvifFaults.InvalidArgVal("GeoMoveNotSupported", $"PTZ node {node.Token} does not support geo move");
            GeoMoveOperation.Execute(binding, GeoMoveOperation.ReadTarget(geo!), null, null, speedElement);
        }
        Empty(w, "MoveAndStartTrackingResponse");
    }
}
