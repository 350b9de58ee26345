using System.Globalization;
using Camlab.Rendering;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Privacy;

/// <summary>
/// One privacy mask as JSON spells it in the configuration (<c>privacyMasks</c>), the HTTP API and the state
/// documents: <c>{ "name": "Neighbour's window", "points": [[panDeg, tiltDeg], ...] }</c>. Deliberately loose
/// (nullable, arrays of any length) so that <see cref="PrivacyMaskDefinition.Parse"/> can report every mistake
/// with its JSON path instead of the serializer stopping at the first.
/// </summary>
public sealed record PrivacyMaskOption
{
    public string? Name { get; init; }
    public List<double[]?>? Points { get; init; }

    /// <summary>
    /// API only, instead of <see cref="Points"/>: vertices drawn on the source's current picture as fractions
    /// <c>[x, y]</c> (0..1, x right, y down), turned into pan/tilt at the pose of the moment; never stored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<double[]?>? ImagePoints { get; init; }

    /// <summary>False: kept but not shown (Media2 tr2:Mask Enabled); absent: shown.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Enabled { get; init; }

    /// <summary>Where a mask created or set over Media2 was drawn; Media2 GetMasks returns it as it was set.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DrawnPolygonOption? Drawn { get; init; }
}

/// <summary>
/// <c>{"configuration": "VideoSourceConfig_1", "polygon": [[x, y], ...]}</c>: a Media2 mask polygon in ONVIF normalized
/// coordinates of that video source configuration's picture (−1..1, x right, y up) at the moment it was set.
/// </summary>
public sealed record DrawnPolygonOption
{
    public string? Configuration { get; init; }
    public List<double[]?>? Polygon { get; init; }
}

/// <summary>A validated <see cref="DrawnPolygonOption"/>.</summary>
public sealed record DrawnPolygon(string Configuration, IReadOnlyList<Device.Media.Masks.NormalizedPoint> Polygon)
{
    public bool SameAs(DrawnPolygon? other) => other is not null && other.Configuration == Configuration && other.Polygon.SequenceEqual(Polygon);
}

/// <summary>
/// Turns vertices drawn on a source's current picture (fractions 0..1) into pan/tilt at its current pose.
/// Throws <see cref="ArgumentException"/> for a point the camera model cannot see through.
/// </summary>
public delegate IReadOnlyList<PanTilt> PictureToPanTilt(IReadOnlyList<(double X, double Y)> fractions);

/// <summary>
/// A validated privacy mask: a name unique within its video source (so clients can tell masks apart) and the
/// polygon the renderer blacks out, in the mount's pan/tilt degrees (the picture centre is at the pose's pan/tilt).
/// </summary>
public sealed record PrivacyMaskDefinition(string Name, PrivacyMask Mask, bool Enabled = true, DrawnPolygon? Drawn = null)
{
    /// <summary>Masks per video source: each one is rasterised into every frame of the source.</summary>
    public const int MaxMasksPerSource = 32;

    public const int MaxVertices = 32;

    public const int MaxNameLength = 64;

    public PrivacyMaskOption ToOption() => new()
    {
        Name = Name,
        Points = Mask.Vertices.Select(v => (double[]?)[v.PanDeg, v.TiltDeg]).ToList(),
        Enabled = Enabled ? null : false,
        Drawn = Drawn is null ? null : new DrawnPolygonOption
        {
            Configuration = Drawn.Configuration,
            Polygon = Drawn.Polygon.Select(p => (double[]?)[p.X, p.Y]).ToList(),
        },
    };

