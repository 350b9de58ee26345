namespace Camlab.Device.Imaging;

/// <summary>tt:MoveStatus of the focus lens (Imaging 5.3.4).</summary>
public enum FocusMoveStatus { IDLE, MOVING, UNKNOWN }

/// <summary>tt:FocusStatus20: position (unitless 0..1), move status and the motor's error, if any.</summary>
public sealed record FocusStatus(double Position, FocusMoveStatus MoveStatus, string? Error);

/// <summary>Who drives the lens: a client's Move, or the auto-focus (Stop must not affect the latter, 5.3.3).</summary>
internal enum FocusDriver { None, Manual, AutoFocus }

/// <summary>
/// The focus motor of one lens. Its position is a function of time (<see cref="FocusProfile"/>): commands
/// replace the profile, reads evaluate it at the injected clock's now. Not thread-safe; its owner locks.
/// </summary>
internal sealed class FocusMotor
{
    private readonly FocusLens _lens;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;
    private FocusProfile _profile;
    private string? _fault;

    public FocusMotor(FocusLens lens, TimeProvider time, double position)
    {
        _lens = lens;
        _time = time;
        _origin = time.GetUtcNow();
        _profile = FocusProfile.Rest(0, Math.Clamp(position, 0.0, 1.0));
    }

    public FocusDriver Driver { get; private set; }

    private double Now => (_time.GetUtcNow() - _origin).TotalSeconds;

    public double Position => _profile.PositionAt(Now);

    /// <summary>Where the current motion ends (the position itself when idle).</summary>
    public double Destination => _profile.FinalPosition;

    public bool IsMoving => _fault is null && _profile.IsMovingAt(Now);

    public string? Fault => _fault;

    public FocusStatus Status
    {
        get
        {
            var now = Now;
            if (_fault is not null) return new FocusStatus(_profile.PositionAt(now), FocusMoveStatus.UNKNOWN, _fault);
            return new FocusStatus(_profile.PositionAt(now), _profile.IsMovingAt(now) ? FocusMoveStatus.MOVING : FocusMoveStatus.IDLE, null);
        }
    }

    public void MoveTo(double target, double speed, FocusDriver driver)
    {
        var now = Now;
        _profile = FocusProfile.MoveTo(now, _profile.PositionAt(now), _profile.VelocityAt(now),
            Math.Clamp(target, 0.0, 1.0), Math.Min(speed, _lens.MaxSpeed), _lens.Acceleration);
        Driver = driver;
    }

    public void MoveContinuous(double speed, FocusDriver driver)
    {
        var now = Now;
        _profile = FocusProfile.Continuous(now, _profile.PositionAt(now), _profile.VelocityAt(now),
            Math.Clamp(speed, -_lens.MaxSpeed, _lens.MaxSpeed), _lens.Acceleration);
        Driver = driver;
    }

    /// <summary>Brakes to a stop at the motor's acceleration.</summary>
    public void Stop()
    {
        var now = Now;
        _profile = FocusProfile.Brake(now, _profile.PositionAt(now), _profile.VelocityAt(now), _lens.Acceleration);
    }

    /// <summary>Power is cut (a reboot): the lens stays where it is, with no motion and no fault.</summary>
    public void Halt()
    {
        var now = Now;
        _profile = FocusProfile.Rest(now, _profile.PositionAt(now));
        _fault = null;
        Driver = FocusDriver.None;
    }

    /// <summary>The motor loses its position (a stall, an encoder fault): it stops where it is and reports UNKNOWN.</summary>
    public void InjectFault(string error)
    {
        var now = Now;
        _profile = FocusProfile.Rest(now, _profile.PositionAt(now));
        _fault = error;
        Driver = FocusDriver.None;
    }

    public void ClearFault() => _fault = null;
}
