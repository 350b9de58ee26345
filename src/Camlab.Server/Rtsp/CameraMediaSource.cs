using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Rtsp.Media;
using Camlab.Server.Hosting;
using Camlab.Server.Streaming;

namespace Camlab.Server.Rtsp;

/// <summary>
/// The cameras as RTSP streams, JPEG (RFC 2435) or H.264 (RFC 6184) as the profile's encoder configuration says:
/// <c>/Profile_1</c> is camera 1's profile, <c>/cameras/N/Profile_1</c> camera N's (the HTTP paths' shape). A
/// subscription is one viewer of the camera's render hub at the profile's encoder settings, so every RTSP client, video
/// channel stream and recorder of the same key shares one render and one encode per frame. An H.264 description carries
/// profile-level-id and sprop-parameter-sets; a new subscriber gets SPS/PPS + IDR first (the loop sends a key frame to a
/// viewer that joins). While playing, a changed encoder configuration of the same codec moves the session to the new
/// encoder from its first (key) frame; a new codec reaches the client on its next connection (the session's payload type
/// is fixed). SetSynchronizationPoint makes the profile's sessions' loops send an IDR next. A profile with a metadata
/// configuration has a second track, its metadata stream (<see cref="MetadataStreamPump"/>).
/// </summary>
/// <param name="own">The one camera of an RTSP listener of its own (<c>--port-per-camera</c>): its profiles at the root,
/// no other camera's paths.</param>
internal sealed class CameraMediaSource(IReadOnlyList<SimulatedCamera> cameras, bool authenticate, SimulatedCamera? own = null) : IRtspMediaSource
{
    public RtspStreamDescription? Resolve(string path)
    {
        var parts = path.Trim('/').Split('/');
        var (number, profile) = parts switch
        {
            [var p] when own is not null => (own.Number, p),
            _ when own is not null => (0, ""),
            [var p] => (1, p),
            ["cameras", var n, var p] when int.TryParse(n, System.Globalization.NumberStyles.None, null, out var k) => (k, p),
            _ => (0, ""),
        };
        var camera = cameras.FirstOrDefault(c => c.Number == number);
        if (camera?.Video is not { } video) return null;
        try
        {
            var (source, width, height, settings) = video.Streams.Resolve(profile);
            settings.Validate(width, height);
            bool h264 = settings.Codec == Rendering.Encoding.VideoCodec.H264;
            return new RtspStreamDescription(profile, h264 ? RtspCodec.H264 : RtspCodec.Jpeg, settings.Width, settings.Height, settings.Fps, Group(camera))
            {
                Users = authenticate ? new CameraUsers(camera.Users) : null,
                FormatParameters = h264 ? H264SessionParameters.FormatParameters(settings.KeyOf(source)) : null,
                Metadata = camera.Media.Profiles.FirstOrDefault(p => p.Token == profile)?.MetadataConfigurationToken is not null,
            };
        }
        catch (StreamRequestException) { return null; }
    }

    /// <summary>The RTSP session group of a camera: its sessions count against the per-camera limit together.</summary>
    public static string Group(SimulatedCamera camera) => $"camera-{camera.Number}";

    public IDisposable Subscribe(RtspStreamDescription stream, IRtspFrameReceiver receiver)
    {
        var video = CameraOf(stream).Video!;
        var (source, _, _, settings) = video.Streams.Resolve(stream.Name);
        return new Pump(video, stream.Name, settings.KeyOf(source), new FrameSink(settings.Fps, meter: video.Hub.SinkMeter(Observability.SinkKind.Rtsp)), receiver);
    }

    public IDisposable SubscribeMetadata(RtspStreamDescription stream, IRtspFrameReceiver receiver) =>
        new MetadataStreamPump(CameraOf(stream), stream.Name, receiver);

    private SimulatedCamera CameraOf(RtspStreamDescription stream)
    {
        var number = int.Parse(stream.Group["camera-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return cameras.First(c => c.Number == number);
    }

    // Moves frames from the hub's bounded inbox to the session (which queues them itself; neither ever blocks the hub).
    private sealed class Pump : IDisposable
    {
        private readonly object _gate = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Streaming.CameraVideo _video;
        private readonly string _profile;
        private readonly FrameSink _sink;
        private RenderKey _key;
        private IDisposable? _subscription;
        private readonly IRtspFrameReceiver _receiver;

        public Pump(Streaming.CameraVideo video, string profile, RenderKey key, FrameSink sink, IRtspFrameReceiver receiver)
        {
            _video = video;
            _profile = profile;
            _sink = sink;
            _key = key;
            _receiver = receiver;
            _subscription = video.Hub.Subscribe(key, sink);
            // RtspSessionKill (docs/faults.md): the session ends when the fault begins, or at once while it acts.
            video.Camera.Faults.Video.RtspSessionsKilled += OnSessionsKilled;
            if (video.Camera.Faults.Video.KillsRtspSessions(key.SourceToken)) receiver.EndSession();
            video.Streams.Media.Changed += OnProfilesChanged;
            video.Streams.Media.SynchronizationPointRequested += OnSynchronizationPoint;
            var cancel = _stop.Token;
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var frame = await sink.ReadAsync(cancel).ConfigureAwait(false);
                        receiver.OnFrame(new RtspFrame(frame.Payload, frame.IsKeyFrame, frame.CaptureTime));
                    }
                }
                catch (OperationCanceledException) { }
            });
        }

        private void OnSessionsKilled(string source)
        {
            if (source == _key.SourceToken) _receiver.EndSession();
        }

        private void OnSynchronizationPoint(string profile)
        {
            if (profile == _profile) lock (_gate) _video.Hub.RequestKeyFrame(_key);
        }

        private void OnProfilesChanged(object? sender, EventArgs e)
        {
            RenderKey next;
            double fps;
            try
            {
                var (source, width, height, settings) = _video.Streams.Resolve(_profile);
                settings.Validate(width, height);
                (next, fps) = (settings.KeyOf(source), settings.Fps);
            }
            catch (StreamRequestException) { return; } // the profile no longer streams: the session keeps what it has
            lock (_gate)
            {
                if (_subscription is null || next == _key || next.Codec != _key.Codec) return;
                var old = _subscription;
                _sink.Clear(); // nothing of the old encoder after the change: the new loop starts with a key frame
                _sink.Fps = fps;
                _key = next;
                _subscription = _video.Hub.Subscribe(next, _sink);
                old.Dispose();
            }
        }

        public void Dispose()
        {
            _video.Camera.Faults.Video.RtspSessionsKilled -= OnSessionsKilled;
            _video.Streams.Media.Changed -= OnProfilesChanged;
            _video.Streams.Media.SynchronizationPointRequested -= OnSynchronizationPoint;
            _stop.Cancel();
            lock (_gate)
            {
                _subscription?.Dispose();
                _subscription = null;
            }
        }
    }

    /// <summary>The camera's ONVIF users, for RTSP Digest: watching is the READ_MEDIA access class.</summary>
    private sealed class CameraUsers(IUserDirectory users) : IRtspUserDirectory
    {
        public RtspUser? Find(string name) =>
            users.Find(name) is { } user ? new RtspUser(user.Name, user.Password, AccessPolicy.Allows(user.Level, AccessClass.ReadMedia)) : null;
    }
}
