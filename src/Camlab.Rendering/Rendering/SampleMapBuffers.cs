namespace Camlab.Rendering;

/// <summary>
/// The renderer's own free list of sample-map buffers, by exact length: while the PTZ moves every frame needs
/// a new sample map (8 bytes per output pixel, 16 MB at 1080p), and handing back the buffers of the map it
/// replaces keeps that off the large-object heap. A few arrays per length are kept; the rest go to the GC.
/// Arrays come back with their old contents: whoever rents one writes every element before reading it.
/// </summary>
internal sealed class SampleMapBuffers(int maxFreePerLength = 4)
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Stack<int[]>> _ints = new();
    private readonly Dictionary<int, Stack<float[]>> _floats = new();
    private long _allocated, _reused;

    /// <summary>Arrays created because none of the length was free (for tests and diagnostics).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);
    /// <summary>Arrays handed out again.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    public int[] RentInts(int length) => Rent(_ints, length);
    public float[] RentFloats(int length) => Rent(_floats, length);
    public void Return(int[] array) => Return(_ints, array);
    public void Return(float[] array) => Return(_floats, array);

    private T[] Rent<T>(Dictionary<int, Stack<T[]>> free, int length)
    {
        lock (_gate)
            if (free.TryGetValue(length, out var stack) && stack.TryPop(out var array))
            {
                _reused++;
                return array;
            }
        Interlocked.Increment(ref _allocated);
        // Uninitialised like a reused array, so a caller that forgot to write an element fails the same way both times.
        return GC.AllocateUninitializedArray<T>(length);
    }

    private void Return<T>(Dictionary<int, Stack<T[]>> free, T[] array)
    {
        lock (_gate)
        {
            if (!free.TryGetValue(array.Length, out var stack)) free[array.Length] = stack = new Stack<T[]>();
            if (stack.Count < maxFreePerLength) stack.Push(array);
        }
    }
}
