using SkiaSharp;

namespace Camlab.Rendering.Overlay;

/// <summary>
/// Rasterises overlay text with Skia (SkiaSharp, MIT; a real font rasteriser with anti-aliased, hinted glyphs) from
/// DejaVu Sans Mono, Debian's fonts-dejavu-core (scripts/prerequisites.sh installs it): monospaced, so a clock's
/// digits do not jiggle from second to second. A rasterised line is an 8-bit coverage mask, cached by (text, pixel
/// size): an OSD clock changes once a second, so a frame usually blits a cached mask.
/// </summary>
public sealed class OverlayFont : IDisposable
{
    /// <summary>Where Debian's fonts-dejavu-core puts the font.</summary>
    public static readonly string[] SearchPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
        "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
        "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
    ];

    private const int MaxCachedLines = 64;
    private static readonly Lazy<OverlayFont?> Shared = new(() => SearchPaths.FirstOrDefault(File.Exists) is { } path ? new OverlayFont(path) : null);
    private readonly SKTypeface _typeface;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Text, int Size), TextMask> _cache = new();

    public OverlayFont(string path)
    {
        _typeface = SKTypeface.FromFile(path) ?? throw new InvalidDataException($"{path} is not a font Skia can read");
        Path = path;
    }

    public string Path { get; }

    /// <summary>The system's DejaVu Sans Mono.</summary>
    /// <exception cref="FileNotFoundException">fonts-dejavu-core is not installed.</exception>
    public static OverlayFont Default => Shared.Value ?? throw new FileNotFoundException(
        $"OSD text needs the DejaVu Sans Mono font ({SearchPaths[0]}): install it with: sudo apt-get install -y fonts-dejavu-core");

    /// <summary>The coverage mask of one line of text whose line height is <paramref name="pixelHeight"/> pixels.</summary>
    public TextMask Rasterize(string text, int pixelHeight)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelHeight, 1);
        lock (_gate)
        {
            if (_cache.TryGetValue((text, pixelHeight), out var cached)) return cached;
            if (_cache.Count >= MaxCachedLines) _cache.Clear();
            var mask = Draw(text, pixelHeight);
            _cache[(text, pixelHeight)] = mask;
            return mask;
        }
    }

    private TextMask Draw(string text, int pixelHeight)
    {
        using var font = new SKFont(_typeface) { Edging = SKFontEdging.Antialias, Subpixel = false };
        // Size the font so that ascent + descent fill the line height.
        font.Size = 100;
        font.GetFontMetrics(out var at100);
        font.Size = 100f * pixelHeight / Math.Max(1f, at100.Descent - at100.Ascent);
        font.GetFontMetrics(out var metrics);
        int width = Math.Max(1, (int)Math.Ceiling(font.MeasureText(text)));
        var info = new SKImageInfo(width, pixelHeight, SKColorType.Alpha8, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawText(text, 0, -metrics.Ascent, SKTextAlign.Left, font, paint);
        }
        var coverage = new byte[width * pixelHeight];
        var pixels = bitmap.GetPixelSpan();
        for (int y = 0; y < pixelHeight; y++) pixels.Slice(y * bitmap.RowBytes, width).CopyTo(coverage.AsSpan(y * width, width));
        return new TextMask(width, pixelHeight, coverage);
    }

    public void Dispose() => _typeface.Dispose();
}

/// <summary>A rasterised line: <see cref="Coverage"/> is row-major, 0 (background) .. 255 (ink).</summary>
public sealed record TextMask(int Width, int Height, byte[] Coverage);
