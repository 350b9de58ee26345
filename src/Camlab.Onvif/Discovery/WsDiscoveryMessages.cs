using System.Text;
using System.Xml;
using System.Xml.Linq;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Discovery;

/// <summary>What a device announces: endpoint reference, types, scopes, XAddrs and metadata version.</summary>
public sealed record DiscoveryTarget(string EndpointReference, IReadOnlyList<string> Scopes, string XAddrs, int MetadataVersion);

/// <summary>A Probe or Resolve received over UDP.</summary>
public sealed record DiscoveryRequest(string Kind, string MessageId, XElement Body);

/// <summary>
/// WS-Discovery (2005/04, as ONVIF core 7.3 profiles it) messages: parsing Probe/Resolve with the hardened
/// reader and writing ProbeMatches, ResolveMatches, Hello and Bye. Transport-free so tests use bytes.
/// </summary>
public static class WsDiscoveryMessages
{
    public const string Discovery = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    public const string Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public const string NetworkWsdl = "http://www.onvif.org/ver10/network/wsdl";
    public const string DiscoveryUrn = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    public const string Anonymous = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    public const string Rfc3986 = "http://schemas.xmlsoap.org/ws/2005/04/discovery/rfc3986";
    public const string StrCmp = "http://schemas.xmlsoap.org/ws/2005/04/discovery/strcmp0";

    /// <summary>The device's types: an ONVIF network video transmitter with a device service.</summary>
    public static readonly IReadOnlyList<XName> Types = [XName.Get("NetworkVideoTransmitter", NetworkWsdl), XName.Get("Device", OnvifNamespaces.Device)];

    private static readonly SoapLimits DatagramLimits = new() { MaxBodyBytes = 64 * 1024, MaxDepth = 16, MaxCharacters = 64 * 1024 };

    /// <summary>Parses a datagram; null for anything that is not a well-formed Probe or Resolve (it is ignored, per WS-Discovery).</summary>
    public static DiscoveryRequest? Parse(ReadOnlyMemory<byte> datagram)
    {
        SoapEnvelope envelope;
        try { envelope = SoapEnvelopeReader.Read(datagram, DatagramLimits); }
        catch (SoapFaultException) { return null; }
        if (envelope.Body.Name.NamespaceName != Discovery || envelope.Body.Name.LocalName is not ("Probe" or "Resolve")) return null;
        var messageId = envelope.Header?.Elements().FirstOrDefault(e => e.Name.LocalName == "MessageID")?.Value.Trim() ?? "";
        return new DiscoveryRequest(envelope.Body.Name.LocalName, messageId, envelope.Body);
    }

    /// <summary>WS-Discovery 5.1: a probe matches if every type is ours and every scope matches one of ours.</summary>
    public static bool Matches(XElement probe, DiscoveryTarget target)
    {
        var typesText = probe.ChildText("Types");
        if (!string.IsNullOrEmpty(typesText))
        {
            foreach (var qname in typesText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = qname.IndexOf(':');
                var ns = colon < 0 ? probe.GetDefaultNamespace().NamespaceName : probe.Child("Types")!.GetNamespaceOfPrefix(qname[..colon])?.NamespaceName;
                if (ns is null || !Types.Contains(XName.Get(qname[(colon + 1)..], ns))) return false;
            }
        }
        var scopes = probe.Child("Scopes");
        var wanted = scopes?.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (wanted.Length == 0) return true;
        var matchBy = scopes!.Attr("MatchBy") ?? Rfc3986;
        return wanted.All(w => target.Scopes.Any(s => ScopeMatches(w, s, matchBy)));
    }

    public static bool ScopeMatches(string wanted, string scope, string matchBy)
    {
        if (matchBy == StrCmp) return wanted == scope;
        if (matchBy != Rfc3986) return false;
        if (!Uri.TryCreate(wanted, UriKind.Absolute, out var w) || !Uri.TryCreate(scope, UriKind.Absolute, out var s)) return false;
        if (!string.Equals(w.Scheme, s.Scheme, StringComparison.OrdinalIgnoreCase) || !string.Equals(w.Authority, s.Authority, StringComparison.OrdinalIgnoreCase))
            return false;
        var ws = w.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var ss = s.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return ws.Length <= ss.Length && ws.Zip(ss).All(p => p.First == p.Second);
    }

