using System.Globalization;
using Camlab.Device.Events;
using Camlab.Device.State;

namespace Camlab.Device.Ptz.Tours;

/// <summary>
/// The preset tours of one PTZ node (PTZ 5.8): their definitions, persisted through <see cref="IStateStore"/>,
/// and the tour that is running. Runs on <see cref="TimeProvider"/> timers and the mechanism's
/// <see cref="ITourMechanism.MoveFinished"/>; it has no thread of its own. Every change is announced on the
/// event bus as the property PTZController/PTZPresetTours/Configuration (PTZ 5.11.2), once per media profile
/// whose PTZ configuration uses this node.
/// </summary>
public sealed partial class PresetTourEngine : IDisposable
{
    public const string ConfigurationTopic = "PTZController/PTZPresetTours/Configuration";
    public const string TokenPrefix = "PresetTour_";

    private readonly object _gate = new();
    private readonly string _nodeToken;
    private readonly ITourMechanism _mechanism;
    private readonly IStateStore _store;
    private readonly EventBus _events;
    private readonly TimeProvider _time;
    private readonly Func<IReadOnlyList<string>> _profileTokens;
    private readonly Random _random;
    private List<PresetTour> _tours;
    private int _nextToken;
    private bool _disposed;

    /// <param name="nodeToken">The PTZ node the tours belong to; names the persisted document.</param>
    /// <param name="profileTokens">The media profiles whose PTZ configuration uses this node (event sources).</param>
    /// <param name="random">The source of random spot order; pass a seeded one for reproducible tours.</param>
    public PresetTourEngine(
        string nodeToken,
        ITourMechanism mechanism,
        PresetTourOptions options,
        IStateStore store,
        EventBus events,
        TimeProvider time,
        Func<IReadOnlyList<string>> profileTokens,
        Random? random = null)
    {
        _nodeToken = nodeToken;
        _mechanism = mechanism;
        Options = options;
        _store = store;
        _events = events;
        _time = time;
        _profileTokens = profileTokens;
        _random = random ?? new Random();

        var document = PresetTourDocument.Load(store, nodeToken);
        _tours = document?.Tours.ToList() ?? [];
        _nextToken = document?.NextToken ?? 1;
        _mechanism.MoveFinished += OnMoveFinished;
        _mechanism.Commanded += AbortByClientCommand;

        // PTZ 5.8.8 AutoStart: "activated always" — the marked tour starts again whenever the device starts.
        lock (_gate)
        {
            foreach (var tour in _tours) Publish(tour, PropertyOperation.Initialized, stateChanged: false);
            var autoStart = _tours.FirstOrDefault(t => t.AutoStart);
            if (autoStart is not null && RunProblem(autoStart) is null) BeginRun(autoStart, stateChanged: true);
        }
    }

    public string NodeToken => _nodeToken;

    public PresetTourOptions Options { get; }

    /// <summary>The mechanism, for the choices GetPresetTourOptions lists (presets, home, spaces).</summary>
    public ITourMechanism Mechanism => _mechanism;

    public IReadOnlyList<PresetTourSnapshot> GetPresetTours()
    {
        lock (_gate) return _tours.Select(Snapshot).ToList();
    }

    /// <exception cref="PresetTourException">NoToken.</exception>
    public PresetTourSnapshot GetPresetTour(string token)
    {
        lock (_gate) return Snapshot(Find(token));
    }

