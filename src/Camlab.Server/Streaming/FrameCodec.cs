using Camlab.Rendering.Encoding;
using Camlab.VideoChannel;

namespace Camlab.Server.Streaming;

/// <summary>The video channel's name for each codec (stream info 0x40 DataType).</summary>
public static class FrameCodec
{
    public static uint DataType(VideoCodec codec) => codec switch
    {
        VideoCodec.Jpeg => StreamDataType.Jpeg,
        VideoCodec.H264 => StreamDataType.H264,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "no video channel data type for this codec"),
    };

    /// <summary>The codec a video channel DataType names; false for data types Camlab does not encode.</summary>
    public static bool TryFromDataType(uint dataType, out VideoCodec codec)
    {
        codec = dataType switch
        {
            StreamDataType.Jpeg => VideoCodec.Jpeg,
            StreamDataType.H264 => VideoCodec.H264,
            _ => (VideoCodec)(-1),
        };
        return Enum.IsDefined(codec);
    }
}
