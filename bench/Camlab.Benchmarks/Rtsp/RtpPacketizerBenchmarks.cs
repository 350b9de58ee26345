using BenchmarkDotNet.Attributes;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Scenes;
using Camlab.Rtsp.Rtp;

namespace Camlab.Benchmarks.Rtsp;

/// <summary>
/// Packetizing one rendered 1080p JPEG (the default scene, quality 80, 4:2:0) into RTP/JPEG packets (RFC 2435, MTU
/// 1400) against copying the same bytes once (the floor: packetizing must copy every byte into packets). The
/// "Allocated" column is the target (0 B per frame); packets go to a reused buffer, as the UDP transport sends them.
/// </summary>
[MemoryDiagnoser]
public class RtpPacketizerBenchmarks
{
    private byte[] _jpeg = null!;
    private byte[] _copy = null!;
    private JpegPacketizer _packetizer = null!;
    private readonly ReusedPacket _writer = new();
    private uint _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        var renderer = new ViewRenderer(DefaultScene.Create());
        var camera = PerspectiveProjection.FromHorizontalFov(1920, 1080, 60);
        var frame = renderer.Render(new RenderRequest(camera, new ViewPose(0, -5), 1920, 1080));
        using var encoder = new JpegEncoder(80, JpegSubsampling.Yuv420);
        _jpeg = encoder.Encode(frame);
        _copy = new byte[_jpeg.Length];
        _packetizer = new JpegPacketizer(0x1234, 0);
    }

    [Benchmark(Baseline = true, Description = "copy the JPEG once (floor)")]
    public void Copy() => _jpeg.AsSpan().CopyTo(_copy);

    [Benchmark(Description = "RFC 2435 packetize 1080p JPEG")]
    public int Packetize() => _packetizer.Packetize(_jpeg, _timestamp += 3600, _writer);

    private sealed class ReusedPacket : IRtpPacketWriter
    {
        private readonly byte[] _buffer = new byte[2048];
        public long Bytes;

        public Span<byte> Begin(int maxLength) => _buffer.AsSpan(0, maxLength);

        public void Commit(int length) => Bytes += length;
    }
}
