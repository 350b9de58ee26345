using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Device.State;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Soap;

namespace Camlab.Benchmarks;

/// <summary>
/// The PTZ domain and its SOAP handlers in process (no HTTP): one ContinuousMove followed by one GetStatus, the
/// pair a joystick client repeats. The HTTP round trip over Kestrel is measured separately with the server.
/// </summary>
[MemoryDiagnoser]
public class PtzBenchmarks
{
    private PtzDevice _device = null!;
    private PtzNode _dome = null!;
    private SoapOperation _continuous = null!;
    private SoapOperation _status = null!;
    private XElement _continuousBody = null!;
    private XElement _statusBody = null!;
    private int _sign = 1;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryStateStore();
        _device = PtzDevice.CreateDefault(TimeProvider.System, store, new EventBus());
        _dome = _device.FindNode("PtzNode_1")!;
        var service = new PtzService(new PtzConfigurationCatalog(_device, new Camlab.Device.Media.MediaProfiles(Camlab.Device.CameraDefinition.Default, store)));
        _continuous = service.Operations.Single(o => o.Name == "ContinuousMove");
        _status = service.Operations.Single(o => o.Name == "GetStatus");
        const string ns = "xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"";
        _continuousBody = XElement.Parse($"<tptz:ContinuousMove {ns}><tptz:ProfileToken>Profile_1</tptz:ProfileToken><tptz:Velocity><tt:PanTilt x=\"0.3\" y=\"-0.1\"/><tt:Zoom x=\"0.2\"/></tptz:Velocity><tptz:Timeout>PT1S</tptz:Timeout></tptz:ContinuousMove>");
        _statusBody = XElement.Parse($"<tptz:GetStatus {ns}><tptz:ProfileToken>Profile_1</tptz:ProfileToken></tptz:GetStatus>");
    }

    [GlobalCleanup]
    public void Cleanup() => _device.Dispose();

    [Benchmark(Baseline = true, Description = "domain ContinuousMove + GetStatus")]
    public PtzStatus Domain()
    {
        _sign = -_sign;
        _dome.ContinuousMove(new PtzVector(new PanTiltVector(0.3 * _sign, -0.1), new ZoomVector(0.2 * _sign)), TimeSpan.FromSeconds(1));
        return _dome.GetStatus();
    }

    [Benchmark(Description = "SOAP handlers ContinuousMove + GetStatus")]
    public long Soap()
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { ConformanceLevel = ConformanceLevel.Fragment }))
        {
            _continuous.Handle(new SoapRequest(_continuousBody, "admin", UserLevel.Administrator, TimeProvider.System), writer);
            _status.Handle(new SoapRequest(_statusBody, "admin", UserLevel.Administrator, TimeProvider.System), writer);
        }
        return stream.Length;
    }
}
