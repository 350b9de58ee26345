using Camlab.Onvif.Soap;
using Camlab.Recording.Playback;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.Transcoding;
using Camlab.Server.Streaming;
using Camlab.VideoChannel;

namespace Camlab.Server.MobileServer;

// RequestStream, ChangeStream, CloseStream and GetThumbnail over the camera's stream registry and recordings: the
// video channel at /XProtectMobile/Video/{VideoId} then serves them with the same pump as /video/{id}.
public sealed partial class MobileCommands
{
    private CommunicationResponse RequestStream(MobileCommandContext context)
    {
        var request = context.Request;
        var session = context.LoggedIn;
        Require(context, AccessClass.ReadMedia, "view video");
        var camera = CameraOf(context);
        if (request.Get("StreamDataType") is { } dataType && dataType != "Video")
            throw new MobileServerException(MobileServerError.NotImplemented, $"StreamDataType {dataType} is not implemented: Camlab streams video only");
        var streamType = request.Get("StreamType") ?? "Transcoded";
        if (streamType != "Transcoded")
            throw new MobileServerException(MobileServerError.NotImplemented, $"StreamType {streamType} is not implemented: Camlab sends transcoded JPEG");
        if (request.Get("MethodType") is { } method && method is not ("Push" or "Pull"))
            throw new MobileServerException(MobileServerError.WrongInputParameter, $"MethodType '{method}' must be Push or Pull");
        if (session.StreamCount >= MobileSessions.MaxStreamsPerSession)
            throw new MobileServerException(MobileServerError.NotAllowedInThisState, $"a connection may hold at most {MobileSessions.MaxStreamsPerSession} streams; CloseStream one first");
        var signal = request.Get("SignalType") ?? "Live";
        var stream = signal switch
        {
            "Live" => RequestLive(context, camera),
            "Playback" => RequestPlayback(context, camera),
            "Upload" => throw new MobileServerException(MobileServerError.NotImplemented, "video push (SignalType Upload) is not implemented"),
            _ => throw new MobileServerException(MobileServerError.WrongInputParameter, $"SignalType '{signal}' must be Live or Playback"),
        };
        session.Add(stream);
        return Ok(context)
            .Add("VideoId", stream.VideoId.ToString())
            .Add("PTZ", camera.Ptz is not null && !stream.Playback)
            .Add("Preset", camera.HasPresets && !stream.Playback)
            .Add("Playback", camera.PlaybackProfile is not null)
            .Add("ExportAvi", false);
    }

    private static MobileStream RequestLive(MobileCommandContext context, MobileCamera camera)
    {
        var request = context.Request;
        var (width, height, fps, quality) = (request.Int("DestWidth", 1, StreamSettings.MaxDimension), request.Int("DestHeight", 1, StreamSettings.MaxDimension),
            Fps(request), request.Int("ComprLevel", 1, 100));
        try
        {
            var stream = camera.Video.Streams.Create(camera.ProfileToken, s =>
            {
                var (w, h) = Fit(width ?? s.Width, height ?? s.Height, camera.SourceWidth, camera.SourceHeight);
                return s with { Width = w, Height = h, Fps = fps ?? s.Fps, Quality = quality ?? s.Quality, Crop = null, Codec = VideoCodec.Jpeg };
            }, Observability.SinkKind.Mobile);
            stream.OmittedHeaders = OmittedHeaders(request);
            return new MobileStream(stream.Id, camera, Playback: false);
        }
        catch (StreamRequestException e)
        {
            throw new MobileServerException(MobileServerError.WrongInputParameter, e.Message);
        }
    }

