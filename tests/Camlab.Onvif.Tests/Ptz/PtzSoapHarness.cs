using System.Xml.Linq;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>
/// Calls PTZ operation handlers through a real SOAP endpoint serving just them (authentication off, so as an
/// Administrator): the request's Body element in, the answer envelope out. Every answer is validated against the
/// official schemas when ../shared is there.
/// </summary>
internal static class PtzSoapHarness
{
    public static readonly XNamespace Tptz = OnvifNamespaces.Ptz;
    public static readonly XNamespace Tt = OnvifNamespaces.Schema;

    /// <summary>The Body element of a request: <c>tptz:{operation}</c> around <paramref name="innerXml"/> (tptz:/tt: declared).</summary>
    public static string Request(string operation, string innerXml) =>
        $"<tptz:{operation} xmlns:tptz=\"{OnvifNamespaces.Ptz}\" xmlns:tt=\"{OnvifNamespaces.Schema}\">{innerXml}</tptz:{operation}>";

    /// <summary>Runs the operation; returns the response element (the Body's child) after schema validation.</summary>
    public static XElement Call(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time = null)
    {
        var answer = Answer(operations, operation, innerXml, time).AssertOk().AssertValid();
        return answer.Body;
    }

    public static string Envelope(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time = null) =>
        Answer(operations, operation, innerXml, time).AssertOk().Text;

    /// <summary>Runs the operation expecting a fault; returns its code and subcodes as "Sender/ter:InvalidArgVal/ter:NoToken".</summary>
    public static string Fault(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time = null)
    {
        var fault = Answer(operations, operation, innerXml, time).AssertValid().ToFaultException();
        return string.Join("/", [fault.Code.ToString(), .. fault.Subcodes]);
    }

    private static SoapAnswer Answer(IReadOnlyList<SoapOperation> operations, string operation, string innerXml, TimeProvider? time) =>
        SoapTestClient.ForOperations(OnvifNamespaces.Ptz, operations, time ?? TimeProvider.System).Call(Request(operation, innerXml));
}
