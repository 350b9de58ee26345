namespace Camlab.Device.Ptz.Tours;

/// <summary>
/// A pan/tilt pair as tt:Vector2D carries it: values plus the optional space URI they are expressed in
/// (null = the node's default space for the purpose: position or speed).
/// </summary>
public sealed record TourPanTilt(double X, double Y, string? Space = null);

/// <summary>A zoom value as tt:Vector1D carries it.</summary>
public sealed record TourZoom(double X, string? Space = null);

/// <summary>
/// A tt:PTZVector (tour spot position) or tt:PTZSpeed (tour spot speed): each axis group is optional.
/// The tour engine keeps these verbatim and hands them to <see cref="ITourMechanism"/>; the mechanism owns
/// the spaces and their conversions.
/// </summary>
public sealed record TourVector(TourPanTilt? PanTilt, TourZoom? Zoom)
{
    public bool IsEmpty => PanTilt is null && Zoom is null;
}

/// <summary>What the mechanism thinks of a position or speed given for a tour spot (PTZ 5.8.5 faults).</summary>
public enum TourVectorCheck
{
    Valid,

    /// <summary>A space URI the node does not list for this purpose (ter:SpaceNotSupported).</summary>
    SpaceNotSupported,

    /// <summary>A value outside the space's range or the configured limits (ter:InvalidPresetTour).</summary>
    OutOfRange,
}

/// <summary>A closed range of a space (tt:FloatRange).</summary>
public readonly record struct TourRange(double Min, double Max);

/// <summary>tt:Space2DDescription: the URI of an absolute pan/tilt space and its ranges.</summary>
public sealed record TourSpace2D(string Uri, TourRange XRange, TourRange YRange);

/// <summary>tt:Space1DDescription: the URI of an absolute zoom space and its range.</summary>
public sealed record TourSpace1D(string Uri, TourRange XRange);
