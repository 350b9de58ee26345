using Camlab.Device.Ptz;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.State;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Ptz.Tours;
using Camlab.Onvif.Soap;
using Camlab.Testing;
using static Camlab.Onvif.Tests.Ptz.PtzSoapHarness;

namespace Camlab.Onvif.Tests.Ptz.Tours;

public sealed class PresetTourOperationsTests : IDisposable
{
    private const string Profile = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
    private readonly FakeTimeProvider _clock = new();
    private readonly SoapTourMechanism _mechanism;
    private readonly EventBus _bus = new();
    private readonly InMemoryStateStore _store = new();
    private readonly PresetTourEngine _engine;
    private readonly IReadOnlyList<SoapOperation> _ops;

    public PresetTourOperationsTests()
    {
        _mechanism = new SoapTourMechanism(_clock);
        _engine = new PresetTourEngine("PtzNode_1", _mechanism, PresetTourOptions.Default with { MaximumNumberOfPresetTours = 2 },
            _store, _bus, _clock, () => ["Profile_1"], new Random(1));
        _ops = PresetTourOperations.Create(profile => profile switch
        {
            "Profile_1" => PtzProfileBinding<PresetTourEngine>.Of(_engine),
            "Profile_2" => PtzProfileBinding<PresetTourEngine>.NoPtzProfile,
            "Profile_3" => PtzProfileBinding<PresetTourEngine>.Of(null),
            _ => PtzProfileBinding<PresetTourEngine>.NoProfile,
        });
    }

    public void Dispose() => _engine.Dispose();

    private string CreateTour() => Call(_ops, "CreatePresetTour", Profile).Element(Tptz + "PresetTourToken")!.Value;

    private static string Modify(string token, string spots, string condition = "<tt:StartingCondition/>", string autoStart = "false") =>
        $"{Profile}<tptz:PresetTour token=\"{token}\"><tt:Name>Yard</tt:Name><tt:Status><tt:State>Touring</tt:State></tt:Status>" +
        $"<tt:AutoStart>{autoStart}</tt:AutoStart>{condition}{spots}</tptz:PresetTour>";

    private const string ThreeSpots =
        "<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P1</tt:PresetToken></tt:PresetDetail><tt:StayTime>PT2S</tt:StayTime></tt:TourSpot>" +
        "<tt:TourSpot><tt:PresetDetail><tt:Home>true</tt:Home></tt:PresetDetail>" +
        "<tt:Speed><tt:PanTilt x=\"0.5\" y=\"0.25\" space=\"" + SoapTourMechanism.GenericSpeed + "\"/></tt:Speed></tt:TourSpot>" +
        "<tt:TourSpot><tt:PresetDetail><tt:PTZPosition><tt:PanTilt x=\"45\" y=\"-10\" space=\"" + SoapTourMechanism.DegreesSpace + "\"/>" +
        "<tt:Zoom x=\"0.5\"/></tt:PTZPosition></tt:PresetDetail><tt:StayTime>PT1.5S</tt:StayTime></tt:TourSpot>";

