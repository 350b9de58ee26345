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
    /// True when an AbsoluteMove to (<paramref name="pan"/>, <paramref name="tilt"/>) in the spherical degrees space
    /// would be accepted: inside the space's range (which follows e-flip and reverse) and the configured limits
    /// (PTZ 5.2.1). False on a node without that space.
    /// </summary>
    public bool CanReach(double pan, double tilt)
    {
        lock (_gate)
        {
            if (_geometry.Find(PtzSpaces.PanTiltPositionDegrees, PtzSpaceGroup.AbsolutePanTiltPosition) is not { YRange: { } y } space) return false;
            if (!space.XRange.Contains(pan, Tol(space.XRange)) || !y.Contains(tilt, Tol(y))) return false;
            var (p, t) = _geometry.PanTiltFromSpace(space.Uri, pan, tilt);
            try { CheckPanTiltLimits(p, t); }
            catch (PtzException) { return false; }
            return true;
        }
    }

    /// <summary>
    /// A ContinuousMove that applies only if no command was accepted since <paramref name="sinceSequence"/>: a
    /// tracker steers with it, so a client command that arrived meanwhile is never overridden.
    /// </summary>
    /// <returns>The sequence number of this command, or null when another command came first (nothing changed).</returns>
    public long? ContinuousMoveIfUnchanged(long sinceSequence, PtzVector velocity, TimeSpan timeout) =>
        ContinuousMove(velocity, timeout, sinceSequence);

    private long NextCommandLocked(List<Action> notes)
    {
        var sequence = ++_commandSequence;
        var token = Token;
        notes.Add(() => Commanded?.Invoke(token, sequence));
        return sequence;
    }
}
