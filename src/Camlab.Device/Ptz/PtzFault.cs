namespace Camlab.Device.Ptz;

/// <summary>The motors a <see cref="PtzFault.MotorStall"/> stops.</summary>
[Flags]
public enum PtzAxes { Pan = 1, Tilt = 2, Zoom = 4, PanTilt = Pan | Tilt, All = Pan | Tilt | Zoom }

/// <summary>
/// Misbehaviour of a PTZ head that real firmware shows and clients must survive; <see cref="PtzNode.Inject"/> makes
/// one act until <see cref="PtzNode.Release"/>. The node keeps its motion a function of the clock while faulted.
/// docs/faults.md describes what a client sees for each.
/// </summary>
public abstract record PtzFault
{
    /// <summary>
    /// The motors of <paramref name="Axes"/> stop where they are: GetStatus reports their MoveStatus UNKNOWN and
    /// <paramref name="Error"/>. Moves are refused with ter:NoStatus (<paramref name="RefuseMoves"/>) or accepted
    /// without the stalled axes moving.
    /// </summary>
    public sealed record MotorStall(PtzAxes Axes, bool RefuseMoves, string Error) : PtzFault;

    /// <summary>GetStatus keeps reporting MOVING on every axis after the motion has ended.</summary>
    public sealed record MoveStatusStuck : PtzFault;

    /// <summary>ContinuousMove ignores its Timeout (and DefaultPTZTimeout): the motion runs until Stop or the limits.</summary>
    public sealed record TimeoutIgnored : PtzFault;

    /// <summary>Every commanded speed and velocity is multiplied by <paramref name="Scale"/> (0 &lt; scale ≤ 1).</summary>
    public sealed record SlowAxes(double Scale) : PtzFault;

    /// <summary>GetStatus reports the position off by these amounts (native units: degrees and mm, or window units).</summary>
    public sealed record PositionDrift(double Pan, double Tilt, double Zoom) : PtzFault;

    /// <summary>GotoPreset lands this far (native units) from the stored preset, and reports Reached all the same.</summary>
    public sealed record PresetOffTarget(double Pan, double Tilt, double Zoom) : PtzFault;

    /// <summary>
    /// The head restarts: its motors stop where they are, GetStatus reports UNKNOWN with an error and every move is
    /// refused with ter:NoStatus; when the fault ends the head finds its home position (the home, else its start pose).
    /// </summary>
    public sealed record HeadReboot : PtzFault;
}
