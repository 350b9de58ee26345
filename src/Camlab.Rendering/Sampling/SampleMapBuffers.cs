namespace Camlab.Rendering.Sampling;

/// <summary>
/// The renderer's own free list of sample-map buffers, by exact length: while the PTZ moves every frame needs
/// a new sample map (6 bytes per output pixel, 12 MB at 1080p), and handing back the buffers of the map it
/// replaces keeps that off the large-object heap. A few arrays per length are kept; the rest go to the GC.
/// Arrays come back with their old contents: whoever rents one writes every element before reading it.
/// </summary>
internal sealed class SampleMapBuffers(int maxFreePerLength = 2)
{
    private readonly FreeList<int> _ints = new(maxFreePerLength);
    private readonly FreeList<ushort> _ushorts = new(maxFreePerLength);
    private readonly FreeList<float> _floats = new(maxFreePerLength);
    private long _allocated, _reused;

    /// <summary>Arrays created because none of the length was free (for tests and diagnostics).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);
    /// <summary>Arrays handed out again.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    public int[] RentInts(int length) => Rent(_ints, length);
    public ushort[] RentUShorts(int length) => Rent(_ushorts, length);
    public float[] RentFloats(int length) => Rent(_floats, length);
    public void Return(int[] array) => _ints.Return(array);
    public void Return(ushort[] array) => _ushorts.Return(array);
    public void Return(float[] array) => _floats.Return(array);

    private T[] Rent<T>(FreeList<T> free, int length)
    {
        if (free.TryTake(length) is { } array)
        {
            Interlocked.Increment(ref _reused);
            return array;
        }
        Interlocked.Increment(ref _allocated);
        // Uninitialised like a reused array, so a caller that forgot to write an element fails the same way both times.
        return GC.AllocateUninitializedArray<T>(length);
    }

    private sealed class FreeList<T>(int maxPerLength)
    {
        private readonly Dictionary<int, Stack<T[]>> _free = new();

        public T[]? TryTake(int length)
        {
            lock (_free) return _free.TryGetValue(length, out var stack) && stack.TryPop(out var array) ? array : null;
        }

        public void Return(T[] array)
        {
            lock (_free)
            {
                if (!_free.TryGetValue(array.Length, out var stack)) _free[array.Length] = stack = new Stack<T[]>();
                if (stack.Count < maxPerLength) stack.Push(array);
            }
        }
    }
}
