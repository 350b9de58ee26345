using Camlab.Rendering.Geometry;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering.Sampling;

/// <summary>
/// Sample maps per (ray map, camera-to-world rotation), shared by every stream of one renderer, whose buffers are
/// recycled instead of left to the GC. A render holds a <see cref="Lease"/> on the map it reads; a map leaves the
/// cache when it is the least recently used beyond <c>capacity</c>, or when more than <c>perRayMap</c> poses of the
/// same ray map are cached (a panning camera does not come back to the poses it left), and its buffers go back to
/// <see cref="Buffers"/> only when the last lease is released — a render never reads a map that is being rebuilt.
/// </summary>
internal sealed class SampleMapCache(int capacity = 16, int perRayMap = 3)
{
    private readonly object _gate = new();
    private readonly Dictionary<(CameraRayMap, Rotation3), Entry> _index = new();
    private readonly LinkedList<Entry> _order = new();

    public SampleMapBuffers Buffers { get; } = new();

    public int Count { get { lock (_gate) return _index.Count; } }

    /// <summary>The map of this pose, built on first use (once, even when several renders ask at the same time).</summary>
    public Lease Rent(CameraRayMap rays, Rotation3 cameraToWorld, Panorama panorama, ParallelOptions parallel)
    {
        var key = (rays, cameraToWorld);
        Entry entry;
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var found))
            {
                entry = found;
                _order.Remove(entry.Node);
                _order.AddFirst(entry.Node);
            }
            else
            {
                entry = new Entry(key, new Lazy<SampleMap>(() => SampleMap.Build(rays, cameraToWorld, panorama, parallel, Buffers),
                    LazyThreadSafetyMode.ExecutionAndPublication));
                _index[key] = entry;
                _order.AddFirst(entry.Node);
                // Before the build: what is evicted now (and not leased) gives the new map its buffers.
                EvictBeyondLimits(entry);
            }
            entry.Leases++;
        }
        try
        {
            return new Lease(this, entry, entry.Map.Value);
        }
        catch
        {
            lock (_gate)
            {
                // A failed build must not poison the key for later, corrected requests.
                if (_index.TryGetValue(key, out var current) && current == entry) Evict(entry);
            }
            Release(entry);
            throw;
        }
    }

    /// <summary>Drops every map of <paramref name="rays"/> (their buffers are recycled once no render reads them).</summary>
    public void EvictRayMap(CameraRayMap rays)
    {
        lock (_gate)
            for (var node = _order.First; node is not null;)
            {
                var next = node.Next;
                if (ReferenceEquals(node.Value.Key.Rays, rays)) Evict(node.Value);
                node = next;
            }
    }

    private void EvictBeyondLimits(Entry added)
    {
        int sameRays = 0;
        foreach (var e in _order) if (ReferenceEquals(e.Key.Rays, added.Key.Rays)) sameRays++;
        for (var node = _order.Last; node is not null && (_index.Count > capacity || sameRays > perRayMap);)
        {
            var previous = node.Previous;
            var e = node.Value;
            bool same = ReferenceEquals(e.Key.Rays, added.Key.Rays);
            if (e != added && (_index.Count > capacity || same))
            {
                if (same) sameRays--;
                Evict(e);
            }
            node = previous;
        }
    }

    private void Evict(Entry entry)
    {
        _index.Remove(entry.Key);
        _order.Remove(entry.Node);
        entry.Evicted = true;
        if (entry.Leases == 0) Recycle(entry);
    }

    private void Release(Entry entry)
    {
        lock (_gate)
        {
            entry.Leases--;
            if (entry.Leases == 0 && entry.Evicted) Recycle(entry);
        }
    }

    private void Recycle(Entry entry)
    {
        // A build that failed has no buffers to give back.
        if (entry.Map.IsValueCreated) entry.Map.Value.ReturnBuffers(Buffers);
    }

    internal sealed class Entry
    {
        public Entry((CameraRayMap Rays, Rotation3 Rotation) key, Lazy<SampleMap> map)
        {
            Key = key;
            Map = map;
            Node = new LinkedListNode<Entry>(this);
        }

        public (CameraRayMap Rays, Rotation3 Rotation) Key { get; }
        public Lazy<SampleMap> Map { get; }
        public LinkedListNode<Entry> Node { get; }
        public int Leases;
        public bool Evicted;
    }

    /// <summary>A render's hold on a sample map: its buffers stay the map's until this is disposed (once).</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly SampleMapCache _cache;
        private readonly Entry _entry;

        internal Lease(SampleMapCache cache, Entry entry, SampleMap map)
        {
            _cache = cache;
            _entry = entry;
            Map = map;
        }

        public SampleMap Map { get; }

        public void Dispose() => _cache?.Release(_entry);
    }
}
