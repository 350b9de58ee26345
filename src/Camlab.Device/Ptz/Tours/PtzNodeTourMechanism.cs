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

    public TourVectorCheck CheckPosition(PtzVector position)
    {
        var configuration = _node.Configuration;
        var geometry = _node.Geometry;
        if (position.PanTilt is { } p)
        {
            var space = geometry.Find(p.Space ?? configuration.DefaultAbsolutePanTiltPositionSpace ?? PtzSpaces.PanTiltPositionGeneric,
                PtzSpaceGroup.AbsolutePanTiltPosition);
            if (space is null) return TourVectorCheck.SpaceNotSupported;
            if (!space.XRange.Contains(p.X, Tolerance(space.XRange)) || space.YRange is not { } yRange || !yRange.Contains(p.Y, Tolerance(yRange)))
                return TourVectorCheck.OutOfRange;
            if (configuration.PanTiltLimits is { Y: { } limitY } limits && geometry.Find(limits.Space, PtzSpaceGroup.AbsolutePanTiltPosition) is not null)
            {
                var (pan, tilt) = geometry.PanTiltFromSpace(space.Uri, p.X, p.Y);
                var (x, y) = geometry.PanTiltToSpace(limits.Space, pan, tilt);
                if (!limits.X.Contains(x, Tolerance(limits.X)) || !limitY.Contains(y, Tolerance(limitY))) return TourVectorCheck.OutOfRange;
            }
        }
        if (position.Zoom is { } z)
        {
            var space = geometry.Find(z.Space ?? configuration.DefaultAbsoluteZoomPositionSpace ?? PtzSpaces.ZoomPositionGeneric,
                PtzSpaceGroup.AbsoluteZoomPosition);
            if (space is null) return TourVectorCheck.SpaceNotSupported;
            if (!space.XRange.Contains(z.X, Tolerance(space.XRange))) return TourVectorCheck.OutOfRange;
            if (configuration.ZoomLimits is { } limits && geometry.Find(limits.Space, PtzSpaceGroup.AbsoluteZoomPosition) is not null)
            {
                var x = geometry.ZoomToSpace(limits.Space, geometry.ZoomFromSpace(space.Uri, z.X));
                if (!limits.X.Contains(x, Tolerance(limits.X))) return TourVectorCheck.OutOfRange;
            }
        }
        return TourVectorCheck.Valid;
    }

    public TourVectorCheck CheckSpeed(PtzVector speed)
    {
        var defaults = _node.Configuration.DefaultSpeed;
        if (speed.PanTilt is { } p)
        {
            var space = Space(p.Space ?? defaults.PanTilt?.Space ?? PtzSpaces.PanTiltSpeedGeneric, PtzSpaceGroup.PanTiltSpeed);
            if (space is null) return TourVectorCheck.SpaceNotSupported;
            if (!space.XRange.Contains(p.X, Tolerance(space.XRange))) return TourVectorCheck.OutOfRange;
        }
        if (speed.Zoom is { } z)
        {
            var space = Space(z.Space ?? defaults.Zoom?.Space ?? PtzSpaces.ZoomSpeedGeneric, PtzSpaceGroup.ZoomSpeed);
            if (space is null) return TourVectorCheck.SpaceNotSupported;
            if (!space.XRange.Contains(z.X, Tolerance(space.XRange))) return TourVectorCheck.OutOfRange;
        }
        return TourVectorCheck.Valid;
    }

    public void GotoPreset(string presetToken, PtzVector? speed) => Issue(() => _node.GotoPreset(presetToken, speed, PtzRamp.PresetTour));

    public void GotoHome(PtzVector? speed) => Issue(() => _node.GotoHomePosition(speed, PtzRamp.PresetTour));

    public void MoveTo(PtzVector position, PtzVector? speed) => Issue(() => _node.AbsoluteMove(position, speed, PtzRamp.PresetTour));

    public void Stop() => Issue(() => _node.Stop());

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

    // Requests arrive as xs:float: the same tolerance the node applies to its ranges.
    private static double Tolerance(FloatRange r) =>
        1e-6 * Math.Max(1, Math.Max(double.IsInfinity(r.Min) ? 0 : Math.Abs(r.Min), double.IsInfinity(r.Max) ? 0 : Math.Abs(r.Max)));
}
