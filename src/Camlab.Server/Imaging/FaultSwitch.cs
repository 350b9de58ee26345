using Camlab.Device.Imaging;

namespace Camlab.Server.Imaging;

/// <summary>One line of <see cref="FaultSwitch.Snapshot"/>: a forced or detected condition, or a focus motor fault.</summary>
/// <param name="Forced">true/false while forced, null when the condition follows the video analysis.</param>
public sealed record FaultState(string Source, string Condition, bool State, bool? Forced, bool Detected);

/// <summary>A focus motor that is stalled by fault injection (GetStatus answers UNKNOWN with this error).</summary>
public sealed record FocusMotorFault(string Source, string Error);

/// <summary>Everything the fault-injection switch reports for one camera.</summary>
public sealed record FaultReport(IReadOnlyList<FaultState> Conditions, IReadOnlyList<FocusMotorFault> FocusMotors);

/// <summary>
/// The fault-injection switch of one camera, shared by the configuration (<c>forcedConditions</c>), the CLI
/// (<c>camlab serve --force</c>) and the HTTP API (<c>/api/v1/cameras/{n}/faults</c>). One instruction is
/// <c>VideoSource_1/ImageTooDark=true|false|auto</c> (any <see cref="VideoSourceCondition"/>) or
/// <c>VideoSource_1/FocusMotor=&lt;error text&gt;|auto</c> (stall the focus motor with that error, or release it).
/// </summary>
public sealed class FaultSwitch(CameraImaging imaging, VideoSourceAlarms alarms)
{
    public const string FocusMotor = "FocusMotor";

    /// <summary>Applies one instruction.</summary>
    /// <exception cref="FaultInstructionException">The text, the source or the condition is wrong; nothing changed.</exception>
    public void Apply(string text) => Prepare(text)();

    /// <summary>Applies every instruction or, when one is wrong, none (the exception names the first wrong one).</summary>
    public void ApplyAll(IEnumerable<string> texts)
    {
        var actions = texts.Select((text, i) =>
        {
            try { return Prepare(text); }
            catch (FaultInstructionException e) { throw new FaultInstructionException(e.Message, e.InnerException) { Index = i }; }
        }).ToList();
        foreach (var action in actions) action();
    }

    /// <summary>Checks the spelling of an instruction without a camera (configuration and CLI, before start-up).</summary>
    /// <exception cref="FaultInstructionException">The text is not an instruction.</exception>
    public static void CheckSyntax(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        var equals = text.IndexOf('=', Math.Max(slash, 0));
        if (slash > 0 && equals > slash && string.Equals(text[(slash + 1)..equals].Trim(), FocusMotor, StringComparison.OrdinalIgnoreCase))
        {
            if (text[(equals + 1)..].Trim().Length == 0) throw new FaultInstructionException($"'{text}': give an error text, or auto to release the motor", null);
            return;
        }
        try { ForcedCondition.Parse(text); }
        catch (FormatException e) { throw new FaultInstructionException(e.Message, e); }
    }

    /// <summary>Checks one instruction completely and returns what applies it.</summary>
    internal Action Prepare(string text) => PrepareNamed(text).Apply;

    /// <summary>
    /// Checks one instruction completely: its canonical name (<c>VideoSource_1/ImageTooDark</c>,
    /// <c>VideoSource_1/FocusMotor</c>), what applies it, what releases the condition or motor again (auto), and whether
    /// the instruction itself is a release.
    /// </summary>
    internal (string Name, Action Apply, Action Release, bool Releases) PrepareNamed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var slash = text.IndexOf('/');
            var equals = text.IndexOf('=', Math.Max(slash, 0));
            if (slash > 0 && equals > slash && string.Equals(text[(slash + 1)..equals].Trim(), FocusMotor, StringComparison.OrdinalIgnoreCase))
            {
                var source = imaging.Source(text[..slash].Trim());
                if (source.FocusStatus is null) throw ImagingException.FocusNotSupported(source.Token);
                var value = text[(equals + 1)..].Trim();
                if (value.Length == 0) throw new FormatException($"'{text}': give an error text, or auto to release the motor");
                var releases = value.Equals("auto", StringComparison.OrdinalIgnoreCase) || value.Equals("clear", StringComparison.OrdinalIgnoreCase);
                return ($"{source.Token}/{FocusMotor}", releases ? source.ClearFocusMotorFault : () => source.InjectFocusMotorFault(value),
                    source.ClearFocusMotorFault, releases);
            }
            var condition = ForcedCondition.Parse(text);
            // Reading the state checks the source and that the condition applies to it, without changing anything.
            alarms.State(condition.Source, condition.Condition);
            var release = condition with { State = null };
            return ($"{condition.Source}/{condition.Condition}", () => condition.ApplyTo(alarms), () => release.ApplyTo(alarms), condition.State is null);
        }
        catch (Exception e) when (e is FormatException or ImagingException { Error: ImagingError.NoSource or ImagingError.NoImagingForSource or ImagingError.FocusNotSupported })
        {
            throw new FaultInstructionException(e.Message, e);
        }
    }

    /// <summary>Releases every forced condition and every stalled focus motor.</summary>
    public void ClearAll()
    {
        alarms.ClearAllForcedConditions();
        foreach (var token in imaging.ImagingSources)
        {
            var source = imaging.Source(token);
            if (source.FocusStatus is { Error: not null }) source.ClearFocusMotorFault();
        }
    }

    public FaultReport Snapshot() => new(
        alarms.Snapshot().Select(s => new FaultState(s.Source, s.Condition.ToString(), s.State, s.Forced, s.Detected)).ToList(),
        imaging.ImagingSources
            .Select(t => (Token: t, Status: imaging.Source(t).FocusStatus))
            .Where(x => x.Status?.Error is not null)
            .Select(x => new FocusMotorFault(x.Token, x.Status!.Error!))
            .ToList());
}

/// <summary>A fault-injection instruction that cannot be applied; the message says why.</summary>
public sealed class FaultInstructionException(string message, Exception? inner) : Exception(message, inner)
{
    /// <summary>Which instruction of a list was wrong (0-based), when the list was applied as a whole.</summary>
    public int? Index { get; init; }
}
