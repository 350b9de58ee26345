using Camlab.Device.State;

namespace Camlab.Device.Imaging;

/// <summary>
/// The imaging of a whole camera: one <see cref="VideoSourceImaging"/> per video source that has an image
/// processor, and the tokens of those that have none. The SOAP adapter and the renderer go through here.
/// </summary>
public sealed class CameraImaging
{
    private readonly Dictionary<string, VideoSourceImaging?> _sources = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    /// <param name="sources">Every video source of the camera (<see cref="DefaultImagingSources.Create"/>).</param>
    /// <param name="store">Where each source's settings and adapted presets persist (<c>imaging/{token}.json</c>).</param>
    /// <param name="time">The clock of the focus motors.</param>
    /// <param name="adaptablePreset">Whether SetImagingSettings also updates the active preset (Imaging 5.1.3).</param>
    public CameraImaging(IEnumerable<VideoSourceImagingDefinition> sources, IStateStore store, TimeProvider time, bool adaptablePreset = true)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        AdaptablePreset = adaptablePreset;
        foreach (var definition in sources)
        {
            if (_sources.ContainsKey(definition.Token)) throw new ArgumentException($"video source {definition.Token} is defined twice");
            _sources[definition.Token] = definition.HasImaging ? new VideoSourceImaging(definition, store, time, adaptablePreset) : null;
            _order.Add(definition.Token);
        }
    }

    /// <summary>Every video source token, in definition order.</summary>
    public IReadOnlyList<string> VideoSources => _order;

    /// <summary>The tokens of the sources with imaging.</summary>
    public IReadOnlyList<string> ImagingSources => _order.Where(t => _sources[t] is not null).ToList();

    public bool AdaptablePreset { get; }

    /// <summary>Capability ImageStabilization: some source offers it in its options.</summary>
    public bool ImageStabilization => _sources.Values.Any(s => s?.Options.ImageStabilization is not null);

    /// <summary>Capability Presets: every source with imaging has at least one preset (5.2.1).</summary>
    public bool Presets => _sources.Values.Any(s => s is not null) && _sources.Values.All(s => s is null || s.Presets.Count > 0);

    public bool Exists(string videoSourceToken) => _sources.ContainsKey(videoSourceToken);

    /// <summary>The imaging of a source; an <see cref="ImagingException"/> (NoSource, NoImagingForSource).</summary>
    public VideoSourceImaging Source(string videoSourceToken)
    {
        if (!_sources.TryGetValue(videoSourceToken, out var source)) throw ImagingException.NoSource(videoSourceToken);
        return source ?? throw ImagingException.NoImagingForSource(videoSourceToken);
    }

    /// <summary>Wire to the camera's reboot: every source reloads its persisted state and stops its focus motor.</summary>
    public void Reload()
    {
        foreach (var source in _sources.Values) source?.Reload();
    }

    /// <summary>
    /// Wire to the PTZ domain's move-finished signal for the node that moves this video source: auto-focus
    /// with AFMode OnceAfterMove adjusts once. A source without imaging or focus ignores it.
    /// </summary>
    public void OnPtzMoveFinished(string videoSourceToken)
    {
        if (!_sources.TryGetValue(videoSourceToken, out var source)) throw ImagingException.NoSource(videoSourceToken);
        source?.OnPtzMoveFinished();
    }
}
