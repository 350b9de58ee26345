using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Camlab.Opf.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Validation;

/// <summary>
/// The value rules of the schemas and the semantic rules, walked over the model. Pointers are built only when
/// a rule fails. <c>invalid</c> holds pointers the reader already reported (missing or unreadable values) so
/// that the checks that depend on them stay quiet instead of repeating the error.
/// </summary>
internal sealed partial class ModelChecker(OpfValidationOptions options, IReadOnlySet<string>? invalid)
{
    private const double WeightSumTolerance = 1e-6;
    private readonly JsonPath _path = new();
    private readonly Dictionary<ulong, int> _sensorIds = [];
    private readonly Dictionary<ulong, int> _captureIds = [];
    private readonly Dictionary<ulong, (int Capture, int Camera)> _cameraIds = [];

    // An id the reader could not read makes "is it unique / does it resolve" unanswerable for its kind.
    private bool _sensorIdUnreadable;

    public List<OpfError> Errors { get; } = [];

    public void Check(InputCameras doc)
    {
        if (doc.Format != InputCameras.MediaType)
            Error("format", $"must be \"{InputCameras.MediaType}\" for input cameras, got \"{doc.Format}\"");
        CheckVersion(doc.Version);
        CheckExtensions(doc);
        _sensorIdUnreadable = IsInvalid("sensors");

        _path.Push("sensors");
        for (var i = 0; i < doc.Sensors.Count; i++)
        {
            _path.Push(i);
            CheckSensor(doc.Sensors[i], i);
            _path.Pop();
        }
        _path.Pop();

        _path.Push("captures");
        for (var i = 0; i < doc.Captures.Count; i++)
        {
            _path.Push(i);
            CheckCapture(doc.Captures[i], i);
            _path.Pop();
        }
        _path.Pop();
    }

    private void CheckVersion(string version)
    {
        var m = VersionPattern().Match(version);
        if (!m.Success)
        {
            Error("version", $"must be MAJOR.MINOR with an optional -tag (such as \"1.0\" or \"1.0-draft1\"), got \"{version}\"");
            return;
        }
        var major = m.Groups[1].Value.TrimStart('0');
        if (major != "1")
            Error("version", $"major version {(major.Length == 0 ? "0" : major)} is not supported; this validator understands version 1.x");
    }

    private void CheckSensor(Sensor s, int index)
    {
        if (IsInvalid("id")) _sensorIdUnreadable = true;
        else if (!_sensorIds.TryAdd(s.Id, index))
            Error("id", $"duplicate sensor id {s.Id} (also the id of /sensors/{_sensorIds[s.Id]})");

        _path.Push("bands");
        var sum = 0.0;
        var sumKnown = !IsInvalid("");
        for (var b = 0; b < s.Bands.Count; b++)
        {
            var band = s.Bands[b];
            _path.Push(b);
            CheckExtensions(band);
            if (!(band.Weight >= 0 && band.Weight <= 1))
            {
                Error("weight", $"must be between 0 and 1, got {Num(band.Weight)}");
                sumKnown = false; // the sum of out-of-range weights says nothing more
            }
            if (IsInvalid("weight")) sumKnown = false;
            sum += band.Weight;
            _path.Pop();
        }
        if (sumKnown && !(Math.Abs(sum - 1) <= WeightSumTolerance))
            Error("", s.Bands.Count == 0
                ? "a sensor needs at least one band, and the band weights must sum to 1"
                : $"band weights must sum to 1, but they sum to {sum.ToString("G10", CultureInfo.InvariantCulture)}");
        _path.Pop();

        if (CheckVector("image_size_px", s.ImageSizePx, 2, "width and height"))
            for (var i = 0; i < 2; i++)
            {
                var v = s.ImageSizePx[i];
                if (v != Math.Floor(v)) Error("image_size_px", i, $"must be a whole number of pixels, got {Num(v)}");
                else if (v < 1) Error("image_size_px", i, $"must be at least 1 pixel, got {Num(v)}");
            }

        if (!(s.PixelSizeUm >= 0)) Error("pixel_size_um", $"must be at least 0, got {Num(s.PixelSizeUm)}");

        if (s.Internals is null) Missing("internals");
        else
        {
            _path.Push("internals");
            CheckInternals(s.Internals);
            _path.Pop();
        }

        if (s.RigRelatives is { } rig)
        {
            _path.Push("rig_relatives");
            CheckExtensions(rig);
            _path.Push("translation");
            CheckExtensions(rig.Translation);
            CheckVector("values_m", rig.Translation.ValuesM, 3, "x, y, z");
            CheckVector("sigmas_m", rig.Translation.SigmasM, 3, "x, y, z");
            _path.Pop();
            _path.Push("rotation");
            CheckExtensions(rig.Rotation);
            CheckVector("angles_deg", rig.Rotation.AnglesDeg, 3, "three Euler angles");
            CheckVector("sigmas_deg", rig.Rotation.SigmasDeg, 3, "three Euler angles");
            _path.Pop();
            _path.Pop();
        }

        CheckEnum("shutter_type", s.ShutterType.Value, s.ShutterType.IsKnown, ShutterType.AllowedValues);
        CheckExtensions(s);
    }

