using Camlab.Device.Events;
using Camlab.Device.State;

namespace Camlab.Device.Ptz;

/// <summary>
/// The PTZ nodes of one camera and their configurations (one configuration per node), found by either token.
/// <see cref="CreateDefault"/> builds the default camera of the token conventions: <c>PtzNode_1</c>/<c>PtzConfig_1</c>
/// drive the dome on <c>VideoSource_1</c>; <c>PtzNode_2</c>/<c>PtzConfig_2</c> the digital window on <c>VideoSource_2</c>.
/// </summary>
public sealed class PtzDevice : IDisposable
{
    public PtzDevice(IEnumerable<PtzNode> nodes) => Nodes = nodes.ToList();

    public IReadOnlyList<PtzNode> Nodes { get; }

    public PtzNode? FindNode(string nodeToken) => Nodes.FirstOrDefault(n => n.Token == nodeToken);

    public PtzNode? FindByConfiguration(string configurationToken) => Nodes.FirstOrDefault(n => n.Configuration.Token == configurationToken);

    public void Dispose()
    {
        foreach (var node in Nodes) node.Dispose();
    }

    /// <param name="lens">The dome's optics (from OPF once the integrator wires it).</param>
    /// <param name="maximumPresetTours">Advertised per node; stays 0 until the tour engine is registered.</param>
    /// <param name="fixedDomeHome">Makes the dome's home fixed (SetHomePosition then answers CannotOverwriteHome).</param>
    public static PtzDevice CreateDefault(TimeProvider time, IStateStore store, EventBus bus, ZoomLens? lens = null,
        int maximumPresetTours = 0, bool fixedDomeHome = false)
    {
        lens ??= ZoomLens.Default;
        var timeouts = (Min: TimeSpan.FromSeconds(1), Max: TimeSpan.FromMinutes(10));
        var domeMechanics = new PtzMechanics(
            PanTiltMaxSpeed: 120, ZoomMaxSpeed: (lens.FocalMaxMm - lens.FocalMinMm) / 4,
            PanTiltAccelerations: [60, 120, 240], ZoomAccelerations: [(lens.FocalMaxMm - lens.FocalMinMm) / 4, (lens.FocalMaxMm - lens.FocalMinMm) / 2, lens.FocalMaxMm - lens.FocalMinMm],
            timeouts.Min, timeouts.Max);
        var dome = new PtzNodeDefinition(
            "PtzNode_1", "Dome", PtzNodeKind.MechanicalDome, "VideoSource_1",
            MaximumNumberOfPresets: 256, HomeSupported: true, FixedHomePosition: fixedDomeHome,
            FixedHome: fixedDomeHome ? new PtzPose(0, 0, lens.FocalMinMm) : null,
            AuxiliaryCommands: ["tt:Wiper|On", "tt:Wiper|Off", "tt:IRLamp|On", "tt:IRLamp|Off", "tt:IRLamp|Auto"],
            MaximumNumberOfPresetTours: maximumPresetTours, Mechanics: domeMechanics, Lens: lens,
            MechanicalTilt: new FloatRange(-180, 20), FlipHysteresis: 5);
        var sensor = new DigitalSensor(3840, 2160, 640);
        var digitalMechanics = new PtzMechanics(
            PanTiltMaxSpeed: 0.5, ZoomMaxSpeed: (sensor.MaximumZoom - 1) / 2,
            PanTiltAccelerations: [0.5, 1, 2], ZoomAccelerations: [1, 2.5, 5], timeouts.Min, timeouts.Max);
        var digital = new PtzNodeDefinition(
            "PtzNode_2", "Digital window", PtzNodeKind.DigitalWindow, "VideoSource_2",
            MaximumNumberOfPresets: 64, HomeSupported: true, FixedHomePosition: true, FixedHome: new PtzPose(0.5, 0.5, 1),
            AuxiliaryCommands: [], MaximumNumberOfPresetTours: maximumPresetTours, Mechanics: digitalMechanics, Sensor: sensor);
        return new PtzDevice(
        [
            new PtzNode(dome, DefaultConfiguration("PtzConfig_1", "Dome PTZ", dome, PtzSpaces.PanTiltPositionGeneric), time, store, bus),
            new PtzNode(digital, DefaultConfiguration("PtzConfig_2", "Digital PTZ", digital, PtzSpaces.PanTiltPositionGeneric), time, store, bus),
        ]);
    }

    /// <summary>Generic default spaces, half speed, a 5 s timeout, limits disabled, the middle ramp.</summary>
    public static PtzConfiguration DefaultConfiguration(string token, string name, PtzNodeDefinition node, string panTiltSpace) => new(
        token, name, node.Token,
        panTiltSpace, PtzSpaces.ZoomPositionGeneric,
        PtzSpaces.PanTiltTranslationGeneric, PtzSpaces.ZoomTranslationGeneric,
        PtzSpaces.PanTiltVelocityGeneric, PtzSpaces.ZoomVelocityGeneric,
        new PtzVector(new PanTiltVector(0.5, 0.5, PtzSpaces.PanTiltSpeedGeneric), new ZoomVector(0.5, PtzSpaces.ZoomSpeedGeneric)),
        TimeSpan.FromSeconds(5),
        new SpaceLimits(PtzSpaces.PanTiltPositionGeneric, new FloatRange(double.NegativeInfinity, double.PositiveInfinity), new FloatRange(double.NegativeInfinity, double.PositiveInfinity)),
        new SpaceLimits(PtzSpaces.ZoomPositionGeneric, new FloatRange(double.NegativeInfinity, double.PositiveInfinity)),
        MoveRamp: 2, PresetRamp: 2, PresetTourRamp: 2, EFlip: EFlipMode.Off, Reverse: ReverseMode.Off);
}
