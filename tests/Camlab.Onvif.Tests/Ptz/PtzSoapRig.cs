using System.Text;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tracking;
using Camlab.Device.State;
using Camlab.Device.Media;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Ptz;

/// <summary>
/// The PTZ service of the default camera on a fake clock. <see cref="Call"/> hands a request body to the
/// operation's handler the way the transport does and returns the whole response envelope, validated against
/// the official schemas when ../shared is present.
/// </summary>
public sealed class PtzSoapRig : IDisposable
{
    public const string Ns = "xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"";

    /// <param name="geoMove">Gives the nodes GeoMove bindings with this camera pose (null: no GeoMove at all).</param>
    /// <param name="objects">Gives the dome an object tracker over these objects (null: no tracking).</param>
    public PtzSoapRig(Func<Camlab.Device.Ptz.Geo.CameraGeoPose?>? geoMove = null, Func<FakeTimeProvider, ITrackableObjects>? objects = null)
    {
        Bus.Subscribe(m => { lock (Events) Events.Add(m); });
        Device = PtzDevice.CreateDefault(Clock, Store, Bus);
        Profiles = new MediaProfiles(Camlab.Device.CameraDefinition.Default, Store);
        var catalog = new PtzConfigurationCatalog(Device, Profiles);
        var bindings = geoMove is null ? null : Device.Nodes.ToDictionary(n => n.Token, n => Camlab.Onvif.Ptz.Geo.PtzNodeGeoMove.Create(n, geoMove));
        Tracker = objects is null ? null : new ObjectTracker(Dome, objects(Clock), Clock);
        Service = new PtzService(catalog, geoMoveOf: bindings is null ? null : n => bindings[n.Token],
            trackerOf: n => n == Dome ? Tracker : null);
    }

    public ObjectTracker? Tracker { get; }

    public FakeTimeProvider Clock { get; } = new();
    public InMemoryStateStore Store { get; } = new();
    public EventBus Bus { get; } = new();
    public List<EventMessage> Events { get; } = new();
    public PtzDevice Device { get; }
    public MediaProfiles Profiles { get; }
    public PtzService Service { get; }

    public PtzNode Dome => Device.FindNode("PtzNode_1")!;

    /// <summary>Calls <paramref name="operation"/> with inner XML <paramref name="content"/>; returns the response envelope.</summary>
    public XDocument Call(string operation, string content = "")
    {
        var body = XElement.Parse($"<tptz:{operation} {Ns}>{content}</tptz:{operation}>");
        var op = Service.Operations.Single(o => o.Name == operation);
        using var stream = new MemoryStream();
        using (var writer = SoapEnvelopeWriter.Create(stream))
        {
            SoapEnvelopeWriter.WriteStart(writer);
            op.Handle(new SoapRequest(body, "admin", UserLevel.Administrator, Clock), writer);
            SoapEnvelopeWriter.WriteEnd(writer);
        }
        var xml = Encoding.UTF8.GetString(stream.ToArray());
        if (SharedRef.SharedDirectory is not null) OnvifSchemaValidator.AssertValid(xml);
        return XDocument.Parse(xml);
    }

    /// <summary>Calls an operation that must fail; checks the fault envelope validates and returns the fault.</summary>
    public SoapFaultException Fault(string operation, string content = "")
    {
        var fault = Assert.Throws<SoapFaultException>(() => Call(operation, content));
        var xml = Encoding.UTF8.GetString(SoapEnvelopeWriter.Fault(fault));
        if (SharedRef.SharedDirectory is not null) OnvifSchemaValidator.AssertValid(xml);
        return fault;
    }

    public static XNamespace Tt => OnvifNamespaces.Schema;
    public static XNamespace Tptz => OnvifNamespaces.Ptz;

    public void Dispose()
    {
        Tracker?.Dispose();
        Device.Dispose();
    }
}

public static class FaultAssert
{
    public static void Is(SoapFaultException fault, FaultCode code, params string[] subcodes)
    {
        Assert.Equal(code, fault.Code);
        Assert.Equal(subcodes.Select(s => "ter:" + s), fault.Subcodes);
    }
}
