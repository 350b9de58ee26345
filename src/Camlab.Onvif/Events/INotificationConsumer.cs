namespace Camlab.Onvif.Events;

/// <summary>
/// Delivers one Notify envelope to a consumer's endpoint (WS-BaseNotification 3.2). Returns normally when the
/// consumer accepted it (a 2xx answer); throws when it did not, so the retry policy can try again.
/// </summary>
public interface INotificationConsumer
{
    Task SendAsync(Uri consumer, byte[] envelope, CancellationToken cancel);
}

/// <summary>Notify over HTTP POST, SOAP 1.2 (application/soap+xml), with a bounded time per attempt.</summary>
public sealed class HttpNotificationConsumer(HttpClient client) : INotificationConsumer
{
    public async Task SendAsync(Uri consumer, byte[] envelope, CancellationToken cancel)
    {
        using var content = new ByteArrayContent(envelope);
        content.Headers.TryAddWithoutValidation("Content-Type",
            "application/soap+xml; charset=utf-8; action=\"" + NotifyEnvelope.Action + "\"");
        using var response = await client.PostAsync(consumer, content, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"consumer {consumer} answered {(int)response.StatusCode}", null, response.StatusCode);
    }
}
