using Camlab.Server.Hosting;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests;

/// <summary>Device management through the real host: factory default on disk, per-camera MACs, the real HTTP port.</summary>
public class DeviceManagementHostTests
{
    private const string Ptz = "/onvif/ptz_service";
    private const string Device = "/onvif/device_service";

    private static async Task FactoryDefaultAsync(ServerHarness server, string kind)
    {
        var rebooted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Done(SimulatedCamera _) => rebooted.TrySetResult();
        server.Host.Cameras[0].Rebooted += Done;
        await server.Ok(Device, Op("tds:SetSystemFactoryDefault", $"<tds:FactoryDefault>{kind}</tds:FactoryDefault>"));
        await rebooted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.Host.Cameras[0].Rebooted -= Done;
    }

    [Camlab.Testing.RequiresSharedFact]
    public async Task A_forced_digital_input_starts_active_on_every_camera_and_is_in_the_initialized_states()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2, configure: o => { o.ForcedConditions.Add("DigitalInput_2=true"); return o; });
        foreach (var camera in server.Host.Cameras)
            Assert.Equal([false, true], camera.Io.Inputs.Select(i => i.Active));
        // A new pull point's Initialized states carry it.
        var subscription = await server.SubscribeAsync();
        var inputs = (await server.PullAsync(subscription)).Where(m => m.Topic().EndsWith("Device/Trigger/DigitalInput", StringComparison.Ordinal))
            .ToDictionary(m => m.Item("InputToken")!, m => (m.Operation(), m.Item("LogicalState")));
        Assert.Equal(("Initialized", "true"), inputs["DigitalInput_2"]);
        Assert.Equal(("Initialized", "false"), inputs["DigitalInput_1"]);
    }

    private static async Task<List<string>> PresetNames(ServerHarness server) =>
        (await server.Ok(Ptz, Op("tptz:GetPresets", P1))).Descendants().Where(e => e.Name.LocalName == "Name").Select(e => e.Value).ToList();

    [Camlab.Testing.RequiresSharedFact]
    public async Task Factory_default_soft_keeps_users_and_network_hard_resets_everything_and_both_survive_a_restart()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>Gate</tptz:PresetName>"));
        await server.Ok(Device, Op("tds:SetHostname", "<tds:Name>kept-by-soft</tds:Name>"));
        await server.Ok(Device, Op("tds:CreateUsers", "<tds:User><tt:Username>bob</tt:Username><tt:Password>pw</tt:Password><tt:UserLevel>User</tt:UserLevel></tds:User>"));
        await server.Ok(Device, Op("tds:SetScopes", "<tds:Scopes>onvif://www.onvif.org/location/lab</tds:Scopes>"));
        Assert.Contains("Gate", await PresetNames(server));
        await server.Ok(Device, Op("tds:SetGeoLocation", "<tds:Location Entity=\"Device\"><tt:GeoLocation lon=\"8.5\" lat=\"47.25\" elevation=\"400\"/></tds:Location>"));

        await FactoryDefaultAsync(server, "Soft");
        // Where the camera is mounted is part of its installation, like its network settings: Soft keeps it.
        Assert.Equal("47.25", (await server.Ok(Device, Op("tds:GetGeoLocation"))).Find("GeoLocation").Attribute("lat")?.Value);
        Assert.DoesNotContain("Gate", await PresetNames(server));
        Assert.DoesNotContain("onvif://www.onvif.org/location/lab", (await server.Ok(Device, Op("tds:GetScopes"))).Descendants().Select(e => e.Value));
        Assert.Equal("kept-by-soft", (await server.Ok(Device, Op("tds:GetHostname"))).Find("Name").Value);
        Assert.Contains("bob", (await server.Ok(Device, Op("tds:GetUsers"))).Descendants().Where(e => e.Name.LocalName == "Username").Select(e => e.Value));

        await server.Ok(Ptz, Op("tptz:SetPreset", P1 + "<tptz:PresetName>Again</tptz:PresetName>"));
        await FactoryDefaultAsync(server, "Hard");
        Assert.Equal("camlab-1", (await server.Ok(Device, Op("tds:GetHostname"))).Find("Name").Value);
        Assert.DoesNotContain("bob", (await server.Ok(Device, Op("tds:GetUsers"))).Descendants().Where(e => e.Name.LocalName == "Username").Select(e => e.Value));
        Assert.DoesNotContain("Again", await PresetNames(server));
        Assert.NotEqual("47.25", (await server.Ok(Device, Op("tds:GetGeoLocation"))).Descendants().FirstOrDefault(e => e.Name.LocalName == "GeoLocation")?.Attribute("lat")?.Value);

        // A second host on the same data directory is the camera after a restart: the defaults are what is on disk.
        await using var restarted = await ServerHarness.StartAsync(data: server.Data);
        Assert.Empty((await PresetNames(restarted)).Where(n => n is "Gate" or "Again"));
        Assert.Equal("camlab-1", (await restarted.Ok(Device, Op("tds:GetHostname"))).Find("Name").Value);
        Assert.Equal(server.Host.Cameras[0].Identity.Uuid, restarted.Host.Cameras[0].Identity.Uuid); // the identity is not a setting
    }

    [Camlab.Testing.RequiresSharedFact]
    public async Task Every_camera_of_a_host_has_its_own_mac_and_protocols_list_the_real_port()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 3);
        var macs = new List<string>();
        foreach (var n in new[] { "", "/cameras/2", "/cameras/3" })
            macs.Add((await server.Ok(n + Device, Op("tds:GetNetworkInterfaces"))).Find("HwAddress").Value);
        Assert.Equal(3, macs.Distinct().Count());
        Assert.All(macs, m => Assert.Matches("^02(:[0-9a-f]{2}){5}$", m));
        var protocols = await server.Ok(Device, Op("tds:GetNetworkProtocols"));
        Assert.Equal(server.Host.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), protocols.Find("Port").Value);
    }

    [Camlab.Testing.RequiresSharedFact]
    public async Task Device_SendAuxiliaryCommand_drives_the_housing_the_ptz_node_carries()
    {
        await using var server = await ServerHarness.StartAsync();
        var answer = await server.Ok(Device, Op("tds:SendAuxiliaryCommand", "<tds:AuxiliaryCommand>tt:IRLamp|On</tds:AuxiliaryCommand>"));
        Assert.Equal("tt:IRLamp|On", answer.Find("AuxiliaryCommandResponse").Value);
        Assert.Equal("On", server.Host.Cameras[0].Ptz!.Device.Nodes[0].AuxiliaryStates["tt:IRLamp"]);
        Assert.Equal("env:Receiver ter:ActionNotSupported ter:AuxiliaryDataNotSupported",
            await server.Fault(Device, Op("tds:SendAuxiliaryCommand", "<tds:AuxiliaryCommand>tt:Siren|On</tds:AuxiliaryCommand>")));
    }
}
