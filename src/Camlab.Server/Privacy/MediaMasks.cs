using System.Globalization;
using Camlab.Device.Media;
using Camlab.Device.Media.Masks;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Privacy;

/// <summary>
/// The privacy masks of <see cref="CameraPrivacyMasks"/> as Media2 sees them (<see cref="IMediaMasks"/>): one model,
/// two APIs. A mask's Media2 token is its name; a mask created over Media2 is named <c>Mask_n</c>. Its polygon, drawn in
/// normalized coordinates of a video source configuration's picture, becomes pan/tilt at the source's current pose
/// (like <c>imagePoints</c> of the HTTP API), so it stays on the scene when the camera moves; the drawn polygon is kept
/// and GetMasks returns it as set. A mask set by the configuration or the HTTP API (pan/tilt only) is reported where it
/// falls on the current picture; vertices the picture cannot see through are reported at their angular offset from the
/// view's centre (per 45°), outside −1..1. Masks belong to the video source (SourceMask): every configuration of the
/// source shows them.
/// </summary>
public sealed class MediaMasks(CameraPrivacyMasks masks, MediaProfiles media) : IMediaMasks
{
    private readonly Lock _gate = new();

    public int MaxMasks => PrivacyMaskDefinition.MaxMasksPerSource;

    public int MaxPoints => PrivacyMaskDefinition.MaxVertices;

    public IReadOnlyList<MediaMask> Masks(string? token, string? configurationToken)
    {
        string? source = configurationToken is { Length: > 0 } ? Configuration(configurationToken).SourceToken : null;
        var all = masks.All().Where(s => source is null || s.Token == source).SelectMany(s => s.Masks.Select(m => ToMedia(s.Token, m))).OfType<MediaMask>().ToArray();
        if (token is not { Length: > 0 }) return all;
        var found = all.Where(m => m.Token == token).ToArray();
        if (found.Length == 0 && Find(token) is null) throw NoMask(token);
        return found;
    }

    public void CheckConfiguration(string configurationToken) => Configuration(configurationToken);

    public string Create(MediaMask mask)
    {
        var configuration = Configuration(mask.ConfigurationToken);
        lock (_gate)
        {
            var current = masks.Source(configuration.SourceToken).Masks;
            if (current.Count >= MaxMasks)
                throw new MaskException(MaskError.MaxMasks, $"video source '{configuration.SourceToken}' has {MaxMasks} masks, the most it can hold");
            var taken = masks.All().SelectMany(s => s.Masks).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            int n = 1;
            while (taken.Contains($"Mask_{n}")) n++;
            var token = $"Mask_{n}";
            var options = current.Select(m => m.ToOption()).Append(Drawn(token, mask, configuration)).ToList();
            Apply(configuration.SourceToken, options);
            return token;
        }
    }

    public void Set(MediaMask mask)
    {
        var configuration = Configuration(mask.ConfigurationToken);
        lock (_gate)
        {
            var (source, existing) = Find(mask.Token) ?? throw NoMask(mask.Token);
            if (source != configuration.SourceToken)
                throw new MaskException(MaskError.ConfigModify,
                    $"mask '{mask.Token}' masks video source '{source}'; configuration '{configuration.Token}' shows '{configuration.SourceToken}': a mask stays on its source (delete it and create it on the other)");
            var drawn = new DrawnPolygon(configuration.Token, mask.Polygon.ToArray());
            // The same polygon as set before: only Enabled changes, the mask stays where it is on the scene (re-drawing
            // it at the current pose would move it once the camera has moved).
            var replacement = drawn.SameAs(existing.Drawn)
                ? existing.ToOption() with { Enabled = mask.Enabled ? null : false }
                : Drawn(existing.Name, mask, configuration);
            var options = masks.Source(source).Masks.Select(m => m.Name == existing.Name ? replacement : m.ToOption()).ToList();
            Apply(source, options);
        }
    }

    public void Delete(string token)
    {
        lock (_gate)
        {
            var (source, existing) = Find(token) ?? throw NoMask(token);
            masks.Replace(source, masks.Source(source).Masks.Where(m => m.Name != existing.Name).ToArray());
        }
    }