    private void CheckInternals(SensorInternals internals)
    {
        CheckExtensions(internals);
        CheckVector("principal_point_px", internals.PrincipalPointPx, 2, "x and y");
        switch (internals)
        {
            case PerspectiveInternals p:
                CheckFinite("focal_length_px", p.FocalLengthPx);
                CheckVector("radial_distortion", p.RadialDistortion, 3, "R1, R2, R3");
                CheckVector("tangential_distortion", p.TangentialDistortion, 2, "T1, T2");
                break;
            case FisheyeInternals f:
                if (CheckVector("affine", f.Affine, 4, "c, d, e, f") && f.IsSymmetricAffine && !IsInvalid("is_symmetric_affine"))
                {
                    var a = f.Affine;
                    if (a[0] != a[3] || a[1] != 0 || a[2] != 0)
                        Error("affine", $"is_symmetric_affine is true, so the affine [c d; e f] must have c = f and d = e = 0, got [{Num(a[0])} {Num(a[1])}; {Num(a[2])} {Num(a[3])}]");
                }
                if (CheckVector("polynomial", f.Polynomial, -1, "") && f.IsP0Zero && !IsInvalid("is_p0_zero")
                    && f.Polynomial.Length > 0 && f.Polynomial[0] != 0)
                    Error("polynomial", 0, $"is_p0_zero is true, so p0 must be 0, got {Num(f.Polynomial[0])}");
                break;
        }
    }

    // ---- shared rules ----

    /// <summary>extension.schema.json: names VENDOR_extname, each value an object.</summary>
    private void CheckExtensions(OpfObject o)
    {
        if (o.Extensions is not { } extensions) return;
        _path.Push(ObjectShape.ExtensionsName);
        foreach (var e in extensions)
        {
            if (!ExtensionNamePattern().IsMatch(e.Name))
                Error(e.Name, $"extension name \"{e.Name}\" does not follow VENDOR_extname (an upper-case vendor such as PIX4D, an underscore, then lower-case letters, digits and underscores)");
            else if (e.Value.ValueKind != JsonValueKind.Object)
                Error(e.Name, $"an extension must be an object, not {Kind(e.Value.ValueKind)}");
        }
        _path.Pop();
    }

    /// <summary>A fixed-size vector (size -1: any size) of finite numbers. False when unusable for further rules.</summary>
    private bool CheckVector(string name, double[]? values, int size, string items)
    {
        if (IsInvalid(name)) return false;
        if (values is null)
        {
            Missing(name);
            return false;
        }
        if (size >= 0 && values.Length != size)
        {
            Error(name, $"must have exactly {size} numbers ({items}), got {values.Length}");
            return false;
        }
        var ok = true;
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
            {
                Error(name, i, $"must be a finite number, got {Num(values[i])}");
                ok = false;
            }
        return ok;
    }

    private void CheckFinite(string name, double value)
    {
        if (!double.IsFinite(value)) Error(name, $"must be a finite number, got {Num(value)}");
    }

    private void CheckEnum(string name, string? value, bool known, IReadOnlyList<string> allowed)
    {
        if (value is null) Missing(name);
        else if (!known && !options.AllowUnknownEnumValues && !IsInvalid(name))
            Error(name, $"\"{value}\" is not an allowed value (allowed: {string.Join(", ", allowed.Select(a => "\"" + a + "\""))})");
    }

    private void Missing(string name)
    {
        if (!IsInvalid(name)) Errors.Add(new OpfError(_path.ToString(), $"required property '{name}' is missing"));
    }

    /// <summary>Reports at the child <paramref name="name"/> of the current path, or at the path itself ("").</summary>
    private void Error(string name, string message) =>
        Errors.Add(new OpfError(name.Length == 0 ? _path.ToString() : _path.Child(name), message));

    /// <summary>Reports at item <paramref name="index"/> of the child array <paramref name="name"/>.</summary>
    private void Error(string name, int index, string message) =>
        Errors.Add(new OpfError(_path.Child(name) + "/" + index.ToString(CultureInfo.InvariantCulture), message));

    /// <summary>True when the reader could not read the child value (only ever true for documents read from JSON).</summary>
    private bool IsInvalid(string relative)
    {
        if (invalid is null || invalid.Count == 0) return false;
        var at = relative.Length == 0 ? _path.ToString() : _path.Child(relative);
        for (var p = at; ; p = p[..p.LastIndexOf('/')])
        {
            if (invalid.Contains(p)) return true;
            if (p.Length == 0) return false;
        }
    }

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    [GeneratedRegex(@"^([0-9]+)\.([0-9]+)(-[a-zA-Z0-9-.]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^([A-Z]+[A-Z0-9]*)_[a-z][a-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionNamePattern();
}