    /// <summary>
    /// Checks a source's whole mask list. Returns the masks when every one is valid; otherwise null, with every
    /// problem appended to <paramref name="errors"/> as "<c>{path}[i].points[j][1]: why</c>".
    /// </summary>
    /// <param name="path">JSON path of the list, e.g. <c>$.privacyMasks.VideoSource_1</c> or <c>$.masks</c>.</param>
    /// <param name="picture">Converts <c>imagePoints</c>; null where there is no picture to draw on (configuration, state).</param>
    public static IReadOnlyList<PrivacyMaskDefinition>? Parse(IReadOnlyList<PrivacyMaskOption?>? masks, string path, List<string> errors,
        PictureToPanTilt? picture = null)
    {
        var before = errors.Count;
        if (masks is null)
        {
            errors.Add($"{path}: a list of masks is required ([] for none)");
            return null;
        }
        if (masks.Count > MaxMasksPerSource) errors.Add($"{path}: {masks.Count} masks, at most {MaxMasksPerSource} per video source");
        var result = new List<PrivacyMaskDefinition>(masks.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < masks.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (masks[i] is not { } option)
            {
                errors.Add($"{at}: must be an object {{\"name\": ..., \"points\": [[pan, tilt], ...]}}");
                continue;
            }
            var name = CheckName(option.Name, at, errors);
            if (name is not null)
            {
                if (names.TryGetValue(name, out var first)) errors.Add($"{at}.name: '{name}' is already the name of {path}[{first}] (names are unique per video source)");
                else names[name] = i;
            }
            List<PanTilt>? vertices;
            if (option.ImagePoints is null) vertices = CheckPoints(option.Points, at + ".points", errors);
            else if (option.Points is not null)
            {
                errors.Add($"{at}: give either points (pan/tilt) or imagePoints (on the picture), not both");
                continue;
            }
            else if (picture is null)
            {
                errors.Add($"{at}.imagePoints: image coordinates are accepted by the HTTP API only, where the picture's current pose is known; give points [pan, tilt]");
                continue;
            }
            else vertices = CheckImagePoints(option.ImagePoints, at + ".imagePoints", picture, errors);
            var drawn = option.Drawn is null ? null : CheckDrawn(option.Drawn, at + ".drawn", errors);
            if (name is not null && vertices is not null && errors.Count == before)
                result.Add(new PrivacyMaskDefinition(name, new PrivacyMask(vertices), option.Enabled ?? true, drawn));
        }
        return errors.Count == before ? result : null;
    }

