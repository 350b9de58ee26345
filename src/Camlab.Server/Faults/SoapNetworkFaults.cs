namespace Camlab.Server.Faults;

/// <summary>What the network faults decided for one request.</summary>
public enum NetworkVerdict { Serve, Http500, Http503, SoapReceiverFault, Drop }

/// <summary>What the network faults do to one request: wait for <see cref="Holds"/>, then <see cref="Delay"/>, then answer <see cref="Verdict"/>.</summary>
public sealed record NetworkPlan(IReadOnlyList<Task> Holds, TimeSpan Delay, NetworkVerdict Verdict);

/// <summary>
/// The network faults acting on one camera's SOAP endpoint. <see cref="BeforeServingAsync"/> runs before a request is
/// processed: it holds requests a <see cref="NetworkFault.Unresponsive"/> fault hits until the fault ends or the
/// client leaves, waits every <see cref="NetworkFault.Latency"/> on the camera clock (the injected TimeProvider, so a
/// fake or manual clock holds the answer), then lets each <see cref="NetworkFault.Failure"/> decide with the injected
/// random source whether this request fails. With no fault active it costs one volatile read.
/// </summary>
public sealed class SoapNetworkFaults(TimeProvider time, Random random)
{
    private readonly object _gate = new();
    private readonly Dictionary<NetworkFault, TaskCompletionSource> _active = new(ReferenceEqualityComparer.Instance);
    private volatile NetworkFault[] _snapshot = [];
    private int _held;

    /// <summary>Requests held by an unresponsive service now.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Begin(NetworkFault fault)
    {
        lock (_gate)
        {
            _active[fault] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _snapshot = [.. _active.Keys];
        }
    }

    public void End(NetworkFault fault)
    {
        lock (_gate)
        {
            if (!_active.Remove(fault, out var ended)) return;
            _snapshot = [.. _active.Keys];
            ended.TrySetResult();
        }
    }

    /// <param name="operation">Reads the request's operation name; called only when a fault names an operation.</param>
    public async Task<NetworkVerdict> BeforeServingAsync(string service, Func<string?> operation, CancellationToken aborted)
    {
        if (Plan(service, operation) is not { } plan) return NetworkVerdict.Serve;
        foreach (var released in plan.Holds)
        {
            Interlocked.Increment(ref _held);
            try { await released.WaitAsync(aborted).ConfigureAwait(false); }
            finally { Interlocked.Decrement(ref _held); }
        }
        if (plan.Delay > TimeSpan.Zero) await Task.Delay(plan.Delay, time, aborted).ConfigureAwait(false);
        return plan.Verdict;
    }

    /// <summary>
    /// What the active faults do to one request, drawn now: the unresponsive faults it waits for, the added latency
    /// and the answer. Null when no fault matches.
    /// </summary>
    public NetworkPlan? Plan(string service, Func<string?> operation)
    {
        var faults = _snapshot;
        if (faults.Length == 0) return null;
        string? name = null;
        var nameRead = false;
        bool Hits(NetworkFault f)
        {
            if (f.Operation is not null && !nameRead) (name, nameRead) = (operation(), true);
            return f.Matches(service, name);
        }
        var hits = faults.Where(Hits).ToList();
        if (hits.Count == 0) return null;

        var holds = new List<Task>();
        lock (_gate)
            foreach (var hang in hits.OfType<NetworkFault.Unresponsive>())
                if (_active.TryGetValue(hang, out var source)) holds.Add(source.Task);

        var delay = TimeSpan.Zero;
        foreach (var latency in hits.OfType<NetworkFault.Latency>())
            delay += latency.Delay + (latency.Jitter > TimeSpan.Zero ? TimeSpan.FromTicks((long)(Draw() * latency.Jitter.Ticks)) : TimeSpan.Zero);

        var verdict = NetworkVerdict.Serve;
        foreach (var failure in hits.OfType<NetworkFault.Failure>())
            if (Draw() < failure.Share)
            {
                verdict = failure.Answer switch
                {
                    FailureAnswer.Http500 => NetworkVerdict.Http500,
                    FailureAnswer.Http503 => NetworkVerdict.Http503,
                    FailureAnswer.SoapReceiverFault => NetworkVerdict.SoapReceiverFault,
                    _ => NetworkVerdict.Drop,
                };
                break;
            }
        return new NetworkPlan(holds, delay, verdict);
    }

    private double Draw()
    {
        lock (random) return random.NextDouble();
    }
}
