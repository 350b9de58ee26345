namespace Camlab.Rendering.Encoding;

/// <summary>
/// Compresses a sequence of rendered pictures of one stream. An encoder keeps per-stream state (reference
/// pictures, the position in a group of pictures), so each stream's render loop owns one and feeds it the
/// pictures in order from one thread at a time. A key frame decodes on its own and carries whatever a decoder
/// needs to start there (for H.264: SPS and PPS before the IDR picture); every other frame depends on frames
/// before it, back to the last key frame.
/// </summary>
public interface IFrameEncoder : IDisposable
{
    VideoCodec Codec { get; }

    /// <summary>
    /// Encodes the next picture of the sequence. <paramref name="keyFrame"/> asks for a key frame now (a viewer
    /// joined or lost frames); the encoder may also decide on its own (a group of pictures ended), and an intra-only
    /// codec makes every frame a key frame. The result says what was produced.
    /// </summary>
    EncodedPicture Encode(RgbImage image, bool keyFrame);
}

/// <summary>One compressed picture: the codec's payload and whether a decoder can start at it.</summary>
public readonly record struct EncodedPicture(byte[] Payload, bool IsKeyFrame);
