namespace Camlab.Server.Observability;

/// <summary>Who takes a render loop's frames: the <c>sink</c> label of the frame metrics (docs/deploy.md, "Metrics").</summary>
public enum SinkKind
{
    /// <summary><c>/mjpeg/{profile}</c>: multipart JPEG to a browser.</summary>
    Mjpeg,
    /// <summary><c>/snapshot/{profile}.jpg</c> and the Media service's snapshot URI: one frame.</summary>
    Snapshot,
    /// <summary>An RTSP session's RTP stream.</summary>
    Rtsp,
    /// <summary>A video channel stream of <c>/api/v1/streams</c> (<c>/video/{id}</c>).</summary>
    VideoChannel,
    /// <summary>The Mobile Server command channel (thumbnails; its live streams are video channel streams).</summary>
    Mobile,
    /// <summary>The continuous recorder of a media profile.</summary>
    Recorder,
}

internal static class SinkKinds
{
    public static readonly SinkKind[] All = Enum.GetValues<SinkKind>();

    /// <summary>The label value: lower case, as the dashboard and PromQL use it.</summary>
    public static string Label(this SinkKind kind) => kind switch
    {
        SinkKind.Mjpeg => "mjpeg",
        SinkKind.Snapshot => "snapshot",
        SinkKind.Rtsp => "rtsp",
        SinkKind.VideoChannel => "videochannel",
        SinkKind.Mobile => "mobile",
        SinkKind.Recorder => "recorder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
