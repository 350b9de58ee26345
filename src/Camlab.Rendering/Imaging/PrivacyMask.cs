using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Imaging;

/// <summary>A privacy mask vertex: the pan/tilt (degrees, mount frame, see <see cref="ViewPose"/>) that would centre it.</summary>
public readonly record struct PanTilt(double PanDeg, double TiltDeg);

/// <summary>
/// A polygon in pan/tilt space whose pixels are black in every output. Edges are straight in pan/tilt
/// (like the mask editors of PTZ cameras), pans may cross ±180°. Equality is by vertices, so renders with
/// the same masks share one rasterised mask.
/// </summary>
public sealed class PrivacyMask : IEquatable<PrivacyMask>
{
    private readonly PanTilt[] _vertices;

    public PrivacyMask(IEnumerable<PanTilt> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        _vertices = vertices.ToArray();
        if (_vertices.Length < 3) throw new ArgumentException($"a privacy mask polygon needs at least 3 vertices, got {_vertices.Length}", nameof(vertices));
        for (int i = 0; i < _vertices.Length; i++)
        {
            var v = _vertices[i];
            if (!double.IsFinite(v.PanDeg) || !double.IsFinite(v.TiltDeg) || v.TiltDeg < -90 || v.TiltDeg > 90)
                throw new ArgumentException($"privacy mask vertex {i} ({v.PanDeg}, {v.TiltDeg}) needs a finite pan and a tilt within [-90, 90]", nameof(vertices));
        }
        // Unwrap pans so consecutive vertices differ by less than 180°: a mask across the ±180° seam stays one polygon.
        var unwrapped = new double[_vertices.Length];
        unwrapped[0] = _vertices[0].PanDeg;
        for (int i = 1; i < _vertices.Length; i++)
            unwrapped[i] = unwrapped[i - 1] + Wrap180(_vertices[i].PanDeg - _vertices[i - 1].PanDeg);
        Pans = unwrapped;
        Tilts = _vertices.Select(v => v.TiltDeg).ToArray();
        MinPan = Pans.Min(); MaxPan = Pans.Max(); MinTilt = Tilts.Min(); MaxTilt = Tilts.Max();
    }

    public IReadOnlyList<PanTilt> Vertices => _vertices;

    /// <summary>
    /// A mask drawn on the picture (pixel vertices of <paramref name="camera"/>'s image, e.g. an ONVIF mask
    /// polygon scaled from normalised coordinates) while the camera is at <paramref name="pose"/>, turned into
    /// pan/tilt so it stays on the scene when the camera moves.
    /// </summary>
    public static PrivacyMask FromImagePolygon(ICameraProjection camera, ViewPose pose, IEnumerable<(double U, double V)> pixels)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(pixels);
        var toMount = Rotation3.CameraToMount(pose.PanDeg, pose.TiltDeg);
        var vertices = new List<PanTilt>();
        foreach (var (u, v) in pixels)
        {
            if (!camera.TryUnproject(u, v, out var ray))
                throw new ArgumentException($"mask vertex ({u}, {v}) is outside the camera model's image", nameof(pixels));
            var (pan, tilt) = SphericalDirection.ToAngles(toMount.Apply(ray));
            vertices.Add(new PanTilt(pan, tilt));
        }
        return new PrivacyMask(vertices);
    }

    internal double[] Pans { get; }
    internal double[] Tilts { get; }
    internal double MinPan { get; }
    internal double MaxPan { get; }
    internal double MinTilt { get; }
    internal double MaxTilt { get; }

    /// <summary>Even-odd test of a pan/tilt point, trying the pan's ±360° aliases.</summary>
    public bool Contains(double panDeg, double tiltDeg)
    {
        if (tiltDeg < MinTilt || tiltDeg > MaxTilt) return false;
        double centre = (MinPan + MaxPan) / 2;
        double p = centre + Wrap180(panDeg - centre);
        for (int alias = -1; alias <= 1; alias++)
        {
            double q = p + 360 * alias;
            if (q < MinPan || q > MaxPan) continue;
            if (Inside(q, tiltDeg)) return true;
        }
        return false;
    }

    private bool Inside(double pan, double tilt)
    {
        bool inside = false;
        for (int i = 0, j = Pans.Length - 1; i < Pans.Length; j = i++)
        {
            if ((Tilts[i] > tilt) != (Tilts[j] > tilt)
                && pan < (Pans[j] - Pans[i]) * (tilt - Tilts[i]) / (Tilts[j] - Tilts[i]) + Pans[i])
                inside = !inside;
        }
        return inside;
    }

    private static double Wrap180(double deg) => deg - 360 * Math.Floor((deg + 180) / 360);

    public bool Equals(PrivacyMask? other) => other is not null && _vertices.AsSpan().SequenceEqual(other._vertices);
    public override bool Equals(object? obj) => obj is PrivacyMask m && Equals(m);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in _vertices) h.Add(v);
        return h.ToHashCode();
    }
}
