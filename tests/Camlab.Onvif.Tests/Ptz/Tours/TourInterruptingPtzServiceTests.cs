using System.Xml;
using Camlab.Device.Events;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.State;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Ptz.Tours;
using Camlab.Onvif.Soap;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Ptz.PtzSoapHarness;

namespace Camlab.Onvif.Tests.Ptz.Tours;

public sealed class TourInterruptingPtzServiceTests
{
    private sealed class StubPtzService : IOnvifService
    {
        public List<string> Calls { get; } = [];
        public string Namespace => OnvifNamespaces.Ptz;
        public string PathSegment => "ptz_service";
        public (int Major, int Minor) Version => (23, 6);
        public IReadOnlyList<SoapOperation> Operations =>
        [
            new("AbsoluteMove", AccessClass.Actuate, (_, w) => { Calls.Add("AbsoluteMove"); w.WriteElementString("AbsoluteMoveResponse", OnvifNamespaces.Ptz, null); }),
            new("GotoPreset", AccessClass.Actuate, (SoapHandler)((_, _) => throw OnvifFaults.InvalidArgVal("NoToken", "no such preset"))),
            new("GetStatus", AccessClass.ReadMedia, (_, w) => { Calls.Add("GetStatus"); w.WriteElementString("GetStatusResponse", OnvifNamespaces.Ptz, null); }),
        ];
        public void WriteCapabilities(XmlWriter writer) { }
    }

    [Fact]
    public void A_successful_client_move_ends_the_touring_tour_and_other_calls_do_not()
    {
        var clock = new FakeTimeProvider();
        using var engine = new PresetTourEngine("PtzNode_1", new SoapTourMechanism(clock), PresetTourOptions.Default,
            new InMemoryStateStore(), new EventBus(), clock, () => ["Profile_1"]);
        var token = engine.CreatePresetTour();
        engine.ModifyPresetTour(new PresetTour(token, null, false, PresetTourStartingCondition.Default, [TourSpot.AtPreset("P1"), TourSpot.AtPreset("P2")]));
        engine.OperatePresetTour(token, PresetTourOperation.Start);
        var stub = new StubPtzService();
        var service = new TourInterruptingPtzService(stub, p => p == "Profile_1" ? PtzProfileBinding<PresetTourEngine>.Of(engine) : PtzProfileBinding<PresetTourEngine>.NoProfile);
        const string profile = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";

        Envelope(service.Operations, "GetStatus", profile);
        Fault(service.Operations, "GotoPreset", profile + "<tptz:PresetToken>P9</tptz:PresetToken>");
        Assert.Equal(PresetTourState.Touring, engine.GetPresetTour(token).Status.State);

        Envelope(service.Operations, "AbsoluteMove", profile);
        Assert.Equal(["GetStatus", "AbsoluteMove"], stub.Calls);
        Assert.Equal(PresetTourState.Idle, engine.GetPresetTour(token).Status.State);
        Assert.Equal(stub.Operations.Select(o => o.Name), service.Operations.Select(o => o.Name));
        Assert.Equal(stub.Namespace, service.Namespace);
    }
}
