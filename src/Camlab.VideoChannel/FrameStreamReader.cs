using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Camlab.VideoChannel;

/// <summary>
/// Reads an HTTP-push video stream — frames back to back — from a <see cref="Stream"/> or a
/// <see cref="PipeReader"/>. <see cref="ReadNextAsync"/> returns as soon as a frame is complete; the
/// frame's bytes stay valid until the next call. After a malformed frame the reader skips to the next
/// occurrence of the stream's Video ID and reports the bytes it skipped (<see cref="SkippedBytes"/>,
/// <see cref="LastError"/>), unless <see cref="FrameStreamReaderOptions.Resynchronize"/> is off.
/// </summary>
public sealed class FrameStreamReader : IAsyncDisposable, IDisposable
{
    private const int VideoIdSize = 16;
    private const int ReadAheadSize = 32 * 1024;

    private readonly Stream? _stream;
    private readonly PipeReader? _pipe;
    private readonly bool _leaveOpen;
    private readonly FrameStreamReaderOptions _options;
    private readonly byte[] _videoId = new byte[VideoIdSize];
    private bool _videoIdKnown;
    private bool _ended;
    private bool _confirmationPending;

    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _startOffset;
    private int _currentLength;
    private FrameHeader _header;

    public FrameStreamReader(Stream stream, FrameStreamReaderOptions? options = null, bool leaveOpen = false)
        : this(options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    public FrameStreamReader(PipeReader reader, FrameStreamReaderOptions? options = null, bool leaveOpen = false)
        : this(options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _pipe = reader;
        _leaveOpen = leaveOpen;
    }

    private FrameStreamReader(FrameStreamReaderOptions? options)
    {
        _options = options ?? new FrameStreamReaderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFrameSize, FrameHeader.MainHeaderSize, nameof(options));
        _buffer = new byte[Math.Max(_options.InitialBufferSize, FrameHeader.ExtendedMainHeaderSize)];
        if (_options.VideoId is { } id)
            SetVideoId(id);
    }

    /// <summary>The Video ID frames must carry: given in the options or taken from the first frame.</summary>
    public Guid? VideoId => _videoIdKnown ? new Guid(_videoId) : null;

    /// <summary>The header of the current frame.</summary>
    public FrameHeader Header => _header;

    /// <summary>The current frame's bytes (headers and payload), valid until the next read.</summary>
    public ReadOnlyMemory<byte> FrameBytes => _buffer.AsMemory(_start, _currentLength);

    /// <summary>The current frame's payload, valid until the next read.</summary>
    public ReadOnlyMemory<byte> Payload => _header.PayloadRange.Slice(FrameBytes);

    /// <summary>The current frame with views of its privacy mask, signature, device states and payload.</summary>
    public Frame Frame => Frame.Over(_header, FrameBytes.Span);

    /// <summary>Offset of the current frame from the start of the stream.</summary>
    public long FrameOffset => _startOffset;

    /// <summary>Bytes skipped just before the current frame (or before the end of the stream).</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Bytes skipped since the reader started.</summary>
    public long TotalSkippedBytes { get; private set; }

    /// <summary>Frames returned so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Why bytes were last skipped, with the offset from the start of the stream.</summary>
    public FrameFormatException? LastError { get; private set; }

