using System.Text;
using System.Xml;

namespace Camlab.Onvif.Soap;

/// <summary>
/// Writes SOAP 1.2 response envelopes: every prefix of <see cref="OnvifNamespaces.Declared"/> on
/// <c>env:Envelope</c> so handlers write <c>tt:</c>, <c>tds:</c>... without redeclaring, UTF-8 without BOM.
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

    public static void WriteStart(XmlWriter writer, Action<XmlWriter>? header = null)
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("env", "Envelope", OnvifNamespaces.Soap12);
        foreach (var (prefix, ns) in OnvifNamespaces.Declared)
            if (prefix != "env") writer.WriteAttributeString("xmlns", prefix, null, ns);
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
        using (var writer = Create(stream))
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
        writer.WriteString(fault.Reason);
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
