namespace Camlab.Device.Ptz;

/// <summary>The two kinds of node Camlab simulates.</summary>
public enum PtzNodeKind
{
    /// <summary>A motorised dome: endless pan, tilt through the nadir, optical zoom.</summary>
    MechanicalDome,

    /// <summary>A window cropped from a wide fixed video source (Annex A digital spaces).</summary>
    DigitalWindow,
}

/// <summary>
/// The motor limits of a node, in the node's native units: degrees and millimetres for the dome, sensor fractions
/// and zoom factor for the digital window. Ramps are accelerations, slowest first (tt:PTZConfigurationOptions
/// PTZRamps: "the smallest acceleration value corresponds to the minimal index"); ramp n is index n−1.
/// </summary>
public sealed record PtzMechanics(
    double PanTiltMaxSpeed,
    double ZoomMaxSpeed,
    IReadOnlyList<double> PanTiltAccelerations,
    IReadOnlyList<double> ZoomAccelerations,
    TimeSpan TimeoutMin,
    TimeSpan TimeoutMax)
{
    public int RampCount => Math.Min(PanTiltAccelerations.Count, ZoomAccelerations.Count);
}

/// <summary>The sensor a digital node crops (the wide video source) and the smallest window it allows.</summary>
public sealed record DigitalSensor(int Width, int Height, int MinimumWindowWidth)
{
    /// <summary>Normalized digital zoom of the smallest window (5.7.1.5: Sw / Ww).</summary>
    public double MaximumZoom => (double)Width / MinimumWindowWidth;
}

/// <summary>
/// Static properties of a PTZ node (tt:PTZNode, PTZ 5.1.1). <see cref="MechanicalTilt"/> is the dome's physical
/// tilt travel in degrees: [−180, +20] lets it tilt through the nadir, which is what e-flip (5.7.1.2) is about.
/// <see cref="MechanicalPan"/> is its pan travel in degrees, null when the pan is endless.
/// </summary>
public sealed record PtzNodeDefinition(
    string Token,
    string Name,
    PtzNodeKind Kind,
    string VideoSourceToken,
    int MaximumNumberOfPresets,
    bool HomeSupported,
    bool FixedHomePosition,
    PtzPose? FixedHome,
    IReadOnlyList<string> AuxiliaryCommands,
    int MaximumNumberOfPresetTours,
    PtzMechanics Mechanics,
    ZoomLens? Lens = null,
    DigitalSensor? Sensor = null,
    FloatRange? MechanicalTilt = null,
    double FlipHysteresis = 5,
    FloatRange? MechanicalPan = null);
