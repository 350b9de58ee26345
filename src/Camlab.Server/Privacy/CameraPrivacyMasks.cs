using System.Text.Json;
using System.Text.Json.Serialization;
using Camlab.Device.State;
using Camlab.Rendering;
using Camlab.Server.Hosting;
using Camlab.Server.Streaming;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Privacy;

/// <summary>Where a video source's current masks come from.</summary>
public enum PrivacyMaskOrigin
{
    /// <summary>Neither the configuration nor the API set any: nothing is masked.</summary>
    None,

    /// <summary>The <c>privacyMasks</c> key of the configuration file (nothing persisted for the source).</summary>
    Configuration,

    /// <summary>Set over the HTTP API and persisted: wins over the configuration until the state document is deleted.</summary>
    Api,
}

/// <summary>A video source's masks as they are blacked out now.</summary>
public sealed record PrivacyMaskSource(string Token, PrivacyMaskOrigin Origin, IReadOnlyList<PrivacyMaskDefinition> Masks);

/// <summary>
/// The privacy masks of one camera, per video source. The configuration seeds them; a list set over the HTTP
/// API replaces a source's list, is persisted in the camera's state store (<c>privacy-masks/&lt;source&gt;.json</c>)
/// and from then on wins over the configuration, across restarts. Every change is all or nothing: the document
/// is written (atomically) before the picture changes, so a failed write leaves both as they were. A state
/// document that cannot be read stops the start: a camera must not show what its masks were set to hide.
/// </summary>
public sealed class CameraPrivacyMasks
{
    public const string DocumentFolder = "privacy-masks";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
        WriteIndented = true,
    };

    private readonly IStateStore _store;
    private readonly IPrivacyMaskTarget _target;
    private readonly ICameraViewState? _picture;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PrivacyMaskSource> _sources = new(StringComparer.Ordinal);

    /// <param name="videoSources">The camera's video source tokens (Media's).</param>
    /// <param name="configured">Validated masks of the configuration, by source token.</param>
    /// <param name="target">The view state the renderer reads the masks from.</param>
    /// <param name="picture">The picture's pose and optics, for masks drawn on it (<see cref="Picture"/>); null: not offered.</param>
    /// <exception cref="ConfigurationException">A configured source does not exist, or a state document is invalid.</exception>
    public CameraPrivacyMasks(IStateStore store, IEnumerable<string> videoSources, IReadOnlyDictionary<string, IReadOnlyList<PrivacyMaskDefinition>> configured,
        IPrivacyMaskTarget target, ICameraViewState? picture = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _picture = picture;
        VideoSources = videoSources.ToArray();
        foreach (var token in configured.Keys.Where(t => !VideoSources.Contains(t)).Order(StringComparer.Ordinal))
            throw new ConfigurationException($"$.privacyMasks.{token}: the camera has no video source '{token}' (it has {string.Join(", ", VideoSources)})");
        foreach (var token in VideoSources)
        {
            var source = Load(token) is { } persisted
                ? new PrivacyMaskSource(token, PrivacyMaskOrigin.Api, persisted)
                : configured.TryGetValue(token, out var masks)
                    ? new PrivacyMaskSource(token, PrivacyMaskOrigin.Configuration, masks)
                    : new PrivacyMaskSource(token, PrivacyMaskOrigin.None, []);
            _sources[token] = source;
            _target.SetPrivacyMasks(token, Shown(source));
        }
    }

    public IReadOnlyList<string> VideoSources { get; }

    public static string DocumentName(string sourceToken) => $"{DocumentFolder}/{sourceToken}.json";

    public bool HasSource(string sourceToken) => VideoSources.Contains(sourceToken);

    /// <exception cref="KeyNotFoundException">No such video source.</exception>
    public PrivacyMaskSource Source(string sourceToken)
    {
        lock (_gate) return _sources[sourceToken];
    }

    public IReadOnlyList<PrivacyMaskSource> All()
    {
        lock (_gate) return VideoSources.Select(t => _sources[t]).ToArray();
    }

    /// <summary>
    /// How a vertex drawn on the source's picture as it is now (fractions of the width and height; for the digital
    /// PTZ source, of its current window) becomes pan/tilt: through the current optics at the current pose, as a
    /// mask editor on the camera's picture would. Null when this camera was built without a picture.
    /// </summary>
    public PictureToPanTilt? Picture(string sourceToken) => _picture is not { } picture ? null : fractions =>
    {
        var optics = picture.CurrentOptics(sourceToken);
        var window = picture.CurrentWindow(sourceToken) ?? CropWindow.Full(optics);
        var pixels = fractions.Select(f => (window.Left + f.X * window.Width, window.Top + f.Y * window.Height));
        return PrivacyMask.FromImagePolygon(optics, picture.CurrentPose(sourceToken), pixels).Vertices;
    };

    /// <summary>
    /// Replaces a source's masks (an empty list removes them all), persists the list and then shows it from the
    /// next frame on. When the store cannot write, the exception propagates and nothing has changed.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such video source.</exception>
    public PrivacyMaskSource Replace(string sourceToken, IReadOnlyList<PrivacyMaskDefinition> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (!HasSource(sourceToken)) throw new KeyNotFoundException($"no video source '{sourceToken}'");
        var document = JsonSerializer.Serialize(new MaskDocument { Masks = masks.Select(m => (PrivacyMaskOption?)m.ToOption()).ToList() }, Json);
        PrivacyMaskSource source;
        lock (_gate)
        {
            _store.Write(DocumentName(sourceToken), document);
            source = new PrivacyMaskSource(sourceToken, PrivacyMaskOrigin.Api, masks.ToArray());
            _sources[sourceToken] = source;
            _target.SetPrivacyMasks(sourceToken, Shown(source));
        }
        Changed?.Invoke(sourceToken);
        return source;
    }

    /// <summary>
    /// Where pan/tilt points fall on the source's picture as it is now: fractions of the width and height (x right,
    /// y down; outside 0..1 off the picture), null for a point the camera model cannot see through (behind it). Null
    /// when this camera was built without a picture.
    /// </summary>
    public Func<PanTilt, (double X, double Y)?>? PictureOf(string sourceToken)
    {
        if (_picture is not { } picture) return null;
        var optics = picture.CurrentOptics(sourceToken);
        var window = picture.CurrentWindow(sourceToken) ?? CropWindow.Full(optics);
        var pose = picture.CurrentPose(sourceToken);
        var toCamera = Rotation3.CameraToMount(pose.PanDeg, pose.TiltDeg).Transposed;
        return point =>
        {
            var ray = toCamera.Apply(SphericalDirection.FromAngles(point.PanDeg, point.TiltDeg));
            if (ray.Z <= 0 || !optics.TryProject(ray, out var u, out var v)) return null;
            return ((u - window.Left) / window.Width, (v - window.Top) / window.Height);
        };
    }

    /// <summary>The pan/tilt the source's head points at now (null without a picture).</summary>
    public PanTilt? CurrentAim(string sourceToken) =>
        _picture?.CurrentPose(sourceToken) is { } pose ? new PanTilt(pose.PanDeg, pose.TiltDeg) : null;

    /// <summary>Raised after a source's masks changed (either API), outside the lock.</summary>
    public event Action<string>? Changed;

    private static PrivacyMask[] Shown(PrivacyMaskSource source) => source.Masks.Where(m => m.Enabled).Select(m => m.Mask).ToArray();

    private IReadOnlyList<PrivacyMaskDefinition>? Load(string sourceToken)
    {
        var name = DocumentName(sourceToken);
        if (_store.Read(name) is not { } text) return null;
        var errors = new List<string>();
        IReadOnlyList<PrivacyMaskDefinition>? masks = null;
        try
        {
            var document = JsonSerializer.Deserialize<MaskDocument>(text, Json);
            masks = PrivacyMaskDefinition.Parse(document?.Masks, "$.masks", errors);
        }
        catch (JsonException e) { errors.Add(e.Message); }
        if (masks is null)
            throw new ConfigurationException($"state document {name} is invalid ({string.Join("; ", errors)}): fix or delete it; the camera does not start without its privacy masks");
        return masks;
    }

    /// <summary>The state document, and the body of <c>PUT /api/v1/cameras/{n}/privacy-masks/{source}</c>.</summary>
    public sealed record MaskDocument
    {
        public List<PrivacyMaskOption?>? Masks { get; init; }
    }
}
