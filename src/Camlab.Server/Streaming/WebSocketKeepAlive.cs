using System.Net.WebSockets;

namespace Camlab.Server.Streaming;

/// <summary>
/// The client side of a video channel WebSocket (live or playback): its messages are keep-alives (empty) or a
/// close, and reading them is also how a vanished client is noticed. The read is never cancelled — cancelling a
/// pending receive aborts the connection, and the server's close handshake needs it open — so the end of the
/// client's side cancels <paramref name="linked"/> instead, which stops the sending loop.
/// </summary>
internal static class WebSocketKeepAlive
{
    public static Task ReadUntilClosed(WebSocket socket, CancellationTokenSource linked) => Task.Run(async () =>
    {
        var scratch = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(scratch, CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            try { linked.Cancel(); } catch (ObjectDisposedException) { }
        }
    });
}
