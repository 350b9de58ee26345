using System.Buffers;
using BenchmarkDotNet.Attributes;
using Camlab.VideoChannel;

namespace Camlab.Benchmarks.VideoChannel;

/// <summary>
/// Writing and reading one frame header that carries every extension (0x01..0x200, native data with
/// all four sub-headers, a privacy mask, a signature and two device states). Target: 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class FrameHeaderBenchmarks
{
    private static readonly byte[] PrivacyMask = "0011110000;0011110000;0000000000"u8.ToArray();
    private static readonly byte[] Signature = "MEUCIQDx3g0signature"u8.ToArray();
    private static readonly DeviceState[] DeviceStates =
    [
        new(Guid.Parse("11223344-5566-7788-99aa-bbccddeeff00"), 5),
        new(Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), 7),
    ];

    private readonly byte[] _destination = new byte[4096];
    private readonly ArrayBufferWriter<byte> _bufferWriter = new(4096);
    private FrameHeader _header;
    private byte[] _frame = [];
    private ReadOnlySequence<byte> _splitFrame;

    [GlobalSetup]
    public void Setup()
    {
        _header = new FrameHeader
        {
            VideoId = Guid.Parse("822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e"),
            TimestampUtcMs = 1_763_700_000_000,
            FrameCount = 1,
            SizeInfo = new SizeInfo(1920, 1080, 0, 0, 1920, 1080, 1920, 1080, 1),
            LiveInfo = new LiveInfo(LiveFlags.LiveFeed, LiveFlags.None),
            PlaybackInfo = new PlaybackInfo(PlaybackFlags.PlayForward, PlaybackFlags.None),
            NativeData = new NativeData
            {
                Flags = NativeDataFlags.AllKnown, PreviousSyncTimeStamp = 1, NextSyncTimeStamp = 2, SequenceId = 3, HasMotion = 1,
                PrivacyMaskState = 1, SignatureState = 1,
            },
            MotionInfo = new MotionInfo(12),
            LocationInfo = LocationInfo.FromDegrees(12.568337, 55.676098, 15),
            StreamInfo = new StreamInfo(3, StreamInfoFields.DataType | StreamInfoFields.Flags, 40, StreamDataType.Jpeg,
                StreamInfoFlags.KeyFrame, 0, 0, 0, 0, 0),
            CarouselInfo = new CarouselInfo(0, Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")),
            DynamicInfo = new DynamicInfo(),
            PlaybackRequest = new PlaybackRequest(1_763_000_000_000),
        };
        _frame = new byte[FrameWriter.GetFrameLength(NewFrame())];
        FrameWriter.Write(_frame, NewFrame());
        _splitFrame = SplitSequence.Create(_frame, 20, 200); // the header crosses two segment boundaries
    }

    private Frame NewFrame() => new(_header, [])
    {
        PrivacyMask = PrivacyMask,
        Signature = Signature,
        DeviceStates = new DeviceStateList(DeviceStates),
    };

    [Benchmark]
    public int WriteToSpan() => FrameWriter.Write(_destination, NewFrame());

    [Benchmark]
    public int WriteToBufferWriter()
    {
        _bufferWriter.ResetWrittenCount();
        return FrameWriter.Write(_bufferWriter, NewFrame());
    }

    [Benchmark]
    public long ReadFromSpan()
    {
        var frame = FrameReader.ReadFrame(_frame);
        return frame.Header.FrameLength + frame.PrivacyMask.Length + frame.DeviceStates[1].ErrorCode;
    }

    [Benchmark]
    public long ReadFromSplitSequence()
    {
        FrameReader.TryReadFrame(_splitFrame, out var header, out var frame);
        return header.HeaderSizeBytes + frame.Length;
    }
}
