using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>
/// Capture orientations as rotation matrices (opf-math.md, "Orientation"). Every matrix maps vectors of the
/// image CS (x right, y up in the image, z back towards the camera centre; the camera looks along −z) into
/// the target frame. Angles are in degrees.
/// </summary>
/// <remarks>
/// Yaw-pitch-roll: the spec's sentence ("a rotation Rz(yaw)Ry(pitch)Rx(roll) from the image CS to
/// East-North-Down ... (0,0,0) is the identity") cannot be read literally: the identity cannot map the
/// right-handed image CS onto a frame whose third axis points down while the camera looks down. The reading
/// that reproduces Pix4D's published examples — (0,0,0) looks straight down with the image top to North,
/// yaw 90 puts the top East, pitch 90 looks North with the top up — is the aerospace body→NED rotation with
/// image top = body forward, image right = body right and viewing direction = body down. With
/// P = [[0,1,0],[1,0,0],[0,0,−1]] (image CS → body axes forward, right, down):
/// R(image→NED) = Rz(yaw)·Ry(pitch)·Rx(roll)·P and R(image→ENU) = P·Rz(yaw)·Ry(pitch)·Rx(roll)·P
/// (P also swaps NED and ENU). For nadir shots this gives κ ≈ −yaw, as Pix4D's tools do.
/// </remarks>
public static class Orientation
{
    /// <summary>Image CS → body (forward, right, down); also NED ↔ ENU. Its own inverse.</summary>
    public static Matrix3D SwapAxes { get; } = new(0, 1, 0, 1, 0, 0, 0, 0, -1);

    /// <summary>The image CS → North-East-Down rotation of yaw, pitch, roll (degrees).</summary>
    public static Matrix3D FromYawPitchRoll(double yawDeg, double pitchDeg, double rollDeg) =>
        Matrix3D.RotationZ(Rad(yawDeg)) * Matrix3D.RotationY(Rad(pitchDeg)) * Matrix3D.RotationX(Rad(rollDeg)) * SwapAxes;

    /// <summary>The image CS → East-North-Up rotation of yaw, pitch, roll (degrees).</summary>
    public static Matrix3D FromYawPitchRollToEnu(double yawDeg, double pitchDeg, double rollDeg) =>
        SwapAxes * FromYawPitchRoll(yawDeg, pitchDeg, rollDeg);

    /// <summary>
    /// Yaw, pitch, roll (degrees; yaw and roll in (−180, 180], pitch in [−90, 90]) of an image CS → NED rotation.
    /// At pitch ±90° yaw and roll are not separable; roll is then reported as 0.
    /// </summary>
    public static (double Yaw, double Pitch, double Roll) ToYawPitchRoll(Matrix3D imageToNed)
    {
        var m = imageToNed * SwapAxes; // Rz·Ry·Rx, the aerospace ZYX sequence
        var pitch = Math.Asin(Math.Clamp(-m.M31, -1, 1));
        if (Math.Abs(m.M31) > 1 - 1e-12)
            return (Deg(Math.Atan2(-m.M12, m.M22)), Deg(pitch), 0);
        return (Deg(Math.Atan2(m.M21, m.M11)), Deg(pitch), Deg(Math.Atan2(m.M32, m.M33)));
    }

    /// <summary>Yaw, pitch, roll of an image CS → ENU rotation.</summary>
    public static (double Yaw, double Pitch, double Roll) ToYawPitchRollFromEnu(Matrix3D imageToEnu) =>
        ToYawPitchRoll(SwapAxes * imageToEnu);

    /// <summary>R = Rx(ω)·Ry(φ)·Rz(κ), image CS → the orientation's Cartesian CRS (degrees).</summary>
    public static Matrix3D FromOmegaPhiKappa(double omegaDeg, double phiDeg, double kappaDeg) =>
        Matrix3D.RotationX(Rad(omegaDeg)) * Matrix3D.RotationY(Rad(phiDeg)) * Matrix3D.RotationZ(Rad(kappaDeg));

    /// <summary>
    /// ω = atan2(−R23, R33), φ = asin(R13), κ = atan2(−R12, R11), in degrees. At φ = ±90° ω and κ are not
    /// separable; ω is then reported as 0.
    /// </summary>
    public static (double Omega, double Phi, double Kappa) ToOmegaPhiKappa(Matrix3D r)
    {
        var phi = Math.Asin(Math.Clamp(r.M13, -1, 1));
        if (Math.Abs(r.M13) > 1 - 1e-12)
            return (0, Deg(phi), Deg(Math.Atan2(r.M21, r.M22)));
        return (Deg(Math.Atan2(-r.M23, r.M33)), Deg(phi), Deg(Math.Atan2(-r.M12, r.M11)));
    }

    /// <summary>
    /// The rotation of a capture's orientation: image CS → NED for yaw-pitch-roll, image CS → the named
    /// CRS for omega-phi-kappa.
    /// </summary>
    public static Matrix3D FromCapture(CaptureOrientation orientation)
    {
        var a = orientation.AnglesDeg;
        if (a.Length != 3) throw new ArgumentException("angles_deg must have 3 numbers", nameof(orientation));
        return orientation switch
        {
            YawPitchRollOrientation => FromYawPitchRoll(a[0], a[1], a[2]),
            OmegaPhiKappaOrientation => FromOmegaPhiKappa(a[0], a[1], a[2]),
            _ => throw new ArgumentException($"unknown orientation type {orientation.Type}", nameof(orientation)),
        };
    }

    internal static double Rad(double deg) => deg * (Math.PI / 180);
    internal static double Deg(double rad) => rad * (180 / Math.PI);
}
