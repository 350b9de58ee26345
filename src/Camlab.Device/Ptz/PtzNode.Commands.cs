namespace Camlab.Device.Ptz;

// What an object tracker needs from the node (PTZ 5.3.6): to notice any other command, to ask whether a direction
// is inside the range and limits, and to steer without ever overriding a newer command (latest command wins, 5.3).
public sealed partial class PtzNode
{
    private long _commandSequence;

    /// <summary>
    /// Raised (outside the node's lock, on the commanding thread) with the node token and the command's sequence
    /// number after every accepted move, stop, preset or home command, and after a reboot's <see cref="Reload"/>.
    /// </summary>
    public event Action<string, long>? Commanded;

    /// <summary>The sequence number of the last accepted command (0 before any).</summary>
    public long CommandSequence { get { lock (_gate) return _commandSequence; } }

    /// <summary>
    /// A ContinuousMove that applies only if no command was accepted since <paramref name="sinceSequence"/>: a
    /// tracker steers with it, so a client command that arrived meanwhile is never overridden.
    /// </summary>
    /// <returns>The sequence number of this command, or null when another command came first (nothing changed).</returns>
    public long? ContinuousMoveIfUnchanged(long sinceSequence, PtzVector velocity, TimeSpan timeout) =>
        ContinuousMove(velocity, timeout, sinceSequence);

    /// <summary>
    /// Checks a tt:PTZSpeed the way a move would (InvalidSpeed, SpaceNotSupported) without moving: a request whose
    /// Speed has nothing to act on is still refused when the Speed itself is wrong.
    /// </summary>
    public void CheckSpeed(PtzVector speed)
    {
        lock (_gate) Speeds(speed, FramePoseLocked(_time.GetUtcNow()));
    }

    private long NextCommandLocked(List<Action> notes)
    {
        var sequence = ++_commandSequence;
        var token = Token;
        notes.Add(() => Commanded?.Invoke(token, sequence));
        return sequence;
    }
}
