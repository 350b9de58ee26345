using System.Xml;
using System.Xml.Linq;

namespace Camlab.Onvif.Soap;

/// <summary>
/// What an operation handler gets: the operation's element from the Body (parsed by a hardened reader,
/// matched by local name), who asked, and the clock. Handlers are stateless; state lives in the domain.
/// </summary>
public sealed class SoapRequest
{
    public SoapRequest(XElement body, string? userName, UserLevel level, TimeProvider time)
    {
        Body = body;
        UserName = userName;
        Level = level;
        Time = time;
    }

    /// <summary>The first child of <c>env:Body</c>, e.g. <c>tptz:AbsoluteMove</c>.</summary>
    public XElement Body { get; }

    public string? UserName { get; }

    public UserLevel Level { get; }

    public TimeProvider Time { get; }
}

/// <summary>
/// Writes the response element (e.g. <c>tptz:GetStatusResponse</c>) into the Body. The envelope has already
/// declared every prefix of <see cref="OnvifNamespaces.Declared"/>.
/// </summary>
public delegate void SoapHandler(SoapRequest request, XmlWriter response);

/// <summary>One WSDL operation: its local name, its access class (core spec 5.9.4) and its handler.</summary>
public sealed record SoapOperation(string Name, AccessClass Access, SoapHandler Handle);

/// <summary>
/// One ONVIF service of one camera (Device, Media, PTZ, Imaging, Events). The transport dispatches on the
/// namespace and local name of the first Body element; GetServices lists every registered service.
/// </summary>
public interface IOnvifService
{
    /// <summary>The WSDL namespace, e.g. <see cref="OnvifNamespaces.Ptz"/>.</summary>
    string Namespace { get; }

    /// <summary>The path segment of the service's XAddr below the camera's base, e.g. <c>ptz_service</c>.</summary>
    string PathSegment { get; }

    /// <summary>The service's version for GetServices (major, minor), e.g. (23, 6).</summary>
    (int Major, int Minor) Version { get; }

    IReadOnlyList<SoapOperation> Operations { get; }

    /// <summary>Writes the service's <c>Capabilities</c> element for GetServices(IncludeCapability=true).</summary>
    void WriteCapabilities(XmlWriter writer);
}
