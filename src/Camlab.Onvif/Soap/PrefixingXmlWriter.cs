using System.Xml;

namespace Camlab.Onvif.Soap;

/// <summary>
/// Hands handlers an <see cref="XmlWriter"/> on which an element or attribute of a known ONVIF namespace that is
/// not yet in scope gets its usual prefix (<see cref="OnvifNamespaces.Declared"/>), declared where it is first
/// used, instead of a generated one or a default-namespace switch. It records which known namespaces needed such a
/// declaration so the endpoint can declare them on <c>env:Envelope</c> next time (<see cref="SoapEndpoint"/>):
/// declaring all fifteen prefixes on every envelope cost more than writing a small response itself.
/// Text goes through <see cref="EchoedText.XmlSafe"/>: a value that came from a client (a name, a quoted token)
/// never makes the writer throw in the middle of a response.
/// </summary>
internal sealed class PrefixingXmlWriter(XmlWriter inner) : XmlWriter
{
    /// <summary>Bits of <see cref="OnvifNamespaces.Declared"/> indices that had to be declared below the envelope.</summary>
    public ulong Needed { get; private set; }

    private string? Known(string? prefix, string? ns)
    {
        if (!string.IsNullOrEmpty(prefix) || string.IsNullOrEmpty(ns) || inner.LookupPrefix(ns) is not null) return prefix;
        var index = OnvifNamespaces.IndexOf(ns);
        if (index < 0) return prefix;
        Needed |= 1UL << index;
        return OnvifNamespaces.Declared[index].Prefix;
    }

    public override void WriteStartElement(string? prefix, string localName, string? ns) =>
        inner.WriteStartElement(Known(prefix, ns), localName, ns);

    public override void WriteStartAttribute(string? prefix, string localName, string? ns) =>
        inner.WriteStartAttribute(ns == "http://www.w3.org/2000/xmlns/" ? prefix : Known(prefix, ns), localName, ns);

    public override WriteState WriteState => inner.WriteState;
    public override XmlWriterSettings? Settings => inner.Settings;
    public override string? XmlLang => inner.XmlLang;
    public override XmlSpace XmlSpace => inner.XmlSpace;
    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);
    public override void Flush() => inner.Flush();
    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);
    public override void WriteCData(string? text) => inner.WriteCData(text);
    public override void WriteCharEntity(char ch) => inner.WriteCharEntity(ch);
    public override void WriteChars(char[] buffer, int index, int count) => inner.WriteChars(buffer, index, count);
    public override void WriteComment(string? text) => inner.WriteComment(text);
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);
    public override void WriteEndAttribute() => inner.WriteEndAttribute();
    public override void WriteEndDocument() => inner.WriteEndDocument();
    public override void WriteEndElement() => inner.WriteEndElement();
    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);
    public override void WriteFullEndElement() => inner.WriteFullEndElement();
    public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, text);
    public override void WriteRaw(char[] buffer, int index, int count) => inner.WriteRaw(buffer, index, count);
    public override void WriteRaw(string data) => inner.WriteRaw(data);
    public override void WriteStartDocument() => inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
    public override void WriteString(string? text) => inner.WriteString(text is null ? null : EchoedText.XmlSafe(text));
    public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);
    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);
    public override void WriteValue(string? value) => inner.WriteValue(value is null ? null : EchoedText.XmlSafe(value));
    public override void WriteValue(bool value) => inner.WriteValue(value);
    public override void WriteValue(DateTimeOffset value) => inner.WriteValue(value);
    public override void WriteValue(double value) => inner.WriteValue(value);
    public override void WriteValue(float value) => inner.WriteValue(value);
    public override void WriteValue(decimal value) => inner.WriteValue(value);
    public override void WriteValue(int value) => inner.WriteValue(value);
    public override void WriteValue(long value) => inner.WriteValue(value);
    public override void WriteValue(object value) => inner.WriteValue(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
