namespace Camlab.Device.Ptz.Tours;

/// <summary>
/// <see cref="ITourMechanism"/> over a <see cref="PtzNode"/>: tour moves are the node's GotoPreset,
/// GotoHomePosition and AbsoluteMove with the configuration's PresetTourRamp (PTZ 5.2), so they take time, ramp,
/// respect limits and raise the PTZPresets events like any other move. Spot checks mirror the node's own checks
/// of AbsoluteMove (space, range, limits — PTZ 5.2.1) and of speeds, so ModifyPresetTour refuses what a run
/// could not do. Every other command the node accepts raises <see cref="Commanded"/>: the node announces each
/// command on the commanding thread, and the tour's own are told apart by the thread that issues them.
/// </summary>
public sealed class PtzNodeTourMechanism : ITourMechanism, IDisposable
{
    [ThreadStatic] private static PtzNodeTourMechanism? t_issuing;
    private readonly PtzNode _node;

    public PtzNodeTourMechanism(PtzNode node)
    {
        _node = node;
        _node.MoveFinished += OnNodeMoveFinished;
        _node.Commanded += OnNodeCommanded;
    }

    public event Action? MoveFinished;

    public event Action? Commanded;

    public IReadOnlyList<string> PresetTokens => _node.GetPresets().Select(p => p.Token).ToList();

    public bool HomeSupported => _node.Definition.HomeSupported && _node.HomePosition is not null;

    public PtzSpaceDescription? PanTiltPositionSpace =>
        Space(_node.Configuration.DefaultAbsolutePanTiltPositionSpace ?? PtzSpaces.PanTiltPositionGeneric, PtzSpaceGroup.AbsolutePanTiltPosition);

    public PtzSpaceDescription? ZoomPositionSpace =>
        Space(_node.Configuration.DefaultAbsoluteZoomPositionSpace ?? PtzSpaces.ZoomPositionGeneric, PtzSpaceGroup.AbsoluteZoomPosition);

    public bool IsIdle => _node.IsIdle;

    public TourVectorCheck CheckPosition(PtzVector position) => _node.CheckAbsolutePosition(position) switch
    {
        null => TourVectorCheck.Valid,
        PtzError.SpaceNotSupported => TourVectorCheck.SpaceNotSupported,
        _ => TourVectorCheck.OutOfRange,
    };

    public TourVectorCheck CheckSpeed(PtzVector speed)
    {
        try { _node.CheckSpeed(speed); }
        catch (PtzException e) { return e.Error == PtzError.SpaceNotSupported ? TourVectorCheck.SpaceNotSupported : TourVectorCheck.OutOfRange; }
        return TourVectorCheck.Valid;
    }

    public void GotoPreset(string presetToken, PtzVector? speed) => Issue(() => _node.GotoPreset(presetToken, speed, PtzRamp.PresetTour));

    public void GotoHome(PtzVector? speed) => Issue(() => _node.GotoHomePosition(speed, PtzRamp.PresetTour));

    public void MoveTo(PtzVector position, PtzVector? speed) => Issue(() => _node.AbsoluteMove(position, speed, PtzRamp.PresetTour));

    // A head that refuses even a stop (an injected fault: restarting, a stalled motor) is not moving for the tour.
    public void Stop() => Issue(() =>
    {
        try { _node.Stop(); }
        catch (PtzException e) when (e.Error == PtzError.NoStatus) { }
    });

    public void Dispose()
    {
        _node.MoveFinished -= OnNodeMoveFinished;
        _node.Commanded -= OnNodeCommanded;
    }

    private void OnNodeMoveFinished(string nodeToken) => MoveFinished?.Invoke();

    private void OnNodeCommanded(string nodeToken, long sequence)
    {
        if (t_issuing != this) Commanded?.Invoke();
    }

    private void Issue(Action command)
    {
        var outer = t_issuing;
        t_issuing = this;
        try { command(); }
        finally { t_issuing = outer; }
    }

    private PtzSpaceDescription? Space(string uri, PtzSpaceGroup group) => _node.Geometry.Find(uri, group);
}
