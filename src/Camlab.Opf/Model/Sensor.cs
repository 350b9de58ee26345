namespace Camlab.Opf.Model;

/// <summary>One sensor model of a physical camera unit: bands, image size, pixel size, internals.</summary>
public sealed class Sensor : OpfObject
{
    public ulong Id { get; set; }
    public string Name { get; set; } = "";
    public List<Band> Bands { get; set; } = [];

    /// <summary>Width and height in pixels (2 items; whole numbers).</summary>
    public double[] ImageSizePx { get; set; } = [0, 0];

    /// <summary>Pixel size in micrometres (≥ 0).</summary>
    public double PixelSizeUm { get; set; }

    /// <summary>Perspective, fisheye or spherical internals; null only in a document that lacks them.</summary>
    public SensorInternals? Internals { get; set; }

    public InputRigRelatives? RigRelatives { get; set; }
    public ShutterType ShutterType { get; set; } = ShutterType.Global;
}

/// <summary>One image band and its weight in the luminance (weights of a sensor sum to 1).</summary>
public sealed class Band : OpfObject
{
    public string? Name { get; set; }
    public double Weight { get; set; }
}
