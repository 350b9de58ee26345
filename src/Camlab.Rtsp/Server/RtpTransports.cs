using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Camlab.Rtsp.Protocol;
using Camlab.Rtsp.Rtcp;
using Camlab.Rtsp.Rtp;

namespace Camlab.Rtsp.Server;

/// <summary>How one track's RTP and RTCP reach its client.</summary>
internal abstract class RtpTransport
{
    /// <summary>The Transport header of the SETUP answer, without <c>;ssrc=</c>.</summary>
    public abstract string Describe();

    /// <summary>Sends one frame's packets, then the compound RTCP report when one is due (null otherwise).</summary>
    public abstract ValueTask SendAsync(RtspTrack track, ReadOnlyMemory<byte> frame, uint timestamp, ReportDue? report, CancellationToken cancel);

    public abstract ValueTask SendGoodbyeAsync(RtspTrack track, CancellationToken cancel);

    /// <summary>The SR (+ SDES CNAME) for <paramref name="track"/>, or the BYE when <paramref name="report"/> is null.</summary>
    protected static int WriteRtcp(Span<byte> buffer, RtspTrack track, ReportDue? report)
    {
        var p = track.Packetizer;
        var length = 0;
        if (report is { } r)
            length += RtcpPackets.WriteSenderReport(buffer, p.Ssrc, r.Ntp, r.RtpTimestamp, unchecked((uint)p.PacketCount), unchecked((uint)p.OctetCount));
        else
        {
            // RFC 3550 6.1: a compound packet starts with a report; an empty RR precedes the BYE.
            buffer[0] = 0x80; buffer[1] = RtcpPackets.ReceiverReport; buffer[2] = 0; buffer[3] = 1;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], p.Ssrc);
            length = 8;
        }
        length += RtcpPackets.WriteSourceDescription(buffer[length..], p.Ssrc, track.Session.CName);
        if (report is null) length += RtcpPackets.WriteGoodbye(buffer[length..], p.Ssrc);
        return length;
    }

    protected static int RtcpCapacity(RtspTrack track) => RtcpPackets.SenderReportLength + RtcpPackets.SourceDescriptionLength(track.Session.CName) + RtcpPackets.GoodbyeLength;
}

internal readonly record struct ReportDue(ulong Ntp, uint RtpTimestamp);

/// <summary>RTP/AVP/TCP: packets interleaved on the RTSP connection (RFC 2326 10.12) under its write lock.</summary>
internal sealed class InterleavedTransport(RtspConnection connection, byte rtpChannel, byte rtcpChannel) : RtpTransport, IRtpPacketWriter
{
    private Memory<byte> _packet;

    public RtspConnection Connection { get; } = connection;
    public byte RtpChannel { get; } = rtpChannel;
    public byte RtcpChannel { get; } = rtcpChannel;

    public override string Describe() => $"RTP/AVP/TCP;unicast;interleaved={RtpChannel}-{RtcpChannel}";

    public override async ValueTask SendAsync(RtspTrack track, ReadOnlyMemory<byte> frame, uint timestamp, ReportDue? report, CancellationToken cancel)
    {
        await Connection.WriteLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Connection.OutputClosed, Connection);
            Write(track, frame.Span, timestamp, report);
            await Connection.Output.FlushAsync(cancel).ConfigureAwait(false);
        }
        finally { Connection.WriteLock.Release(); }
    }

    private void Write(RtspTrack track, ReadOnlySpan<byte> frame, uint timestamp, ReportDue? report)
    {
        track.Packetizer.Packetize(frame, timestamp, this);
        if (report is not null) WriteRtcpFrame(track, report);
    }

    private void WriteRtcpFrame(RtspTrack track, ReportDue? report)
    {
        var output = Connection.Output;
        var span = output.GetSpan(InterleavedFrame.HeaderLength + RtcpCapacity(track));
        var length = WriteRtcp(span[InterleavedFrame.HeaderLength..], track, report);
        InterleavedFrame.WriteHeader(span, RtcpChannel, length);
        output.Advance(InterleavedFrame.HeaderLength + length);
    }

    public override async ValueTask SendGoodbyeAsync(RtspTrack track, CancellationToken cancel)
    {
        await Connection.WriteLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Connection.OutputClosed, Connection);
            WriteRtcpFrame(track, null);
            await Connection.Output.FlushAsync(cancel).ConfigureAwait(false);
        }
        finally { Connection.WriteLock.Release(); }
    }

    Span<byte> IRtpPacketWriter.Begin(int maxLength)
    {
        _packet = Connection.Output.GetMemory(InterleavedFrame.HeaderLength + maxLength);
        return _packet.Span[InterleavedFrame.HeaderLength..];
    }

    void IRtpPacketWriter.Commit(int length)
    {
        InterleavedFrame.WriteHeader(_packet.Span, RtpChannel, length);
        Connection.Output.Advance(InterleavedFrame.HeaderLength + length);
        _packet = default;
    }
}

/// <summary>RTP/AVP over UDP unicast: datagrams from the server's port pair to the client's (RFC 2326 12.39).</summary>
internal sealed class UdpTransport : RtpTransport, IRtpPacketWriter
{
    private readonly UdpPortPair _ports;
    private readonly SocketAddress _rtp;
    private readonly SocketAddress _rtcp;
    private readonly byte[] _buffer;

    public UdpTransport(UdpPortPair ports, IPAddress client, int rtpPort, int rtcpPort, int mtu)
    {
        _ports = ports;
        ClientRtp = new IPEndPoint(client, rtpPort);
        ClientRtcp = new IPEndPoint(client, rtcpPort);
        _rtp = ClientRtp.Serialize();
        _rtcp = ClientRtcp.Serialize();
        _buffer = new byte[Math.Max(mtu, 512)];
    }

    public IPEndPoint ClientRtp { get; }
    public IPEndPoint ClientRtcp { get; }

    public override string Describe() =>
        $"RTP/AVP;unicast;client_port={ClientRtp.Port}-{ClientRtcp.Port};server_port={_ports.RtpPort}-{_ports.RtcpPort}";

    public override ValueTask SendAsync(RtspTrack track, ReadOnlyMemory<byte> frame, uint timestamp, ReportDue? report, CancellationToken cancel)
    {
        track.Packetizer.Packetize(frame.Span, timestamp, this);
        if (report is not null) SendRtcp(track, report);
        return ValueTask.CompletedTask;
    }

    public override ValueTask SendGoodbyeAsync(RtspTrack track, CancellationToken cancel)
    {
        SendRtcp(track, null);
        return ValueTask.CompletedTask;
    }

    private void SendRtcp(RtspTrack track, ReportDue? report)
    {
        var length = WriteRtcp(_buffer, track, report);
        _ports.Rtcp.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, _rtcp);
    }

    Span<byte> IRtpPacketWriter.Begin(int maxLength) => _buffer.AsSpan(0, maxLength);

    void IRtpPacketWriter.Commit(int length)
    {
        try { _ports.Rtp.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, _rtp); }
        catch (SocketException) { } // UDP: an unreachable client (ICMP) loses the packet, as it would on the wire
    }
}
