using System.Xml;
using System.Xml.Linq;

namespace Camlab.Onvif.Soap;

/// <summary>A parsed request envelope: its Header (if any) and the first element of its Body.</summary>
public sealed record SoapEnvelope(XElement? Header, XElement Body);

/// <summary>
/// Reads a request envelope with a hardened <see cref="XmlReader"/>: DTDs prohibited (so no entity expansion,
/// billion laughs or external entities), no resolver, bounded size and depth. Anything it cannot accept becomes
/// a <see cref="SoapFaultException"/>; it never lets an <see cref="XmlException"/> escape.
/// </summary>
public static class SoapEnvelopeReader
{
    // Settings are immutable once a reader used them; one instance per limits object saves an allocation per request.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SoapLimits, XmlReaderSettings> Settings = new();

    public static XmlReaderSettings CreateSettings(SoapLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = limits.MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>The local name of the request's operation (its Body element), or null when the request is not a readable envelope.</summary>
    public static string? OperationName(ReadOnlyMemory<byte> body, SoapLimits limits)
    {
        try { return Read(body, limits).Body.Name.LocalName; }
        catch (SoapFaultException) { return null; }
    }

    public static SoapEnvelope Read(ReadOnlyMemory<byte> body, SoapLimits limits)
    {
        if (body.Length > limits.MaxBodyBytes)
            throw new SoapFaultException(FaultCode.Sender, $"request body of {body.Length} bytes exceeds the limit of {limits.MaxBodyBytes} bytes", "ter:InvalidArgs");
        if (body.IsEmpty)
            throw new SoapFaultException(FaultCode.Sender, "empty request body; expected a SOAP 1.2 envelope", "ter:WellFormed");

        XElement root;
        try
        {
            root = Load(body, limits);
        }
        catch (XmlException e)
        {
            // The message names line and position only; no stack trace leaves the process.
            throw new SoapFaultException(FaultCode.Sender, "request is not well-formed XML: " + EchoedText.Quote(e.Message, EchoedText.MaxReason), "ter:WellFormed");
        }
        catch (InvalidOperationException e)
        {
            throw new SoapFaultException(FaultCode.Sender, "request is not well-formed XML: " + e.Message, "ter:WellFormed");
        }

        if (root.Name.LocalName == "Envelope" && root.Name.NamespaceName == OnvifNamespaces.Soap11)
            throw new SoapFaultException(FaultCode.VersionMismatch, "SOAP 1.1 envelopes are not supported; use SOAP 1.2 (http://www.w3.org/2003/05/soap-envelope)");
        if (root.Name.LocalName != "Envelope")
            throw new SoapFaultException(FaultCode.Sender, $"root element is {root.Name.LocalName}, expected a SOAP 1.2 Envelope", "ter:Tag");
        if (root.Name.NamespaceName != OnvifNamespaces.Soap12)
            throw new SoapFaultException(FaultCode.VersionMismatch, $"unknown envelope namespace '{root.Name.NamespaceName}'; use SOAP 1.2 (http://www.w3.org/2003/05/soap-envelope)");

        var header = root.Element(XName.Get("Header", OnvifNamespaces.Soap12));
        var bodyElement = root.Element(XName.Get("Body", OnvifNamespaces.Soap12))
            ?? throw new SoapFaultException(FaultCode.Sender, "the envelope has no env:Body", "ter:Tag");
        var operation = bodyElement.Elements().FirstOrDefault()
            ?? throw new SoapFaultException(FaultCode.Sender, "env:Body is empty; expected an operation element", "ter:Tag");
        if (header is not null) CheckMustUnderstand(header);
        return new SoapEnvelope(header, operation);
    }

    // One streaming pass that enforces the depth limit while building the tree, so a deeply nested document is
    // refused at the first element past the limit rather than after it was materialised.
    private static XElement Load(ReadOnlyMemory<byte> body, SoapLimits limits)
    {
        using var stream = new ReadOnlyMemoryStream(body);
        using var reader = XmlReader.Create(stream, Settings.GetValue(limits, CreateSettings));
        var stack = new Stack<XElement>();
        XElement? root = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth + 1 > limits.MaxDepth)
                        throw new SoapFaultException(FaultCode.Sender, $"element nesting exceeds the limit of {limits.MaxDepth} levels", "ter:InvalidArgs");
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (reader.HasAttributes)
                    {
                        while (reader.MoveToNextAttribute())
                        {
                            // Prefix declarations are kept so handlers can resolve prefixes inside text (topic
                            // expressions such as tns1:PTZController//.); a default declaration is implied by names.
                            if (reader.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                            {
                                if (reader.Prefix.Length != 0) element.SetAttributeValue(XNamespace.Xmlns + reader.LocalName, reader.Value);
                            }
                            else element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                        }
                        reader.MoveToElement();
                    }
                    if (stack.Count > 0) stack.Peek().Add(element);
                    else root = element;
                    if (!reader.IsEmptyElement) stack.Push(element);
                    break;
                case XmlNodeType.EndElement:
                    stack.Pop();
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    if (stack.Count > 0) stack.Peek().Add(new XText(reader.Value));
                    break;
            }
        }
        return root ?? throw new XmlException("no root element");
    }

    // SOAP 1.2 part 1, 5.2.3: a header block marked mustUnderstand that we do not process is a fault.
    private static void CheckMustUnderstand(XElement header)
    {
        foreach (var block in header.Elements())
        {
            var flag = block.Attribute(XName.Get("mustUnderstand", OnvifNamespaces.Soap12))?.Value.Trim();
            if (flag is not ("true" or "1")) continue;
            var ns = block.Name.NamespaceName;
            if (ns == OnvifNamespaces.WsSecurity || ns == OnvifNamespaces.Addressing || ns == "http://schemas.xmlsoap.org/ws/2004/08/addressing") continue;
            throw new SoapFaultException(FaultCode.MustUnderstand, $"header block {block.Name} is marked mustUnderstand but is not supported");
        }
    }

    // Seekable on purpose: XmlReader sizes its byte and char buffers from a seekable stream's Length (a 200-byte
    // request then costs a 200-byte buffer instead of 4 KiB of bytes plus 8 KiB of chars per request).
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => memory.Length;
        public override long Position { get => _position; set => Seek(value, SeekOrigin.Begin); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => memory.Length + offset,
            };
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(target, memory.Length, nameof(offset));
            return _position = (int)target;
        }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
