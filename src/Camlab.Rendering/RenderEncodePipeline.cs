using Camlab.Rendering.Encoding;

namespace Camlab.Rendering;

/// <summary>
/// Renders and encodes a sequence of frames with frame N's encode overlapping frame N+1's render: an encoder
/// works on one thread, so rendering and encoding one after the other leaves a core idle for the encode's duration. Two frame buffers alternate; at most one encode is in flight, and frames complete in submission order.
/// A frame's latency is unchanged (its own render + encode); what rises is frames per second of the sequence.
/// Not thread-safe: one producer (a stream's render loop) submits frames.
/// </summary>
public sealed class RenderEncodePipeline : IDisposable
{
    private readonly ViewRenderer _renderer;
    private readonly IFrameEncoder _encoder;
    private Task _encoding = Task.CompletedTask;
    private bool _disposed;

    /// <param name="encoder">Owned by the caller; the pipeline disposes nothing (its buffers go back to the pool).</param>
    public RenderEncodePipeline(ViewRenderer renderer, IFrameEncoder encoder, int width, int height)
    {
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>
    /// Renders <paramref name="request"/> on the calling thread (all the renderer's cores) while the previous frame
    /// may still be encoding, waits for that encode (and its <paramref name="completed"/> callback) to finish, then
    /// starts this frame's encode in the background. <paramref name="afterRender"/> may change the rendered pixels
    /// before they are encoded; <paramref name="keyFrame"/> asks the encoder for a key frame. The returned task completes
    /// after <paramref name="completed"/> has run with the encoded picture,
    /// so callbacks run one at a time, in order. A failed render throws here; a failed encode faults the task.
    /// </summary>
    public Task Submit(RenderRequest request, Action<EncodedPicture> completed, Action<RgbImage>? afterRender = null, bool keyFrame = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(completed);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var image = FrameBufferPool.Rent(Width, Height);
        try
        {
            _renderer.Render(request, image);
            afterRender?.Invoke(image);
        }
        catch
        {
            FrameBufferPool.Return(image);
            throw;
        }
        // Waiting here keeps one encode in flight and the callbacks in order; a failed earlier frame was reported
        // through its own task and must not stop this one.
        try { _encoding.Wait(); } catch (AggregateException) { }
        var encoding = Task.Factory.StartNew(() =>
        {
            EncodedPicture picture;
            try { picture = _encoder.Encode(image, keyFrame); }
            finally { FrameBufferPool.Return(image); }
            completed(picture);
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _renderer.Scheduler);
        _encoding = encoding;
        return encoding;
    }

    /// <summary>The encode of the last frame submitted (completed when none is in flight), to await instead of <see cref="Drain"/>.</summary>
    public Task Pending => _encoding;

    /// <summary>Waits for the frame still encoding, if any (its outcome is reported through its own task).</summary>
    public void Drain()
    {
        try { _encoding.Wait(); } catch (AggregateException) { }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Drain();
    }
}
