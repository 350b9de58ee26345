namespace Camlab.Rtsp.Rtp;

/// <summary>
/// ONVIF Streaming Specification 5.1.2.1 (metadata streaming): a tt:MetadataStream XML document travels as the
/// payload of RTP packets with a dynamic payload type, encoding name <c>vnd.onvif.metadata</c> and a 90 kHz clock.
/// A document larger than one packet is split into consecutive packets of the same timestamp; the marker bit is set
/// on the last packet of each document, so a receiver concatenates payloads up to the marker.
/// </summary>
public sealed class MetadataPacketizer(byte payloadType, uint ssrc, ushort initialSequence, int mtu = RtpPacketizer.DefaultMtu)
    : RtpPacketizer(payloadType, ssrc, initialSequence, mtu)
{
    public const string EncodingName = "vnd.onvif.metadata";

    public override string RtpMap => EncodingName + "/90000";

    public override int Packetize(ReadOnlySpan<byte> frame, uint timestamp, IRtpPacketWriter writer)
    {
        if (frame.IsEmpty) throw new UnsupportedFrameException("an empty metadata document");
        var room = Mtu - RtpHeader.Length;
        var count = 0;
        for (var offset = 0; offset < frame.Length; offset += room)
        {
            var length = Math.Min(room, frame.Length - offset);
            var last = offset + length == frame.Length;
            frame.Slice(offset, length).CopyTo(Start(writer, length, last, timestamp));
            Finish(writer, length);
            count++;
        }
        return count;
    }
}
