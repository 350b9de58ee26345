using Camlab.Device.Events;

namespace Camlab.Device.Ptz.Tours;

// The running tour: travel to a spot, wait for the mechanism to come to rest, stay, go on to the next spot;
// at the end of a cycle count it and build the next order. Every wait is a TimeProvider timer or the
// mechanism's MoveFinished, so a fake clock drives a whole tour deterministically.
public sealed partial class PresetTourEngine
{
    /// <summary>
    /// The shortest time a spot is held even with StayTime zero: it keeps a tour whose moves finish at once
    /// from cycling without time passing.
    /// </summary>
    public static readonly TimeSpan MinimumDwell = TimeSpan.FromMilliseconds(100);

    private TourRun? _run;

    private enum Phase { Travelling, Staying }

    private sealed class TourRun(PresetTour tour)
    {
        public PresetTour Tour { get; } = tour;
        public PresetTourState State = PresetTourState.Touring;
        public Phase Phase = Phase.Travelling;
        public int[] Order = [];
        public int Position;
        public int CyclesDone;
        public int SkippedInARow;
        public TourSpot? CurrentSpot;

        // Bumped whenever a wait is abandoned, so a late timer or MoveFinished of an old wait is ignored.
        public int Generation;
        public ITimer? StayTimer;
        public DateTimeOffset StayStartedAt;
        public TimeSpan StayLength;
        public TimeSpan? PendingStay;

        // RecurringDuration counts touring time only: paused time does not use it up.
        public ITimer? DurationTimer;
        public int DurationGeneration;
        public TimeSpan? DurationLeft;
        public DateTimeOffset TouringSince;

        public void DisposeTimers()
        {
            Generation++;
            StayTimer?.Dispose();
            StayTimer = null;
            DurationGeneration++;
            DurationTimer?.Dispose();
            DurationTimer = null;
        }
    }

    private void BeginRun(PresetTour tour, bool stateChanged)
    {
        var run = new TourRun(tour) { DurationLeft = tour.StartingCondition.RecurringDuration };
        _run = run;
        run.Order = NextOrder(tour);
        StartDurationTimer(run);
        TravelTo(run, stateChanged);
    }

    /// <summary>Ends the run (state Idle). The caller publishes.</summary>
    private void EndRun(bool stopMechanism)
    {
        if (_run is not { } run) return;
        var wasTravelling = run.State == PresetTourState.Touring && run.Phase == Phase.Travelling;
        run.DisposeTimers();
        _run = null;
        if (stopMechanism && wasTravelling) _mechanism.Stop();
    }

    private void Pause(TourRun run)
    {
        var now = _time.GetUtcNow();
        if (run.Phase == Phase.Staying)
            run.PendingStay = Max(run.StayLength - (now - run.StayStartedAt), TimeSpan.Zero);
        var wasTravelling = run.Phase == Phase.Travelling;
        if (run.DurationLeft is { } left) run.DurationLeft = Max(left - (now - run.TouringSince), TimeSpan.Zero);
        run.DisposeTimers();
        run.State = PresetTourState.Paused;
        if (wasTravelling) _mechanism.Stop();
        Publish(Stored(run), PropertyOperation.Changed, stateChanged: true);
    }

    /// <summary>Back to the spot the tour paused at (the camera may have been moved meanwhile), then the rest of its stay.</summary>
    private void Resume(TourRun run)
    {
        if (!_mechanism.IsIdle)
            throw new PresetTourException(PresetTourFault.ActivationFailed, "the PTZ unit is moving; the paused tour cannot resume");
        if (RunProblem(run.Tour) is { } problem) throw new PresetTourException(PresetTourFault.InvalidPresetTour, problem);
        run.State = PresetTourState.Touring;
        StartDurationTimer(run);
        TravelTo(run, stateChanged: true);
    }