    private static MobileStream RequestPlayback(MobileCommandContext context, MobileCamera camera)
    {
        var request = context.Request;
        if (camera.PlaybackProfile is not { } profile || camera.Video.Recordings is not { } recordings)
            throw new MobileServerException(MobileServerError.NoRecordingsFound, $"camera {camera.Name} has no recording to play back");
        var seek = Seek(request);
        try
        {
            // Playback starts paused at the requested time (or the newest recording); ChangeStream Speed plays it.
            var stream = recordings.CreatePlayback(profile, null, 0, idIsCredential: true);
            stream.OmittedHeaders = OmittedHeaders(request);
            stream.Transcode = PlaybackTarget(request, camera, DefaultPlaybackTarget);
            try { stream.Apply(new PlaybackChange { Seek = seek?.Seek ?? PlaybackSeek.DatabaseEnd, Time = seek?.Time }); }
            catch
            {
                recordings.DeletePlayback(stream.Id);
                throw;
            }
            return new MobileStream(stream.Id, camera, Playback: true);
        }
        catch (StreamRequestException e)
        {
            throw new MobileServerException(e.Message.StartsWith("at most", StringComparison.Ordinal) ? MobileServerError.PlaybackStreamsLimitReached
                : e.NotFound ? MobileServerError.NoRecordingsFound : MobileServerError.WrongInputParameter, e.Message);
        }
    }

    /// <summary>
    /// The extension headers a command channel stream leaves out: no RequestStream parameter asks for native data
    /// (0x08) or location (0x20), and the official web SDK's frame parser (Lib/modules/VideoConnection/js/header.js)
    /// reads each of them as 4 bytes, so with them it misreads the stream info after them and shows no picture. Size
    /// (0x01) comes when RequestSize is Yes.
    /// </summary>
    internal static HeaderExtensionFlags OmittedHeaders(CommunicationRequest request) =>
        HeaderExtensionFlags.NativeData | HeaderExtensionFlags.LocationInfo | (request.YesNo("RequestSize") == true ? 0 : HeaderExtensionFlags.SizeInfo);

    private CommunicationResponse ChangeStream(MobileCommandContext context)
    {
        var request = context.Request;
        var session = context.LoggedIn;
        var videoId = request.Id("VideoId", MobileServerError.UnknownItemId);
        var stream = session.Stream(videoId) ?? throw new MobileServerException(MobileServerError.UnknownItemId, $"this connection has no stream {videoId}");
        foreach (var motion in new[] { "MotionAmount", "SensitivityAmount", "CPUImpactAmount", "RegionGrid" })
            if (request.Get(motion) is not null)
                throw new MobileServerException(MobileServerError.NotImplemented, $"{motion} (server-side motion detection) is not implemented");
        if (stream.Playback) ChangePlayback(request, stream);
        else ChangeLive(request, stream);
        return Ok(context);
    }

    private static void ChangeLive(CommunicationRequest request, MobileStream stream)
    {
        if (request.Get("Speed") is not null || request.Get("SeekType") is not null)
            throw new MobileServerException(MobileServerError.NotAllowedInThisState, "a live stream has no speed or seek; request a Playback stream");
        var camera = stream.Camera;
        var live = camera.Video.Streams.Find(stream.VideoId) ?? throw new MobileServerException(MobileServerError.UnknownItemId, $"stream {stream.VideoId} has closed");
        int? left = request.Int("SrcLeft", 0, camera.SourceWidth), top = request.Int("SrcTop", 0, camera.SourceHeight),
            right = request.Int("SrcRight", 0, camera.SourceWidth), bottom = request.Int("SrcBottom", 0, camera.SourceHeight);
        int? width = request.Int("DestWidth", 1, StreamSettings.MaxDimension), height = request.Int("DestHeight", 1, StreamSettings.MaxDimension);
        var (fps, quality) = (Fps(request), request.Int("ComprLevel", 1, 100));
        var s = live.Settings;
        var crop = s.Crop;
        if (left is not null || top is not null || right is not null || bottom is not null)
        {
            var c = s.Crop ?? new CropRect(0, 0, camera.SourceWidth, camera.SourceHeight);
            crop = new CropRect(left ?? c.Left, top ?? c.Top, right ?? c.Right, bottom ?? c.Bottom);
            // The whole source is no crop at all: the stream goes back to the uncropped picture.
            if (crop is { Left: 0, Top: 0 } whole && whole.Right == camera.SourceWidth && whole.Bottom == camera.SourceHeight) crop = null;
        }
        var (areaWidth, areaHeight) = crop is { } r ? (r.Width, r.Height) : (camera.SourceWidth, camera.SourceHeight);
        var (w, h) = width is not null || height is not null || crop != s.Crop
            ? Fit(width ?? s.Width, height ?? s.Height, areaWidth, areaHeight)
            : (s.Width, s.Height);
        try
        {
            camera.Video.Streams.Change(live, s with { Width = w, Height = h, Crop = crop, Fps = fps ?? s.Fps, Quality = quality ?? s.Quality });
        }
        catch (StreamRequestException e)
        {
            throw new MobileServerException(MobileServerError.WrongInputParameter, e.Message);
        }
    }

