namespace Camlab.Opf.Model;

/// <summary>A measured position: coordinates in the CRS's own axis order and their standard deviations.</summary>
public sealed class Geolocation : OpfObject
{
    public Crs Crs { get; set; } = new();

    /// <summary>3 coordinates in the CRS axis order (lat, lon, h for EPSG:4326+5773).</summary>
    public double[] Coordinates { get; set; } = [0, 0, 0];
    public double[] Sigmas { get; set; } = [0, 0, 0];
}

/// <summary>A coordinate reference system: WKT2 or <c>Authority:code[+code]</c>.</summary>
public sealed class Crs : OpfObject
{
    public string Definition { get; set; } = "";
    public double? GeoidHeight { get; set; }
}

/// <summary>The orientation of a capture: yaw-pitch-roll or omega-phi-kappa.</summary>
public abstract class CaptureOrientation : OpfObject
{
    public abstract string Type { get; }
    public double[] AnglesDeg { get; set; } = [0, 0, 0];
    public double[] SigmasDeg { get; set; } = [0, 0, 0];
}

/// <summary>Yaw, pitch, roll in degrees against East-North-Down (see <see cref="Geometry.YawPitchRoll"/>).</summary>
public sealed class YawPitchRollOrientation : CaptureOrientation
{
    public const string TypeName = "yaw_pitch_roll";
    public override string Type => TypeName;
}

/// <summary>Omega, phi, kappa in degrees: R = Rx(ω)·Ry(φ)·Rz(κ) from the image CS into <see cref="Crs"/>.</summary>
public sealed class OmegaPhiKappaOrientation : CaptureOrientation
{
    public const string TypeName = "omega_phi_kappa";
    public override string Type => TypeName;

    /// <summary>The Cartesian horizontal CRS the rotation targets.</summary>
    public string Crs { get; set; } = "";
}
