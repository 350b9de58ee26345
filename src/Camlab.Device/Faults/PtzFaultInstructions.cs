using Camlab.Device.Ptz;

namespace Camlab.Device.Faults;

/// <summary>The PTZ fault kinds of a <see cref="FaultInstruction"/> (target: a PTZ node token) and their parameters.</summary>
public static class PtzFaultInstructions
{
    public static readonly IReadOnlyList<string> Kinds =
        ["MotorStall", "MoveStatusStuck", "TimeoutIgnored", "SlowAxes", "PositionDrift", "PresetOffTarget", "HeadReboot"];

    /// <summary>The fault of a PTZ kind (<paramref name="kind"/> spelled as in <see cref="Kinds"/>); null for another kind.</summary>
    /// <exception cref="FormatException">A parameter is wrong; the message names it.</exception>
    public static PtzFault? From(FaultInstruction instruction, string kind)
    {
        var p = instruction.Parameters;
        PtzFault? fault = kind switch
        {
            "MotorStall" => Stall(instruction, p),
            "MoveStatusStuck" => new PtzFault.MoveStatusStuck(),
            "TimeoutIgnored" => new PtzFault.TimeoutIgnored(),
            "SlowAxes" => new PtzFault.SlowAxes(p.Number("scale", 0.01, 1) ?? throw new FormatException($"'{instruction.Text}': scale: SlowAxes needs scale (0.01..1)")),
            "PositionDrift" => Offsets(instruction, p, (x, y, z) => new PtzFault.PositionDrift(x, y, z)),
            "PresetOffTarget" => Offsets(instruction, p, (x, y, z) => new PtzFault.PresetOffTarget(x, y, z)),
            "HeadReboot" => new PtzFault.HeadReboot(),
            _ => null,
        };
        if (fault is not null) p.RefuseUnread(kind);
        return fault;
    }

    private static PtzFault.MotorStall Stall(FaultInstruction instruction, FaultParameters p)
    {
        var axis = p.Choice("axis", "pantilt", "pan", "tilt", "zoom", "pantilt", "all");
        var axes = axis switch
        {
            "pan" => PtzAxes.Pan,
            "tilt" => PtzAxes.Tilt,
            "zoom" => PtzAxes.Zoom,
            "all" => PtzAxes.All,
            _ => PtzAxes.PanTilt,
        };
        var refuse = p.Choice("moves", "accept", "accept", "refuse") == "refuse";
        return new PtzFault.MotorStall(axes, refuse, p.Text("error", 128) ?? $"{axis} motor stalled");
    }

    private static PtzFault Offsets(FaultInstruction instruction, FaultParameters p, Func<double, double, double, PtzFault> make)
    {
        var (pan, tilt, zoom) = (p.Number("pan", -360, 360) ?? 0, p.Number("tilt", -180, 180) ?? 0, p.Number("zoom", -1000, 1000) ?? 0);
        if (pan == 0 && tilt == 0 && zoom == 0) throw new FormatException($"'{instruction.Text}': pan: give pan, tilt or zoom (a non-zero offset)");
        return make(pan, tilt, zoom);
    }
}
