namespace Camlab.Opf.Model;

/// <summary>One of perspective, fisheye or spherical internals, chosen by <c>type</c>.</summary>
public abstract class SensorInternals : OpfObject
{
    /// <summary>The <c>type</c> discriminator as written in the document.</summary>
    public abstract string Type { get; }

    /// <summary>(x, y) of the principal point in pixels; (0, 0) is the top-left corner of the top-left pixel.</summary>
    public double[] PrincipalPointPx { get; set; } = [0, 0];
}

/// <summary>Pinhole with Brown radial (R1..R3) and tangential (T1, T2) distortion.</summary>
public sealed class PerspectiveInternals : SensorInternals
{
    public const string TypeName = "perspective";
    public override string Type => TypeName;
    public double FocalLengthPx { get; set; }

    /// <summary>R1, R2, R3.</summary>
    public double[] RadialDistortion { get; set; } = [0, 0, 0];

    /// <summary>T1, T2.</summary>
    public double[] TangentialDistortion { get; set; } = [0, 0];
}

/// <summary>Pix4D fisheye: a polynomial in the normalised off-axis angle, then an affine [c d; e f].</summary>
public sealed class FisheyeInternals : SensorInternals
{
    public const string TypeName = "fisheye";
    public override string Type => TypeName;
    public bool IsSymmetricAffine { get; set; }

    /// <summary>c, d, e, f of the affine [c d; e f].</summary>
    public double[] Affine { get; set; } = [1, 0, 0, 1];

    /// <summary>p0, p1, … of the distortion polynomial.</summary>
    public double[] Polynomial { get; set; } = [0, 1];
    public bool IsP0Zero { get; set; }
}

/// <summary>Spherical (360°) internals: only a principal point.</summary>
public sealed class SphericalInternals : SensorInternals
{
    public const string TypeName = "spherical";
    public override string Type => TypeName;
}
