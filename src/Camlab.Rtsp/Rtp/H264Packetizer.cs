namespace Camlab.Rtsp.Rtp;

/// <summary>
/// RTP payload format for H.264 (RFC 6184), packetization-mode=1, on a dynamic payload type. A frame is one access
/// unit in Annex B byte-stream form (start codes 00 00 01 / 00 00 00 01). Consecutive parameter sets (SPS, PPS)
/// go together in one STAP-A (5.7.1) when they fit; a NAL unit that fits the MTU goes alone (single NAL unit packet,
/// 5.6); a larger one is split into FU-A fragments (5.8). The marker bit is set on the access unit's last packet.
/// </summary>
public sealed class H264Packetizer(byte payloadType, uint ssrc, ushort initialSequence, int mtu = RtpPacketizer.DefaultMtu)
    : RtpPacketizer(payloadType, ssrc, initialSequence, mtu)
{
    public const byte StapA = 24;
    public const byte FuA = 28;

    public override string RtpMap => "H264/90000";

    public override int Packetize(ReadOnlySpan<byte> frame, uint timestamp, IRtpPacketWriter writer)
    {
        var packets = 0;
        var room = Mtu - RtpHeader.Length;
        var rest = frame;
        var nal = NextNal(ref rest);
        if (nal.IsEmpty) throw new UnsupportedFrameException("the H.264 access unit holds no NAL unit (Annex B start code 00 00 01)");
        while (!nal.IsEmpty)
        {
            // How many parameter sets, from this one on, fit one STAP-A.
            var count = 1;
            var length = 1 + 2 + nal.Length;
            var afterGroup = rest;
            if (IsParameterSet(nal))
            {
                while (true)
                {
                    var probe = afterGroup;
                    var candidate = NextNal(ref probe);
                    if (!IsParameterSet(candidate) || length + 2 + candidate.Length > room) break;
                    length += 2 + candidate.Length;
                    count++;
                    afterGroup = probe;
                }
            }
            var peek = afterGroup;
            var last = NextNal(ref peek).IsEmpty;
            if (count > 1)
            {
                var payload = Start(writer, length, last, timestamp);
                var nri = 0;
                var at = 1;
                var units = rest;
                var unit = nal;
                for (var k = 0; k < count; k++)
                {
                    payload[at] = (byte)(unit.Length >> 8);
                    payload[at + 1] = (byte)unit.Length;
                    unit.CopyTo(payload[(at + 2)..]);
                    at += 2 + unit.Length;
                    nri = Math.Max(nri, unit[0] & 0x60);
                    if (k + 1 < count) unit = NextNal(ref units);
                }
                payload[0] = (byte)(nri | StapA); // 5.7: F=0, NRI the highest of the aggregated units
                Finish(writer, length);
                packets++;
            }
            else packets += Single(nal, last, timestamp, writer, room);
            rest = afterGroup;
            nal = NextNal(ref rest);
        }
        return packets;
    }

    private int Single(ReadOnlySpan<byte> nal, bool last, uint timestamp, IRtpPacketWriter writer, int room)
    {
        if (nal.Length <= room)
        {
            var payload = Start(writer, nal.Length, last, timestamp);
            nal.CopyTo(payload);
            Finish(writer, nal.Length);
            return 1;
        }
        // FU-A: indicator keeps F and NRI, type 28; header has S/E and the original type; the NAL header byte is not sent.
        var indicator = (byte)((nal[0] & 0xE0) | FuA);
        var type = (byte)(nal[0] & 0x1F);
        var data = nal[1..];
        var chunkRoom = room - 2;
        var count = 0;
        for (var offset = 0; offset < data.Length; count++)
        {
            var chunk = Math.Min(chunkRoom, data.Length - offset);
            var start = offset == 0;
            var end = offset + chunk == data.Length;
            var payload = Start(writer, 2 + chunk, end && last, timestamp);
            payload[0] = indicator;
            payload[1] = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
            data.Slice(offset, chunk).CopyTo(payload[2..]);
            Finish(writer, 2 + chunk);
            offset += chunk;
        }
        return count;
    }

    private static bool IsParameterSet(ReadOnlySpan<byte> nal) => !nal.IsEmpty && (nal[0] & 0x1F) is 7 or 8;

    /// <summary>The next NAL unit of an Annex B stream (without its start code), advancing <paramref name="stream"/> past it.</summary>
    public static ReadOnlySpan<byte> NextNal(scoped ref ReadOnlySpan<byte> stream)
    {
        var start = StartCodeEnd(stream, 0);
        if (start < 0) { stream = default; return default; }
        var following = stream[start..].IndexOf([(byte)0, (byte)0, (byte)1]);
        ReadOnlySpan<byte> nal;
        if (following < 0) { nal = stream[start..]; stream = default; }
        else
        {
            var end = start + following;
            nal = stream[start..end];
            stream = stream[end..];
        }
        // Trailing zero bytes belong to the next start code (00 00 00 01) or are trailing_zero_8bits.
        while (!nal.IsEmpty && nal[^1] == 0) nal = nal[..^1];
        return nal.IsEmpty ? NextNal(ref stream) : nal;
    }

    private static int StartCodeEnd(ReadOnlySpan<byte> stream, int from)
    {
        var at = stream[from..].IndexOf([(byte)0, (byte)0, (byte)1]);
        return at < 0 ? -1 : from + at + 3;
    }

    /// <summary>sprop-parameter-sets for the SDP fmtp (RFC 6184 8.1): base64 SPS and PPS, comma-separated.</summary>
    public static string SpropParameterSets(ReadOnlySpan<byte> accessUnit)
    {
        var sets = new List<string>();
        var rest = accessUnit;
        for (var nal = NextNal(ref rest); !nal.IsEmpty; nal = NextNal(ref rest))
            if (IsParameterSet(nal)) sets.Add(Convert.ToBase64String(nal));
        return string.Join(',', sets);
    }
}
