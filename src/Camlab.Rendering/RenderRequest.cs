using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;

namespace Camlab.Rendering;

/// <summary>
/// One frame to render: the camera model (at its sensor resolution), where it points, the output size,
/// optionally the crop window of the sensor image that fills the output (the digital PTZ node and the
/// video channel's crop), the scene time, every imaging setting, the privacy masks and the OSD text.
/// </summary>
public sealed record RenderRequest(ICameraProjection Camera, ViewPose Pose, int Width, int Height)
{
    public const int MaxDimension = 8192;

    /// <summary>Null renders the whole sensor image.</summary>
    public CropWindow? Window { get; init; }
    /// <summary>Time since the scene's epoch; moving objects are where their paths put them at this time.</summary>
    public TimeSpan SceneTime { get; init; }
    public ImagingParameters Imaging { get; init; } = ImagingParameters.Neutral;
    public IReadOnlyList<PrivacyMask> PrivacyMasks { get; init; } = [];
    /// <summary>Text drawn over the finished picture (OSDs), after the privacy masks, in order.</summary>
    public IReadOnlyList<Overlay.TextOverlay> Overlays { get; init; } = [];
    /// <summary>Seed of this frame's sensor noise (e.g. the frame count): same seed, same pixels.</summary>
    public ulong NoiseSeed { get; init; }

    public CropWindow EffectiveWindow => Window ?? CropWindow.Full(Camera);

    /// <summary>Throws a precise exception for anything that cannot be rendered; a valid request renders.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Camera);
        if (Width < 1 || Height < 1 || Width > MaxDimension || Height > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(Width), $"output size {Width}×{Height} must be within 1..{MaxDimension} in each dimension");
        if (Camera.ImageWidth < 1 || Camera.ImageHeight < 1)
            throw new ArgumentException($"the camera model's image size {Camera.ImageWidth}×{Camera.ImageHeight} must be positive");
        Pose.Validate();
        EffectiveWindow.ValidateWithin(Camera);
        ArgumentNullException.ThrowIfNull(Imaging);
        Imaging.Validate();
        ArgumentNullException.ThrowIfNull(PrivacyMasks);
        ArgumentNullException.ThrowIfNull(Overlays);
        foreach (var overlay in Overlays) overlay.Validate();
        if (SceneTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SceneTime), SceneTime, "scene time starts at zero");
    }
}
