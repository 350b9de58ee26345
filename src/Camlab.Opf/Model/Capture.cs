namespace Camlab.Opf.Model;

/// <summary>One image acquisition event: its cameras, where and when it happened and how it was oriented.</summary>
public sealed class Capture : OpfObject
{
    public ulong Id { get; set; }

    /// <summary>The camera of <see cref="Cameras"/> the rig is referenced to (required even for one camera).</summary>
    public ulong ReferenceCameraId { get; set; }
    public List<Camera> Cameras { get; set; } = [];
    public RigModelSource RigModelSource { get; set; } = RigModelSource.NotApplicable;
    public Geolocation? Geolocation { get; set; }
    public CaptureOrientation? Orientation { get; set; }
    public double? HeightAboveTakeoffM { get; set; }
    public CaptureTime Time { get; set; }

    /// <summary>The camera with this id, or null.</summary>
    public Camera? FindCamera(ulong id)
    {
        foreach (var c in Cameras)
            if (c.Id == id) return c;
        return null;
    }
}

/// <summary>One camera of a capture, tied to a sensor by <see cref="SensorId"/>.</summary>
public sealed class Camera : OpfObject
{
    public ulong SensorId { get; set; }
    public ulong Id { get; set; }
    public ModelSource ModelSource { get; set; } = ModelSource.Database;
    public PixelType PixelType { get; set; } = PixelType.UInt8;
    public PixelRange? PixelRange { get; set; }

    /// <summary>EXIF orientation 1..8, or null when absent.</summary>
    public int? ImageOrientation { get; set; }
}

/// <summary>The range of valid pixel values: static (min, max) or dynamic (percentile).</summary>
public abstract class PixelRange : OpfObject;

/// <summary>Values ≤ min are underexposed and ≥ max overexposed.</summary>
public sealed class StaticPixelRange : PixelRange
{
    public double Min { get; set; }
    public double Max { get; set; }
}

/// <summary>A range found from the image content, ignoring <see cref="Percentile"/> percent at both ends.</summary>
public sealed class DynamicPixelRange : PixelRange
{
    public double Percentile { get; set; }
}
