namespace Camlab.Device.Ptz.Tracking;

/// <summary>Why the last tracking ended.</summary>
public enum TrackingEnd
{
    /// <summary>Another command reached the node (a client's move, stop, preset, home, GeoMove, a tour, a reboot).</summary>
    Commanded,

    /// <summary>The object left the node's range or limits (or disappeared); the head was braked.</summary>
    OutOfReach,

    /// <summary><see cref="ObjectTracker.End"/> was called (the tracker is disposed, or the host stopped it).</summary>
    Ended,
}

/// <summary>
/// The tracking half of MoveAndStartTracking (PTZ 5.3.6) for one node: after the optional move has come to rest,
/// the node follows an object by velocity pursuit. Every <see cref="Cadence"/> (a timer on the node's clock) the
/// tracker reads where the object is now and one cadence ahead (in the node's native frame: degrees on the dome,
/// window centre on the digital window) and commands a ContinuousMove (generic velocity space) of
/// <c>v = ω + e / <see cref="TimeConstant"/></c> — the object's own velocity ω (feed-forward, so a steady motion is
/// followed without lag) plus the pointing error e closed in about one time constant — clamped to the node's
/// maximum pan/tilt speed. The node's motors keep their acceleration ramps, limits, e-flip and reverse; zoom is
/// left as it is.
/// <para>
/// Tracking ends on any other command the node accepts (<see cref="PtzNode.Commanded"/>): the client takes the
/// control back. Each pursuit step applies only if no command arrived since the tracker's last one
/// (<see cref="PtzNode.ContinuousMoveIfUnchanged"/>), so a client command is never overridden. When the object's
/// direction leaves the node's range or limits, the tracker brakes the head and ends; each step's continuous move
/// also has a short timeout, so the head never runs on without a tracker.
/// </para>
/// </summary>
public sealed class ObjectTracker : IDisposable
{
    /// <summary>How often the pursuit is recomputed.</summary>
    public static readonly TimeSpan Cadence = TimeSpan.FromMilliseconds(200);

    /// <summary>The pointing error shrinks by e^(−t/τ) with τ this long (when the speed limit is not reached).</summary>
    public static readonly TimeSpan TimeConstant = TimeSpan.FromMilliseconds(500);

    private readonly object _gate = new();
    private readonly PtzNode _node;
    private readonly ITrackableObjects _objects;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private int? _objectId;
    private bool _movingFirst;
    private bool _issuing;
    private long _sequence;
    private bool _disposed;

