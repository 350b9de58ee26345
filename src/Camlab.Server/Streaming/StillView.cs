using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Overlay;

namespace Camlab.Server.Streaming;

/// <summary>
/// Everything but the sensor noise that a frame of a view without moving objects shows: the optics, pose and sensor
/// window, every imaging setting (day/night and the IR lamp among them), the privacy masks and the OSD text as drawn
/// (a clock OSD changes it every second). Two frames with equal still views differ only in their noise
/// (docs/streaming.md, "Still views").
/// </summary>
internal sealed class StillView(ICameraProjection optics, ViewPose pose, CropWindow window, ImagingParameters imaging,
    IReadOnlyList<PrivacyMask> masks, IReadOnlyList<TextOverlay> overlays) : IEquatable<StillView>
{
    public ICameraProjection Optics { get; } = optics;
    public ViewPose Pose { get; } = pose;
    public CropWindow Window { get; } = window;
    public ImagingParameters Imaging { get; } = imaging;
    public IReadOnlyList<PrivacyMask> Masks { get; } = masks;
    public IReadOnlyList<TextOverlay> Overlays { get; } = overlays;

    public bool Equals(StillView? other) =>
        other is not null && Pose == other.Pose && Window == other.Window && Optics.Equals(other.Optics) && Imaging.Equals(other.Imaging)
        && Masks.SequenceEqual(other.Masks) && Overlays.SequenceEqual(other.Overlays);

    /// <summary>
    /// True when <paramref name="other"/> shows everything this view shows but with other OSD text at the same places
    /// (a clock OSD's next second): the picture differs only where the text is drawn.
    /// </summary>
    public bool DiffersOnlyInText(StillView other) =>
        Pose == other.Pose && Window == other.Window && Optics.Equals(other.Optics) && Imaging.Equals(other.Imaging)
        && Masks.SequenceEqual(other.Masks) && Overlays.Count == other.Overlays.Count
        && Overlays.Zip(other.Overlays).All(p => p.First == p.Second with { Text = p.First.Text }) && !Overlays.SequenceEqual(other.Overlays);

    public override bool Equals(object? obj) => obj is StillView v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Pose, Window, Imaging, Masks.Count, Overlays.Count);
}
