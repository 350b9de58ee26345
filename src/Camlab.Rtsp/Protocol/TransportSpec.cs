using System.Globalization;

namespace Camlab.Rtsp.Protocol;

public enum TransportKind { Udp, Interleaved }

/// <summary>
/// One transport specification of a Transport header (RFC 2326 12.39), e.g.
/// <c>RTP/AVP;unicast;client_port=5000-5001</c> or <c>RTP/AVP/TCP;unicast;interleaved=0-1</c>.
/// </summary>
public sealed record TransportSpec(string Protocol, string Profile, string? LowerTransport, bool Multicast, (int Rtp, int Rtcp)? ClientPorts, (int Rtp, int Rtcp)? Interleaved)
{
    public bool IsRtpAvp => Protocol == "RTP" && Profile == "AVP";
    public TransportKind Kind => LowerTransport == "TCP" ? TransportKind.Interleaved : TransportKind.Udp;

    /// <summary>The comma-separated alternatives in the client's order of preference; malformed ones throw 400.</summary>
    public static IReadOnlyList<TransportSpec> ParseHeader(string header)
    {
        var specs = new List<TransportSpec>();
        foreach (var alternative in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            specs.Add(Parse(alternative));
        if (specs.Count == 0) throw new RtspProtocolException(RtspStatus.BadRequest, "the Transport header is empty");
        return specs;
    }

    public static TransportSpec Parse(string text)
    {
        var parameters = text.Split(';', StringSplitOptions.TrimEntries);
        var protocol = parameters[0].Split('/');
        if (protocol.Length is < 2 or > 3 || protocol.Any(p => p.Length == 0))
            throw new RtspProtocolException(RtspStatus.BadRequest, $"transport '{Clip(parameters[0])}' is not transport-protocol/profile[/lower-transport]");
        var multicast = false;
        (int, int)? clientPorts = null, interleaved = null;
        foreach (var parameter in parameters.Skip(1))
        {
            var eq = parameter.IndexOf('=');
            var name = (eq < 0 ? parameter : parameter[..eq]).ToLowerInvariant();
            var value = eq < 0 ? null : parameter[(eq + 1)..];
            switch (name)
            {
                case "multicast": multicast = true; break;
                case "unicast": multicast = false; break;
                case "client_port": clientPorts = Range(name, value, 65535); break;
                case "interleaved": interleaved = Range(name, value, 255); break;
            }
        }
        return new TransportSpec(protocol[0].ToUpperInvariant(), protocol[1].ToUpperInvariant(), protocol.Length == 3 ? protocol[2].ToUpperInvariant() : null,
            multicast, clientPorts, interleaved);
    }

    // "a-b" or "a" (then b = a + 1, RFC 2326 12.39).
    private static (int, int) Range(string name, string? value, int max)
    {
        if (value is not null)
        {
            var dash = value.IndexOf('-');
            var first = dash < 0 ? value : value[..dash];
            if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a <= max)
            {
                if (dash < 0 && a + 1 <= max) return (a, a + 1);
                if (dash >= 0 && int.TryParse(value[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b <= max) return (a, b);
            }
        }
        throw new RtspProtocolException(RtspStatus.BadRequest, $"Transport {name}='{Clip(value ?? "")}' is not a range n-m within 0..{max}");
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