    /// <summary>PTZ 5.8.4: a new, empty, idle tour; its token is returned.</summary>
    /// <exception cref="PresetTourException">TooManyPresetTours.</exception>
    public string CreatePresetTour()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_tours.Count >= Options.MaximumNumberOfPresetTours)
                throw new PresetTourException(PresetTourFault.TooManyPresetTours,
                    $"node {_nodeToken} already holds its maximum of {Options.MaximumNumberOfPresetTours} preset tours");
            var next = _nextToken;
            string token;
            do token = TokenPrefix + (next++).ToString(CultureInfo.InvariantCulture);
            while (_tours.Any(t => t.Token == token));
            var tour = new PresetTour(token, null, false, PresetTourStartingCondition.Default, []);
            var tours = new List<PresetTour>(_tours) { tour };
            Commit(tours, next);
            Publish(tour, PropertyOperation.Initialized, stateChanged: false);
            return token;
        }
    }

    /// <summary>
    /// PTZ 5.8.5: replaces the definition of an existing tour (its Status is not part of a definition). A tour
    /// that is running goes on with the definition it was started with until it is started again.
    /// Setting AutoStart clears it on every other tour of the node.
    /// </summary>
    /// <exception cref="PresetTourException">NoToken, InvalidPresetTour, TooManyPresets, SpaceNotSupported.</exception>
    public void ModifyPresetTour(PresetTour tour)
    {
        ArgumentNullException.ThrowIfNull(tour);
        lock (_gate)
        {
            ThrowIfDisposed();
            var index = IndexOf(tour.Token);
            Validate(tour);
            var tours = new List<PresetTour>(_tours) { [index] = tour };
            var clearedAutoStart = new List<int>();
            if (tour.AutoStart)
            {
                for (var i = 0; i < tours.Count; i++)
                {
                    if (i == index || !tours[i].AutoStart) continue;
                    tours[i] = tours[i] with { AutoStart = false };
                    clearedAutoStart.Add(i);
                }
            }
            Commit(tours, _nextToken);
            Publish(tour, PropertyOperation.Changed, stateChanged: false);
            foreach (var i in clearedAutoStart) Publish(_tours[i], PropertyOperation.Changed, stateChanged: false);
        }
    }

    /// <summary>PTZ 5.8.7: removes a tour, stopping it first when it runs.</summary>
    /// <exception cref="PresetTourException">NoToken.</exception>
    public void RemovePresetTour(string token)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var tour = Find(token);
            var tours = _tours.Where(t => t.Token != token).ToList();
            Commit(tours, _nextToken);
            var wasActive = _run?.Tour.Token == token;
            if (wasActive) EndRun(stopMechanism: true);
            Publish(tour, PropertyOperation.Deleted, stateChanged: wasActive);
        }
    }

    /// <summary>
    /// PTZ 5.8.6. Start begins an idle tour, resumes a paused one where it paused, and restarts a touring one
    /// from its first spot with its current definition. Start and Stop clear AutoStart; Pause and resume do not
    /// (PTZ 5.8.8). Stop or Pause of an idle tour changes nothing.
    /// </summary>
    /// <exception cref="PresetTourException">NoToken, InvalidPresetTour, ActivationFailed.</exception>
    public void OperatePresetTour(string token, PresetTourOperation operation)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var tour = Find(token);
            var mine = _run is { } run && run.Tour.Token == token ? run : null;
            switch (operation)
            {
                case PresetTourOperation.Start when mine is { State: PresetTourState.Paused }:
                    Resume(mine);
                    break;
                case PresetTourOperation.Start:
                    Start(tour, restart: mine is not null);
                    break;
                case PresetTourOperation.Pause:
                    if (mine is { State: PresetTourState.Touring }) Pause(mine);
                    break;
                case PresetTourOperation.Stop:
                {
                    var stored = tour.AutoStart ? ClearAutoStart(tour) : tour;
                    if (mine is not null) EndRun(stopMechanism: true);
                    if (mine is not null || !ReferenceEquals(stored, tour))
                        Publish(stored, PropertyOperation.Changed, stateChanged: mine is not null);
                    break;
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
            }
        }
    }

    /// <summary>
    /// A client command (a move, a preset, home, stop) took over the mechanism: the touring tour ends, as the
    /// latest command wins. A paused tour stays paused. The mechanism's <see cref="ITourMechanism.Commanded"/> calls it.
    /// </summary>
    public void AbortByClientCommand()
    {
        lock (_gate)
        {
            if (_run is not { State: PresetTourState.Touring } run) return;
            var tour = _tours.First(t => t.Token == run.Tour.Token);
            EndRun(stopMechanism: false);
            Publish(tour, PropertyOperation.Changed, stateChanged: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _run?.DisposeTimers();
            _run = null;
            _mechanism.MoveFinished -= OnMoveFinished;
            _mechanism.Commanded -= AbortByClientCommand;
        }
    }

    private void Start(PresetTour tour, bool restart)
    {
        if (!restart)
        {
            if (_run is { } other)
                throw new PresetTourException(PresetTourFault.ActivationFailed,
                    $"preset tour {other.Tour.Token} is {other.State.ToString().ToLowerInvariant()}; stop it first");
            if (!_mechanism.IsIdle)
                throw new PresetTourException(PresetTourFault.ActivationFailed, "the PTZ unit is moving");
        }
        if (RunProblem(tour) is { } problem) throw new PresetTourException(PresetTourFault.InvalidPresetTour, problem);
        if (tour.AutoStart) tour = ClearAutoStart(tour);
        if (restart) EndRun(stopMechanism: false);
        BeginRun(tour, stateChanged: !restart);
    }

    private PresetTour ClearAutoStart(PresetTour tour)
    {
        var cleared = tour with { AutoStart = false };
        var tours = _tours.Select(t => t.Token == tour.Token ? cleared : t).ToList();
        Commit(tours, _nextToken);
        return cleared;
    }

    /// <summary>Why a stored tour cannot run now (presets removed since, home gone, no spots), or null.</summary>
    private string? RunProblem(PresetTour tour)
    {
        if (tour.Spots.Count == 0) return $"preset tour {tour.Token} has no tour spots";
        foreach (var spot in tour.Spots)
        {
            if (spot.Kind == TourSpotKind.Preset && !_mechanism.PresetTokens.Contains(spot.PresetToken!))
                return $"preset tour {tour.Token} refers to preset {spot.PresetToken}, which does not exist";
            if (spot.Kind == TourSpotKind.Home && !_mechanism.HomeSupported)
                return $"preset tour {tour.Token} visits home, but node {_nodeToken} has no home position";
        }
        return null;
    }

    private void Validate(PresetTour tour)
    {
        static PresetTourException Invalid(string message) => new(PresetTourFault.InvalidPresetTour, message);

        if (tour.Name is { } name && name.Length > Options.MaximumNameLength)
            throw Invalid($"Name is longer than {Options.MaximumNameLength} characters");
        if (tour.AutoStart && !Options.AutoStartSupported)
            throw Invalid("AutoStart is not supported");
        if (tour.Spots.Count > Options.MaximumTourSpots)
            throw new PresetTourException(PresetTourFault.TooManyPresets,
                $"{tour.Spots.Count} tour spots exceed the maximum of {Options.MaximumTourSpots}");

        var condition = tour.StartingCondition ?? throw Invalid("StartingCondition is required");
        if (condition.RecurringTime is { } times && (times < Options.RecurringTimeMin || times > Options.RecurringTimeMax))
            throw Invalid($"RecurringTime {times} is outside {Options.RecurringTimeMin}..{Options.RecurringTimeMax}");
        if (condition.RecurringDuration is { } duration &&
            (duration < Options.RecurringDurationMin || duration > Options.RecurringDurationMax))
            throw Invalid($"RecurringDuration {duration} is outside {Options.RecurringDurationMin}..{Options.RecurringDurationMax}");
        if (condition.Direction is { } direction && !Options.Directions.Contains(direction))
            throw Invalid($"Direction {direction} is not supported");

        for (var i = 0; i < tour.Spots.Count; i++)
        {
            var spot = tour.Spots[i] ?? throw Invalid($"TourSpot[{i + 1}] is empty");
            var where = $"TourSpot[{i + 1}]";
            switch (spot.Kind)
            {
                case TourSpotKind.Preset:
                    if (string.IsNullOrEmpty(spot.PresetToken) || !_mechanism.PresetTokens.Contains(spot.PresetToken))
                        throw Invalid($"{where}: preset '{spot.PresetToken}' does not exist");
                    break;
                case TourSpotKind.Home:
                    if (!_mechanism.HomeSupported) throw Invalid($"{where}: node {_nodeToken} has no home position");
                    break;
                case TourSpotKind.Position:
                    if (spot.Position is not { } position || position is { PanTilt: null, Zoom: null })
                        throw Invalid($"{where}: PTZPosition is empty");
                    Check(_mechanism.CheckPosition(position), $"{where}/PTZPosition");
                    break;
                default:
                    throw Invalid($"{where}: unknown preset detail");
            }
            if (spot.Speed is { } speed) Check(_mechanism.CheckSpeed(speed), $"{where}/Speed");
            if (spot.StayTime is { } stay && (stay < Options.StayTimeMin || stay > Options.StayTimeMax))
                throw Invalid($"{where}: StayTime {stay} is outside {Options.StayTimeMin}..{Options.StayTimeMax}");
        }

        static void Check(TourVectorCheck check, string what)
        {
            switch (check)
            {
                case TourVectorCheck.SpaceNotSupported:
                    throw new PresetTourException(PresetTourFault.SpaceNotSupported, $"{what} uses a space the node does not support");
                case TourVectorCheck.OutOfRange:
                    throw Invalid($"{what} is out of range");
            }
        }
    }

    /// <summary>Persists first, then updates memory: a failed write changes nothing.</summary>
    private void Commit(List<PresetTour> tours, int nextToken)
    {
        new PresetTourDocument(nextToken, tours).Save(_store, _nodeToken);
        _tours = tours;
        _nextToken = nextToken;
    }

    private PresetTour Find(string token) => _tours[IndexOf(token)];

    private int IndexOf(string token)
    {
        var index = _tours.FindIndex(t => t.Token == token);
        return index >= 0 ? index
            : throw new PresetTourException(PresetTourFault.NoToken, $"preset tour '{token}' does not exist on node {_nodeToken}");
    }

    private PresetTourSnapshot Snapshot(PresetTour tour) =>
        new(tour, _run is { } run && run.Tour.Token == tour.Token ? new PresetTourStatus(run.State, run.CurrentSpot) : PresetTourStatus.Idle);

    /// <summary>PTZ 5.11.2: one property message per profile using this node; StateChange when State changed.</summary>
    private void Publish(PresetTour tour, PropertyOperation operation, bool stateChanged)
    {
        var snapshot = operation == PropertyOperation.Deleted ? new PresetTourSnapshot(tour, PresetTourStatus.Idle) : Snapshot(tour);
        var now = _time.GetUtcNow();
        foreach (var profile in _profileTokens())
        {
            _events.Publish(new EventMessage(
                ConfigurationTopic,
                now,
                [new SimpleItem("ProfileToken", profile), new SimpleItem("PresetTourToken", tour.Token)],
                [new SimpleItem("StateChange", stateChanged ? "true" : "false")],
                operation)
            {
                DataElements = [new ElementItem("PresetTour", snapshot)],
            });
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
