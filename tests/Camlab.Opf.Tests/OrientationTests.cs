using Camlab.Opf.Geometry;
using Camlab.Opf.Model;

namespace Camlab.Opf.Tests;

public class OrientationTests
{
    private static readonly Vector3D ImageRight = new(1, 0, 0), ImageTop = new(0, 1, 0), ImageBack = new(0, 0, 1);
    private static readonly Vector3D East = new(1, 0, 0), North = new(0, 1, 0), Up = new(0, 0, 1);

    private static void Near(Vector3D expected, Vector3D actual) =>
        Assert.True((expected - actual).Length < 1e-12, $"expected {expected}, got {actual}");

    [Fact]
    public void Yaw_pitch_roll_zero_looks_straight_down_with_the_top_to_north()
    {
        var enu = Orientation.FromYawPitchRollToEnu(0, 0, 0);
        Assert.True(enu.MaxDifference(Matrix3D.Identity) < 1e-15);
        Near(North, enu * ImageTop);
        Near(-Up, enu * -ImageBack); // the view direction
        Assert.True(Orientation.FromYawPitchRoll(0, 0, 0).MaxDifference(new Matrix3D(0, 1, 0, 1, 0, 0, 0, 0, -1)) < 1e-15);
    }

    [Fact]
    public void Yaw_90_puts_the_top_east_and_yaw_270_west()
    {
        var yaw90 = Orientation.FromYawPitchRollToEnu(90, 0, 0);
        Assert.True(yaw90.MaxDifference(new Matrix3D(0, 1, 0, -1, 0, 0, 0, 0, 1)) < 1e-15);
        Near(East, yaw90 * ImageTop);
        Near(-North, yaw90 * ImageRight);

        var yaw270 = Orientation.FromYawPitchRollToEnu(270, 0, 0);
        Near(-East, yaw270 * ImageTop);
        Near(North, yaw270 * ImageRight);
        Near(-Up, yaw270 * -ImageBack);
    }

    [Fact]
    public void Pitch_90_looks_north_with_the_top_up()
    {
        var ned = Orientation.FromYawPitchRoll(0, 90, 0);
        Assert.True(ned.MaxDifference(new Matrix3D(0, 0, -1, 1, 0, 0, 0, -1, 0)) < 1e-15);
        var enu = Orientation.FromYawPitchRollToEnu(0, 90, 0);
        Near(North, enu * -ImageBack);
        Near(Up, enu * ImageTop);
        Near(East, enu * ImageRight);
    }

    [Fact]
    public void Roll_tilts_the_view_to_the_right_of_the_heading()
    {
        // Heading north, roll 90 (right side down) turns the view, which is body down, to the west.
        var enu = Orientation.FromYawPitchRollToEnu(0, 0, 90);
        Near(-East, enu * -ImageBack);
        Near(North, enu * ImageTop);
    }

    [Theory]
    [InlineData(117.31300354, 9.7998399734, 9.9201202393)]
    [InlineData(-170, -45, 179)]
    [InlineData(0.5, 89, -3)]
    [InlineData(45, -89.5, 30)]
    public void Yaw_pitch_roll_round_trip_through_the_matrix(double yaw, double pitch, double roll)
    {
        var (y, p, r) = Orientation.ToYawPitchRoll(Orientation.FromYawPitchRoll(yaw, pitch, roll));
        Assert.Equal(yaw, y, 1e-9);
        Assert.Equal(pitch, p, 1e-9);
        Assert.Equal(roll, r, 1e-9);
        var (y2, p2, r2) = Orientation.ToYawPitchRollFromEnu(Orientation.FromYawPitchRollToEnu(yaw, pitch, roll));
        Assert.Equal(yaw, y2, 1e-9);
        Assert.Equal(pitch, p2, 1e-9);
        Assert.Equal(roll, r2, 1e-9);
    }

