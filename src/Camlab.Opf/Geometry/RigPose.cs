using Camlab.Opf.Model;

namespace Camlab.Opf.Geometry;

/// <summary>
/// The pose of a camera of a rig: <see cref="Rotation"/> maps the camera's frame into the world frame and
/// <see cref="Position"/> is its centre in that world frame.
/// </summary>
public readonly record struct RigPose(Matrix3D Rotation, Vector3D Position)
{
    /// <summary>
    /// R_rel = Rx(α)·Ry(β)·Rz(γ) of a rig relative rotation (degrees), in the right-down-front frame of the
    /// reference camera (opf-math.md, "Rig relatives").
    /// </summary>
    public static Matrix3D RelativeRotation(RigRelativeRotation rotation)
    {
        CameraModel.Require(rotation.AnglesDeg, 3, "angles_deg");
        var a = rotation.AnglesDeg;
        return Matrix3D.RotationX(Orientation.Rad(a[0])) * Matrix3D.RotationY(Orientation.Rad(a[1])) * Matrix3D.RotationZ(Orientation.Rad(a[2]));
    }

    /// <summary>
    /// The pose of a secondary camera whose sensor has <paramref name="relatives"/>, given this (the reference
    /// camera's) pose: T_s = T_r + R_r·T_rel, R_s = R_r·R_rel.
    /// </summary>
    public RigPose Secondary(InputRigRelatives relatives)
    {
        ArgumentNullException.ThrowIfNull(relatives);
        CameraModel.Require(relatives.Translation.ValuesM, 3, "values_m");
        var translation = Vector3D.From(relatives.Translation.ValuesM);
        return new RigPose(Rotation * RelativeRotation(relatives.Rotation), Position + Rotation * translation);
    }
}
