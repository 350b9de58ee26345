using System.Collections.Concurrent;
using Camlab.Recording;
using Camlab.Server.Hosting;
using Camlab.Server.Streaming;

namespace Camlab.Server.Recording;

/// <summary>
/// One camera's edge recorder: a <see cref="ProfileRecorder"/> per configured profile, each in
/// <c>{camera data}/recordings/{profile}</c>, and the camera's playback streams. A playback of a profile being
/// recorded reads the recorder's live index (frames recorded a moment ago play); another profile's directory is
/// loaded read-only for the stream. Playback streams idle for <see cref="StreamRegistry.IdleTimeout"/> close.
/// </summary>
public sealed class CameraRecordings : IDisposable
{
    public const int MaxPlaybackStreams = 16;

    private readonly Dictionary<string, ProfileRecorder> _recorders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, PlaybackStream> _playback = new();
    private readonly CameraVideo _video;
    private readonly Random? _playbackIds;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    /// <summary>Opens (repairing their tails) and starts a recorder for each configured profile when recording is enabled.</summary>
    /// <param name="warn">Where a recorder that falls behind says so, once per episode.</param>
    public CameraRecordings(CameraVideo video, string directory, RecordingOptions options, TimeProvider time, Action<Exception> log,
        Action<string>? warn = null)
    {
        _video = video;
        _playbackIds = video.Camera.Random.SeededFor($"camera-{video.Camera.Number}/playback-ids");
        Directory = directory;
        _time = time;
        if (options.Enabled)
        {
            try
            {
                foreach (var profile in options.Profiles)
                {
                    (string Source, int Width, int Height, StreamSettings Defaults) resolved;
                    try { resolved = video.Streams.Resolve(profile); }
                    catch (StreamRequestException e) { throw new ConfigurationException($"recording.profiles: {e.Message}"); }
                    var d = resolved.Defaults;
                    if (d.Codec == Rendering.Encoding.VideoCodec.H264 && !Rendering.H264.OpenH264Library.IsAvailable)
                    {
                        // Not recorded (said once), rather than a render loop failing every tick; the rest of the camera runs.
                        log(new InvalidOperationException($"recording {profile} is off: {Rendering.H264.OpenH264Library.Diagnose()}"));
                        continue;
                    }
                    // The recorder's own loop runs at the recording rate; for H.264 that is its encoder's frame rate too (the
                    // render key carries it), so the recorded GOPs are whole (a thinned GOP would keep only its key frames).
                    // A recorded GOP lasts as long as the profile's (GovLength frames at its rate), so a seek lands as close
                    // to its time as on the live stream.
                    var fps = options.Fps;
                    var recorded = d with { Fps = fps, H264 = d.H264 is { } h ? h with { GovLength = Math.Max(1, (int)Math.Round(h.GovLength * fps / d.Fps)) } : null };
                    var key = recorded.KeyOf(resolved.Source);
                    var recorderOptions = options.ToRecorderOptions();
                    var recorder = Camlab.Recording.Recorder.Open(DirectoryOf(profile), recorderOptions, time);
                    _recorders[profile] = new ProfileRecorder(profile, key, fps, recorder, recorderOptions, video.Hub, time, log, warn,
                        faults: video.Camera.Faults.Recorder);
                }
            }
            catch
            {
                foreach (var r in _recorders.Values) r.Dispose();
                throw;
            }
        }
        _sweeper = time.CreateTimer(_ => CloseIdle(), null, StreamRegistry.IdleTimeout / 6, StreamRegistry.IdleTimeout / 6);
    }

    /// <summary>The camera's recordings folder; one subfolder per profile.</summary>
    public string Directory { get; }

    public IReadOnlyCollection<ProfileRecorder> Recorders => _recorders.Values;

    public ProfileRecorder? Recorder(string profileToken) => _recorders.GetValueOrDefault(profileToken);

