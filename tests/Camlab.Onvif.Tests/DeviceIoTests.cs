using Camlab.Device.Events;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests;

/// <summary>The DeviceIO service with raw envelopes: video sources, relays with monostable timing on the fake clock, inputs, events.</summary>
public class DeviceIoTests
{
    private const string Tmd = "http://www.onvif.org/ver10/deviceIO/wsdl";
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new(withIo: true);

    private Task<SoapAnswer> Ok(string body, string? user = TestDevice.Admin) => _device.OkAsync(body, user);

    private Task Fault(string body, string codes) => _device.FaultAsync(body, codes);

    private static string Settings(string mode, string delay, string idle, string token = "RelayOutput_1") =>
        $"<SetRelayOutputSettings xmlns=\"{Tmd}\"><RelayOutput token=\"{token}\"><Properties xmlns=\"{Tt}\"><Mode>{mode}</Mode><DelayTime>{delay}</DelayTime><IdleState>{idle}</IdleState></Properties></RelayOutput></SetRelayOutputSettings>";

    private static string State(string state, string token = "RelayOutput_1") =>
        $"<SetRelayOutputState xmlns=\"{Tds}\"><RelayOutputToken>{token}</RelayOutputToken><LogicalState>{state}</LogicalState></SetRelayOutputState>";

    [Fact]
    public async Task Capabilities_video_sources_relays_options_and_inputs_are_what_is_served()
    {
        var caps = (await Ok($"<GetServiceCapabilities xmlns=\"{Tmd}\"/>")).All("Capabilities").Single();
        Assert.Equal(("2", "1", "1"), (caps.Attribute("VideoSources")!.Value, caps.Attribute("RelayOutputs")!.Value, caps.Attribute("DigitalInputs")!.Value));
        Assert.Equal(["VideoSource_1", "VideoSource_2"], (await Ok($"<GetVideoSources xmlns=\"{Tmd}\"/>")).All("Token").Select(e => e.Value));
        var relays = await Ok($"<GetRelayOutputs xmlns=\"{Tds}\"/>");
        Assert.Equal(("Bistable", "open"), (relays.Value("Mode"), relays.Value("IdleState")));
        var options = await Ok($"<GetRelayOutputOptions xmlns=\"{Tmd}\"/>");
        Assert.Equal(["Monostable", "Bistable"], options.All("Mode").Select(e => e.Value));
        var inputs = await Ok($"<GetDigitalInputs xmlns=\"{Tmd}\"/>");
        Assert.Equal("DigitalInput_1", inputs.All("DigitalInputs").Single().Attribute("token")!.Value);
        var all = await Ok($"<GetCapabilities xmlns=\"{Tds}\"><Category>All</Category></GetCapabilities>");
        Assert.Equal("http://127.0.0.1:8080/onvif/deviceio_service", all.All("DeviceIO").Single().Elements().First().Value);
    }

    [Fact]
    public async Task A_monostable_relay_falls_back_after_its_delay_on_the_camera_clock_and_publishes_each_change()
    {
        var seen = new List<EventMessage>();
        using var listening = _device.Bus.Subscribe(m => { if (m.Topic == "Device/Trigger/Relay") seen.Add(m); });
        await Ok(Settings("Monostable", "PT5S", "closed"));
        Assert.Equal("Monostable", (await Ok($"<GetRelayOutputs xmlns=\"{Tds}\"/>")).Value("Mode"));
        await Ok(State("active"), TestDevice.Operator);
        Assert.True(_device.Io!.Relays[0].Active);
        _device.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.True(_device.Io!.Relays[0].Active);
        _device.Time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.False(_device.Io!.Relays[0].Active);
        Assert.Equal(["active", "inactive"], seen.Select(m => m.Data.Single().Value));

        // Persisted: a camera on the same store has the settings.
        var reloaded = new Camlab.Device.IO.CameraIo(_device.Store, new EventBus(), _device.Time, ["RelayOutput_1"], []);
        Assert.Equal(Camlab.Device.IO.RelayMode.Monostable, reloaded.Relays[0].Settings.Mode);
    }

    [Fact]
    public async Task A_bistable_relay_stays_until_told()
    {
        await Ok(State("active"));
        _device.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(_device.Io!.Relays[0].Active);
        await Ok(State("inactive"));
        Assert.False(_device.Io!.Relays[0].Active);
    }

    [Fact]
    public async Task Relay_faults_change_nothing_and_need_the_right_user()
    {
        await Fault(Settings("Monostable", "PT5S", "closed", token: "RelayOutput_9"), "env:Sender ter:InvalidArgVal ter:RelayToken");
        await Fault(Settings("Sometimes", "PT5S", "closed"), "env:Sender ter:InvalidArgVal ter:ModeError");
        await Fault(Settings("Monostable", "PT0S", "closed"), "env:Sender ter:InvalidArgVal ter:DelayTimeError");
        await Fault(Settings("Monostable", "PT2H", "closed"), "env:Sender ter:InvalidArgVal ter:DelayTimeError");
        await Fault(Settings("Bistable", "PT0S", "ajar"), "env:Sender ter:InvalidArgVal ter:IdleStateError");
        await Fault(State("active", token: "nope"), "env:Sender ter:InvalidArgVal ter:RelayToken");
        await Fault(State("half"), "env:Sender ter:InvalidArgs");
        Assert.Null(_device.Store.Read(Camlab.Device.IO.CameraIo.RelaysDocument));
        Assert.Equal("env:Sender ter:NotAuthorized", (await _device.CallAsync(State("active"), TestDevice.Viewer)).FaultCodes);
        Assert.False(_device.Io!.Relays[0].Active);
    }

    [Fact]
    public void Digital_inputs_publish_their_logical_state_and_bad_instructions_apply_nothing()
    {
        var seen = new List<EventMessage>();
        using var listening = _device.Bus.Subscribe(m => { if (m.Topic == "Device/Trigger/DigitalInput") seen.Add(m); });
        _device.Io!.Apply(_device.Io!.Parse(["DigitalInput_1=true"]));
        Assert.Equal("true", seen.Single().Data.Single().Value);
        Assert.Throws<Camlab.Device.IO.IoException>(() => _device.Io!.Parse(["DigitalInput_1=false", "DigitalInput_1=maybe"]));
        Assert.True(_device.Io!.Inputs[0].Active);
    }
}
