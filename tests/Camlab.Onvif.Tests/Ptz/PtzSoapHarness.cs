using System.Text;
using System.Xml.Linq;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>
/// Calls operation handlers the way the transport does: the request's Body element in, the response written
/// into a real envelope out. Every response is validated against the official schemas when ../shared is there.
/// </summary>
internal static class PtzSoapHarness
{
    public static readonly XNamespace Tptz = OnvifNamespaces.Ptz;
    public static readonly XNamespace Tt = OnvifNamespaces.Schema;

    /// <summary>The Body element of a request: <c>tptz:{operation}</c> around <paramref name="innerXml"/> (tptz:/tt: declared).</summary>
    public static XElement Request(string operation, string innerXml) => XElement.Parse(
        $"<tptz:{operation} xmlns:tptz=\"{OnvifNamespaces.Ptz}\" xmlns:tt=\"{OnvifNamespaces.Schema}\">{innerXml}</tptz:{operation}>");

    /// <summary>Runs the handler; returns the response element (the Body's child) after schema validation.</summary>
    public static XElement Call(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time = null)
    {
        var envelope = Envelope(operations, operation, innerXml, time);
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(envelope);
        return XDocument.Parse(envelope).Root!.Element(XName.Get("Body", OnvifNamespaces.Soap12))!.Elements().Single();
    }

    public static string Envelope(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time = null)
    {
        var op = operations.Single(o => o.Name == operation);
        var request = new SoapRequest(Request(operation, innerXml), "admin", UserLevel.Administrator, time ?? TimeProvider.System);
        using var stream = new MemoryStream();
        using (var writer = SoapEnvelopeWriter.Create(stream))
        {
            SoapEnvelopeWriter.WriteStart(writer);
            op.Handle(request, writer);
            SoapEnvelopeWriter.WriteEnd(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Runs the handler expecting a fault; returns its code and subcodes as "Sender/ter:InvalidArgVal/ter:NoToken".</summary>
    public static string Fault(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time = null)
    {
        var e = Assert.Throws<SoapFaultException>(() => Envelope(operations, operation, innerXml, time));
        if (SharedRef.OnvifSchemaDirectory is not null)
            OnvifSchemaValidator.AssertValid(Encoding.UTF8.GetString(SoapEnvelopeWriter.Fault(e)));
        return string.Join("/", [e.Code.ToString(), .. e.Subcodes]);
    }
}
