using Camlab.Device.Clock;
using Camlab.Device.Media;
using Camlab.Device.Media.Osd;
using Camlab.Rendering.Overlay;

namespace Camlab.Server.View;

/// <summary>
/// The camera's OSDs (<see cref="CameraOsds"/>) as the text drawn over a video source's picture: each OSD's text at
/// the frame's camera time in the camera's time zone (SetSystemDateAndTime's TZ), placed in its video source
/// configuration's window (Bounds) of the source. FontSize is the line height in pixels at the source's full
/// resolution, so a sub-stream shows the same layout smaller. Defaults where the OSD names none: white text, no
/// background.
/// </summary>
public static class OsdOverlays
{
    public static readonly OverlayColor DefaultFontColor = new(255, 255, 255);

    public static IReadOnlyList<TextOverlay> For(CameraOsds osds, MediaProfiles media, string sourceToken, DateTimeOffset cameraTime, PosixTimeZone zone)
    {
        var list = osds.OfSource(sourceToken);
        if (list.Count == 0) return [];
        var source = media.VideoSources.FirstOrDefault(s => s.Token == sourceToken);
        if (source is null) return [];
        var local = zone.ToLocal(cameraTime);
        var overlays = new List<TextOverlay>(list.Count);
        foreach (var osd in list)
        {
            var bounds = media.VideoSourceConfigurations.First(c => c.Token == osd.VideoSourceConfigurationToken);
            overlays.Add(ToOverlay(osd, CameraOsds.TextAt(osd.Text, local), source, bounds));
        }
        return overlays;
    }

    public static TextOverlay ToOverlay(OsdConfiguration osd, string text, VideoSource source, VideoSourceConfiguration bounds)
    {
        var placement = osd.Position.Type switch
        {
            OsdPositionType.UpperLeft => OverlayPlacement.UpperLeft,
            OsdPositionType.UpperRight => OverlayPlacement.UpperRight,
            OsdPositionType.LowerLeft => OverlayPlacement.LowerLeft,
            OsdPositionType.LowerRight => OverlayPlacement.LowerRight,
            _ => OverlayPlacement.At,
        };
        // ONVIF normalized coordinates (−1..1, y up) of the configuration's window → fractions of the source (y down).
        double x = (bounds.X + (osd.Position.X + 1) / 2 * bounds.Width) / source.Width;
        double y = (bounds.Y + (1 - osd.Position.Y) / 2 * bounds.Height) / source.Height;
        double height = Math.Clamp(osd.Text.FontSize / (double)source.Height, 1e-4, 1);
        return new TextOverlay(text, placement, Math.Clamp(x, 0, 1), Math.Clamp(y, 0, 1), height,
            osd.Text.FontColor is { } f ? Color(f) : DefaultFontColor, osd.Text.BackgroundColor is { } b ? Color(b) : null);
    }

    private static OverlayColor Color(OsdColor color)
    {
        var (r, g, b) = color.ToRgb();
        return new OverlayColor(r, g, b, color.Opacity);
    }
}
