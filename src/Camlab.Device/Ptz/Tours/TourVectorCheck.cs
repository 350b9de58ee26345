namespace Camlab.Device.Ptz.Tours;

/// <summary>What the mechanism thinks of a position or speed given for a tour spot (PTZ 5.8.5 faults).</summary>
public enum TourVectorCheck
{
    Valid,

    /// <summary>A space URI the node does not list for this purpose (ter:SpaceNotSupported).</summary>
    SpaceNotSupported,

    /// <summary>A value outside the space's range or the configured limits (ter:InvalidPresetTour).</summary>
    OutOfRange,
}