    private void StartDurationTimer(TourRun run)
    {
        run.TouringSince = _time.GetUtcNow();
        if (run.DurationLeft is not { } left) return;
        var generation = run.DurationGeneration;
        run.DurationTimer = _time.CreateTimer(_ => OnDurationElapsed(run, generation), null, left, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Issues the move to the current spot, skipping spots whose preset was removed since the start.</summary>
    private void TravelTo(TourRun run, bool stateChanged)
    {
        while (true)
        {
            if (run.Position >= run.Order.Length)
            {
                run.CyclesDone++;
                if (run.Tour.StartingCondition.RecurringTime is { } times && run.CyclesDone >= times)
                {
                    Finish(run, stopMechanism: false);
                    return;
                }
                run.Order = NextOrder(run.Tour);
                run.Position = 0;
            }
            var spot = run.Tour.Spots[run.Order[run.Position]];
            if (IsReachable(spot)) break;
            run.PendingStay = null;
            run.Position++;
            if (++run.SkippedInARow >= run.Tour.Spots.Count)
            {
                Finish(run, stopMechanism: false);   // nothing left to visit
                return;
            }
        }

        var target = run.Tour.Spots[run.Order[run.Position]];
        run.Phase = Phase.Travelling;
        run.CurrentSpot = target;
        var generation = ++run.Generation;
        Publish(Stored(run), PropertyOperation.Changed, stateChanged);

        try
        {
            switch (target.Kind)
            {
                case TourSpotKind.Preset: _mechanism.GotoPreset(target.PresetToken!, target.Speed); break;
                case TourSpotKind.Home: _mechanism.GotoHome(target.Speed); break;
                default: _mechanism.MoveTo(target.Position!.Value, target.Speed); break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The node refused the spot (a preset removed, limits changed since the tour was defined): the run goes
            // on with the next spot instead of failing inside a timer callback.
            MoveRefused(run, generation);
            return;
        }

        // Already there: the mechanism may have come to rest without a MoveFinished of its own. IsIdle is read
        // first because reading it may itself deliver MoveFinished (and so the arrival) synchronously.
        if (_mechanism.IsIdle && _run == run && run.Generation == generation && run.Phase == Phase.Travelling)
            Arrive(run);
    }

    private void MoveRefused(TourRun run, int generation)
    {
        if (_run != run || run.Generation != generation) return;
        run.PendingStay = null;
        run.Position++;
        if (++run.SkippedInARow >= run.Tour.Spots.Count) Finish(run, stopMechanism: false);
        else TravelTo(run, stateChanged: false);
    }

    private bool IsReachable(TourSpot spot) => spot.Kind switch
    {
        TourSpotKind.Preset => _mechanism.PresetTokens.Contains(spot.PresetToken!),
        TourSpotKind.Home => _mechanism.HomeSupported,
        _ => true,
    };

    private void OnMoveFinished()
    {
        lock (_gate)
        {
            if (_run is { State: PresetTourState.Touring, Phase: Phase.Travelling } run) Arrive(run);
        }
    }

    private void Arrive(TourRun run)
    {
        var spot = run.CurrentSpot!;
        run.SkippedInARow = 0;
        run.Phase = Phase.Staying;
        run.StayLength = Max(run.PendingStay ?? spot.StayTime ?? Options.DefaultStayTime, MinimumDwell);
        run.PendingStay = null;
        run.StayStartedAt = _time.GetUtcNow();
        var generation = ++run.Generation;
        run.StayTimer?.Dispose();
        run.StayTimer = _time.CreateTimer(_ => OnStayElapsed(run, generation), null, run.StayLength, Timeout.InfiniteTimeSpan);
    }

    private void OnStayElapsed(TourRun run, int generation)
    {
        lock (_gate)
        {
            if (_run != run || run.Generation != generation || run.State != PresetTourState.Touring) return;
            run.StayTimer?.Dispose();
            run.StayTimer = null;
            run.Position++;
            TravelTo(run, stateChanged: false);
        }
    }

    private void OnDurationElapsed(TourRun run, int generation)
    {
        lock (_gate)
        {
            if (_run != run || run.DurationGeneration != generation || run.State != PresetTourState.Touring) return;
            Finish(run, stopMechanism: true);
        }
    }

    /// <summary>The starting condition is met: the tour ends by itself.</summary>
    private void Finish(TourRun run, bool stopMechanism)
    {
        if (_run != run) return;
        EndRun(stopMechanism);
        Publish(Stored(run), PropertyOperation.Changed, stateChanged: true);
    }

    /// <summary>The stored definition of the run's tour (it may have been modified since the run began).</summary>
    private PresetTour Stored(TourRun run) => _tours.FirstOrDefault(t => t.Token == run.Tour.Token) ?? run.Tour;

    private int[] NextOrder(PresetTour tour)
    {
        var order = Enumerable.Range(0, tour.Spots.Count).ToArray();
        var condition = tour.StartingCondition;
        if (condition.RandomPresetOrder == true) _random.Shuffle(order);
        else if (condition.Direction == PresetTourDirection.Backward) Array.Reverse(order);
        return order;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
