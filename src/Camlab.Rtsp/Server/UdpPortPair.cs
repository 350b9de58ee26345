using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Camlab.Rtsp.Rtcp;

namespace Camlab.Rtsp.Server;

/// <summary>
/// The server's UDP ports: RTP on an even port, RTCP on the next (RFC 3550 11), shared by every UDP session. RTCP
/// from a client's RTCP port (receiver reports) keeps that client's session alive.
/// </summary>
internal sealed class UdpPortPair : IDisposable
{
    private readonly ConcurrentDictionary<IPEndPoint, RtspSession> _byRtcp = new();
    private readonly CancellationTokenSource _stop = new();

    public UdpPortPair(IPAddress address, int rtpPort)
    {
        if (rtpPort != 0)
        {
            if (rtpPort % 2 != 0 || rtpPort > 65534) throw new ArgumentOutOfRangeException(nameof(rtpPort), rtpPort, "the RTP port is even and below 65535");
            (Rtp, Rtcp) = (Bind(address, rtpPort), Bind(address, rtpPort + 1));
        }
        else
        {
            // An even/odd pair: ask for any port, and keep it if the next one is free too.
            for (var attempt = 0; ; attempt++)
            {
                var probe = Bind(address, 0);
                var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
                if (port % 2 == 0 && port < 65534)
                {
                    try { Rtcp = Bind(address, port + 1); Rtp = probe; break; }
                    catch (SocketException) when (attempt < 50) { }
                }
                probe.Dispose();
                if (attempt >= 50) throw new IOException("no free even/odd UDP port pair for RTP/RTCP");
            }
        }
        _ = ReceiveRtcpAsync();
        _ = DrainRtpAsync();
    }

    public Socket Rtp { get; } = null!;
    public Socket Rtcp { get; } = null!;
    public int RtpPort => ((IPEndPoint)Rtp.LocalEndPoint!).Port;
    public int RtcpPort => ((IPEndPoint)Rtcp.LocalEndPoint!).Port;

    public void Register(IPEndPoint clientRtcp, RtspSession session) => _byRtcp[clientRtcp] = session;

    public void Unregister(IPEndPoint clientRtcp, RtspSession session) => _byRtcp.TryRemove(new(clientRtcp, session));

    private static Socket Bind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try { socket.Bind(new IPEndPoint(address, port)); }
        catch { socket.Dispose(); throw; }
        return socket;
    }

    private async Task ReceiveRtcpAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(Rtcp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try { received = await Rtcp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // e.g. ICMP port unreachable reported on the socket
            if (received.RemoteEndPoint is IPEndPoint from && _byRtcp.TryGetValue(from, out var session)
                && RtcpPackets.CountReceiverReports(buffer.AsSpan(0, received.ReceivedBytes)) >= 0)
                session.OnRtcp(buffer.AsSpan(0, received.ReceivedBytes));
        }
    }

    // Clients send a few packets to the RTP port to open NATs; they carry nothing for the server.
    private async Task DrainRtpAsync()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            try { await Rtp.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Rtp?.Dispose();
        Rtcp?.Dispose();
    }
}
