using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;

namespace Camlab.Onvif.Tests.Ptz.Tours;

/// <summary>A node for the SOAP tests: presets P1..P3, home, degrees space; every move takes one second.</summary>
internal sealed class SoapTourMechanism(TimeProvider time) : ITourMechanism
{
    public const string DegreesSpace = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/SphericalPositionSpaceDegrees";
    public const string GenericSpeed = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/GenericSpeedSpace";
    private ITimer? _move;

    public List<string> Presets { get; } = ["P1", "P2", "P3"];
    public List<string> Log { get; } = [];
    public IReadOnlyList<string> PresetTokens => Presets;
    public bool HomeSupported => true;
    public PtzSpaceDescription? PanTiltPositionSpace { get; } = new(DegreesSpace, PtzSpaceGroup.AbsolutePanTiltPosition, new(-180, 180), new(-90, 20));
    public PtzSpaceDescription? ZoomPositionSpace { get; } = new(PtzSpaces.ZoomPositionGeneric, PtzSpaceGroup.AbsoluteZoomPosition, new(0, 1));
    public bool IsIdle => _move is null;
    public event Action? MoveFinished;

    public event Action? Commanded { add { } remove { } }

    public TourVectorCheck CheckPosition(PtzVector position) =>
        position.PanTilt is { } pt && pt.Space is not (null or DegreesSpace) ? TourVectorCheck.SpaceNotSupported
        : position.PanTilt is { } p && (p.X is < -180 or > 180 || p.Y is < -90 or > 20) ? TourVectorCheck.OutOfRange
        : TourVectorCheck.Valid;

    public TourVectorCheck CheckSpeed(PtzVector speed) =>
        speed.PanTilt is { } pt && pt.Space is not (null or GenericSpeed) ? TourVectorCheck.SpaceNotSupported
        : speed.PanTilt is { } p && (p.X is < 0 or > 1 || p.Y is < 0 or > 1) ? TourVectorCheck.OutOfRange
        : TourVectorCheck.Valid;

    public void GotoPreset(string presetToken, PtzVector? speed) => Go("preset " + presetToken);
    public void GotoHome(PtzVector? speed) => Go("home");
    public void MoveTo(PtzVector position, PtzVector? speed) => Go($"move {position.PanTilt?.X}");

    public void Stop()
    {
        Log.Add("stop");
        _move?.Dispose();
        _move = null;
    }

    private void Go(string what)
    {
        Log.Add(what);
        _move?.Dispose();
        _move = time.CreateTimer(_ => { _move?.Dispose(); _move = null; MoveFinished?.Invoke(); }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }
}
