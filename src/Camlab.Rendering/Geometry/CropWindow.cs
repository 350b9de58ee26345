namespace Camlab.Rendering.Geometry;

/// <summary>
/// The rectangle of the source camera's image that fills the output, in source pixels (left/top inclusive
/// edges, right/bottom exclusive edges; the full frame is (0, 0, width, height)). The digital PTZ node and
/// the video channel's SrcLeft/Top/Right/Bottom crop use it.
/// </summary>
public readonly record struct CropWindow(double Left, double Top, double Right, double Bottom)
{
    public static CropWindow Full(ICameraProjection source) => new(0, 0, source.ImageWidth, source.ImageHeight);

    public double Width => Right - Left;
    public double Height => Bottom - Top;

    public void ValidateWithin(ICameraProjection source)
    {
        if (!double.IsFinite(Left) || !double.IsFinite(Top) || !double.IsFinite(Right) || !double.IsFinite(Bottom))
            throw new ArgumentException($"crop window edges must be finite numbers: {this}");
        if (!(Right > Left) || !(Bottom > Top))
            throw new ArgumentException($"crop window must have positive width and height: {this}");
        if (Left < 0 || Top < 0 || Right > source.ImageWidth || Bottom > source.ImageHeight)
            throw new ArgumentOutOfRangeException(nameof(Left), $"crop window {this} leaves the {source.ImageWidth}×{source.ImageHeight} source image");
    }
}
