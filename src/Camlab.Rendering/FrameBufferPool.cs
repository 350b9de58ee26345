using System.Collections.Concurrent;

namespace Camlab.Rendering;

/// <summary>
/// RGB frame buffers shared by every render loop of the process, by size. A loop holds a buffer only from its render
/// to the end of its encode, and only as many renders and encodes run at once as the render threads allow, so a few
/// buffers per size serve any number of cameras — instead of two full frames per loop, most of them waiting in line.
/// </summary>
/// <remarks>Looked for: <c>ArrayPool&lt;byte&gt;.Shared</c> keeps arrays this large (6 MB at 1080p) only per thread, a few at a time; hence this small pool.</remarks>
public static class FrameBufferPool
{
    /// <summary>Buffers kept per size beyond those in use; more are left to the garbage collector.</summary>
    public static readonly int KeptPerSize = 2 * Environment.ProcessorCount + 2;

    private static readonly ConcurrentDictionary<(int Width, int Height), ConcurrentBag<RgbImage>> Free = new();

    /// <summary>A buffer of the size (its pixels are whatever the last user left: the renderer writes every pixel).</summary>
    public static RgbImage Rent(int width, int height) =>
        Free.TryGetValue((width, height), out var bag) && bag.TryTake(out var image) ? image : new RgbImage(width, height);

    /// <summary>Gives a buffer back; nothing may use it afterwards.</summary>
    public static void Return(RgbImage image)
    {
        var bag = Free.GetOrAdd((image.Width, image.Height), _ => new ConcurrentBag<RgbImage>());
        if (bag.Count < KeptPerSize) bag.Add(image);
    }
}
