namespace Camlab.Device.Faults;

/// <summary>One fault as GET lists it: its instruction, where it stands on its schedule and when that changes next.</summary>
public sealed record FaultListing(string Name, string Target, string Kind, string Instruction, FaultPhase State, DateTimeOffset SetAt, DateTimeOffset? NextChange);

/// <summary>
/// The scheduled faults of one camera. Each fault has a name (at most one fault per name), a
/// <see cref="FaultSchedule"/> counted from when it was set, and what it does when it begins and ends. A timer on
/// the injected clock fires at each phase change, so a fake clock drives the schedule exactly; <see cref="Changed"/>
/// reports every begin and end (the camera publishes them as events). Effects and notifications run under the
/// scheduler's lock, in order; they must not call back into the scheduler.
/// </summary>
public sealed class FaultScheduler(TimeProvider time) : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Entry(string name, FaultInstruction instruction, Action begin, Action end, DateTimeOffset setAt)
    {
        public string Name { get; } = name;
        public FaultInstruction Instruction { get; } = instruction;
        public Action Begin { get; } = begin;
        public Action End { get; } = end;
        public DateTimeOffset SetAt { get; } = setAt;
        public FaultPhase Phase { get; set; } = FaultPhase.Pending;
        public ITimer? Timer { get; set; }
        public bool Removed { get; set; }
    }

    /// <summary>Raised (under the lock) with the fault and true when it begins, false when it ends or is removed while active.</summary>
    public event Action<FaultListing, bool>? Changed;

    /// <summary>Sets a fault, replacing (and ending) one of the same name; it begins now unless its schedule says later.</summary>
    public void Set(string name, FaultInstruction instruction, Action begin, Action end)
    {
        lock (_gate)
        {
            RemoveLocked(name);
            var entry = new Entry(name, instruction, begin, end, time.GetUtcNow());
            _entries[name] = entry;
            entry.Timer = time.CreateTimer(_ => Evaluate(entry), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            EvaluateLocked(entry);
        }
    }

    /// <summary>Removes a fault, ending it if active. False when there was none of that name.</summary>
    public bool Remove(string name)
    {
        lock (_gate) return RemoveLocked(name);
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_gate)
            foreach (var name in _entries.Keys.ToList()) RemoveLocked(name);
    }

    public IReadOnlyList<FaultListing> Snapshot()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var entry in _entries.Values) EvaluateLocked(entry); // a timer not yet run on a real clock
            return _entries.Values.Select(e => Listing(e, now)).ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values) entry.Timer?.Dispose();
            _entries.Clear();
        }
    }

    private bool RemoveLocked(string name)
    {
        if (!_entries.Remove(name, out var entry)) return false;
        entry.Removed = true;
        entry.Timer?.Dispose();
        if (entry.Phase == FaultPhase.Active)
        {
            entry.End();
            entry.Phase = FaultPhase.Ended;
            Changed?.Invoke(Listing(entry, time.GetUtcNow()), false);
        }
        return true;
    }

    private void Evaluate(Entry entry)
    {
        lock (_gate) EvaluateLocked(entry);
    }

    private void EvaluateLocked(Entry entry)
    {
        if (entry.Removed) return;
        var now = time.GetUtcNow();
        var elapsed = now - entry.SetAt;
        var phase = entry.Instruction.Schedule.PhaseAt(elapsed);
        var wasActive = entry.Phase == FaultPhase.Active;
        entry.Phase = phase;
        if (phase == FaultPhase.Active && !wasActive)
        {
            entry.Begin();
            Changed?.Invoke(Listing(entry, now), true);
        }
        else if (phase != FaultPhase.Active && wasActive)
        {
            entry.End();
            Changed?.Invoke(Listing(entry, now), false);
        }
        if (entry.Instruction.Schedule.NextChange(elapsed) is { } next)
            entry.Timer?.Change(next - elapsed, Timeout.InfiniteTimeSpan);
    }

    private static FaultListing Listing(Entry e, DateTimeOffset now)
    {
        var next = e.Removed ? null : e.Instruction.Schedule.NextChange(now - e.SetAt);
        return new FaultListing(e.Name, e.Instruction.Target, e.Instruction.Kind, e.Instruction.Text, e.Phase, e.SetAt, next is { } n ? e.SetAt + n : null);
    }
}