    [Fact]
    public void At_pitch_90_the_heading_is_kept_in_yaw()
    {
        var (y, p, r) = Orientation.ToYawPitchRoll(Orientation.FromYawPitchRoll(30, 90, 0));
        Assert.Equal((30.0, 90.0, 0.0), (Math.Round(y, 9), Math.Round(p, 9), Math.Round(r, 9)));
    }

    [Fact]
    public void Omega_phi_kappa_is_rx_ry_rz_and_extracts_back()
    {
        var r = Orientation.FromOmegaPhiKappa(3.3432, -5.2849554, 9.345113);
        var expected = Matrix3D.RotationX(3.3432 * Math.PI / 180) * Matrix3D.RotationY(-5.2849554 * Math.PI / 180) * Matrix3D.RotationZ(9.345113 * Math.PI / 180);
        Assert.True(r.MaxDifference(expected) < 1e-15);
        Assert.Equal(1, r.Determinant, 1e-12);

        var (omega, phi, kappa) = Orientation.ToOmegaPhiKappa(r);
        Assert.Equal(3.3432, omega, 1e-9);
        Assert.Equal(-5.2849554, phi, 1e-9);
        Assert.Equal(9.345113, kappa, 1e-9);

        // ω = 90 alone is Rx(90): image top → up, image back → south.
        Assert.True(Orientation.FromOmegaPhiKappa(90, 0, 0).MaxDifference(new Matrix3D(1, 0, 0, 0, 0, -1, 0, 1, 0)) < 1e-15);
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(270.0)]
    [InlineData(-33.0)]
    public void For_a_nadir_shot_kappa_is_minus_yaw(double yaw)
    {
        var (omega, phi, kappa) = Orientation.ToOmegaPhiKappa(Orientation.FromYawPitchRollToEnu(yaw, 0, 0));
        Assert.Equal(0, omega, 1e-9);
        Assert.Equal(0, phi, 1e-9);
        Assert.Equal(0, Math.IEEERemainder(kappa + yaw, 360), 1e-9);
    }

    [Fact]
    public void A_capture_orientation_gives_its_matrix()
    {
        var capture = TestDocuments.ReadExample().Captures[1];
        var opk = Assert.IsType<OmegaPhiKappaOrientation>(capture.Orientation);
        Assert.Equal(Orientation.FromOmegaPhiKappa(3.3432, -5.2849554, 9.345113), Orientation.FromCapture(opk));
        var ypr = TestDocuments.ReadExample().Captures[0].Orientation!;
        Assert.Equal(Orientation.FromYawPitchRoll(117.31300354, 9.7998399734, 9.9201202393), Orientation.FromCapture(ypr));
    }

    [Fact]
    public void A_secondary_camera_of_a_rig_is_placed_by_its_relatives()
    {
        var reference = new RigPose(Matrix3D.RotationZ(Math.PI / 2), new Vector3D(10, 20, 30));
        var relatives = new InputRigRelatives
        {
            Translation = new RigRelativeTranslation { ValuesM = [1, 0, 0] },
            Rotation = new RigRelativeRotation { AnglesDeg = [0, 0, 90] },
        };

        var secondary = reference.Secondary(relatives);

        Near(new Vector3D(10, 21, 30), secondary.Position);
        Assert.True(secondary.Rotation.MaxDifference(Matrix3D.RotationZ(Math.PI)) < 1e-15);
        var rx = RigPose.RelativeRotation(new RigRelativeRotation { AnglesDeg = [90, 0, 0] });
        Assert.True(rx.MaxDifference(Matrix3D.RotationX(Math.PI / 2)) < 1e-15);

        // The example's Sequoia red band: no rotation, 1.5 cm left and up.
        var red = TestDocuments.ReadExample().Sensors[1].RigRelatives!;
        var pose = new RigPose(Matrix3D.Identity, Vector3D.Zero).Secondary(red);
        Near(new Vector3D(-0.015, 0.015, 0), pose.Position);
        Assert.Equal(Matrix3D.Identity, pose.Rotation);
    }
}
