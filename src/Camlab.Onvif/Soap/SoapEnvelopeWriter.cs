using System.Text;
using System.Xml;

namespace Camlab.Onvif.Soap;

/// <summary>
/// Writes SOAP 1.2 response envelopes, UTF-8 without BOM, declaring on <c>env:Envelope</c> the prefixes of
/// <see cref="OnvifNamespaces.Declared"/> it is asked for: all of them for faults and for responses that carry
/// prefixed names in text (Events: topics, fault subcodes), otherwise <see cref="AlwaysDeclared"/> plus what the
/// operation was seen to use (the endpoint's <see cref="PrefixingXmlWriter"/> declares anything else where used).
/// </summary>
public static class SoapEnvelopeWriter
{
    public const string ContentType = "application/soap+xml; charset=utf-8";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
        // Handlers write into an envelope that is already open.
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static XmlWriter Create(Stream output) => XmlWriter.Create(output, Settings);

    /// <summary>Every prefix of <see cref="OnvifNamespaces.Declared"/>, as bits of its indices.</summary>
    public static ulong AllDeclared { get; } = (1UL << OnvifNamespaces.Declared.Count) - 1;

    /// <summary>env, ter and tt: faults' subcode values and xsi:type values (tt:...) name them in text.</summary>
    public static ulong AlwaysDeclared { get; } =
        Bit(OnvifNamespaces.Soap12) | Bit(OnvifNamespaces.Error) | Bit(OnvifNamespaces.Schema);

    private static ulong Bit(string ns) => 1UL << OnvifNamespaces.IndexOf(ns);

    public static void WriteStart(XmlWriter writer, Action<XmlWriter>? header = null) => WriteStart(writer, AllDeclared, header);

    /// <param name="prefixes">Which prefixes of <see cref="OnvifNamespaces.Declared"/> to declare, as bits of their indices.</param>
    public static void WriteStart(XmlWriter writer, ulong prefixes, Action<XmlWriter>? header = null)
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("env", "Envelope", OnvifNamespaces.Soap12);
        for (var i = 0; i < OnvifNamespaces.Declared.Count; i++)
        {
            var (prefix, ns) = OnvifNamespaces.Declared[i];
            if (prefix != "env" && (prefixes & (1UL << i)) != 0) writer.WriteAttributeString("xmlns", prefix, null, ns);
        }
        if (header is not null)
        {
            writer.WriteStartElement("Header", OnvifNamespaces.Soap12);
            header(writer);
            writer.WriteEndElement();
        }
        writer.WriteStartElement("Body", OnvifNamespaces.Soap12);
    }

    public static void WriteEnd(XmlWriter writer)
    {
        writer.WriteEndElement(); // Body
        writer.WriteEndElement(); // Envelope
        writer.WriteEndDocument();
    }

    /// <summary>A complete fault envelope (SOAP 1.2 part 1, 5.4) with nested subcodes.</summary>
    public static byte[] Fault(SoapFaultException fault)
    {
        using var stream = new MemoryStream();
        // Through the same XML-safe writer as responses: a detail may quote request text too.
        using (var writer = new PrefixingXmlWriter(Create(stream)))
        {
            // SOAP 1.2 part 1, 5.4.7: a VersionMismatch fault names the envelope versions we support.
            Action<XmlWriter>? upgrade = fault.Code == FaultCode.VersionMismatch ? WriteUpgrade : null;
            WriteStart(writer, upgrade);
            WriteFault(writer, fault);
            WriteEnd(writer);
        }
        return stream.ToArray();
    }

    public static void WriteFault(XmlWriter writer, SoapFaultException fault)
    {
        writer.WriteStartElement("Fault", OnvifNamespaces.Soap12);
        writer.WriteStartElement("Code", OnvifNamespaces.Soap12);
        writer.WriteElementString("Value", OnvifNamespaces.Soap12, "env:" + fault.Code);
        foreach (var subcode in fault.Subcodes)
        {
            writer.WriteStartElement("Subcode", OnvifNamespaces.Soap12);
            writer.WriteElementString("Value", OnvifNamespaces.Soap12, subcode);
        }
        foreach (var _ in fault.Subcodes) writer.WriteEndElement();
        writer.WriteEndElement(); // Code
        writer.WriteStartElement("Reason", OnvifNamespaces.Soap12);
        writer.WriteStartElement("Text", OnvifNamespaces.Soap12);
        writer.WriteAttributeString("xml", "lang", null, "en");
        writer.WriteString(EchoedText.Quote(fault.Reason, EchoedText.MaxReason));
        writer.WriteEndElement();
        writer.WriteEndElement(); // Reason
        if (fault.WriteDetail is { } detail)
        {
            writer.WriteStartElement("Detail", OnvifNamespaces.Soap12);
            detail(writer);
            writer.WriteEndElement();
        }
        writer.WriteEndElement(); // Fault
    }

    private static void WriteUpgrade(XmlWriter writer)
    {
        writer.WriteStartElement("Upgrade", OnvifNamespaces.Soap12);
        writer.WriteStartElement("SupportedEnvelope", OnvifNamespaces.Soap12);
        writer.WriteAttributeString("qname", "env:Envelope");
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>HTTP status for a fault (SOAP 1.2 part 2, 7.5.1.2: Sender → 400, everything else → 500).</summary>
    public static int StatusCode(FaultCode code) => code == FaultCode.Sender ? 400 : 500;
}
