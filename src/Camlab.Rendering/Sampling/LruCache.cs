namespace Camlab.Rendering.Sampling;

/// <summary>
/// A small least-recently-used cache whose values are built once, outside the lock, even when several
/// streams ask for the same key at the same time (the losers wait on the same <see cref="Lazy{T}"/>).
/// <paramref name="evicted"/>, if given, hears of every built value that falls out of the cache (outside the lock).
/// </summary>
internal sealed class LruCache<TKey, TValue>(int capacity, Action<TValue>? evicted = null) where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, Lazy<TValue> Value)>> _index = new();
    private readonly LinkedList<(TKey Key, Lazy<TValue> Value)> _order = new();

    public int Count { get { lock (_gate) return _index.Count; } }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        Lazy<TValue> lazy;
        List<Lazy<TValue>>? dropped = null;
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                lazy = node.Value.Value;
            }
            else
            {
                lazy = new Lazy<TValue>(() => factory(key), LazyThreadSafetyMode.ExecutionAndPublication);
                _index[key] = _order.AddFirst((key, lazy));
                while (_index.Count > capacity)
                {
                    var last = _order.Last!;
                    _order.RemoveLast();
                    _index.Remove(last.Value.Key);
                    if (evicted is not null) (dropped ??= []).Add(last.Value.Value);
                }
            }
        }
        if (dropped is not null)
            foreach (var value in dropped)
                if (value.IsValueCreated) evicted!(value.Value);
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed build must not poison the key for later, corrected requests.
            lock (_gate)
                if (_index.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Value, lazy))
                {
                    _order.Remove(node);
                    _index.Remove(key);
                }
            throw;
        }
    }
}