    private static DrawnPolygon? CheckDrawn(DrawnPolygonOption drawn, string at, List<string> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrEmpty(drawn.Configuration)) errors.Add($"{at}.configuration: the video source configuration token is required");
        if (Pairs(drawn.Polygon, at + ".polygon", "[x, y]", ", ONVIF normalized coordinates -1..1", errors) is not { } pairs) return null;
        for (int j = 0; j < pairs.Count; j++)
            if (!(Math.Abs(pairs[j].A) <= 1 && Math.Abs(pairs[j].B) <= 1))
                errors.Add($"{at}.polygon[{j}]: ({Number(pairs[j].A)}, {Number(pairs[j].B)}) is outside -1..1");
        return errors.Count == before ? new DrawnPolygon(drawn.Configuration!, pairs.Select(p => new Device.Media.Masks.NormalizedPoint(p.A, p.B)).ToArray()) : null;
    }

    private static string? CheckName(string? name, string at, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add($"{at}.name: a name is required (1 to {MaxNameLength} characters)");
            return null;
        }
        if (name.Length > MaxNameLength || name.Any(char.IsControl) || name.Trim().Length != name.Length)
        {
            errors.Add($"{at}.name: '{Shorten(name)}' must be 1 to {MaxNameLength} characters, without control characters or leading/trailing spaces");
            return null;
        }
        return name;
    }

    private static List<PanTilt>? CheckPoints(List<double[]?>? points, string at, List<string> errors)
    {
        if (Pairs(points, at, "[pan, tilt]", " in degrees", errors) is not { } pairs) return null;
        var before = errors.Count;
        for (int j = 0; j < pairs.Count; j++)
        {
            var (pan, tilt) = pairs[j];
            // Written as !(inside) so NaN is refused too.
            if (!(pan >= -180 && pan <= 180)) errors.Add($"{at}[{j}][0]: pan {Number(pan)} is outside -180..180 degrees");
            if (!(tilt >= -90 && tilt <= 90)) errors.Add($"{at}[{j}][1]: tilt {Number(tilt)} is outside -90..90 degrees");
        }
        return errors.Count == before ? CheckPolygon(pairs.Select(p => new PanTilt(p.A, p.B)).ToList(), at, errors) : null;
    }

    private static List<PanTilt>? CheckImagePoints(List<double[]?>? points, string at, PictureToPanTilt picture, List<string> errors)
    {
        if (Pairs(points, at, "[x, y]", ", fractions of the picture's width and height", errors) is not { } pairs) return null;
        var before = errors.Count;
        for (int j = 0; j < pairs.Count; j++)
        {
            if (!(pairs[j].A >= 0 && pairs[j].A <= 1)) errors.Add($"{at}[{j}][0]: x {Number(pairs[j].A)} is outside the picture (0..1)");
            if (!(pairs[j].B >= 0 && pairs[j].B <= 1)) errors.Add($"{at}[{j}][1]: y {Number(pairs[j].B)} is outside the picture (0..1)");
        }
        if (errors.Count != before) return null;
        IReadOnlyList<PanTilt> vertices;
        try { vertices = picture(pairs); }
        catch (ArgumentException e)
        {
            errors.Add($"{at}: {e.Message}");
            return null;
        }
        // Stored and shown as pan −180..180 like every other mask.
        return CheckPolygon(vertices.Select(v => v with { PanDeg = Wrap180(v.PanDeg) }).ToList(), at, errors);
    }

    /// <summary>3 to <see cref="MaxVertices"/> entries of exactly two numbers.</summary>
    private static List<(double A, double B)>? Pairs(List<double[]?>? points, string at, string shape, string meaning, List<string> errors)
    {
        if (points is null || points.Count < 3 || points.Count > MaxVertices)
        {
            errors.Add($"{at}: a polygon needs 3 to {MaxVertices} vertices {shape}, got {points?.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}");
            return null;
        }
        var pairs = new List<(double, double)>(points.Count);
        var before = errors.Count;
        for (int j = 0; j < points.Count; j++)
        {
            if (points[j] is { Length: 2 } point) pairs.Add((point[0], point[1]));
            else errors.Add($"{at}[{j}]: a vertex is {shape}{meaning}, two numbers");
        }
        return errors.Count == before ? pairs : null;
    }

    private static List<PanTilt>? CheckPolygon(List<PanTilt> vertices, string at, List<string> errors)
    {
        var before = errors.Count;
        // The renderer joins consecutive vertices the short way round in pan: exactly 180° apart has no short way.
        var unwrapped = new double[vertices.Count];
        unwrapped[0] = vertices[0].PanDeg;
        for (int j = 1; j < vertices.Count; j++)
        {
            var step = Wrap180(vertices[j].PanDeg - vertices[j - 1].PanDeg);
            if (step == -180) errors.Add($"{at}[{j}]: pan is 180° from the previous vertex's; consecutive vertices must be less than 180° apart in pan (add a vertex between them)");
            unwrapped[j] = unwrapped[j - 1] + step;
        }
        if (errors.Count != before) return null;
        double twiceArea = 0;
        for (int j = 0, k = vertices.Count - 1; j < vertices.Count; k = j++)
            twiceArea += unwrapped[k] * vertices[j].TiltDeg - unwrapped[j] * vertices[k].TiltDeg;
        if (Math.Abs(twiceArea) < 1e-6)
        {
            errors.Add($"{at}: the polygon has no area (its vertices lie on one line), it would hide nothing");
            return null;
        }
        return vertices;
    }

    private static double Wrap180(double deg) => deg - 360 * Math.Floor((deg + 180) / 360);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The name is quoted back in the error: control characters would garble a terminal or log line.
    private static string Shorten(string text)
    {
        var shown = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length <= 80 ? shown : shown[..77] + "...";
    }
}