    [Fact]
    public void Create_modify_and_get_round_trip_a_tour()
    {
        var token = CreateTour();
        Assert.Equal("PresetTour_1", token);
        Call(_ops, "ModifyPresetTour", Modify(token, ThreeSpots,
            "<tt:StartingCondition RandomPresetOrder=\"false\"><tt:RecurringTime>3</tt:RecurringTime><tt:RecurringDuration>PT10M</tt:RecurringDuration><tt:Direction>Backward</tt:Direction></tt:StartingCondition>"));

        var tour = Call(_ops, "GetPresetTour", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken>").Element(Tptz + "PresetTour")!;
        Assert.Equal(token, (string?)tour.Attribute("token"));
        Assert.Equal("Yard", tour.Element(Tt + "Name")!.Value);
        Assert.Equal("Idle", tour.Element(Tt + "Status")!.Element(Tt + "State")!.Value);   // Status in the request is ignored
        var condition = tour.Element(Tt + "StartingCondition")!;
        Assert.Equal("3", condition.Element(Tt + "RecurringTime")!.Value);
        Assert.Equal("PT10M", condition.Element(Tt + "RecurringDuration")!.Value);
        Assert.Equal("Backward", condition.Element(Tt + "Direction")!.Value);
        Assert.Equal("false", (string?)condition.Attribute("RandomPresetOrder"));
        var spots = tour.Elements(Tt + "TourSpot").ToList();
        Assert.Equal(3, spots.Count);
        Assert.Equal("P1", spots[0].Element(Tt + "PresetDetail")!.Element(Tt + "PresetToken")!.Value);
        Assert.Equal("PT2S", spots[0].Element(Tt + "StayTime")!.Value);
        Assert.Equal("true", spots[1].Element(Tt + "PresetDetail")!.Element(Tt + "Home")!.Value);
        Assert.Equal("0.5", (string?)spots[1].Element(Tt + "Speed")!.Element(Tt + "PanTilt")!.Attribute("x"));
        var position = spots[2].Element(Tt + "PresetDetail")!.Element(Tt + "PTZPosition")!;
        Assert.Equal("45", (string?)position.Element(Tt + "PanTilt")!.Attribute("x"));
        Assert.Equal("-10", (string?)position.Element(Tt + "PanTilt")!.Attribute("y"));
        Assert.Equal("0.5", (string?)position.Element(Tt + "Zoom")!.Attribute("x"));
        Assert.Equal("PT1.5S", spots[2].Element(Tt + "StayTime")!.Value);

        var all = Call(_ops, "GetPresetTours", Profile).Elements(Tptz + "PresetTour").ToList();
        Assert.Single(all);
    }

    [Fact]
    public void Operate_runs_the_tour_and_status_reports_the_current_spot()
    {
        var token = CreateTour();
        Call(_ops, "ModifyPresetTour", Modify(token, ThreeSpots));
        Call(_ops, "OperatePresetTour", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken><tptz:Operation>Start</tptz:Operation>");
        _clock.Advance(1.5);   // at P1 (1 s), staying 2 s
        var status = Call(_ops, "GetPresetTour", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken>")
            .Element(Tptz + "PresetTour")!.Element(Tt + "Status")!;
        Assert.Equal("Touring", status.Element(Tt + "State")!.Value);
        Assert.Equal("P1", status.Element(Tt + "CurrentTourSpot")!.Element(Tt + "PresetDetail")!.Element(Tt + "PresetToken")!.Value);
        _clock.Advance(1.5);
        Assert.Equal(["preset P1", "home"], _mechanism.Log);

        Call(_ops, "OperatePresetTour", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken><tptz:Operation>Pause</tptz:Operation>");
        Assert.Equal(PresetTourState.Paused, _engine.GetPresetTour(token).Status.State);
        Call(_ops, "OperatePresetTour", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken><tptz:Operation>Stop</tptz:Operation>");
        Assert.Equal(PresetTourState.Idle, _engine.GetPresetTour(token).Status.State);
        Call(_ops, "RemovePresetTour", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken>");
        Assert.Empty(_engine.GetPresetTours());
    }

    [Fact]
    public void Options_list_the_nodes_presets_spaces_and_ranges()
    {
        var options = Call(_ops, "GetPresetTourOptions", Profile).Element(Tptz + "Options")!;
        Assert.Equal("true", options.Element(Tt + "AutoStart")!.Value);
        var condition = options.Element(Tt + "StartingCondition")!;
        Assert.Equal("1", condition.Element(Tt + "RecurringTime")!.Element(Tt + "Min")!.Value);
        Assert.Equal(["Forward", "Backward"], condition.Elements(Tt + "Direction").Select(d => d.Value));
        var detail = options.Element(Tt + "TourSpot")!.Element(Tt + "PresetDetail")!;
        Assert.Equal(["P1", "P2", "P3"], detail.Elements(Tt + "PresetToken").Select(p => p.Value));
        Assert.Equal("true", detail.Element(Tt + "Home")!.Value);
        Assert.Equal(SoapTourMechanism.DegreesSpace, detail.Element(Tt + "PanTiltPositionSpace")!.Element(Tt + "URI")!.Value);
        Assert.Equal("-90", detail.Element(Tt + "PanTiltPositionSpace")!.Element(Tt + "YRange")!.Element(Tt + "Min")!.Value);
        Assert.Equal("PT0S", options.Element(Tt + "TourSpot")!.Element(Tt + "StayTime")!.Element(Tt + "Min")!.Value);

        var token = CreateTour();
        Call(_ops, "GetPresetTourOptions", Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken>");
        Assert.Equal("Sender/ter:InvalidArgVal/ter:NoToken",
            Fault(_ops, "GetPresetTourOptions", Profile + "<tptz:PresetTourToken>nope</tptz:PresetTourToken>"));
    }

    public static TheoryData<string> EveryOperation => new()
    {
        "GetPresetTours", "GetPresetTour", "GetPresetTourOptions", "CreatePresetTour", "ModifyPresetTour", "OperatePresetTour", "RemovePresetTour",
    };

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public void Every_operation_faults_on_an_unknown_or_PTZ_less_profile(string operation)
    {
        const string rest = "<tptz:PresetTourToken>PresetTour_1</tptz:PresetTourToken><tptz:Operation>Start</tptz:Operation>" +
                            "<tptz:PresetTour token=\"PresetTour_1\"><tt:AutoStart>false</tt:AutoStart><tt:StartingCondition/></tptz:PresetTour>";
        Assert.Equal("Sender/ter:InvalidArgVal/ter:NoProfile", Fault(_ops, operation, "<tptz:ProfileToken>Nope</tptz:ProfileToken>" + rest));
        Assert.Equal("Sender/ter:InvalidArgVal/ter:NoPTZProfile", Fault(_ops, operation, "<tptz:ProfileToken>Profile_2</tptz:ProfileToken>" + rest));
        Assert.Equal("Receiver/ter:ActionNotSupported", Fault(_ops, operation, "<tptz:ProfileToken>Profile_3</tptz:ProfileToken>" + rest));
        Assert.Equal("Sender/ter:InvalidArgs", Fault(_ops, operation, rest));
    }

    [Theory]
    [InlineData("GetPresetTour")]
    [InlineData("ModifyPresetTour")]
    [InlineData("OperatePresetTour")]
    [InlineData("RemovePresetTour")]
    public void Unknown_tour_tokens_are_NoToken(string operation)
    {
        var inner = Profile + "<tptz:PresetTourToken>nope</tptz:PresetTourToken><tptz:Operation>Stop</tptz:Operation>" +
                    "<tptz:PresetTour token=\"nope\"><tt:AutoStart>false</tt:AutoStart><tt:StartingCondition/></tptz:PresetTour>";
        Assert.Equal("Sender/ter:InvalidArgVal/ter:NoToken", Fault(_ops, operation, inner));
    }

    [Fact]
    public void Creating_past_the_maximum_is_TooManyPresetTours()
    {
        CreateTour();
        CreateTour();
        Assert.Equal("Sender/ter:InvalidArgVal/ter:TooManyPresetTours", Fault(_ops, "CreatePresetTour", Profile));
    }

    public static TheoryData<string, string, string> BadModifications => new()
    {
        { "home false", "<tt:TourSpot><tt:PresetDetail><tt:Home>false</tt:Home></tt:PresetDetail></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour" },
        { "two details", "<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P1</tt:PresetToken><tt:Home>true</tt:Home></tt:PresetDetail></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour" },
        { "no detail", "<tt:TourSpot><tt:StayTime>PT1S</tt:StayTime></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour" },
        { "unknown preset", "<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P9</tt:PresetToken></tt:PresetDetail></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour" },
        { "out of range", "<tt:TourSpot><tt:PresetDetail><tt:PTZPosition><tt:PanTilt x=\"0\" y=\"-95\"/></tt:PTZPosition></tt:PresetDetail></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour" },
        { "position space", "<tt:TourSpot><tt:PresetDetail><tt:PTZPosition><tt:PanTilt x=\"0\" y=\"0\" space=\"urn:x\"/></tt:PTZPosition></tt:PresetDetail></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:SpaceNotSupported" },
        { "speed space", "<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P1</tt:PresetToken></tt:PresetDetail><tt:Speed><tt:PanTilt x=\"1\" y=\"1\" space=\"urn:x\"/></tt:Speed></tt:TourSpot>", "Sender/ter:InvalidArgVal/ter:SpaceNotSupported" },
        { "too many spots", string.Concat(Enumerable.Repeat("<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P1</tt:PresetToken></tt:PresetDetail></tt:TourSpot>", 33)), "Sender/ter:InvalidArgVal/ter:TooManyPresets" },
        { "bad stay", "<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P1</tt:PresetToken></tt:PresetDetail><tt:StayTime>soon</tt:StayTime></tt:TourSpot>", "Sender/ter:InvalidArgs" },
        { "bad x", "<tt:TourSpot><tt:PresetDetail><tt:PTZPosition><tt:PanTilt x=\"left\" y=\"0\"/></tt:PTZPosition></tt:PresetDetail></tt:TourSpot>", "Sender/ter:InvalidArgs" },
    };

    [Theory]
    [MemberData(nameof(BadModifications))]
    public void Bad_modifications_fault_and_change_nothing(string what, string spots, string fault)
    {
        _ = what;
        var token = CreateTour();
        Call(_ops, "ModifyPresetTour", Modify(token, "<tt:TourSpot><tt:PresetDetail><tt:PresetToken>P2</tt:PresetToken></tt:PresetDetail></tt:TourSpot>"));
        var before = _engine.GetPresetTour(token);
        Assert.Equal(fault, Fault(_ops, "ModifyPresetTour", Modify(token, spots)));
        Assert.Equal(before, _engine.GetPresetTour(token));
    }

    [Theory]
    [InlineData("<tt:StartingCondition><tt:Direction>Extended</tt:Direction></tt:StartingCondition>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour")]
    [InlineData("<tt:StartingCondition><tt:RecurringTime>0</tt:RecurringTime></tt:StartingCondition>", "Sender/ter:InvalidArgVal/ter:InvalidPresetTour")]
    [InlineData("<tt:StartingCondition><tt:RecurringTime>often</tt:RecurringTime></tt:StartingCondition>", "Sender/ter:InvalidArgs")]
    [InlineData("<tt:StartingCondition RandomPresetOrder=\"maybe\"/>", "Sender/ter:InvalidArgs")]
    [InlineData("", "Sender/ter:InvalidArgs")]
    public void Bad_starting_conditions_fault(string condition, string fault)
    {
        var token = CreateTour();
        Assert.Equal(fault, Fault(_ops, "ModifyPresetTour", Modify(token, "", condition)));
    }

    [Fact]
    public void Operate_faults_InvalidPresetTour_ActivationFailed_and_bad_operations()
    {
        var empty = CreateTour();
        var start = (string token) => Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken><tptz:Operation>Start</tptz:Operation>";
        Assert.Equal("Sender/ter:InvalidArgVal/ter:InvalidPresetTour", Fault(_ops, "OperatePresetTour", start(empty)));

        var token = CreateTour();
        Call(_ops, "ModifyPresetTour", Modify(token, ThreeSpots));
        Call(_ops, "ModifyPresetTour", Modify(empty, ThreeSpots));
        Call(_ops, "OperatePresetTour", start(token));
        Assert.Equal("Receiver/ter:InvalidArgVal/ter:ActivationFailed", Fault(_ops, "OperatePresetTour", start(empty)));
        Assert.Equal("Sender/ter:InvalidArgs", Fault(_ops, "OperatePresetTour",
            Profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken><tptz:Operation>Extended</tptz:Operation>"));
    }

    [Fact]
    public void Configuration_event_carries_the_tour_that_the_Events_adapter_can_write()
    {
        var events = new List<EventMessage>();
        using var _ = _bus.Subscribe(events.Add);
        var token = CreateTour();
        var message = Assert.Single(events);
        var snapshot = Assert.IsType<PresetTourSnapshot>(message.DataElements.Single().Value);
        var element = new XElement("root");
        using (var writer = element.CreateWriter())
        {
            Assert.False(PresetTourXml.TryWriteElementItem(writer, new ElementItem("Other", 42)));
            Assert.True(PresetTourXml.TryWriteElementItem(writer, message.DataElements[0]));
        }
        var item = element.Elements().Single();
        Assert.Equal(Tt + "ElementItem", item.Name);
        Assert.Equal("PresetTour", (string?)item.Attribute("Name"));
        var written = item.Elements().Single();
        Assert.Equal(Tt + "PresetTour", written.Name);
        Assert.Equal(token, (string?)written.Attribute("token"));
        Assert.Equal("Idle", written.Element(Tt + "Status")!.Element(Tt + "State")!.Value);
    }
}

public sealed class PresetTourSchemaTests
{
    [RequiresSharedFact]
    public void A_touring_tour_with_every_kind_of_spot_and_the_options_are_schema_valid()
    {
        var clock = new FakeTimeProvider();
        var mechanism = new SoapTourMechanism(clock);
        using var engine = new PresetTourEngine("PtzNode_1", mechanism, PresetTourOptions.Default, new InMemoryStateStore(), new EventBus(), clock, () => ["Profile_1"]);
        var ops = PresetTourOperations.Create(_ => PtzProfileBinding<PresetTourEngine>.Of(engine));
        var token = engine.CreatePresetTour();
        engine.ModifyPresetTour(new PresetTour(token, "All kinds", true,
            new PresetTourStartingCondition(2, TimeSpan.FromMinutes(5), PresetTourDirection.Forward, true),
            [
                TourSpot.AtPreset("P1", new PtzVector(new PanTiltVector(1, 1), new ZoomVector(1)), TimeSpan.FromSeconds(3)),
                TourSpot.AtHome(),
                TourSpot.AtPosition(new PtzVector(new PanTiltVector(10, -20, SoapTourMechanism.DegreesSpace), new ZoomVector(0.25))),
            ]));
        engine.OperatePresetTour(token, PresetTourOperation.Start);
        const string profile = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
        OnvifSchemaValidator.AssertValid(Envelope(ops, "GetPresetTours", profile));
        OnvifSchemaValidator.AssertValid(Envelope(ops, "GetPresetTour", profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken>"));
        OnvifSchemaValidator.AssertValid(Envelope(ops, "GetPresetTourOptions", profile));
        OnvifSchemaValidator.AssertValid(Envelope(ops, "CreatePresetTour", profile));
        OnvifSchemaValidator.AssertValid(Envelope(ops, "OperatePresetTour", profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken><tptz:Operation>Pause</tptz:Operation>"));
        OnvifSchemaValidator.AssertValid(Envelope(ops, "RemovePresetTour", profile + $"<tptz:PresetTourToken>{token}</tptz:PresetTourToken>"));
    }
}
