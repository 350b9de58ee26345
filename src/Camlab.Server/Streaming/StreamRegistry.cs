using System.Collections.Concurrent;
using Camlab.Device.Media;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;

namespace Camlab.Server.Streaming;

/// <summary>
/// The streams of one camera by Video ID: create from a media profile (its encoder configuration gives the
/// defaults), change, delete. At most <see cref="MaxStreams"/> are open, and a stream without a push connection
/// and without a pull for <see cref="IdleTimeout"/> (camera clock) is closed, so abandoned streams do not keep
/// rendering and clients cannot exhaust the server.
/// </summary>
public sealed class StreamRegistry : IDisposable
{
    public const int MaxStreams = 64;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, VideoStream> _streams = new();
    private readonly MediaProfiles _media;
    private readonly RenderHub _hub;
    private readonly TimeProvider _time;
    private readonly Random? _streamIds;
    private readonly ITimer _sweeper;

    /// <param name="streamIds">
    /// Draws the ids of streams a ticket or a user's credentials guard (the stream API): seeded by <c>--seed</c>, a
    /// run's ids repeat. Null: random GUIDs. A Mobile Server stream's id is always a random GUID: its video is served
    /// to whoever names the id, so the id is the credential.
    /// </param>
    public StreamRegistry(MediaProfiles media, RenderHub hub, TimeProvider time, Random? streamIds = null)
    {
        _streamIds = streamIds;
        _media = media;
        _hub = hub;
        _time = time;
        _sweeper = time.CreateTimer(_ => CloseIdle(), null, IdleTimeout / 6, IdleTimeout / 6);
        media.Changed += OnProfilesChanged;
        media.SynchronizationPointRequested += OnSynchronizationPoint;
    }

    /// <summary>The camera's media profiles the streams are resolved from.</summary>
    public MediaProfiles Media => _media;

    /// <summary>
    /// A profile or encoder configuration changed: each stream re-reads its profile's encoder configuration. A stream
    /// that kept the profile's defaults takes the new ones whole; one whose size, rate or quality the client chose keeps
    /// those and takes the new coding. A changed key moves the stream to another render loop, which starts with a key frame
    /// (new SPS/PPS for H.264), so the change applies at the next key frame. A profile that can no longer stream leaves its
    /// streams as they are until they are deleted.
    /// </summary>
    private void OnProfilesChanged(object? sender, EventArgs e)
    {
        foreach (var stream in _streams.Values)
        {
            StreamSettings defaults;
            try { defaults = Resolve(stream.ProfileToken).Defaults; }
            catch (StreamRequestException) { continue; }
            var next = stream.Settings == stream.Defaults
                ? defaults
                : stream.Settings with
                {
                    // A stream that asked for another codec than its profile's (JPEG of an H.264 profile) keeps it.
                    Codec = stream.Settings.Codec == stream.Defaults?.Codec ? defaults.Codec : stream.Settings.Codec,
                    H264 = defaults.H264,
                };
            try { next.Validate(stream.SourceWidth, stream.SourceHeight); }
            catch (StreamRequestException) { continue; }
            stream.Defaults = defaults;
            if (next != stream.Settings) stream.Change(next);
        }
    }

    /// <summary>SetSynchronizationPoint: the profile's streams' render loops send a key frame next.</summary>
    private void OnSynchronizationPoint(string profileToken)
    {
        foreach (var stream in _streams.Values)
            if (stream.ProfileToken == profileToken) _hub.RequestKeyFrame(stream.Key);
    }

    /// <summary>Closes every stream idle for longer than <see cref="IdleTimeout"/>; returns how many.</summary>
    public int CloseIdle()
    {
        var now = _time.GetUtcNow();
        int closed = 0;
        foreach (var stream in _streams.Values)
            if (!stream.IsConnected && now - stream.LastActivity > IdleTimeout && Delete(stream.Id)) closed++;
        return closed;
    }

    /// <summary>Marks the stream used now (a connection began or ended, or a frame was pulled).</summary>
    public void Touch(VideoStream stream) => stream.LastActivity = _time.GetUtcNow();

    public int Count => _streams.Count;

