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

    /// <summary>The <c>env:Header</c> of the request, if any (wsa:To, wsse:Security...).</summary>
    public XElement? Header { get; init; }

    /// <summary>
    /// The absolute URL the client posted to, with the host it used to reach us: XAddrs and subscription
    /// references are built from it so they are reachable from that client.
    /// </summary>
    public Uri? EndpointUri { get; init; }

    /// <summary>Signalled when the client goes away (long polls stop waiting).</summary>
    public CancellationToken Aborted { get; init; }

    /// <summary>The camera's path prefix: empty for the first camera, <c>/cameras/2</c> for the second...</summary>
    public string CameraBasePath { get; init; } = "";

    /// <summary>The absolute URL of this camera's <paramref name="pathSegment"/> service, as the client reaches it.</summary>
    public string ServiceAddress(string pathSegment)
    {
        var origin = EndpointUri is null ? "http://127.0.0.1" : EndpointUri.GetLeftPart(UriPartial.Authority);
        return origin + CameraBasePath + "/onvif/" + pathSegment;
    }
}

/// <summary>
/// Writes the response element (e.g. <c>tptz:GetStatusResponse</c>) into the Body. The envelope has already
/// declared every prefix of <see cref="OnvifNamespaces.Declared"/>.
/// </summary>
public delegate void SoapHandler(SoapRequest request, XmlWriter response);

/// <summary>
/// An operation that must wait before it can answer (PullMessages long poll): it awaits, then writes the
/// response element synchronously into the in-memory writer.
/// </summary>
public delegate Task SoapAsyncHandler(SoapRequest request, XmlWriter response);

/// <summary>One WSDL operation: its local name, its access class (core spec 5.9.4) and its handler.</summary>
public sealed record SoapOperation(string Name, AccessClass Access, SoapHandler Handle)
{
    /// <summary>An operation whose handler waits (see <see cref="SoapAsyncHandler"/>).</summary>
    public SoapOperation(string name, AccessClass access, SoapAsyncHandler handleAsync)
        : this(name, access, (SoapHandler)((_, _) => throw new InvalidOperationException($"{name} is asynchronous; call InvokeAsync")))
    {
        HandleAsync = handleAsync;
    }

    /// <summary>
    /// The namespace of the request element when it is not the service's own: the Events service answers
    /// <c>wsnt:Renew</c> and <c>wsnt:Unsubscribe</c> of WS-BaseNotification.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>Set for asynchronous operations; the transport awaits it instead of calling <see cref="Handle"/>.</summary>
    public SoapAsyncHandler? HandleAsync { get; init; }

    public Task InvokeAsync(SoapRequest request, XmlWriter response)
    {
        if (HandleAsync is not null) return HandleAsync(request, response);
        Handle(request, response);
        return Task.CompletedTask;
    }
}

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
