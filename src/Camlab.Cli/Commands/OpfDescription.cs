using System.Globalization;
using Camlab.Opf.Geometry;
using Camlab.Opf.Model;

namespace Camlab.Cli.Commands;

/// <summary>The human summary <c>camlab opf describe</c> prints.</summary>
internal static class OpfDescription
{
    public static void Write(TextWriter o, string path, InputCameras doc)
    {
        o.WriteLine($"{path}: {doc.Format} {doc.Version}, {Count(doc.Sensors.Count, "sensor")}, {Count(doc.Captures.Count, "capture")}");
        o.WriteLine("sensors:");
        foreach (var s in doc.Sensors) o.WriteLine("  " + Sensor(s));
        o.WriteLine("captures:");
        foreach (var c in doc.Captures) o.WriteLine("  " + Capture(c));
    }

    private static string Sensor(Sensor s)
    {
        var size = s.ImageSizePx.Length == 2 ? $"{N(s.ImageSizePx[0])}×{N(s.ImageSizePx[1])} px" : "size ?";
        var bands = string.Join("+", s.Bands.Select(b => b.Name ?? "?"));
        var rig = s.RigRelatives is { } r ? $", rig offset [{string.Join(", ", r.Translation.ValuesM.Select(N))}] m" : "";
        return $"{s.Id} {s.Name}: {size}, {N(s.PixelSizeUm)} µm, {Internals(s.Internals)}, {s.ShutterType} shutter, bands {bands}{rig}; {FieldOfView(s)}";
    }

    private static string Internals(SensorInternals? internals) => internals switch
    {
        PerspectiveInternals p => $"perspective (f {N(p.FocalLengthPx)} px)",
        FisheyeInternals f when f.Affine.Length == 4 => $"fisheye (F {F(2 * f.Affine[0] / Math.PI, 1)} px)",
        null => "no internals",
        var other => other.Type,
    };

    private static string FieldOfView(Sensor s)
    {
        try
        {
            var fov = SensorGeometry.OfInternals(s);
            return $"field of view {F(fov.HorizontalDeg, 1)}° × {F(fov.VerticalDeg, 1)}° (diagonal {F(fov.DiagonalDeg, 1)}°)";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return $"field of view unknown ({e.Message})";
        }
    }

    private static string Capture(Capture c)
    {
        var zone = c.Time.HasZone ? "" : " (zone unknown)";
        var parts = new List<string>
        {
            $"{c.Id} {c.Time}{zone}: {Count(c.Cameras.Count, "camera")} (reference {c.ReferenceCameraId})",
        };
        if (c.Geolocation is { } g)
            parts.Add($"at {string.Join(", ", g.Coordinates.Select(v => F(v, 7)))} ({g.Crs.Definition})");
        if (c.HeightAboveTakeoffM is { } h) parts.Add($"{N(h)} m above take-off");
        if (c.Orientation is { } o)
        {
            var names = o is YawPitchRollOrientation ? "yaw/pitch/roll" : "omega/phi/kappa";
            var crs = o is OmegaPhiKappaOrientation opk ? $" in {opk.Crs}" : "";
            parts.Add($"{names} {string.Join(", ", o.AnglesDeg.Select(a => F(a, 3) + "°"))}{crs}");
        }
        return string.Join(", ", parts);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string F(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
