namespace Camlab.Device.Ptz.Geo;

/// <summary>The GeoMove faults of PTZ 5.3.4 that the geometry decides.</summary>
public enum GeoMoveFault
{
    /// <summary>ter:GeoLocationUnknown — the camera's own geolocation is not configured.</summary>
    GeoLocationUnknown,

    /// <summary>ter:UnreachablePosition — the target is outside the node's pan/tilt range (or not on the earth).</summary>
    UnreachablePosition,
}

public sealed class GeoMoveException(GeoMoveFault fault, string message) : Exception(message)
{
    public GeoMoveFault Fault { get; } = fault;
}
