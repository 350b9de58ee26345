using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Camlab.VideoChannel;

namespace Camlab.Benchmarks.VideoChannel;

/// <summary>
/// Reading an HTTP-push body of 1080p-sized JPEG frames (300,000-byte payloads with the size, live and
/// stream info headers Camlab sends) against a plain Stream.CopyTo of the same bytes from the same
/// kind of source stream. Target: the frame reader at no less than 50% of CopyTo's throughput.
/// </summary>
[MemoryDiagnoser]
public class FrameStreamBenchmarks
{
    private const int FrameCount = 100;
    private const int JpegSize = 300_000;

    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1080);
        var payload = new byte[JpegSize];
        using var body = new MemoryStream();
        for (int i = 0; i < FrameCount; i++)
        {
            random.NextBytes(payload);
            payload[0] = 0xFF; payload[1] = 0xD8; // SOI, so the payload at least starts like a JPEG
            var header = new FrameHeader
            {
                VideoId = Guid.Parse("822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e"),
                TimestampUtcMs = 1_763_700_000_000 + (ulong)i * 40,
                FrameCount = (uint)i,
                SizeInfo = new SizeInfo(1920, 1080, 0, 0, 1920, 1080, 1920, 1080, 1),
                LiveInfo = new LiveInfo(LiveFlags.LiveFeed, LiveFlags.None),
                StreamInfo = new StreamInfo(3, StreamInfoFields.DataType | StreamInfoFields.Flags, 40, StreamDataType.Jpeg,
                    StreamInfoFlags.KeyFrame, 0, 0, 0, 0, 0),
            };
            var frame = new Frame(header, payload);
            var bytes = new byte[FrameWriter.GetFrameLength(frame)];
            FrameWriter.Write(bytes, frame);
            body.Write(bytes);
        }
        _body = body.ToArray();
    }

    [Benchmark(Baseline = true)]
    public long StreamCopyTo()
    {
        var source = new NetworkLikeStream(_body);
        source.CopyTo(Stream.Null);
        return source.Position;
    }

    [Benchmark]
    public async Task<long> FrameStreamReaderOverStream()
    {
        await using var reader = new FrameStreamReader(new NetworkLikeStream(_body),
            new FrameStreamReaderOptions { InitialBufferSize = 512 * 1024 });
        long payloadBytes = 0;
        while (await reader.ReadNextAsync())
            payloadBytes += reader.Payload.Length;
        return payloadBytes;
    }

    [Benchmark]
    public async Task<long> FrameStreamReaderOverPipe()
    {
        var pipe = PipeReader.Create(new NetworkLikeStream(_body), new StreamPipeReaderOptions(bufferSize: 65536));
        await using var reader = new FrameStreamReader(pipe, new FrameStreamReaderOptions { InitialBufferSize = 512 * 1024 });
        long payloadBytes = 0;
        while (await reader.ReadNextAsync())
            payloadBytes += reader.Payload.Length;
        return payloadBytes;
    }

    /// <summary>
    /// A read-only, non-seekable stream over bytes: MemoryStream would let CopyTo hand its whole buffer
    /// over in one write, which no socket does.
    /// </summary>
    private sealed class NetworkLikeStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