    public ObjectTracker(PtzNode node, ITrackableObjects objects, TimeProvider time)
    {
        _node = node;
        _objects = objects;
        _time = time;
        _timer = time.CreateTimer(_ => Step(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        node.Commanded += OnCommanded;
    }

    public PtzNode Node => _node;

    public ITrackableObjects Objects => _objects;

    /// <summary>The object being tracked (also while the move before tracking is under way), or null.</summary>
    public int? TrackedObjectId { get { lock (_gate) return _objectId; } }

    /// <summary>True while the move of MoveAndStartTracking runs and tracking has not taken over yet.</summary>
    public bool IsMovingFirst { get { lock (_gate) return _objectId is not null && _movingFirst; } }

    /// <summary>Why the last tracking ended (null before any ended).</summary>
    public TrackingEnd? LastEnd { get { lock (_gate) return _lastEnd; } }
    private TrackingEnd? _lastEnd;

    /// <summary>
    /// Starts tracking <paramref name="objectId"/>, replacing any tracking. <paramref name="moveFirst"/> (the
    /// preset, position or geolocation move of the request) runs first; tracking takes over once it has come to
    /// rest. Without a move the object must be reachable now (5.3.6: "shall fail if the requested absolute position
    /// is not reachable"). A refused request (an exception from here or from the move) changes nothing.
    /// </summary>
    /// <exception cref="PtzException">NoObject, InvalidPosition; or whatever the move throws.</exception>
    public void Start(int objectId, Action? moveFirst = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            var direction = _objects.DirectionAt(objectId, now)
                ?? throw new PtzException(PtzError.NoObject, $"there is no object {objectId} to track (known: {string.Join(", ", _objects.Objects.Select(o => o.Id))})");
            if (moveFirst is null && !_node.CanReach(direction.Pan, direction.Tilt))
                throw new PtzException(PtzError.InvalidPosition, double.IsFinite(direction.Pan) && double.IsFinite(direction.Tilt)
                    ? $"object {objectId} needs pan {direction.Pan:0.####} tilt {direction.Tilt:0.####}, outside the range, window or limits of PTZ node {_node.Token}"
                    : $"object {objectId} is not where PTZ node {_node.Token} can see it");
            if (moveFirst is not null)
            {
                _issuing = true;
                try { moveFirst(); }
                finally { _issuing = false; }
            }
            _objectId = objectId;
            _movingFirst = moveFirst is not null;
            _sequence = _node.CommandSequence;
            _timer.Change(Cadence, Cadence);
            // Without a move the head starts turning with the response, not one cadence later.
            if (!_movingFirst) StepLocked();
        }
    }

    /// <summary>
    /// Where <paramref name="direction"/> appears in the node's picture now: x right and y up with the image border
    /// at ±1 (the FOV convention of PTZ A.3.2; a pinhole lens at the current zoom on the dome, the window on the
    /// digital node); null when it is behind the camera, unknown (NaN) or the node has no model of its picture.
    /// </summary>
    public (double X, double Y)? ImagePosition(ObjectDirection direction)
    {
        if (!double.IsFinite(direction.Pan) || !double.IsFinite(direction.Tilt)) return null;
        var pose = _node.CurrentPose;
        switch (_node.Geometry)
        {
            case DomeGeometry dome:
                if (AngleBetween(pose.Pan, pose.Tilt, direction.Pan, direction.Tilt) >= 89) return null;
                return dome.FovCoordinates(direction.Pan, direction.Tilt, pose);
            case DigitalWindowGeometry:
                var half = 0.5 / pose.Zoom; // A.2.2: the window spans the centre ± half a window
                return ((direction.Pan - pose.Pan) / half, (direction.Tilt - pose.Tilt) / half);
            default:
                return null;
        }
    }

    /// <summary>True when the object's centre is inside the node's picture now.</summary>
    public bool InView(ObjectDirection direction) => ImagePosition(direction) is { } p && Math.Abs(p.X) <= 1 && Math.Abs(p.Y) <= 1;

    /// <summary>The object in the picture nearest its centre (what to track when a client names none), or null.</summary>
    public int? ObjectNearestCentre()
    {
        var now = _time.GetUtcNow();
        return _objects.Objects
            .Select(o => (o.Id, Image: _objects.DirectionAt(o.Id, now) is { } d && InView(d) ? ImagePosition(d) : null))
            .Where(o => o.Image is not null)
            .OrderBy(o => o.Image!.Value.X * o.Image.Value.X + o.Image.Value.Y * o.Image.Value.Y)
            .Select(o => (int?)o.Id)
            .FirstOrDefault();
    }

    /// <summary>Degrees between two (pan, tilt) directions.</summary>
    public static double AngleBetween(double pan1, double tilt1, double pan2, double tilt2)
    {
        const double rad = Math.PI / 180;
        var cos = Math.Sin(tilt1 * rad) * Math.Sin(tilt2 * rad) + Math.Cos(tilt1 * rad) * Math.Cos(tilt2 * rad) * Math.Cos((pan2 - pan1) * rad);
        return Math.Acos(Math.Clamp(cos, -1, 1)) / rad;
    }

    /// <summary>Ends tracking without touching the motors (the last pursuit step still ends at its timeout).</summary>
    public void End()
    {
        lock (_gate) EndLocked(TrackingEnd.Ended);
    }

    private void OnCommanded(string node, long sequence)
    {
        // Never wait here: the commanding thread may hold a lock (a tour engine's) that a pursuit step in another
        // thread needs. If the tracker is busy, its next step sees the node's newer command and ends then.
        if (!Monitor.TryEnter(_gate)) return;
        try
        {
            if (_issuing || _objectId is null) return;
            EndLocked(TrackingEnd.Commanded);
        }
        finally { Monitor.Exit(_gate); }
    }

    private void Step()
    {
        lock (_gate) StepLocked();
    }

    private void StepLocked()
    {
        if (_objectId is not { } id || _disposed) return;
        if (_node.CommandSequence != _sequence)
        {
            EndLocked(TrackingEnd.Commanded); // a command this tracker did not hear at once (it was busy)
            return;
        }
        if (_movingFirst)
        {
            if (!_node.IsIdle) return;
            _movingFirst = false;
        }
        var now = _time.GetUtcNow();
        if (_objects.DirectionAt(id, now) is not { } target || !_node.CanReach(target.Pan, target.Tilt))
        {
            // Brake where it is; nothing claims the object is still followed. A node that refuses even that (its
            // configuration changed under the tracker) has nothing to brake with; tracking ends all the same.
            try { Steer(0, 0); }
            catch (PtzException) { }
            EndLocked(TrackingEnd.OutOfReach);
            return;
        }
        var ahead = _objects.DirectionAt(id, now + Cadence) is { } a && double.IsFinite(a.Pan) && double.IsFinite(a.Tilt) ? a : target;
        var pose = _node.CurrentPose;
        var seconds = Cadence.TotalSeconds;
        var vPan = PanDifference(ahead.Pan, target.Pan) / seconds + PanDifference(target.Pan, pose.Pan) / TimeConstant.TotalSeconds;
        var vTilt = (ahead.Tilt - target.Tilt) / seconds + (target.Tilt - pose.Tilt) / TimeConstant.TotalSeconds;
        try
        {
            if (!Steer(vPan, vTilt)) EndLocked(TrackingEnd.Commanded);
        }
        catch (PtzException)
        {
            // The configuration changed under the tracker (e.g. the velocity space is gone): it cannot steer.
            EndLocked(TrackingEnd.OutOfReach);
        }
    }

    /// <returns>False when a command of someone else came first (the node kept it).</returns>
    private bool Steer(double vPan, double vTilt)
    {
        // The generic velocity space is a fraction of the node's maximum speed on every node (5.7.3).
        var max = _node.Definition.Mechanics.PanTiltMaxSpeed;
        var (x, y) = (Deadband(Math.Clamp(vPan / max, -1, 1)), Deadband(Math.Clamp(vTilt / max, -1, 1)));
        // On a still object the head comes to rest (MoveFinished, idle for tours and focus) and stays there.
        if (x == 0 && y == 0 && _node.IsIdle) return true;
        var velocity = new PtzVector(new PanTiltVector(x, y, PtzSpaces.PanTiltVelocityGeneric), null);
        // Long enough to bridge a late timer tick, short enough that the head stops soon without a tracker.
        var timeout = _node.Definition.Mechanics.TimeoutMin > 4 * Cadence ? _node.Definition.Mechanics.TimeoutMin : 4 * Cadence;
        _issuing = true;
        try
        {
            if (_node.ContinuousMoveIfUnchanged(_sequence, velocity, timeout) is not { } sequence) return false;
            _sequence = sequence;
            return true;
        }
        finally { _issuing = false; }
    }

    private void EndLocked(TrackingEnd why)
    {
        if (_objectId is null) return;
        _objectId = null;
        _movingFirst = false;
        _lastEnd = why;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Below 10⁻⁴ of the maximum speed (0.012°/s on the dome, an error under 0.006°) the head holds still rather
    /// than creep: a real drive has a smallest speed, and a head at rest lets tours start and focus settle.
    /// </summary>
    private static double Deadband(double generic) => Math.Abs(generic) < 1e-4 ? 0 : generic;

    /// <summary>a − b; the short way round on an endless pan.</summary>
    private double PanDifference(double a, double b) => _node.Geometry.PanIsEndless ? DomeGeometry.Wrap180(a - b) : a - b;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            EndLocked(TrackingEnd.Ended);
            _disposed = true;
        }
        _node.Commanded -= OnCommanded;
        _timer.Dispose();
    }
}
