using System.Xml;
using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tracking;
using Camlab.Onvif.Media;
using Camlab.Onvif.Ptz.Geo;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

/// <summary>
/// The ONVIF PTZ service (ptz.wsdl, tptz:) over the <see cref="PtzDevice"/> domain. Handlers are stateless: they
/// parse leniently, call the domain, map <see cref="PtzException"/> to the specification's fault, and write the
/// response. Operations are grouped by file (nodes, configurations, moves, presets and home, auxiliary).
/// <para>
/// Extension point: <c>extraOperations</c> adds operations implemented elsewhere to this service's namespace and
/// path — the preset tour and GeoMove operations are registered that way at integration.
/// </para>
/// </summary>
public sealed partial class PtzService : IOnvifService
{
    private readonly PtzDevice _device;
    private readonly MediaProfiles _profiles;
    private readonly PtzConfigurationCatalog _catalog;
    private readonly Func<PtzNode, GeoMoveBinding?> _geoMoveOf;
    private readonly Func<PtzNode, ObjectTracker?> _trackerOf;

    /// <param name="geoMoveOf">
    /// The GeoMove binding of a node (null: the node cannot aim at a geolocation). Drives the node's GeoMove
    /// attribute, the GeoLocation mode of MoveAndStartTracking and the MoveAndTrack capability.
    /// </param>
    /// <param name="trackerOf">
    /// The object tracker of a node (null: the node cannot track). Drives the ObjectID mode of MoveAndStartTracking
    /// and ObjectID in the MoveAndTrack capability; read at request time, so trackers may be attached later.
    /// </param>
    public PtzService(PtzConfigurationCatalog catalog, IEnumerable<SoapOperation>? extraOperations = null,
        Func<PtzNode, GeoMoveBinding?>? geoMoveOf = null, Func<PtzNode, ObjectTracker?>? trackerOf = null)
    {
        _device = catalog.Device;
        _geoMoveOf = geoMoveOf ?? (_ => null);
        _trackerOf = trackerOf ?? (_ => null);
        _profiles = catalog.Profiles;
        _catalog = catalog;
        var operations = new List<SoapOperation>
        {
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetNodes", AccessClass.ReadMedia, GetNodes),
            new("GetNode", AccessClass.ReadMedia, GetNode),
            new("GetConfigurations", AccessClass.ReadMedia, GetConfigurations),
            new("GetConfiguration", AccessClass.ReadMedia, GetConfiguration),
            new("GetConfigurationOptions", AccessClass.ReadMedia, GetConfigurationOptions),
            new("SetConfiguration", AccessClass.Actuate, SetConfiguration),
            new("GetCompatibleConfigurations", AccessClass.ReadMedia, GetCompatibleConfigurations),
            new("AbsoluteMove", AccessClass.Actuate, AbsoluteMove),
            new("RelativeMove", AccessClass.Actuate, RelativeMove),
            new("ContinuousMove", AccessClass.Actuate, ContinuousMove),
            new("Stop", AccessClass.Actuate, Stop),
            new("GetStatus", AccessClass.ReadMedia, GetStatus),
            new("GetPresets", AccessClass.ReadMedia, GetPresets),
            new("SetPreset", AccessClass.Actuate, SetPreset),
            new("RemovePreset", AccessClass.Actuate, RemovePreset),
            new("GotoPreset", AccessClass.Actuate, GotoPreset),
            new("GotoHomePosition", AccessClass.Actuate, GotoHomePosition),
            new("SetHomePosition", AccessClass.Actuate, SetHomePosition),
            new("SendAuxiliaryCommand", AccessClass.Actuate, SendAuxiliaryCommand),
            new("MoveAndStartTracking", AccessClass.Actuate, MoveAndStartTracking),
        };
        foreach (var extra in extraOperations ?? [])
        {
            if (operations.Any(o => o.Name == extra.Name)) throw new ArgumentException($"PTZ operation '{extra.Name}' is registered twice");
            operations.Add(extra);
        }
        Operations = operations;
    }

    public string Namespace => OnvifNamespaces.Ptz;

    public string PathSegment => "ptz_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    public PtzConfigurationCatalog Catalog => _catalog;

    /// <summary>
    /// tptz:Capabilities (PTZ 5.10). MoveAndTrack lists the modes of MoveAndStartTracking that work
    /// (tt:MoveAndTrackMethod); ObjectID only once a node has an object tracker.
    /// </summary>
    public void WriteCapabilities(XmlWriter w)
    {
        w.Start(OnvifNamespaces.Ptz, "Capabilities");
        w.Attr("EFlip", "true");
        w.Attr("Reverse", "true");
        w.Attr("GetCompatibleConfigurations", "true");
        w.Attr("MoveStatus", "true");
        w.Attr("StatusPosition", "true");
        w.Attr("MoveAndTrack", string.Join(' ', MoveAndTrackMethods));
        w.End();
    }

    private void GetServiceCapabilities(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Ptz, "GetServiceCapabilitiesResponse");
        WriteCapabilities(w);
        w.End();
    }

    /// <summary>The node behind a media profile: NoProfile for an unknown profile, NoPTZProfile without PTZ (5.3).</summary>
    private PtzNode NodeOfProfile(SoapRequest request)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        return MediaFaults.Guard(() => _profiles.PtzNodeOf(_device, profile))
            ?? throw OnvifFaults.InvalidArgVal("NoPTZProfile", $"profile '{profile}' has no PTZ configuration");
    }

    /// <summary>Runs a domain call and answers its refusal with the fault the specification names.</summary>
    private static T Domain<T>(Func<T> call)
    {
        try { return call(); }
        catch (PtzException e) { throw Fault(e); }
    }

    private static void Domain(Action call) => Domain(() => { call(); return 0; });

    public static SoapFaultException Fault(PtzException e) => e.Error switch
    {
        PtzError.MovingPTZ or PtzError.TooManyPresets or PtzError.CannotOverwriteHome or PtzError.NoStatus => OnvifFaults.Action(e.Error.ToString(), e.Message),
        // Core spec 8.6 (SendAuxiliaryCommand): env:Receiver / ter:ActionNotSupported / ter:AuxiliaryDataNotSupported.
        PtzError.AuxiliaryDataNotSupported => OnvifFaults.ActionNotSupported("AuxiliaryDataNotSupported", e.Message),
        _ => OnvifFaults.InvalidArgVal(e.Error.ToString(), e.Message),
    };

    private static void Empty(XmlWriter w, string response)
    {
        w.Start(OnvifNamespaces.Ptz, response);
        w.End();
    }
}
