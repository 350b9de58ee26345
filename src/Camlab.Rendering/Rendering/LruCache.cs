namespace Camlab.Rendering;

/// <summary>
/// A small least-recently-used cache whose values are built once, outside the lock, even when several
/// streams ask for the same key at the same time (the losers wait on the same <see cref="Lazy{T}"/>).
/// </summary>
internal sealed class LruCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, Lazy<TValue> Value)>> _index = new();
    private readonly LinkedList<(TKey Key, Lazy<TValue> Value)> _order = new();

    public int Count { get { lock (_gate) return _index.Count; } }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        Lazy<TValue> lazy;
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
                }
            }
        }
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