    /// <summary>True while <paramref name="profileToken"/> is being recorded (the live 0x02 Recording flag of its streams).</summary>
    public bool IsRecording(string profileToken) => _recorders.TryGetValue(profileToken, out var r) && r.IsRecording;

    public string DirectoryOf(string profileToken) => Path.Combine(Directory, profileToken);

    /// <summary>Profiles with a recording directory on disk or a recorder, sorted.</summary>
    public IReadOnlyList<string> RecordedProfiles()
    {
        var names = new SortedSet<string>(_recorders.Keys, StringComparer.Ordinal);
        if (System.IO.Directory.Exists(Directory))
            foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory))
                if (Path.GetFileName(dir) is { } name && RecordingOptions.IsSafeToken(name)) names.Add(name);
        return names.ToList();
    }

    public PlaybackStream? FindPlayback(Guid id) => _playback.GetValueOrDefault(id);

    public int PlaybackCount => _playback.Count;

    /// <summary>Opens a playback of <paramref name="profileToken"/>'s recording; <paramref name="start"/> null is the database start.</summary>
    /// <param name="idIsCredential">
    /// True when whoever names the stream's id may watch it (the Mobile Server): the id is then a random GUID whatever
    /// the seed. Otherwise (the stream API, behind a ticket or a user's credentials) a seeded run's ids repeat.
    /// </param>
    public PlaybackStream CreatePlayback(string profileToken, DateTimeOffset? start, double speed, bool idIsCredential = false)
    {
        if (!RecordingOptions.IsSafeToken(profileToken)) throw new StreamRequestException("profile", $"'{profileToken}' is not a profile token");
        if (_playback.Count >= MaxPlaybackStreams)
            throw new StreamRequestException("mode", $"at most {MaxPlaybackStreams} playback streams may be open; DELETE one first");
        RecordingIndex index;
        RecordingIndex? owned = null;
        bool signing;
        if (_recorders.TryGetValue(profileToken, out var recorder))
        {
            index = recorder.Recorder.Index;
            signing = recorder.Options.Signing;
        }
        else
        {
            var dir = DirectoryOf(profileToken);
            if (!System.IO.Directory.Exists(dir)) throw new StreamRequestException("profile", $"no recording of '{profileToken}'", notFound: true);
            index = owned = RecordingIndex.Load(dir);
            signing = File.Exists(Path.Combine(dir, "signing-key.pub.pem"));
        }
        try
        {
            if (index.IsEmpty) throw new StreamRequestException("profile", $"the recording of '{profileToken}' holds no frame yet", notFound: true);
            index.TryGet(index.FirstFrame, out var first);
            var id = idIsCredential || _playbackIds is null ? Guid.NewGuid() : HostClock.SeededRandom.Uuid(_playbackIds);
            var stream = new PlaybackStream(id, profileToken, index, owned, _time, signing,
                start ?? DateTimeOffset.FromUnixTimeMilliseconds(first.TimeUtcMs), speed);
            _playback[stream.Id] = stream;
            return stream;
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    public void Touch(PlaybackStream stream) => stream.LastActivity = _time.GetUtcNow();

    public bool DeletePlayback(Guid id)
    {
        if (!_playback.TryRemove(id, out var stream)) return false;
        stream.Dispose();
        return true;
    }

    public int CloseIdle()
    {
        var now = _time.GetUtcNow();
        int closed = 0;
        foreach (var stream in _playback.Values)
            if (!stream.IsConnected && now - stream.LastActivity > StreamRegistry.IdleTimeout && DeletePlayback(stream.Id)) closed++;
        return closed;
    }

    /// <summary>Closes every playback stream (reboot); recording goes on.</summary>
    public void ClosePlayback()
    {
        foreach (var id in _playback.Keys) DeletePlayback(id);
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        ClosePlayback();
        foreach (var recorder in _recorders.Values) recorder.Dispose();
        _recorders.Clear();
    }

    internal CameraVideo Video => _video;
}
