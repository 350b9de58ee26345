using Camlab.Device.Ptz;
using Camlab.Server.Hosting;

namespace Camlab.Benchmarks.Streaming;

/// <summary>
/// Domes that pan without pause at a generic velocity (−1..1) for as long as this lives: a ContinuousMove renewed every
/// second, before its 2 s timeout ends. Every frame of theirs is a new pose, so the renderer builds a new sample map
/// and encodes every frame — the moving-camera case of the load runs (a still view is sent from its ring instead).
/// </summary>
internal sealed class PanningDomes : IDisposable
{
    private readonly Timer? _timer;

    /// <summary>Pans <paramref name="cameras"/>; none at all (nothing runs) when the velocity is 0 or the list is empty.</summary>
    public PanningDomes(IReadOnlyList<SimulatedCamera> cameras, double velocity)
    {
        if (velocity == 0 || cameras.Count == 0) return;
        var nodes = cameras.Select(c => c.Ptz!.Device.Nodes[0]).ToArray();
        _timer = new Timer(_ =>
        {
            foreach (var node in nodes) node.ContinuousMove(new PtzVector(new(velocity, 0), null), TimeSpan.FromSeconds(2));
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _timer?.Dispose();
}
