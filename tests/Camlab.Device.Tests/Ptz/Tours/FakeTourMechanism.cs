using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;

namespace Camlab.Device.Tests.Ptz.Tours;

/// <summary>
/// A one-axis stand-in for a PTZ node: pan moves at a constant speed on the fake clock, so a move from 0° to
/// 30° at 10°/s takes 3 s. Spot speeds are read as a fraction of the maximum speed (generic speed space).
/// Every command is logged with the instant it was given.
/// </summary>
internal sealed class FakeTourMechanism(TimeProvider time) : ITourMechanism
{
    public const string UnsupportedSpace = "urn:test:unsupported-space";
    public const double MaxSpeed = 10; // degrees per second

    private ITimer? _timer;
    private double _from, _to;
    private DateTimeOffset _startedAt;
    private TimeSpan _duration;

    public Dictionary<string, double> Presets { get; } = new() { ["A"] = 0, ["B"] = 30, ["C"] = 60 };

    public double? Home { get; set; } = -30;

    public List<string> Log { get; } = [];

    /// <summary>When a move needs no time: raise MoveFinished inside the call (true) or just be idle (false).</summary>
    public bool RaiseWhenAlreadyThere { get; set; } = true;

    public IReadOnlyList<string> PresetTokens => Presets.Keys.ToList();

    public bool HomeSupported => Home is not null;

    public PtzSpaceDescription? PanTiltPositionSpace { get; } =
        new(PtzSpaces.PanTiltPositionDegrees, PtzSpaceGroup.AbsolutePanTiltPosition, new(-180, 180), new(-90, 0));

    public PtzSpaceDescription? ZoomPositionSpace { get; } = null;

    public bool IsIdle => _timer is null;

    public event Action? MoveFinished;

    public event Action? Commanded;

    /// <summary>Another party commands the mechanism.</summary>
    public void CommandFromElsewhere() => Commanded?.Invoke();

    public double Pan
    {
        get
        {
            if (_timer is null) return _to;
            var f = (time.GetUtcNow() - _startedAt) / _duration;
            return _from + (_to - _from) * Math.Clamp(f, 0, 1);
        }
    }

    public TourVectorCheck CheckPosition(PtzVector position)
    {
        if (position.PanTilt is not { } pt) return TourVectorCheck.Valid;
        if (pt.Space == UnsupportedSpace) return TourVectorCheck.SpaceNotSupported;
        return pt.X is < -180 or > 180 || pt.Y is < -90 or > 0 ? TourVectorCheck.OutOfRange : TourVectorCheck.Valid;
    }

    public TourVectorCheck CheckSpeed(PtzVector speed)
    {
        if (speed.PanTilt is not { } pt) return TourVectorCheck.Valid;
        if (pt.Space == UnsupportedSpace) return TourVectorCheck.SpaceNotSupported;
        return pt.X is <= 0 or > 1 ? TourVectorCheck.OutOfRange : TourVectorCheck.Valid;
    }

    public void GotoPreset(string presetToken, PtzVector? speed)
    {
        Log.Add($"{Now} preset {presetToken}");
        Go(Presets[presetToken], speed);
    }

    public void GotoHome(PtzVector? speed)
    {
        Log.Add($"{Now} home");
        Go(Home!.Value, speed);
    }

    /// <summary>Pan values the node refuses at run time (as a node whose limits changed after the tour was defined).</summary>
    public HashSet<double> Refused { get; } = [];

    public void MoveTo(PtzVector position, PtzVector? speed)
    {
        if (Refused.Contains(position.PanTilt!.Value.X)) throw new InvalidOperationException("outside the limits now");
        Log.Add($"{Now} move {position.PanTilt!.Value.X}");
        Go(position.PanTilt!.Value.X, speed);
    }

    public void Stop()
    {
        Log.Add($"{Now} stop");
        var here = Pan;
        _timer?.Dispose();
        _timer = null;
        _from = _to = here;
    }

    /// <summary>A client move that does not go through the tour (for ActivationFailed).</summary>
    public void ClientMove(double pan) => Go(pan, null);

    private string Now => (time.GetUtcNow() - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds.ToString("0.###");

    private void Go(double target, PtzVector? speed)
    {
        var here = Pan;
        _timer?.Dispose();
        _timer = null;
        _from = here;
        _to = target;
        var velocity = MaxSpeed * (speed?.PanTilt?.X ?? 1);
        _duration = TimeSpan.FromSeconds(Math.Abs(target - here) / velocity);
        if (_duration == TimeSpan.Zero)
        {
            if (RaiseWhenAlreadyThere) MoveFinished?.Invoke();
            return;
        }
        _startedAt = time.GetUtcNow();
        _timer = time.CreateTimer(_ =>
        {
            _timer?.Dispose();
            _timer = null;
            _from = _to;
            MoveFinished?.Invoke();
        }, null, _duration, Timeout.InfiniteTimeSpan);
    }
}