    private PrivacyMaskOption Drawn(string name, MediaMask mask, VideoSourceConfiguration configuration)
    {
        if (mask.Polygon.Count < 3 || mask.Polygon.Count > MaxPoints)
            throw new MaskException(MaskError.InvalidPolygon, $"a mask polygon has 3 to {MaxPoints} points, got {mask.Polygon.Count}");
        for (int i = 0; i < mask.Polygon.Count; i++)
        {
            var p = mask.Polygon[i];
            if (!(Math.Abs(p.X) <= 1 && Math.Abs(p.Y) <= 1))
                throw new MaskException(MaskError.InvalidPolygon, $"Polygon/Point[{i + 1}] ({Number(p.X)}, {Number(p.Y)}) is outside the picture: normalized coordinates are -1..1");
        }
        double twiceArea = 0;
        for (int j = 0, k = mask.Polygon.Count - 1; j < mask.Polygon.Count; k = j++)
            twiceArea += mask.Polygon[k].X * mask.Polygon[j].Y - mask.Polygon[j].X * mask.Polygon[k].Y;
        if (Math.Abs(twiceArea) < 1e-6) throw new MaskException(MaskError.InvalidPolygon, "the polygon has no area (its points lie on one line): it would hide nothing");
        var source = media.VideoSources.First(s => s.Token == configuration.SourceToken);
        // Normalized coordinates of the configuration's window (Bounds) → fractions of the source's picture (y down).
        var fractions = mask.Polygon.Select(p => (double[]?)[
            (configuration.X + (p.X + 1) / 2 * configuration.Width) / source.Width,
            (configuration.Y + (1 - p.Y) / 2 * configuration.Height) / source.Height]).ToList();
        return new PrivacyMaskOption
        {
            Name = name,
            ImagePoints = fractions,
            Enabled = mask.Enabled ? null : false,
            Drawn = new DrawnPolygonOption { Configuration = configuration.Token, Polygon = mask.Polygon.Select(p => (double[]?)[p.X, p.Y]).ToList() },
        };
    }

    // The whole list is validated as the HTTP API validates it; any error is the polygon's (the rest was valid before).
    private void Apply(string source, List<PrivacyMaskOption> options)
    {
        var errors = new List<string>();
        var parsed = PrivacyMaskDefinition.Parse(options, "Mask", errors, masks.Picture(source)
            ?? throw new MaskException(MaskError.ConfigModify, "this camera has no picture to draw masks on"));
        if (parsed is null) throw new MaskException(MaskError.InvalidPolygon, string.Join("; ", errors));
        masks.Replace(source, parsed);
    }

    private MediaMask? ToMedia(string source, PrivacyMaskDefinition mask)
    {
        var configurations = media.VideoSourceConfigurations.Where(c => c.SourceToken == source).ToArray();
        if (configurations.Length == 0) return null;
        if (mask.Drawn is { } drawn && configurations.FirstOrDefault(c => c.Token == drawn.Configuration) is not null)
            return new MediaMask(mask.Name, drawn.Configuration, drawn.Polygon, mask.Enabled);
        var configuration = configurations[0];
        var videoSource = media.VideoSources.First(s => s.Token == source);
        var picture = masks.PictureOf(source);
        var centre = masks.CurrentAim(source) ?? new PanTilt(0, 0);
        var polygon = mask.Mask.Vertices.Select(v =>
        {
            if (picture?.Invoke(v) is { } f)
            {
                // Fractions of the source → normalized coordinates of the configuration's window.
                double x = (f.X * videoSource.Width - configuration.X) / configuration.Width * 2 - 1;
                double y = 1 - (f.Y * videoSource.Height - configuration.Y) / configuration.Height * 2;
                return new NormalizedPoint(Math.Round(x, 6), Math.Round(y, 6));
            }
            double pan = v.PanDeg - centre.PanDeg;
            pan -= 360 * Math.Floor((pan + 180) / 360);
            return new NormalizedPoint(pan / 45, (v.TiltDeg - centre.TiltDeg) / 45);
        }).ToArray();
        return new MediaMask(mask.Name, configuration.Token, polygon, mask.Enabled);
    }

    private (string Source, PrivacyMaskDefinition Mask)? Find(string token)
    {
        foreach (var source in masks.All())
            foreach (var mask in source.Masks)
                if (mask.Name == token) return (source.Token, mask);
        return null;
    }

    private VideoSourceConfiguration Configuration(string token) =>
        media.VideoSourceConfigurations.FirstOrDefault(c => c.Token == token)
        ?? throw new MaskException(MaskError.NoConfig, $"no video source configuration '{token}' (the camera has {string.Join(", ", media.VideoSourceConfigurations.Select(c => c.Token))})");

    private MaskException NoMask(string token) =>
        new(MaskError.NoConfig, $"no mask '{token}' (the camera has {string.Join(", ", masks.All().SelectMany(s => s.Masks).Select(m => m.Name).DefaultIfEmpty("none"))})");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
