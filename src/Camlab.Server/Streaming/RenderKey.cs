using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;

namespace Camlab.Server.Streaming;

/// <summary>
/// What makes two streams' pictures identical: the video source, the output size, the crop of the source
/// image, the codec and its quality, and for H.264 its coding parameters (frame rate, GOP, profile, rate control), since
/// two H.264 streams share a bitstream only when all of them agree. Every viewer with the same key shares one render loop and one encoder (one
/// payload per frame); pose, imaging and masks are read from the view state for each frame, so they are the same
/// for all of them.
/// </summary>
public readonly record struct RenderKey(string SourceToken, int Width, int Height, CropRect? Crop, VideoCodec Codec, int Quality, H264Parameters? H264 = null);

/// <summary>A crop of the source image in whole source pixels, as ChangeStream's SrcLeft/Top/Right/Bottom (right/bottom exclusive).</summary>
public readonly record struct CropRect(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;
}
