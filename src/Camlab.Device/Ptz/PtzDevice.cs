using Camlab.Device.Events;
using Camlab.Device.State;

namespace Camlab.Device.Ptz;

/// <summary>
/// The PTZ nodes of one camera and their configurations (one configuration per node), found by either token;
/// <see cref="Create"/> builds them from the camera's <see cref="CameraDefinition"/>.
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

    /// <summary>The nodes of <see cref="CameraDefinition.Default"/>.</summary>
    public static PtzDevice CreateDefault(TimeProvider time, IStateStore store, EventBus bus, ZoomLens? lens = null,
        int maximumPresetTours = 0, bool fixedDomeHome = false) =>
        Create(CameraDefinition.Default, time, store, bus, lens, maximumPresetTours, fixedDomeHome);

    /// <summary>
    /// One node per video source of <paramref name="definition"/> that has one: a mechanical dome behind a dome
    /// source, a digital window over the whole picture of a wide source.
    /// </summary>
    /// <param name="lens">The domes' optics (from the camera's OPF document).</param>
    /// <param name="maximumPresetTours">Advertised per node; stays 0 until the tour engine is registered.</param>
    /// <param name="fixedDomeHome">Makes the domes' home fixed (SetHomePosition then answers CannotOverwriteHome).</param>
    public static PtzDevice Create(CameraDefinition definition, TimeProvider time, IStateStore store, EventBus bus, ZoomLens? lens = null,
        int maximumPresetTours = 0, bool fixedDomeHome = false)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lens ??= ZoomLens.Default;
        var nodes = new List<PtzNode>();
        foreach (var source in definition.PtzSources)
        {
            var layout = source.Ptz!;
            var node = source.Kind == VideoSourceKind.Dome
                ? Dome(layout, source.Token, lens, maximumPresetTours, fixedDomeHome)
                : DigitalWindow(layout, source.Token, new DigitalSensor(source.Width, source.Height, Math.Min(640, source.Width)), maximumPresetTours);
            nodes.Add(new PtzNode(node, DefaultConfiguration(layout.ConfigurationToken, layout.ConfigurationName, node, PtzSpaces.PanTiltPositionGeneric), time, store, bus));
        }
        return new PtzDevice(nodes);
    }

    private static readonly (TimeSpan Min, TimeSpan Max) Timeouts = (TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

    private static PtzNodeDefinition Dome(PtzNodeLayout layout, string sourceToken, ZoomLens lens, int maximumPresetTours, bool fixedHome)
    {
        // The head as the definition builds it (docs/configuration.md): the zoom uses part of the lens at most.
        var head = layout.Mechanics ?? new DomeMechanics();
        if (head.ZoomRange is { } zoom)
        {
            if (zoom.Min < lens.FocalMinMm - 1e-9 || zoom.Max > lens.FocalMaxMm + 1e-9)
                throw new ArgumentException($"PTZ node '{layout.NodeToken}': zoomRange {zoom.Min}..{zoom.Max} mm is not within the lens's {lens.FocalMinMm}..{lens.FocalMaxMm} mm");
            lens = lens with { FocalMinMm = zoom.Min, FocalMaxMm = zoom.Max };
        }
        var span = lens.FocalMaxMm - lens.FocalMinMm;
        var mechanics = new PtzMechanics(
            PanTiltMaxSpeed: head.PanTiltMaxSpeed ?? DomeMechanics.DefaultPanTiltMaxSpeed, ZoomMaxSpeed: head.ZoomMaxSpeed ?? span / 4,
            PanTiltAccelerations: [60, 120, 240], ZoomAccelerations: [span / 4, span / 2, span],
            Timeouts.Min, Timeouts.Max);
        return new PtzNodeDefinition(
            layout.NodeToken, layout.NodeName, PtzNodeKind.MechanicalDome, sourceToken,
            MaximumNumberOfPresets: 256, HomeSupported: true, FixedHomePosition: fixedHome,
            FixedHome: fixedHome ? new PtzPose(Within(0, head.PanRange), Within(0, head.TiltRange), lens.FocalMinMm) : null,
            AuxiliaryCommands: ["tt:Wiper|On", "tt:Wiper|Off", "tt:IRLamp|On", "tt:IRLamp|Off", "tt:IRLamp|Auto"],
            MaximumNumberOfPresetTours: maximumPresetTours, Mechanics: mechanics, Lens: lens,
            MechanicalTilt: head.TiltRange ?? DomeMechanics.DefaultTilt, FlipHysteresis: 5,
            MechanicalPan: head.PanIsEndless ? null : head.PanRange);
    }

    // Straight ahead, or the nearest angle the head reaches.
    internal static double Within(double angle, FloatRange? travel) => travel is { } t ? Math.Clamp(angle, t.Min, t.Max) : angle;

    private static PtzNodeDefinition DigitalWindow(PtzNodeLayout layout, string sourceToken, DigitalSensor sensor, int maximumPresetTours)
    {
        var mechanics = new PtzMechanics(
            PanTiltMaxSpeed: 0.5, ZoomMaxSpeed: (sensor.MaximumZoom - 1) / 2,
            PanTiltAccelerations: [0.5, 1, 2], ZoomAccelerations: [1, 2.5, 5], Timeouts.Min, Timeouts.Max);
        return new PtzNodeDefinition(
            layout.NodeToken, layout.NodeName, PtzNodeKind.DigitalWindow, sourceToken,
            MaximumNumberOfPresets: 64, HomeSupported: true, FixedHomePosition: true, FixedHome: new PtzPose(0.5, 0.5, 1),
            AuxiliaryCommands: [], MaximumNumberOfPresetTours: maximumPresetTours, Mechanics: mechanics, Sensor: sensor);
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