    /// <summary>
    /// Reads the next frame. Returns false at the end of the stream (bytes of an incomplete last frame
    /// count as skipped). Throws <see cref="FrameFormatException"/> only when resynchronisation is off.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        Consume(_currentLength);
        _currentLength = 0;
        SkippedBytes = 0;
        while (true)
        {
            int needed;
            try
            {
                if (TryTakeFrame(out needed))
                    return true;
            }
            catch (FrameFormatException error)
            {
                Resynchronize(error.Rebase(_startOffset));
                continue;
            }

            if (!await EnsureAsync(needed, cancellationToken).ConfigureAwait(false))
            {
                int left = _end - _start;
                if (left == 0)
                    return false;
                if (_confirmationPending)
                {
                    _confirmationPending = false;
                    continue; // the stream has ended: IsConfirmed decides without waiting
                }
                // An incomplete frame at the end is malformed too; frames after its start may still be whole.
                Resynchronize(new FrameFormatException(_startOffset + left, FrameError.StreamEndedInsideFrame,
                    $"the stream ended inside a frame: needs {needed} bytes, {left} available"));
            }
        }
    }

    /// <summary>Takes the frame at the window start if it is complete; otherwise says how many bytes it needs.</summary>
    private bool TryTakeFrame(out int needed)
    {
        var window = _buffer.AsSpan(_start, _end - _start);
        if (_videoIdKnown)
        {
            if (window.Length < VideoIdSize)
            {
                needed = VideoIdSize;
                return false;
            }
            if (!window[..VideoIdSize].SequenceEqual(_videoId))
                FrameErrors.VideoIdMismatch(0, new Guid(window[..VideoIdSize]), new Guid(_videoId));
        }
        if (!FrameReader.TryReadHeader(window, out var header, out needed, _options.MaxFrameSize))
            return false;
        if (header.FrameLength > window.Length)
        {
            needed = (int)header.FrameLength;
            return false;
        }
        if (!_videoIdKnown && SkippedBytes > 0 && !IsConfirmed(window, (int)header.FrameLength, ref needed))
            return false;
        if (!_videoIdKnown)
            SetVideoId(header.VideoId);
        _header = header;
        _currentLength = (int)header.FrameLength;
        FramesRead++;
        return true;
    }

    /// <summary>
    /// Hunting for a frame without knowing the Video ID, any 36 bytes may look like a header. A
    /// candidate counts only when the next frame starts with the same Video ID, or the stream ends
    /// exactly after it.
    /// </summary>
    private bool IsConfirmed(ReadOnlySpan<byte> window, int frameLength, ref int needed)
    {
        if (window.Length < frameLength + VideoIdSize)
        {
            if (_ended && window.Length == frameLength)
                return true;
            if (_ended)
                FrameErrors.Unconfirmed(0);
            needed = frameLength + VideoIdSize;
            _confirmationPending = true;
            return false;
        }
        if (!window.Slice(frameLength, VideoIdSize).SequenceEqual(window[..VideoIdSize]))
            FrameErrors.Unconfirmed(0);
        return true;
    }

    /// <summary>
    /// Skips to the next occurrence of the Video ID after the bad frame's first byte (or one byte when
    /// the Video ID is not known yet), keeping a possible partial Video ID at the end of the window.
    /// </summary>
    private void Resynchronize(FrameFormatException error)
    {
        if (!_options.Resynchronize)
            throw error;
        if (SkippedBytes == 0)
            LastError = error;
        var window = _buffer.AsSpan(_start, _end - _start);
        if (!_videoIdKnown)
        {
            Skip(1);
            return;
        }
        int found = window[1..].IndexOf(_videoId);
        Skip(found >= 0 ? found + 1 : Math.Max(1, window.Length - (VideoIdSize - 1)));
    }

    private void Skip(int count)
    {
        Consume(count);
        SkippedBytes += count;
        TotalSkippedBytes += count;
    }

    private void Consume(int count)
    {
        _start += count;
        _startOffset += count;
        if (_start == _end)
            _start = _end = 0;
    }

    private void SetVideoId(Guid id)
    {
        id.TryWriteBytes(_videoId);
        _videoIdKnown = true;
    }

    /// <summary>Reads until the window holds <paramref name="needed"/> bytes; false at the end of the stream.</summary>
    private async ValueTask<bool> EnsureAsync(int needed, CancellationToken cancellationToken)
    {
        if (_ended)
            return _end - _start >= needed;
        while (_end - _start < needed)
        {
            if (_buffer.Length - _start < needed)
                MakeRoom(needed);
            // Read what the frame still lacks (at least ReadAheadSize): the window then tends to end
            // where the frame ends, so the next frame starts again at the front of a cache-warm buffer
            // instead of sweeping the whole buffer and being moved back.
            int wanted = Math.Max(needed - (_end - _start), ReadAheadSize);
            var free = _buffer.AsMemory(_end, Math.Min(wanted, _buffer.Length - _end));
            int read = _stream is not null
                ? await _stream.ReadAsync(free, cancellationToken).ConfigureAwait(false)
                : await ReadFromPipeAsync(free, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _ended = true;
                return false;
            }
            _end += read;
        }
        return true;
    }

    /// <summary>Moves the window to the buffer start, growing the buffer when the frame is larger than it.</summary>
    private void MakeRoom(int needed)
    {
        int length = _end - _start;
        if (needed > _buffer.Length)
        {
            // Double at least, so a stream of similar frames settles on one buffer with room for two.
            int size = (int)Math.Min(Array.MaxLength, Math.Max((long)needed * 2, (long)_buffer.Length * 2));
            var grown = GC.AllocateUninitializedArray<byte>(size);
            _buffer.AsSpan(_start, length).CopyTo(grown);
            _buffer = grown;
        }
        else
        {
            _buffer.AsSpan(_start, length).CopyTo(_buffer);
        }
        _start = 0;
        _end = length;
    }

    private async ValueTask<int> ReadFromPipeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _pipe!.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                int count = (int)Math.Min(buffer.Length, destination.Length);
                buffer.Slice(0, count).CopyTo(destination.Span);
                _pipe.AdvanceTo(buffer.GetPosition(count));
                return count;
            }
            _pipe.AdvanceTo(buffer.End);
            if (result.IsCanceled)
                throw new OperationCanceledException("the pipe read was cancelled");
            if (result.IsCompleted)
                return 0;
        }
    }

    public void Dispose()
    {
        if (_leaveOpen)
            return;
        _stream?.Dispose();
        _pipe?.Complete();
    }

    public async ValueTask DisposeAsync()
    {
        if (_leaveOpen)
            return;
        if (_stream is not null)
            await _stream.DisposeAsync().ConfigureAwait(false);
        if (_pipe is not null)
            await _pipe.CompleteAsync().ConfigureAwait(false);
    }
}
