namespace Camlab.VideoChannel.Tests;

internal static class Samples
{
    /// <summary>The Video ID of the worked example in the video channel notes.</summary>
    public const string VideoIdText = "822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e";

    public static readonly Guid VideoId = Guid.Parse(VideoIdText);

    public static readonly Guid CameraItem = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    public static readonly Guid Speaker = Guid.Parse("11223344-5566-7788-99aa-bbccddeeff00");

    /// <summary>A header with every extension, as Camlab's streaming would send it.</summary>
    public static FrameHeader AllExtensions() => new()
    {
        VideoId = VideoId,
        TimestampUtcMs = 1_763_700_000_123,
        FrameCount = 42,
        SizeInfo = new SizeInfo(1920, 1080, 0, 0, 1920, 1080, 640, 360, 3_000_000),
        LiveInfo = new LiveInfo(LiveFlags.LiveFeed | LiveFlags.Recording, LiveFlags.Recording),
        PlaybackInfo = new PlaybackInfo(PlaybackFlags.PlayForward | PlaybackFlags.DatabaseEnd, PlaybackFlags.PlayForward),
        NativeData = new NativeData
        {
            Flags = NativeDataFlags.AllKnown,
            PreviousSyncTimeStamp = 1_763_699_999_000,
            NextSyncTimeStamp = 1_763_700_001_000,
            SequenceId = ulong.MaxValue - 1,
            HasMotion = 1,
            PrivacyMaskState = 2,
            SignatureState = 3,
        },
        MotionInfo = new MotionInfo(77),
        LocationInfo = LocationInfo.FromDegrees(-90, 42.670308, 123.45, 5, 10, 1.5, 18.234556),
        StreamInfo = new StreamInfo(3, StreamInfoFields.DataType | StreamInfoFields.Flags | StreamInfoFields.TimeBetweenFrames,
            40, StreamDataType.Jpeg, StreamInfoFlags.KeyFrame, 0, 0, 0, 0, 0),
        CarouselInfo = new CarouselInfo(0, CameraItem),
        DynamicInfo = new DynamicInfo { Version = 0, DataType = DynamicInfo.DeviceStateDataType },
        PlaybackRequest = new PlaybackRequest(1_763_000_000_000),
    };

    public static readonly byte[] PrivacyMask = "0011110000;0011110000"u8.ToArray();

    public static readonly byte[] Signature = "MEUCIQDsig"u8.ToArray();

    public static readonly DeviceState[] DeviceStates = [new(Speaker, 0x8000_0005), new(CameraItem, 7)];

    public static byte[] Payload(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes a frame with every extension, strings and device states.</summary>
    public static byte[] AllExtensionsFrame(byte[] payload, FrameHeader? header = null)
    {
        var frame = new Frame(header ?? AllExtensions(), payload)
        {
            PrivacyMask = PrivacyMask,
            Signature = Signature,
            DeviceStates = new DeviceStateList(DeviceStates),
        };
        var bytes = new byte[FrameWriter.GetFrameLength(frame)];
        FrameWriter.Write(bytes, frame);
        return bytes;
    }

    /// <summary>A bare frame with only the main header.</summary>
    public static byte[] PlainFrame(Guid videoId, uint frameCount, byte[] payload)
    {
        var frame = new Frame(new FrameHeader { VideoId = videoId, FrameCount = frameCount, TimestampUtcMs = 1000 + frameCount }, payload);
        var bytes = new byte[FrameWriter.GetFrameLength(frame)];
        FrameWriter.Write(bytes, frame);
        return bytes;
    }
}