    /// <summary>
    /// What a Mobile playback stream sends: JPEG always (the SDK clients show nothing else), so H.264 recordings are decoded
    /// and re-encoded; JPEG recordings pass unchanged until a size, area or quality is asked for.
    /// </summary>
    private static readonly TranscodeTarget DefaultPlaybackTarget = new(0, 0, 85) { KeepJpegQuality = true };

    /// <summary>The playback target after a request's DestWidth/DestHeight, SrcLeft..SrcBottom (camera source pixels) and ComprLevel.</summary>
    private static TranscodeTarget PlaybackTarget(CommunicationRequest request, MobileCamera camera, TranscodeTarget current)
    {
        int? width = request.Int("DestWidth", 1, StreamSettings.MaxDimension), height = request.Int("DestHeight", 1, StreamSettings.MaxDimension);
        int? left = request.Int("SrcLeft", 0, camera.SourceWidth), top = request.Int("SrcTop", 0, camera.SourceHeight),
            right = request.Int("SrcRight", 0, camera.SourceWidth), bottom = request.Int("SrcBottom", 0, camera.SourceHeight);
        int? quality = request.Int("ComprLevel", 1, 100);
        var target = current;
        if (width is not null || height is not null)
            target = target with { Width = width ?? height!.Value, Height = height ?? width!.Value };
        if (left is not null || top is not null || right is not null || bottom is not null)
        {
            var c = current.Crop ?? (0, 0, camera.SourceWidth, camera.SourceHeight);
            var crop = (Left: left ?? c.Left, Top: top ?? c.Top, Right: right ?? c.Right, Bottom: bottom ?? c.Bottom);
            if (crop.Right <= crop.Left || crop.Bottom <= crop.Top)
                throw new MobileServerException(MobileServerError.WrongInputParameter, $"source area {crop.Left},{crop.Top}–{crop.Right},{crop.Bottom} is empty");
            bool whole = crop is { Left: 0, Top: 0 } && crop.Right == camera.SourceWidth && crop.Bottom == camera.SourceHeight;
            target = target with { Crop = whole ? null : crop, CropOf = (camera.SourceWidth, camera.SourceHeight) };
        }
        if (quality is not null) target = target with { Quality = quality.Value, KeepJpegQuality = false };
        return target;
    }

    private static void ChangePlayback(CommunicationRequest request, MobileStream stream)
    {
        var played = stream.Camera.Video.Recordings?.FindPlayback(stream.VideoId)
            ?? throw new MobileServerException(MobileServerError.UnknownItemId, $"stream {stream.VideoId} has closed");
        var current = played.Transcode ?? DefaultPlaybackTarget;
        var target = PlaybackTarget(request, stream.Camera, current);
        if (target != current)
        {
            played.Transcode = target;
            played.Wake();
            if (request.Get("Speed") is null && request.Get("SeekType") is null)
            {
                stream.Camera.Video.Recordings!.Touch(played);
                return;
            }
        }
        var seek = Seek(request);
        var change = new PlaybackChange { Speed = request.Double("Speed"), Seek = seek?.Seek, Time = seek?.Time };
        if (change.Speed is null && change.Seek is null)
        {
            // Fps alone: recorded frames keep their own pace, so there is nothing to change.
            if (request.Get("Fps") is not null) { Fps(request); return; }
            throw new MobileServerException(MobileServerError.MissingInputParameter, "ChangeStream of a playback stream needs Speed or SeekType");
        }
        if (change.Speed is { } speed && Math.Abs(speed) > 64)
            throw new MobileServerException(MobileServerError.WrongInputParameter, $"Speed {speed} must be within -64..64");
        if (change.Validate() is { } error) throw new MobileServerException(MobileServerError.WrongInputParameter, error);
        played.Apply(change);
        stream.Camera.Video.Recordings!.Touch(played);
    }

