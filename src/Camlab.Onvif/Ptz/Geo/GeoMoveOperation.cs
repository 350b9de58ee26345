using System.Globalization;
using System.Xml.Linq;
using Camlab.Device.Ptz.Geo;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz.Geo;

/// <summary>
/// What GeoMove needs from one PTZ node, supplied by the integrator: the camera's geolocation and mount
/// orientation (null until configured), the pan/tilt range in spherical degrees (node range ∩ limits), the zoom
/// optics (null: the node cannot zoom, AreaWidth/AreaHeight are ignored), the present pan, and the move itself.
/// </summary>
/// <param name="Move">
/// Starts the absolute move to the solution: pan/tilt in the spherical degrees space, zoom (when not null) in the
/// zoom model's space, with the request's tt:PTZSpeed element (null: the configuration's default speed), which
/// the delegate validates like AbsoluteMove does and may refuse with its own SOAP fault before anything moves.
/// </param>
public sealed record GeoMoveBinding(
    Func<CameraGeoPose?> Pose,
    Func<GeoMoveLimits> Limits,
    GeoZoomModel? Zoom,
    Func<double> CurrentPan,
    Action<GeoMoveSolution, XElement?> Move);

/// <summary>PTZ 5.3.4 GeoMove as a SOAP operation for the PTZ service's list.</summary>
public static class GeoMoveOperation
{
    public static SoapOperation Create(PtzProfileResolver<GeoMoveBinding> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return new SoapOperation("GeoMove", AccessClass.Actuate, (request, response) =>
        {
            var body = request.Body;
            var profile = body.RequiredToken("ProfileToken");
            var binding = resolve.ResolveOrFault(profile,
                () => OnvifFaults.InvalidArgVal("GeoMoveNotSupported", $"the PTZ node of profile '{profile}' does not support GeoMove"));
            var target = ReadTarget(body.RequiredChild("Target"));
            var width = Area(body, "AreaWidth");
            var height = Area(body, "AreaHeight");

            Execute(binding, target, width, height, body.Child("Speed"));
            response.WriteElementString("GeoMoveResponse", OnvifNamespaces.Ptz, null);
        });
    }

    /// <summary>Aims at <paramref name="target"/> and starts the move; shared with MoveAndStartTracking (5.3.6).</summary>
    public static void Execute(GeoMoveBinding binding, GeoLocation target, double? areaWidth, double? areaHeight, XElement? speed)
    {
        GeoMoveSolution solution;
        try
        {
            solution = GeoMovePlanner.Solve(binding.Pose(), target, binding.Limits(), binding.Zoom, areaWidth, areaHeight, binding.CurrentPan());
        }
        catch (GeoMoveException e)
        {
            throw OnvifFaults.InvalidArgVal(e.Fault.ToString(), e.Message);
        }
        binding.Move(solution, speed);
    }

    /// <summary>tt:GeoLocation: lat and lon are needed to aim; elevation (metres) to aim the tilt.</summary>
    public static GeoLocation ReadTarget(XElement target)
    {
        double Required(string name)
        {
            var text = target.Attr(name) ?? throw OnvifFaults.InvalidArgs($"{target.Name.LocalName}/@{name} is required to aim the camera");
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw OnvifFaults.InvalidArgs($"{target.Name.LocalName}/@{name} is not a number: '{text}'");
        }

        return new GeoLocation(Required("lat"), Required("lon"), Required("elevation"));
    }

    private static double? Area(XElement body, string name)
    {
        var value = body.ChildFloat(name);
        return value is null || (value > 0 && float.IsFinite(value.Value))
            ? value
            : throw OnvifFaults.InvalidArgs($"{name} must be a positive number of metres, not {value}");
    }
}
