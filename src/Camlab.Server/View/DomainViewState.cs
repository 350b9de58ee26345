using Camlab.Server.Optics;
using System.Collections.Concurrent;
using Camlab.Device.Imaging;
using Camlab.Device.Ptz;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Imaging;
using Camlab.Server.Ptz;
using Camlab.Server.Streaming;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.View;

/// <summary>
/// The picture as the camera's domains make it: the dome's pose and zoom from its mechanical PTZ node, the wide
/// source's window from its digital node, every imaging setting through <see cref="ImagingParameterMapping"/>, the
/// focus lens position, the IR lamp (the PTZ auxiliary, or a relay output wired to it in the camera definition), and SignalLoss (forced by fault injection) as the lost connection.
/// Built by the host for every camera once PTZ and Imaging are attached; it also gives auto-focus the renderer's
/// in-focus distance of the current view, so what auto-focus converges to is what makes the picture sharp.
/// </summary>
public sealed class DomainViewState : ICameraViewState, IPrivacyMaskTarget
{
    private const string IrLampFunction = "tt:IRLamp";
    private readonly CameraPtz? _ptz;
    private readonly CameraImagingPart? _imaging;
    private readonly ViewRenderer _renderer;
    private readonly CameraOptics _optics;
    private readonly Device.CameraDefinition _definition;
    private readonly SimulatedCamera _camera;
    private readonly ConcurrentDictionary<string, IReadOnlyList<PrivacyMask>> _masks = new();
    private double _ambientLight = 1;

    public DomainViewState(SimulatedCamera camera, ViewRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(camera);
        _ptz = camera.Ptz;
        _imaging = camera.Imaging;
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _optics = camera.Optics;
        _definition = camera.Definition;
        _camera = camera;
        foreach (var token in _imaging?.Imaging.ImagingSources ?? [])
        {
            var source = _imaging!.Imaging.Source(token);
            if (source.Lens is not { } lens) continue;
            var videoSource = token;
            source.SetInFocusPositionProvider(() => lens.PositionForDioptres(InFocusDioptres(videoSource)));
        }
    }

    /// <summary>Scene illumination relative to a bright day (1); night scenes are about 0.01–0.05. Drives auto exposure and IR cut AUTO.</summary>
    public double AmbientLight
    {
        get => Volatile.Read(ref _ambientLight);
        set
        {
            if (!(value >= 0 && value <= 100)) throw new ArgumentOutOfRangeException(nameof(value), value, "ambient light is 0..100");
            Volatile.Write(ref _ambientLight, value);
        }
    }

    public ICameraProjection CurrentOptics(string sourceToken) => OpticsAt(sourceToken, Node(sourceToken, null)?.PeekPose);

    public ViewPose CurrentPose(string sourceToken) => PoseAt(sourceToken, Node(sourceToken, null)?.PeekPose);

    public CropWindow? CurrentWindow(string sourceToken)
    {
        var pose = Node(sourceToken, null)?.PeekPose;
        return WindowAt(sourceToken, pose, OpticsAt(sourceToken, pose));
    }

    /// <summary>One frame's view: the source's PTZ node is read once, so pose, field of view and window are of one instant.</summary>
    public ViewSnapshot Snapshot(string sourceToken)
    {
        var pose = Node(sourceToken, null)?.PeekPose;
        var optics = OpticsAt(sourceToken, pose);
        return new ViewSnapshot(optics, PoseAt(sourceToken, pose), WindowAt(sourceToken, pose, optics), CurrentImaging(sourceToken),
            PrivacyMasks(sourceToken), Location(sourceToken), ConnectionLost(sourceToken));
    }

    // The optics, pose and window of a source whose node stands at nodePose (null: no node drives the source).
    private ICameraProjection OpticsAt(string sourceToken, PtzPose? nodePose) =>
        nodePose is { } p && Node(sourceToken, PtzNodeKind.MechanicalDome) is { Geometry: DomeGeometry dome }
            ? Optics(sourceToken, dome.Lens.HorizontalFov(p.Zoom))
            : _optics.Projection(_definition.KindOf(sourceToken));

    private ViewPose PoseAt(string sourceToken, PtzPose? nodePose)
    {
        if (nodePose is not { } pose || Node(sourceToken, PtzNodeKind.MechanicalDome) is null)
            return VideoSourceOptics.DefaultPose(_definition.KindOf(sourceToken)) with { Mount = _camera.Mount };
        double pan = pose.Pan, tilt = pose.Tilt;
        // Past the nadir without e-flip the head looks back over itself: the same direction is (pan + 180, −180 − tilt).
        if (tilt < -90) { pan += 180; tilt = -180 - tilt; }
        else if (tilt > 90) { pan += 180; tilt = 180 - tilt; }
        return new ViewPose(DomeGeometry.Wrap180(pan), tilt, _camera.Mount);
    }

