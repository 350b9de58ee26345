using Camlab.Rendering.Encoding;

namespace Camlab.Server.Streaming;

/// <summary>
/// What makes two streams' pictures identical: the video source, the output size, the crop of the source
/// image, the codec and its quality. Every viewer with the same key shares one render loop and one encoder (one
/// payload per frame); pose, imaging and masks are read from the view state for each frame, so they are the same
/// for all of them.
/// </summary>
public readonly record struct RenderKey(string SourceToken, int Width, int Height, CropRect? Crop, VideoCodec Codec, int Quality);

/// <summary>A crop of the source image in whole source pixels, as ChangeStream's SrcLeft/Top/Right/Bottom (right/bottom exclusive).</summary>
public readonly record struct CropRect(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;
}
