using System.Xml;
using Camlab.Device.Ptz.Tours;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz.Tours;

/// <summary>
/// The PTZ service with the rule that a client's own command ends a touring preset tour on that node: the latest
/// command wins (PTZ 5.3), and a tour must not take the camera back after the client moved it. Wraps the service's
/// move, stop, preset and home operations; after one of them succeeds, the profile's tour engine hears
/// <see cref="PresetTourEngine.AbortByClientCommand"/>. A refused command leaves the tour running.
/// </summary>
public sealed class TourInterruptingPtzService : IOnvifService
{
    /// <summary>The operations that take the mechanism over (PTZ 5.3, 5.4.3, 5.5.1).</summary>
    public static readonly IReadOnlySet<string> ClientCommands = new HashSet<string>(StringComparer.Ordinal)
    {
        "AbsoluteMove", "RelativeMove", "ContinuousMove", "Stop", "GotoPreset", "GotoHomePosition", "GeoMove", "MoveAndStartTracking",
    };

    private readonly IOnvifService _inner;

    public TourInterruptingPtzService(IOnvifService inner, PtzProfileResolver<PresetTourEngine> resolve)
    {
        _inner = inner;
        Operations = inner.Operations.Select(o => ClientCommands.Contains(o.Name) ? Wrap(o, resolve) : o).ToList();
    }

    public string Namespace => _inner.Namespace;

    public string PathSegment => _inner.PathSegment;

    public (int Major, int Minor) Version => _inner.Version;

    public IReadOnlyList<SoapOperation> Operations { get; }

    public IOnvifService Inner => _inner;

    public void WriteCapabilities(XmlWriter writer) => _inner.WriteCapabilities(writer);

    private static SoapOperation Wrap(SoapOperation operation, PtzProfileResolver<PresetTourEngine> resolve)
    {
        void Interrupt(SoapRequest request)
        {
            if (request.Body.ChildToken("ProfileToken") is { } profile && resolve(profile) is { Resolution: PtzProfileResolution.Found, Target: { } engine })
                engine.AbortByClientCommand();
        }

        if (operation.HandleAsync is { } handleAsync)
        {
            return operation with
            {
                HandleAsync = async (request, response) =>
                {
                    await handleAsync(request, response);
                    Interrupt(request);
                },
            };
        }
        return operation with
        {
            Handle = (request, response) =>
            {
                operation.Handle(request, response);
                Interrupt(request);
            },
        };
    }
}