    private CropWindow? WindowAt(string sourceToken, PtzPose? nodePose, ICameraProjection optics)
    {
        if (nodePose is not { } pose || Node(sourceToken, PtzNodeKind.DigitalWindow) is not { Geometry: DigitalWindowGeometry digital }) return null;
        var (left, top, width, height) = digital.WindowPixels(pose);
        // The digital sensor and the render source have the same size by construction; scale anyway so a different
        // OPF sensor size keeps the same window fraction.
        double sx = optics.ImageWidth / (double)digital.Sensor.Width, sy = optics.ImageHeight / (double)digital.Sensor.Height;
        var l = Math.Clamp(left * sx, 0, optics.ImageWidth - 1);
        var t = Math.Clamp(top * sy, 0, optics.ImageHeight - 1);
        return new CropWindow(l, t, Math.Clamp((left + width) * sx, l + 1, optics.ImageWidth), Math.Clamp((top + height) * sy, t + 1, optics.ImageHeight));
    }

    public ImagingParameters CurrentImaging(string sourceToken)
    {
        if (_imaging is null || !_imaging.Imaging.ImagingSources.Contains(sourceToken)) return ImagingParameters.Neutral with { AmbientLight = AmbientLight };
        var source = _imaging.Imaging.Source(sourceToken);
        double? dioptres = source.Lens is { } lens ? lens.DioptresForPosition(source.Focus.Position) : null;
        // A relay that switches the source's IR lamp powers it while active; otherwise the PTZ auxiliary decides.
        var irLamp = RelayPowersIrLamp(sourceToken) ? "On" : Node(sourceToken, null)?.AuxiliaryStates.GetValueOrDefault(IrLampFunction);
        return ImagingParameterMapping.Map(source.Settings, source.Options, AmbientLight, irLamp, dioptres);
    }

    private bool RelayPowersIrLamp(string sourceToken)
    {
        var loads = _definition.RelayLoads;
        if (loads.Count == 0) return false;
        foreach (var relay in _camera.Io.Relays)
            if (relay.Active && loads.Any(l => l.RelayToken == relay.Token && l.Drives == Device.RelayLoadKind.IrLamp && l.VideoSource == sourceToken)) return true;
        return false;
    }

    public IReadOnlyList<PrivacyMask> PrivacyMasks(string sourceToken) => _masks.GetValueOrDefault(sourceToken) ?? [];

    /// <summary>Privacy masks (pan/tilt polygons) of a source, blacked out from the next frame on.</summary>
    public void SetPrivacyMasks(string sourceToken, IReadOnlyList<PrivacyMask> masks) => _masks[sourceToken] = masks.ToArray();

    public IReadOnlyList<Rendering.Overlay.TextOverlay> Overlays(string sourceToken, DateTimeOffset cameraTime) =>
        _camera.Osds.All.Count == 0 ? [] : OsdOverlays.For(_camera.Osds, _camera.Media, sourceToken, cameraTime, _camera.Network.TimeZone);

    public GeoLocation? Location(string sourceToken) => _camera.Location.Current.Location;

    public bool ConnectionLost(string sourceToken) =>
        _imaging is not null && _imaging.Imaging.VideoSources.Contains(sourceToken)
        && _imaging.Alarms.State(sourceToken, VideoSourceCondition.SignalLoss);

    /// <summary>The dioptres that make the centre of the current view sharp (0 for the sky).</summary>
    public double InFocusDioptres(string sourceToken)
    {
        var pose = Node(sourceToken, null)?.PeekPose;
        var optics = OpticsAt(sourceToken, pose);
        return _renderer.InFocusDioptres(optics, PoseAt(sourceToken, pose), WindowAt(sourceToken, pose, optics));
    }

    // The dome's OPF sensor (with its distortion) at the focal length of the current zoom (docs/optics.md).
    private ICameraProjection Optics(string sourceToken, double horizontalFovDeg) =>
        _definition.KindOf(sourceToken) == Device.VideoSourceKind.Dome ? _optics.DomeAtHorizontalFov(horizontalFovDeg) : _optics.Projection(_definition.KindOf(sourceToken));

    private PtzNode? Node(string sourceToken, PtzNodeKind? kind) =>
        _ptz?.Device.Nodes.FirstOrDefault(n => n.Definition.VideoSourceToken == sourceToken && (kind is null || n.Definition.Kind == kind));
}
