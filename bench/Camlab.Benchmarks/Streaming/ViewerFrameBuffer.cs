using System.Net.WebSockets;
using Camlab.VideoChannel;

namespace Camlab.Benchmarks.Streaming;

/// <summary>
/// One load-tool viewer's receive buffer: it starts at the size of a typical frame and doubles when a frame does not fit,
/// up to the protocol's largest frame. A buffer of the largest frame per viewer (10 MB) would count a hundred viewers'
/// gigabyte against the cameras in the same process.
/// </summary>
internal sealed class ViewerFrameBuffer
{
    private byte[] _buffer = new byte[256 * 1024];

    /// <summary>Receives one whole binary message (a frame) and returns its bytes, valid until the next call.</summary>
    public async Task<ReadOnlyMemory<byte>> ReceiveAsync(ClientWebSocket socket, CancellationToken stop)
    {
        int filled = 0;
        ValueWebSocketReceiveResult received;
        do
        {
            if (filled == _buffer.Length)
            {
                if (_buffer.Length >= FrameHeader.DefaultMaxFrameSize)
                    throw new InvalidDataException($"a frame longer than {FrameHeader.DefaultMaxFrameSize} bytes");
                Array.Resize(ref _buffer, Math.Min(2 * _buffer.Length, FrameHeader.DefaultMaxFrameSize));
            }
            received = await socket.ReceiveAsync(_buffer.AsMemory(filled), stop);
            filled += received.Count;
        } while (!received.EndOfMessage);
        return _buffer.AsMemory(0, filled);
    }
}