    /// <summary>Whether a profile is being recorded: its streams' frames carry the live Recording flag.</summary>
    public Func<string, bool>? IsRecording { get; set; }

    /// <summary>The recorder's failure flags (DiskFull, DatabaseFail) every live stream's frames carry now; null: none.</summary>
    public Func<VideoChannel.LiveFlags>? RecorderFlags { get; set; }

    public VideoStream? Find(Guid id) => _streams.GetValueOrDefault(id);

    /// <summary>The profile's video source, its size, and the profile's encoder defaults.</summary>
    public (string Source, int Width, int Height, StreamSettings Defaults) Resolve(string profileToken)
    {
        var media = _media;
        var profile = media.Profiles.FirstOrDefault(p => p.Token == profileToken)
            ?? throw new StreamRequestException("profile", $"no media profile '{profileToken}'", notFound: true);
        if (media.SourceOf(profile) is not { } source || profile.VideoEncoderConfigurationToken is not { } encoderToken)
            throw new StreamRequestException("profile", $"media profile '{profileToken}' has no video source or encoder configuration to stream");
        var encoder = media.EncoderConfiguration(encoderToken);
        return (source.Token, source.Width, source.Height, DefaultsOf(encoder, source.Framerate));
    }

    /// <summary>
    /// The stream an encoder configuration describes: size, frame rate, quality and coding. The frame rate is the
    /// FrameRateLimit, or fewer when EncodingInterval keeps only every n-th frame of the source (tt:VideoRateControl).
    /// </summary>
    public static StreamSettings DefaultsOf(VideoEncoderConfiguration encoder, double sourceFramerate)
    {
        var fps = Math.Min(encoder.FrameRateLimit, sourceFramerate / encoder.EncodingInterval);
        return new(encoder.Width, encoder.Height, fps, (int)Math.Round(encoder.Quality), null)
        {
            Codec = encoder.Encoding == VideoEncoding.H264 ? VideoCodec.H264 : VideoCodec.Jpeg,
            H264 = encoder.Encoding == VideoEncoding.H264
                ? new H264Parameters(fps, encoder.GovLength, encoder.H264Profile switch
                {
                    H264Profile.Baseline => H264CodingProfile.Baseline,
                    H264Profile.High => H264CodingProfile.High,
                    _ => H264CodingProfile.Main,
                }, encoder.BitrateLimit, encoder.ConstantBitRate)
                : null,
        };
    }

    /// <param name="sink">Who watches, for the frame metrics: a video channel client of the stream API, or the Mobile Server.</param>
    public VideoStream Create(string profileToken, Func<StreamSettings, StreamSettings> adjust, Observability.SinkKind sink = Observability.SinkKind.VideoChannel)
    {
        var (source, width, height, defaults) = Resolve(profileToken);
        var settings = adjust(defaults);
        settings.Validate(width, height);
        if (_streams.Count >= MaxStreams) throw new StreamRequestException("profile", $"at most {MaxStreams} streams may be open; DELETE one first");
        var id = sink == Observability.SinkKind.Mobile || _streamIds is null ? Guid.NewGuid() : HostClock.SeededRandom.Uuid(_streamIds);
        var stream = new VideoStream(id, profileToken, source, width, height, settings, _hub, sink) { LastActivity = _time.GetUtcNow(), Defaults = defaults };
        if (IsRecording is { } recording) stream.Recording = () => recording(profileToken);
        stream.RecorderFlags = RecorderFlags;
        _streams[stream.Id] = stream;
        return stream;
    }

    public void Change(VideoStream stream, StreamSettings settings)
    {
        settings.Validate(stream.SourceWidth, stream.SourceHeight);
        stream.Change(settings);
    }

    public bool Delete(Guid id)
    {
        if (!_streams.TryRemove(id, out var stream)) return false;
        stream.Dispose();
        return true;
    }

    /// <summary>Closes every stream (reboot); the registry stays usable.</summary>
    public void CloseAll()
    {
        foreach (var id in _streams.Keys) Delete(id);
    }

    public void Dispose()
    {
        _media.Changed -= OnProfilesChanged;
        _media.SynchronizationPointRequested -= OnSynchronizationPoint;
        _sweeper.Dispose();
        CloseAll();
    }
}
