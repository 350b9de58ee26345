namespace Camlab.Rendering.Jpeg;

/// <summary>Chroma subsampling, with TurboJPEG's TJSAMP_* values.</summary>
public enum JpegSubsampling
{
    /// <summary>4:4:4, full-resolution chroma.</summary>
    Yuv444 = 0,
    /// <summary>4:2:2, half horizontal chroma resolution.</summary>
    Yuv422 = 1,
    /// <summary>4:2:0, half chroma resolution both ways: what browsers and most cameras send.</summary>
    Yuv420 = 2,
    /// <summary>Luma only.</summary>
    Gray = 3,
    /// <summary>4:4:0, half vertical chroma resolution.</summary>
    Yuv440 = 4,
    /// <summary>4:1:1, quarter horizontal chroma resolution.</summary>
    Yuv411 = 5,
}

/// <summary>What a JPEG's header says: size and subsampling.</summary>
public readonly record struct JpegInfo(int Width, int Height, JpegSubsampling Subsampling);
