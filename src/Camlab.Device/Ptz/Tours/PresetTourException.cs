namespace Camlab.Device.Ptz.Tours;

/// <summary>The preset tour faults of PTZ 5.8.2–5.8.7, independent of SOAP.</summary>
public enum PresetTourFault
{
    /// <summary>ter:NoToken — the preset tour token does not exist.</summary>
    NoToken,

    /// <summary>ter:InvalidPresetTour — the tour includes invalid parameters (or cannot run as defined).</summary>
    InvalidPresetTour,

    /// <summary>ter:TooManyPresetTours — the node holds its maximum number of tours.</summary>
    TooManyPresetTours,

    /// <summary>ter:TooManyPresets — too many tour spots in one tour.</summary>
    TooManyPresets,

    /// <summary>ter:SpaceNotSupported — a spot's position or speed names a space the node does not support.</summary>
    SpaceNotSupported,

    /// <summary>ter:ActivationFailed — the PTZ unit is moving or another tour is active.</summary>
    ActivationFailed,
}

public sealed class PresetTourException(PresetTourFault fault, string message) : Exception(message)
{
    public PresetTourFault Fault { get; } = fault;
}