    public static bool ResolveMatches(XElement resolve, DiscoveryTarget target) =>
        resolve.Child("EndpointReference")?.ChildText("Address") == target.EndpointReference;

    public static byte[] ProbeMatches(DiscoveryTarget target, string relatesTo, long instanceId, long messageNumber) =>
        Write("ProbeMatches", relatesTo, Anonymous, instanceId, messageNumber, w =>
        {
            w.WriteStartElement("d", "ProbeMatches", Discovery);
            w.WriteStartElement("d", "ProbeMatch", Discovery);
            WriteTarget(w, target);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    public static byte[] ResolveMatches(DiscoveryTarget target, string relatesTo, long instanceId, long messageNumber) =>
        Write("ResolveMatches", relatesTo, Anonymous, instanceId, messageNumber, w =>
        {
            w.WriteStartElement("d", "ResolveMatches", Discovery);
            w.WriteStartElement("d", "ResolveMatch", Discovery);
            WriteTarget(w, target);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    public static byte[] Hello(DiscoveryTarget target, long instanceId, long messageNumber) =>
        Write("Hello", null, DiscoveryUrn, instanceId, messageNumber, w =>
        {
            w.WriteStartElement("d", "Hello", Discovery);
            WriteTarget(w, target);
            w.WriteEndElement();
        });

    public static byte[] Bye(DiscoveryTarget target, long instanceId, long messageNumber) =>
        Write("Bye", null, DiscoveryUrn, instanceId, messageNumber, w =>
        {
            w.WriteStartElement("d", "Bye", Discovery);
            WriteEndpointReference(w, target);
            w.WriteEndElement();
        });

    private static void WriteTarget(XmlWriter w, DiscoveryTarget target)
    {
        WriteEndpointReference(w, target);
        w.WriteElementString("d", "Types", Discovery, "dn:NetworkVideoTransmitter tds:Device");
        w.WriteElementString("d", "Scopes", Discovery, string.Join(' ', target.Scopes));
        w.WriteElementString("d", "XAddrs", Discovery, target.XAddrs);
        w.WriteElementString("d", "MetadataVersion", Discovery, OnvifXml.Int(target.MetadataVersion));
    }

    private static void WriteEndpointReference(XmlWriter w, DiscoveryTarget target)
    {
        w.WriteStartElement("a", "EndpointReference", Addressing);
        w.WriteElementString("a", "Address", Addressing, target.EndpointReference);
        w.WriteEndElement();
    }

    private static byte[] Write(string action, string? relatesTo, string to, long instanceId, long messageNumber, Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("s", "Envelope", OnvifNamespaces.Soap12);
            w.WriteAttributeString("xmlns", "a", null, Addressing);
            w.WriteAttributeString("xmlns", "d", null, Discovery);
            w.WriteAttributeString("xmlns", "dn", null, NetworkWsdl);
            w.WriteAttributeString("xmlns", "tds", null, OnvifNamespaces.Device);
            w.WriteStartElement("s", "Header", OnvifNamespaces.Soap12);
            w.WriteElementString("a", "Action", Addressing, $"{Discovery}/{action}");
            w.WriteElementString("a", "MessageID", Addressing, "urn:uuid:" + Guid.NewGuid().ToString("D"));
            if (relatesTo is not null) w.WriteElementString("a", "RelatesTo", Addressing, relatesTo);
            w.WriteElementString("a", "To", Addressing, to);
            w.WriteStartElement("d", "AppSequence", Discovery);
            w.WriteAttributeString("InstanceId", OnvifXml.Int(instanceId));
            w.WriteAttributeString("MessageNumber", OnvifXml.Int(messageNumber));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Body", OnvifNamespaces.Soap12);
            body(w);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return stream.ToArray();
    }
}
