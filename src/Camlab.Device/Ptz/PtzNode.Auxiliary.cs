namespace Camlab.Device.Ptz;

// PTZ 5.6 / core spec 8.6: auxiliary commands are "tt:Name|Value" strings; the node lists the ones it accepts.
public sealed partial class PtzNode
{
    private readonly Dictionary<string, string> _auxiliary = new(StringComparer.Ordinal);

    /// <summary>The last value set per auxiliary function, e.g. <c>tt:IRLamp</c> → <c>Auto</c> (the renderer reads it).</summary>
    public IReadOnlyDictionary<string, string> AuxiliaryStates { get { lock (_gate) return new Dictionary<string, string>(_auxiliary); } }

    /// <summary>
    /// SendAuxiliaryCommand (5.6.1): the command must be one the node lists, spelled exactly; its effect is kept
    /// and persisted. Returns the auxiliary response (the command as applied).
    /// </summary>
    public string SendAuxiliaryCommand(string command)
    {
        if (!Definition.AuxiliaryCommands.Contains(command, StringComparer.Ordinal))
            throw new PtzException(PtzError.AuxiliaryDataNotSupported,
                Definition.AuxiliaryCommands.Count == 0
                    ? $"node {Token} has no auxiliary commands"
                    : $"'{command}' is not one of {string.Join(", ", Definition.AuxiliaryCommands)}");
        var bar = command.IndexOf('|');
        var function = bar < 0 ? command : command[..bar];
        var value = bar < 0 ? "" : command[(bar + 1)..];
        lock (_gate)
        {
            var next = new Dictionary<string, string>(_auxiliary, StringComparer.Ordinal) { [function] = value };
            SaveAuxiliary(next);
            _auxiliary[function] = value;
        }
        return command;
    }
}
