using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Rtsp.Media;
using Camlab.Server.Hosting;
using Camlab.Server.Streaming;

namespace Camlab.Server.Rtsp;

/// <summary>
/// The cameras as RTSP streams (JPEG; H.264 joins with its encoder): <c>/Profile_1</c> is camera 1's profile, <c>/cameras/N/Profile_1</c> camera N's
/// (the HTTP paths' shape). A subscription is one viewer of the camera's render hub at the profile's encoder size,
/// quality and frame rate, so every RTSP client, MJPEG viewer, video channel stream and recorder of the same key
/// shares one render and one JPEG per frame.
/// </summary>
internal sealed class CameraMediaSource(IReadOnlyList<SimulatedCamera> cameras, bool authenticate) : IRtspMediaSource
{
    public RtspStreamDescription? Resolve(string path)
    {
        var parts = path.Trim('/').Split('/');
        var (number, profile) = parts switch
        {
            [var p] => (1, p),
            ["cameras", var n, var p] when int.TryParse(n, System.Globalization.NumberStyles.None, null, out var k) => (k, p),
            _ => (0, ""),
        };
        var camera = cameras.FirstOrDefault(c => c.Number == number);
        if (camera?.Video is not { } video) return null;
        try
        {
            var (_, _, _, settings) = video.Streams.Resolve(profile);
            return new RtspStreamDescription(profile, RtspCodec.Jpeg, settings.Width, settings.Height, settings.Fps, $"camera-{camera.Number}")
            {
                Users = authenticate ? new CameraUsers(camera.Users) : null,
            };
        }
        catch (StreamRequestException) { return null; }
    }

    public IDisposable Subscribe(RtspStreamDescription stream, IRtspFrameReceiver receiver)
    {
        var number = int.Parse(stream.Group["camera-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var video = cameras.First(c => c.Number == number).Video!;
        var (source, _, _, settings) = video.Streams.Resolve(stream.Name);
        var sink = new FrameSink(settings.Fps);
        var subscription = video.Hub.Subscribe(new RenderKey(source, settings.Width, settings.Height, null, Rendering.Encoding.VideoCodec.Jpeg, settings.Quality), sink);
        return new Pump(sink, subscription, receiver);
    }

    // Moves frames from the hub's bounded inbox to the session (which queues them itself; neither ever blocks the hub).
    private sealed class Pump : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly IDisposable _subscription;

        public Pump(FrameSink sink, IDisposable subscription, IRtspFrameReceiver receiver)
        {
            _subscription = subscription;
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

        public void Dispose()
        {
            _stop.Cancel();
            _subscription.Dispose();
        }
    }

    /// <summary>The camera's ONVIF users, for RTSP Digest: watching is the READ_MEDIA access class.</summary>
    private sealed class CameraUsers(IUserDirectory users) : IRtspUserDirectory
    {
        public RtspUser? Find(string name) =>
            users.Find(name) is { } user ? new RtspUser(user.Name, user.Password, AccessPolicy.Allows(user.Level, AccessClass.ReadMedia)) : null;
    }
}
