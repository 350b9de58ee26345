using Camlab.Device.Ptz;

namespace Camlab.Device.Tests.Ptz;

public class PtzLimitsTests
{
    private static readonly FloatRange All = new(double.NegativeInfinity, double.PositiveInfinity);

    private static void DegreeLimits(PtzTestRig rig) => rig.Configure(rig.Dome, c => c with
    {
        DefaultAbsolutePanTiltPositionSpace = PtzSpaces.PanTiltPositionDegrees,
        PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionDegrees, new FloatRange(-90, 90), new FloatRange(-45, 0)),
    });

    [Fact]
    public void Absolute_moves_beyond_degree_limits_are_refused_in_any_space()
    {
        using var rig = new PtzTestRig();
        DegreeLimits(rig);
        var ex = Assert.Throws<PtzException>(() => rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(0.6, 0, PtzSpaces.PanTiltPositionGeneric), null)));
        Assert.Equal(PtzError.InvalidPosition, ex.Error); // 0.6 generic = 108°, beyond 90°
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() => rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(0, -46), null))).Error);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(0.5, 0.8, PtzSpaces.PanTiltPositionGeneric), null)); // (90°, 0°)
        rig.Clock.Advance(10);
        var s = rig.Dome.GetStatus().Position.PanTilt!.Value;
        Assert.Equal(90, s.X, 6);
        Assert.Equal(0, s.Y, 6);
    }

    [Fact]
    public void Limits_given_in_the_generic_space_are_checked_there()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with
        {
            PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionGeneric, new FloatRange(-0.5, 0.5), All),
        });
        // 91° is 0.5056 in the generic space: out.
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() =>
            rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(91, 0, PtzSpaces.PanTiltPositionDegrees), null))).Error);
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(90, 0, PtzSpaces.PanTiltPositionDegrees), null));
    }

    [Fact]
    public void Continuous_and_relative_moves_stop_on_the_border()
    {
        using var rig = new PtzTestRig();
        DegreeLimits(rig);
        rig.Dome.ContinuousMove(new PtzVector(new PanTiltVector(1, 1), null), TimeSpan.FromSeconds(60));
        rig.Clock.Advance(30);
        var s = rig.Dome.GetStatus();
        Assert.Equal(MoveStatus.Idle, s.PanTilt);
        Assert.Equal(90, s.Position.PanTilt!.Value.X, 9);
        Assert.Equal(0, s.Position.PanTilt!.Value.Y, 9);
        rig.Dome.RelativeMove(new PtzVector(new PanTiltVector(-30, -80, PtzSpaces.PanTiltTranslationDegrees), null));
        rig.Clock.Advance(30);
        s = rig.Dome.GetStatus();
        Assert.Equal(60, s.Position.PanTilt!.Value.X, 9);
        Assert.Equal(-45, s.Position.PanTilt!.Value.Y, 9);
        // Pan limits make the pan bounded: from 60° to −60° it goes through 0, never through ±180.
        rig.Dome.AbsoluteMove(new PtzVector(new PanTiltVector(-60, -45), null));
        rig.Clock.Advance(0.5);
        Assert.InRange(rig.Dome.GetStatus().Position.PanTilt!.Value.X, -60, 60);
    }

    [Fact]
    public void Zoom_limits_in_millimetres()
    {
        using var rig = new PtzTestRig();
        rig.Configure(rig.Dome, c => c with { ZoomLimits = new SpaceLimits(PtzSpaces.ZoomPositionMillimeter, new FloatRange(10, 50)) });
        Assert.Equal(PtzError.InvalidPosition, Assert.Throws<PtzException>(() =>
            rig.Dome.AbsoluteMove(new PtzVector(null, new ZoomVector(1, PtzSpaces.ZoomPositionGeneric)))).Error);
        rig.Dome.ContinuousMove(new PtzVector(null, new ZoomVector(1)), TimeSpan.FromSeconds(60));
        rig.Clock.Advance(30);
        Assert.Equal(50, rig.Dome.CurrentPose.Zoom, 9);
        rig.Dome.RelativeMove(new PtzVector(null, new ZoomVector(-1)));
        rig.Clock.Advance(30);
        Assert.Equal(10, rig.Dome.CurrentPose.Zoom, 9);
    }

    [Fact]
    public void Invalid_configurations_are_refused_and_change_nothing()
    {
        using var rig = new PtzTestRig();
        var before = rig.Dome.Configuration;
        PtzError Fail(Func<PtzConfiguration, PtzConfiguration> f) =>
            Assert.Throws<PtzException>(() => rig.Configure(rig.Dome, f)).Error;
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { DefaultTimeout = TimeSpan.FromHours(1) }));
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { DefaultAbsolutePanTiltPositionSpace = PtzSpaces.PanTiltPositionDigital }));
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { MoveRamp = 4 }));
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionGeneric, new FloatRange(-2, 1), All) }));
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { PanTiltLimits = new SpaceLimits(PtzSpaces.PanTiltPositionGeneric, new FloatRange(0.5, -0.5), All) }));
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { DefaultSpeed = new PtzVector(new PanTiltVector(2, 0), null) }));
        Assert.Equal(PtzError.ConfigModify, Fail(c => c with { NodeToken = "PtzNode_2" }));
        Assert.Equal(PtzError.ConfigModify, Assert.Throws<PtzException>(() => rig.Configure(rig.Digital, c => c with { EFlip = EFlipMode.On })).Error);
        Assert.Equal(before, rig.Dome.Configuration);
        Assert.Null(rig.Store.Read("ptz/PtzNode_1/configuration.json"));
    }

    [Fact]
    public void Digital_window_stays_on_the_sensor()
    {
        using var rig = new PtzTestRig();
        var d = rig.Digital;
        // At zoom 1 the window is the whole sensor: the only centre is (0.5, 0.5); any position of the space is
        // accepted and the window stops there (PTZ-7-1-3, MEDIA2_PTZ-1-1-1 move to the space's extremes).
        d.AbsoluteMove(new PtzVector(new PanTiltVector(0.1, 0.9, PtzSpaces.PanTiltPositionDigital), null));
        rig.Clock.Advance(30);
        Assert.Equal((0.5, 0.5), (Math.Round(d.CurrentPose.Pan, 9), Math.Round(d.CurrentPose.Tilt, 9)));
        d.AbsoluteMove(new PtzVector(new PanTiltVector(0.1, 0.9, PtzSpaces.PanTiltPositionDigital), new ZoomVector(6, PtzSpaces.ZoomPositionNormalizedDigital)));
        rig.Clock.Advance(30);
        var pose = d.CurrentPose;
        Assert.Equal(new PtzPose(0.1, 0.9, 6), new PtzPose(Math.Round(pose.Pan, 9), Math.Round(pose.Tilt, 9), Math.Round(pose.Zoom, 9)));
        var geometry = (DigitalWindowGeometry)d.Geometry;
        Assert.Equal((64, 36, 640, 360), geometry.WindowPixels(pose));
        // Zooming out pushes the window back inside.
        d.AbsoluteMove(new PtzVector(null, new ZoomVector(2, PtzSpaces.ZoomPositionNormalizedDigital)));
        rig.Clock.Advance(30);
        pose = d.CurrentPose;
        Assert.Equal(0.25, pose.Pan, 9);
        Assert.Equal(0.75, pose.Tilt, 9);
        d.ContinuousMove(new PtzVector(new PanTiltVector(-1, 0), null));
        rig.Clock.Advance(30);
        Assert.Equal(0.25, d.CurrentPose.Pan, 9);
    }
}
