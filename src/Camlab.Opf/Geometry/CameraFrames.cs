namespace Camlab.Opf.Geometry;

/// <summary>
/// The two camera frames of opf-math.md. OPF orientations use the image CS ("right-top-back": x right, y up,
/// z back; the camera looks along −z). Camera models (<see cref="ICameraModel"/>) take and return rays in the
/// computer-vision frame (x right, y down, z forward) = diag(1, −1, −1) · image CS.
/// </summary>
public static class CameraFrames
{
    public static Matrix3D ImageToVision { get; } = new(1, 0, 0, 0, -1, 0, 0, 0, -1);

    public static Vector3D VisionFromImage(Vector3D imageCs) => new(imageCs.X, -imageCs.Y, -imageCs.Z);
    public static Vector3D ImageFromVision(Vector3D vision) => new(vision.X, -vision.Y, -vision.Z);
}