    private CommunicationResponse CloseStream(MobileCommandContext context)
    {
        var session = context.LoggedIn;
        var videoId = context.Request.Id("VideoId", MobileServerError.UnknownItemId);
        var stream = session.Stream(videoId) ?? throw new MobileServerException(MobileServerError.UnknownItemId, $"this connection has no stream {videoId}");
        session.Remove(videoId);
        stream.Close();
        return Ok(context);
    }

    private async Task<CommunicationResponse> GetThumbnailAsync(MobileCommandContext context)
    {
        var request = context.Request;
        Require(context, AccessClass.ReadMedia, "view video");
        var camera = CameraOf(context);
        var (w, h) = Fit(request.Int("DestWidth", 1, StreamSettings.MaxDimension) ?? 320, request.Int("DestHeight", 1, StreamSettings.MaxDimension) ?? 320,
            camera.SourceWidth, camera.SourceHeight);
        var quality = request.Int("ComprLevel", 1, 100) ?? 70;
        var sink = new FrameSink(1, meter: camera.Video.Hub.SinkMeter(Observability.SinkKind.Mobile));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancel);
        timeout.CancelAfter(ThumbnailTimeout);
        EncodedFrame frame;
        using (camera.Video.Hub.Subscribe(new RenderKey(camera.SourceToken, w, h, null, VideoCodec.Jpeg, quality), sink))
        {
            try { frame = await sink.ReadAsync(timeout.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!context.Cancel.IsCancellationRequested)
            {
                throw new MobileServerException(MobileServerError.NotAllowedInThisState, $"camera {camera.Name} rendered no picture within {ThumbnailTimeout.TotalSeconds} s");
            }
        }
        return new CommunicationResponse(request.SequenceId, request.Name) { ThumbnailBase64 = Convert.ToBase64String(frame.Payload) };
    }

    /// <summary>How long GetThumbnail waits for a rendered picture (wall clock: rendering is real work).</summary>
    public static readonly TimeSpan ThumbnailTimeout = TimeSpan.FromSeconds(10);

    private static double? Fps(CommunicationRequest request) => request.Double("Fps") is { } fps
        ? StreamSettings.IsFps(fps) ? fps : throw new MobileServerException(MobileServerError.WrongInputParameter, $"Fps {fps} must be within {StreamSettings.MinFps}..{StreamSettings.MaxFps}")
        : null;

    /// <summary>The largest size of the area's aspect ratio inside the requested box (the clients ask for their view's size).</summary>
    internal static (int Width, int Height) Fit(int boxWidth, int boxHeight, int areaWidth, int areaHeight)
    {
        double scale = Math.Min((double)boxWidth / areaWidth, (double)boxHeight / areaHeight);
        int w = (int)Math.Round(areaWidth * scale), h = (int)Math.Round(areaHeight * scale);
        return (Math.Clamp(w, 16, StreamSettings.MaxDimension), Math.Clamp(h, 16, StreamSettings.MaxDimension));
    }

    /// <summary>SeekType (and Time for the time seeks) as a playback seek; null when the request has none.</summary>
    private static (PlaybackSeek Seek, DateTimeOffset? Time)? Seek(CommunicationRequest request)
    {
        if (request.Get("SeekType") is not { } type) return null;
        PlaybackSeek seek = type switch
        {
            "Time" or "TimeOrBefore" or "TimeOrAfter" => PlaybackSeek.Time,
            "DbStart" => PlaybackSeek.DatabaseStart,
            "DbEnd" => PlaybackSeek.DatabaseEnd,
            "PrevSeq" => PlaybackSeek.PreviousSequence,
            "NextSeq" => PlaybackSeek.NextSequence,
            "PrevFrame" => PlaybackSeek.PreviousFrame,
            "NextFrame" => PlaybackSeek.NextFrame,
            _ => throw new MobileServerException(MobileServerError.WrongInputParameter,
                $"SeekType '{type}' must be Time, TimeOrBefore, TimeOrAfter, DbStart, DbEnd, PrevSeq, NextSeq, PrevFrame or NextFrame"),
        };
        if (seek != PlaybackSeek.Time) return (seek, null);
        var ms = request.Get("Time") is { } t && long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            && v <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? v
            : throw new MobileServerException(MobileServerError.WrongInputParameter, $"SeekType {type} needs Time in milliseconds since 1970 UTC");
        return (seek, DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }
}
