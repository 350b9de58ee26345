using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Camlab.Device.State;

namespace Camlab.Device.Media.Osd;

/// <summary>
/// The camera's text OSDs (Media 5.14, Media2 5.8), each bound to a video source configuration and drawn into every
/// picture of that configuration's video source. One list serves both Media services. Every change is validated
/// whole, written to the state store (<see cref="DocumentName"/>, atomically) and only then published, so a refused
/// or failed request changes nothing. <see cref="Changed"/> is raised after each change, outside the lock.
/// </summary>
public sealed class CameraOsds
{
    public const string DocumentName = "media/osds.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private readonly MediaProfiles _media;
    private readonly IStateStore _store;
    private readonly Lock _gate = new();
    private IReadOnlyList<OsdConfiguration> _osds;
    private int _nextToken;

    /// <exception cref="InvalidDataException">The state document cannot be read or holds an OSD the camera refuses.</exception>
    public CameraOsds(MediaProfiles media, IStateStore store)
    {
        _media = media ?? throw new ArgumentNullException(nameof(media));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _osds = Load();
        _nextToken = _osds.Select(o => TokenNumber(o.Token)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Re-reads the stored OSDs (SystemReboot, after a factory default removed them).</summary>
    /// <exception cref="InvalidDataException">The state document cannot be read.</exception>
    public void Reload()
    {
        lock (_gate)
        {
            var osds = Load();
            Volatile.Write(ref _osds, osds);
            _nextToken = osds.Select(o => TokenNumber(o.Token)).DefaultIfEmpty(0).Max();
        }
    }

    /// <summary>Raised with the video source configuration token whose OSDs changed (the media service's ConfigurationChanged).</summary>
    public event Action<string>? Changed;

    public IReadOnlyList<OsdConfiguration> All => Volatile.Read(ref _osds);

    /// <summary>The OSDs of one video source configuration.</summary>
    /// <exception cref="OsdException">NoConfig: no such configuration.</exception>
    public IReadOnlyList<OsdConfiguration> Of(string configurationToken)
    {
        Configuration(configurationToken);
        return All.Where(o => o.VideoSourceConfigurationToken == configurationToken).ToArray();
    }

    /// <summary>The OSDs drawn into the pictures of a video source (those of all its configurations).</summary>
    public IReadOnlyList<OsdConfiguration> OfSource(string sourceToken)
    {
        var osds = All;
        if (osds.Count == 0) return [];
        return osds.Where(o => _media.VideoSourceConfigurations.Any(c => c.Token == o.VideoSourceConfigurationToken && c.SourceToken == sourceToken)).ToArray();
    }

    /// <exception cref="OsdException">NoConfig: no such OSD.</exception>
    public OsdConfiguration Get(string token) =>
        All.FirstOrDefault(o => o.Token == token) ?? throw new OsdException(OsdError.NoConfig, $"no OSD '{token}' (the camera has {Tokens()})");

    /// <exception cref="OsdException">NoConfig: no such configuration.</exception>
    public VideoSourceConfiguration Configuration(string token) =>
        _media.VideoSourceConfigurations.FirstOrDefault(c => c.Token == token)
        ?? throw new OsdException(OsdError.NoConfig, $"no video source configuration '{token}' (the camera has {string.Join(", ", _media.VideoSourceConfigurations.Select(c => c.Token))})");

    /// <summary>Adds an OSD (its token is chosen by the camera, the requested one is ignored) and returns its token.</summary>
    /// <exception cref="OsdException">NoConfig, MaxOSDs or ConfigModify; nothing changed.</exception>
    public string Create(OsdConfiguration requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        Validate(requested);
        string token;
        lock (_gate)
        {
            if (_osds.Count(o => o.VideoSourceConfigurationToken == requested.VideoSourceConfigurationToken) >= OsdOptions.MaxOsdsPerConfiguration)
                throw new OsdException(OsdError.MaxOSDs, $"video source configuration '{requested.VideoSourceConfigurationToken}' has {OsdOptions.MaxOsdsPerConfiguration} OSDs, the most it can hold");
            int number = _nextToken + 1;
            token = $"OSD_{number}";
            Publish([.. _osds, requested with { Token = token }]);
            _nextToken = number;
        }
        Changed?.Invoke(requested.VideoSourceConfigurationToken);
        return token;
    }

    /// <summary>Replaces the OSD of <paramref name="osd"/>'s token; it may move to another video source configuration.</summary>
    /// <exception cref="OsdException">NoConfig, MaxOSDs or ConfigModify; nothing changed.</exception>
    public void Set(OsdConfiguration osd)
    {
        ArgumentNullException.ThrowIfNull(osd);
        Validate(osd);
        string before;
        lock (_gate)
        {
            var index = IndexOf(osd.Token);
            before = _osds[index].VideoSourceConfigurationToken;
            if (before != osd.VideoSourceConfigurationToken
                && _osds.Count(o => o.VideoSourceConfigurationToken == osd.VideoSourceConfigurationToken) >= OsdOptions.MaxOsdsPerConfiguration)
                throw new OsdException(OsdError.MaxOSDs, $"video source configuration '{osd.VideoSourceConfigurationToken}' has {OsdOptions.MaxOsdsPerConfiguration} OSDs, the most it can hold");
            var next = _osds.ToArray();
            next[index] = osd;
            Publish(next);
        }
        Changed?.Invoke(osd.VideoSourceConfigurationToken);
        if (before != osd.VideoSourceConfigurationToken) Changed?.Invoke(before);
    }

    /// <exception cref="OsdException">NoConfig: no such OSD; nothing changed.</exception>
    public void Delete(string token)
    {
        string configuration;
        lock (_gate)
        {
            var index = IndexOf(token);
            configuration = _osds[index].VideoSourceConfigurationToken;
            Publish(_osds.Where((_, i) => i != index).ToArray());
        }
        Changed?.Invoke(configuration);
    }

    /// <summary>The text an OSD shows at <paramref name="local"/> (the camera's local time).</summary>
    public static string TextAt(OsdText text, DateTime local) => text.Type switch
    {
        OsdTextType.Plain => text.PlainText ?? "",
        OsdTextType.Date => local.ToString(text.DateFormat, CultureInfo.InvariantCulture),
        OsdTextType.Time => local.ToString(text.TimeFormat, CultureInfo.InvariantCulture),
        _ => local.ToString(text.DateFormat, CultureInfo.InvariantCulture) + " " + local.ToString(text.TimeFormat, CultureInfo.InvariantCulture),
    };

    /// <summary>Checks an OSD against the camera's configurations and <see cref="OsdOptions"/>.</summary>
    /// <exception cref="OsdException">NoConfig or ConfigModify.</exception>
    public void Validate(OsdConfiguration osd)
    {
        Configuration(osd.VideoSourceConfigurationToken);
        var p = osd.Position;
        if (p.Type == OsdPositionType.Custom && !(Math.Abs(p.X) <= 1 && Math.Abs(p.Y) <= 1))
            Refuse($"Position/Pos ({p.X.ToString(CultureInfo.InvariantCulture)}, {p.Y.ToString(CultureInfo.InvariantCulture)}) is outside the picture: x and y are normalized coordinates -1..1");
        var t = osd.Text;
        switch (t.Type)
        {
            case OsdTextType.Plain:
                if (string.IsNullOrEmpty(t.PlainText)) Refuse("TextString/PlainText is required for a Plain text OSD");
                if (t.PlainText!.Length > OsdOptions.MaxPlainTextLength) Refuse($"TextString/PlainText has {t.PlainText.Length} characters, at most {OsdOptions.MaxPlainTextLength}");
                if (t.PlainText.Any(char.IsControl)) Refuse("TextString/PlainText holds a control character (one line of printable text)");
                break;
            case OsdTextType.Date:
                CheckDate(t);
                break;
            case OsdTextType.Time:
                CheckTime(t);
                break;
            case OsdTextType.DateAndTime:
                CheckDate(t);
                CheckTime(t);
                break;
        }
        if (t.FontSize is < OsdOptions.MinFontSize or > OsdOptions.MaxFontSize)
            Refuse($"TextString/FontSize {t.FontSize} is outside FontSizeRange {OsdOptions.MinFontSize}..{OsdOptions.MaxFontSize}");
        CheckColor(t.FontColor, "FontColor");
        CheckColor(t.BackgroundColor, "BackgroundColor");
    }

    private static void CheckDate(OsdText t)
    {
        if (t.DateFormat is null || !OsdOptions.DateFormats.Contains(t.DateFormat))
            Refuse($"TextString/DateFormat '{t.DateFormat}' is not one of {string.Join(" | ", OsdOptions.DateFormats)}");
    }

    private static void CheckTime(OsdText t)
    {
        if (t.TimeFormat is null || !OsdOptions.TimeFormats.Contains(t.TimeFormat))
            Refuse($"TextString/TimeFormat '{t.TimeFormat}' is not one of {string.Join(" | ", OsdOptions.TimeFormats)}");
    }

    private static void CheckColor(OsdColor? color, string name)
    {
        if (color is null) return;
        if (color.Colorspace is not (OsdColor.Rgb or OsdColor.YCbCr))
            Refuse($"TextString/{name}/Color/@Colorspace '{color.Colorspace}' is not {OsdColor.Rgb} or {OsdColor.YCbCr}");
        foreach (var (value, axis) in new[] { (color.X, "X"), (color.Y, "Y"), (color.Z, "Z") })
            if (!(value >= 0 && value <= 255)) Refuse($"TextString/{name}/Color/@{axis} {value.ToString(CultureInfo.InvariantCulture)} is outside 0..255");
        if (color.Transparent is < 0 or > OsdOptions.MaxTransparent)
            Refuse($"TextString/{name}/@Transparent {color.Transparent} is outside 0..{OsdOptions.MaxTransparent}");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(string message) => throw new OsdException(OsdError.ConfigModify, message);

    private int IndexOf(string token)
    {
        for (int i = 0; i < _osds.Count; i++) if (_osds[i].Token == token) return i;
        throw new OsdException(OsdError.NoConfig, $"no OSD '{token}' (the camera has {Tokens()})");
    }

    private string Tokens() => All.Count == 0 ? "none" : string.Join(", ", All.Select(o => o.Token));

    // Caller holds the gate: the document is written first, so a failed write leaves the published list as it was.
    private void Publish(IReadOnlyList<OsdConfiguration> next)
    {
        _store.Write(DocumentName, JsonSerializer.Serialize(new OsdDocument(next.ToList()), Json));
        Volatile.Write(ref _osds, next);
    }

    private IReadOnlyList<OsdConfiguration> Load()
    {
        if (_store.Read(DocumentName) is not { } text) return [];
        List<OsdConfiguration>? osds;
        try { osds = JsonSerializer.Deserialize<OsdDocument>(text, Json)?.Osds; }
        catch (JsonException e) { throw new InvalidDataException($"{DocumentName}: {e.Message}", e); }
        if (osds is null) throw new InvalidDataException($"{DocumentName}: no \"osds\" list");
        foreach (var osd in osds)
        {
            if (osd?.Position is null || osd.Text is null || string.IsNullOrEmpty(osd.Token))
                throw new InvalidDataException($"{DocumentName}: an OSD lacks its token, position or text");
            try { Validate(osd); }
            catch (OsdException e) { throw new InvalidDataException($"{DocumentName}: OSD '{osd.Token}': {e.Message}", e); }
        }
        if (osds.Select(o => o.Token).Distinct().Count() != osds.Count) throw new InvalidDataException($"{DocumentName}: two OSDs share a token");
        return osds.ToArray();
    }

    private static int TokenNumber(string token) =>
        token.StartsWith("OSD_", StringComparison.Ordinal) && int.TryParse(token.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private sealed record OsdDocument(List<OsdConfiguration> Osds);
}
