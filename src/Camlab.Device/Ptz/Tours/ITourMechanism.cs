namespace Camlab.Device.Ptz.Tours;

/// <summary>
/// The part of one PTZ node that a preset tour drives. The tour engine knows nothing of spaces, ramps or
/// trajectories: it asks the mechanism to go somewhere and waits for <see cref="MoveFinished"/>.
/// The integrator adapts the node's PTZ device to this interface; moves issued through it are tour moves
/// and should use the configuration's PresetTourRamp (PTZ 5.2).
/// </summary>
/// <remarks>
/// Threading: the engine calls the mechanism while holding its own lock, so the mechanism must raise
/// <see cref="MoveFinished"/> without holding a lock of its own (a timer callback raising it directly is fine).
/// It may raise it synchronously from inside a move call when the target is already reached.
/// </remarks>
public interface ITourMechanism
{
    /// <summary>The node's preset tokens, in the order GetPresets lists them (PTZPresetTourPresetDetailOptions).</summary>
    IReadOnlyList<string> PresetTokens { get; }

    /// <summary>Whether the node has a home position (PTZ 5.1: HomeSupported).</summary>
    bool HomeSupported { get; }

    /// <summary>The node's default absolute pan/tilt position space, or null when the node cannot pan/tilt.</summary>
    PtzSpaceDescription? PanTiltPositionSpace { get; }

    /// <summary>The node's default absolute zoom position space, or null when the node cannot zoom.</summary>
    PtzSpaceDescription? ZoomPositionSpace { get; }

    /// <summary>True when no axis is moving.</summary>
    bool IsIdle { get; }

    /// <summary>Raised once a move started through this interface has come to rest (reached or at a limit).</summary>
    event Action? MoveFinished;

    /// <summary>
    /// Raised when a command that did not come through this interface took the mechanism over (a client's move,
    /// stop, preset or home): the latest command wins (PTZ 5.3), so a touring tour ends.
    /// </summary>
    event Action? Commanded;

    /// <summary>Checks an absolute position for a tour spot: supported spaces, ranges and limits.</summary>
    TourVectorCheck CheckPosition(PtzVector position);

    /// <summary>Checks a speed for a tour spot: speed spaces the node supports and their ranges.</summary>
    TourVectorCheck CheckSpeed(PtzVector speed);

    void GotoPreset(string presetToken, PtzVector? speed);

    void GotoHome(PtzVector? speed);

    void MoveTo(PtzVector position, PtzVector? speed);

    /// <summary>Stops every axis (pause, stop, end of a recurring duration).</summary>
    void Stop();
}
