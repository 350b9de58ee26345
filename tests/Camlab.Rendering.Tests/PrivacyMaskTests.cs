using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;

namespace Camlab.Rendering.Tests;

public class PrivacyMaskTests
{
    private static readonly PerspectiveProjection Camera = PerspectiveProjection.FromHorizontalFov(320, 180, 60);

    private static PrivacyMask Square(double pan, double tilt, double half) => new(
    [
        new PanTilt(pan - half, tilt - half), new PanTilt(pan + half, tilt - half),
        new PanTilt(pan + half, tilt + half), new PanTilt(pan - half, tilt + half),
    ]);

    private static bool IsBlack(RgbImage image, int x, int y) => image.GetPixel(x, y) == (0, 0, 0);

    [Fact]
    public void Pixels_inside_the_mask_are_black_and_outside_are_not_touched()
    {
        var pose = new ViewPose(0, 0);
        var masked = new RenderRequest(Camera, pose, 320, 180) { PrivacyMasks = [Square(0, 0, 5)], NoiseSeed = 3 };
        var image = SceneFixture.Renderer.Render(masked);
        var plain = SceneFixture.Renderer.Render(masked with { PrivacyMasks = [] });
        // Every pixel whose ray is inside the pan/tilt square is black; every other pixel is as rendered.
        var toMount = Rotation3.CameraToMount(pose.PanDeg, pose.TiltDeg);
        int black = 0, changedOutside = 0, notBlackInside = 0;
        for (int y = 0; y < 180; y++)
            for (int x = 0; x < 320; x++)
            {
                Camera.TryUnproject(x + 0.5, y + 0.5, out var ray);
                var (pan, tilt) = SphericalDirection.ToAngles(toMount.Apply(ray));
                bool inside = Math.Abs(pan) < 4.98 && Math.Abs(tilt) < 4.98;
                bool outside = Math.Abs(pan) > 5.02 || Math.Abs(tilt) > 5.02;
                if (inside) { if (!IsBlack(image, x, y)) notBlackInside++; black++; }
                if (outside && plain.GetPixel(x, y) != image.GetPixel(x, y)) changedOutside++;
            }
        Assert.Equal(0, notBlackInside);
        Assert.Equal(0, changedOutside);
        // ±5° at f = 277 px: 2·f·tan 5° = 48.5 px square.
        Assert.InRange(black, 46 * 46, 50 * 50);
        Assert.InRange(SceneFixture.Renderer.MaskedPixelCount(masked) - black, 0, 400);
    }

    [Fact]
    public void The_mask_stays_on_the_scene_when_the_camera_pans()
    {
        // Mask centred at pan 10; with the camera at pan 0 it is right of centre, at pan 10 it is centred.
        var mask = Square(10, 0, 3);
        var atZero = SceneFixture.Renderer.Render(new RenderRequest(Camera, new ViewPose(0, 0), 320, 180) { PrivacyMasks = [mask] });
        var atTen = SceneFixture.Renderer.Render(new RenderRequest(Camera, new ViewPose(10, 0), 320, 180) { PrivacyMasks = [mask] });
        int expectedX = (int)(160 + Camera.FocalLengthPx * Math.Tan(10 * Math.PI / 180));
        Assert.True(IsBlack(atZero, expectedX, 90));
        Assert.False(IsBlack(atZero, 160, 90));
        Assert.True(IsBlack(atTen, 160, 90));
    }

    [Fact]
    public void A_mask_across_the_pan_seam_covers_both_sides()
    {
        var mask = new PrivacyMask([new PanTilt(175, -5), new PanTilt(-175, -5), new PanTilt(-175, 5), new PanTilt(175, 5)]);
        var image = SceneFixture.Renderer.Render(new RenderRequest(Camera, new ViewPose(180, 0), 320, 180) { PrivacyMasks = [mask] });
        Assert.True(IsBlack(image, 160, 90));
        Assert.True(IsBlack(image, 160 - 20, 90));
        Assert.True(IsBlack(image, 160 + 20, 90));
        Assert.False(IsBlack(image, 10, 90));
    }

    [Fact]
    public void Masks_apply_whatever_the_imaging_settings()
    {
        var request = new RenderRequest(Camera, new ViewPose(0, 0), 320, 180)
        {
            PrivacyMasks = [Square(0, 0, 5)],
            Imaging = ImagingParameters.Neutral with { Brightness = 1, GainDb = 30, Sharpness = 4, NightMode = true, IrLamp = 1 },
        };
        Assert.True(IsBlack(SceneFixture.Renderer.Render(request), 160, 90));
    }

    [Fact]
    public void A_mask_drawn_on_the_picture_covers_that_part_of_the_picture_at_that_pose()
    {
        var pose = new ViewPose(30, -10);
        var mask = PrivacyMask.FromImagePolygon(Camera, pose, [(100, 50), (200, 50), (200, 120), (100, 120)]);
        var image = SceneFixture.Renderer.Render(new RenderRequest(Camera, pose, 320, 180) { PrivacyMasks = [mask] });
        Assert.True(IsBlack(image, 105, 55));
        Assert.True(IsBlack(image, 195, 115));
        Assert.False(IsBlack(image, 95, 85));
        Assert.False(IsBlack(image, 150, 125));
    }

    [Fact]
    public void Invalid_polygons_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PrivacyMask([new PanTilt(0, 0), new PanTilt(1, 1)]));
        Assert.Throws<ArgumentException>(() => new PrivacyMask([new PanTilt(0, 0), new PanTilt(1, 1), new PanTilt(0, 95)]));
        Assert.Throws<ArgumentException>(() => new PrivacyMask([new PanTilt(0, 0), new PanTilt(double.NaN, 1), new PanTilt(0, 5)]));
    }
}
