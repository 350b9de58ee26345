using System.Globalization;
using System.Text;
using Camlab.Rtsp.Media;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Sdp;

/// <summary>
/// The SDP (RFC 8866, formerly 4566) a DESCRIBE answers: a video media section with its payload type, rtpmap, fmtp,
/// frame rate, size and control URL (<c>trackID=1</c>), and, when the stream has metadata, an application section
/// (ONVIF Streaming 5.1.2.1: <c>m=application</c>, <c>vnd.onvif.metadata/90000</c>, <c>trackID=2</c>); a live stream,
/// so <c>a=range:npt=now-</c> (RFC 2326 C.1.5), and aggregate control <c>a=control:*</c> (C.1.1).
/// </summary>
public static class SessionDescription
{
    public const string TrackControl = "trackID=1";
    public const string MetadataTrackControl = "trackID=2";

    public static string Write(RtspStreamDescription stream, byte payloadType, string rtpMap, string serverAddress, ulong sessionId, byte metadataPayloadType = 0)
    {
        var family = serverAddress.Contains(':') ? "IP6" : "IP4";
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"o=- {sessionId} 1 IN {family} {serverAddress}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"s={stream.Name}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"c=IN {family} {(family == "IP6" ? "::" : "0.0.0.0")}\r\n");
        sdp.Append("t=0 0\r\n");
        sdp.Append("a=tool:Camlab\r\n");
        sdp.Append("a=range:npt=now-\r\n");
        sdp.Append("a=control:*\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"m=video 0 RTP/AVP {payloadType}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{payloadType} {rtpMap}\r\n");
        if (stream.FormatParameters is { Length: > 0 } fmtp) sdp.Append(CultureInfo.InvariantCulture, $"a=fmtp:{payloadType} {fmtp}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=framerate:{stream.FrameRate.ToString("0.###", CultureInfo.InvariantCulture)}\r\n");
        // RFC 6064 a=framesize is what players read for JPEG, whose SDP otherwise carries no size.
        sdp.Append(CultureInfo.InvariantCulture, $"a=framesize:{payloadType} {stream.Width}-{stream.Height}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=control:{TrackControl}\r\n");
        if (stream.Metadata)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"m=application 0 RTP/AVP {metadataPayloadType}\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{metadataPayloadType} {MetadataPacketizer.EncodingName}/90000\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=control:{MetadataTrackControl}\r\n");
        }
        return sdp.ToString();
    }
}
