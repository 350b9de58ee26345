using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Geo;
using Camlab.Device.Ptz.Tracking;
using Camlab.Onvif.Ptz.Geo;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.3.6 MoveAndStartTracking: the optional move (preset, geolocation or position), then the node's object
// tracker follows ObjectID. Without ObjectID and without a move, the tracker takes the object nearest the centre
// of the picture (what an on-camera auto-tracker does when told to start).
public sealed partial class PtzService
{
    /// <summary>
    /// The tt:MoveAndTrackMethod values this service performs: GeoLocation only when a node can GeoMove, ObjectID
    /// only when a node has an object tracker.
    /// </summary>
    public IReadOnlyList<string> MoveAndTrackMethods
    {
        get
        {
            var methods = new List<string> { "PresetToken" };
            if (_device.Nodes.Any(n => _geoMoveOf(n) is not null)) methods.Add("GeoLocation");
            methods.Add("PTZVector");
            if (_device.Nodes.Any(n => _trackerOf(n) is not null)) methods.Add("ObjectID");
            return methods;
        }
    }

    private void MoveAndStartTracking(SoapRequest request, XmlWriter w)
    {
        var body = request.Body;
        var node = NodeOfProfile(request);
        var objectId = body.Child("ObjectID") is { } idElement ? ReadObjectId(idElement) : null;

        var preset = body.Child("PresetToken");
        var geo = body.Child("GeoLocation");
        var position = body.Child("TargetPosition");
        var given = (preset is null ? 0 : 1) + (geo is null ? 0 : 1) + (position is null ? 0 : 1);
        if (given > 1)
            throw OnvifFaults.InvalidArgs("give only one of PresetToken, GeoLocation and TargetPosition");
        var speedElement = body.Child("Speed");
        var speed = speedElement is { } s ? PtzXml.ReadVector(s) : (PtzVector?)null;
        var presetToken = preset?.Value.Trim();
        if (presetToken is { Length: 0 }) throw OnvifFaults.InvalidArgs("PresetToken is empty");
        var geoTarget = geo is null ? (GeoLocation?)null : GeoMoveOperation.ReadTarget(geo);
        var target = position is null ? (PtzVector?)null : PtzXml.ReadVector(position);

        Action? move = null;
        if (presetToken is not null) move = () => Domain(() => node.GotoPreset(presetToken, speed, PtzRamp.Preset, node.Configuration.Token));
        else if (target is { } t) move = () => Domain(() => node.AbsoluteMove(t, speed));
        else if (geoTarget is { } g)
        {
            var binding = _geoMoveOf(node)
                ?? throw OnvifFaults.InvalidArgVal("GeoMoveNotSupported", $"PTZ node {node.Token} does not support geo move");
            move = () => GeoMoveOperation.Execute(binding, g, null, null, speedElement);
        }

        // 5.3.6: Speed applies to the move; without one it has nothing to act on, but a wrong Speed is still refused.
        if (move is null && speed is { } alone) Domain(() => node.CheckSpeed(alone));
        var tracker = _trackerOf(node);
        if (objectId is null && move is null)
        {
            // Nothing to move to and no object named: the tracker picks what the picture shows.
            if (tracker is null)
                throw OnvifFaults.ActionNotSupported("ObjectIDNotSupported", $"PTZ node {node.Token} has no object tracker, so MoveAndStartTracking needs PresetToken, GeoLocation or TargetPosition");
            objectId = tracker.ObjectNearestCentre()
                ?? throw OnvifFaults.InvalidArgVal("NoObject", $"no object is in the picture of PTZ node {node.Token} to track; give ObjectID (GET /api/v1/cameras/{{n}}/objects lists them)");
        }
        if (objectId is null)
        {
            move!();
        }
        else
        {
            if (tracker is null)
                throw OnvifFaults.ActionNotSupported("ObjectIDNotSupported", $"PTZ node {node.Token} cannot track objects (only the nodes of MoveAndTrack ObjectID can)");
            var id = objectId.Value;
            Domain(() => tracker.Start(id, move));
        }
        Empty(w, "MoveAndStartTrackingResponse");
    }

    /// <summary>xs:integer; a valid integer beyond int's range names no object Camlab has (NoObject).</summary>
    private static int? ReadObjectId(XElement element)
    {
        var text = element.Value.Trim();
        var digits = text.StartsWith('+') || text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            throw OnvifFaults.InvalidArgs($"ObjectID is not an xs:integer: '{text}'");
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw OnvifFaults.InvalidArgVal("NoObject", $"there is no object {text} to track");
    }
}
