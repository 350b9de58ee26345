using System.Globalization;
using System.Xml.Linq;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests.Conformance;

/// <summary>
/// The steps of the public ONVIF PTZ test cases that create their own media profile (onvif/testspecs,
/// ONVIF_PTZ_Device_Test_Specification.xml): PTZ-5-1-4 with its HelperCreateMediaProfile over Media ver10, and the
/// MEDIA2_PTZ cases with HelperCreateMedia2Profile over Media2, through the real host and PTZ service, for every
/// PTZ node. Every answer validates against ../shared/ref/onvif.
/// </summary>
public class CustomProfilePtzTests
{
    private const string Media = "/onvif/media_service";
    private const string Media2 = "/onvif/media2_service";
    private const string Ptz = "/onvif/ptz_service";
    private const string Tr2 = "xmlns:tr2=\"http://www.onvif.org/ver20/media/wsdl\"";

    private static string M2(string name, string inner = "") => $"<tr2:{name} {Tr2} xmlns:tt=\"http://www.onvif.org/ver10/schema\">{inner}</tr2:{name}>";

    private static async Task<List<(string Node, string Configuration)>> Nodes(ServerHarness server)
    {
        var nodes = (await server.Ok(Ptz, Op("tptz:GetNodes"))).Descendants().Where(e => e.Name.LocalName == "PTZNode").Select(n => n.Attribute("token")!.Value).ToList();
        var configurations = (await server.Ok(Ptz, Op("tptz:GetConfigurations"))).Descendants().Where(e => e.Name.LocalName == "PTZConfiguration")
            .ToDictionary(c => c.Find("NodeToken").Value, c => c.Attribute("token")!.Value);
        return nodes.Select(n => (n, configurations[n])).ToList();
    }

    // PTZ service GetCompatibleConfigurations: the configuration of the node, if the profile's source is the one it drives.
    private static async Task<string?> CompatibleOf(ServerHarness server, string profile, string node)
    {
        var compatible = await server.Ok(Ptz, Op("tptz:GetCompatibleConfigurations", $"<tptz:ProfileToken>{profile}</tptz:ProfileToken>"));
        return compatible.Descendants().Where(e => e.Name.LocalName == "PTZConfiguration").FirstOrDefault(c => c.Find("NodeToken").Value == node)?.Attribute("token")!.Value;
    }

    [RequiresSharedFact]
    public async Task PTZ_5_1_4_home_position_on_a_profile_made_through_Media()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await ServerHarness.StartAsync(time: clock);
        foreach (var (node, _) in await Nodes(server))
        {
            // HelperCreateMediaProfile
            var profile = (await server.Ok(Media, Op("trt:CreateProfile", "<trt:Name>testMedia</trt:Name>"))).Find("Profile").Attribute("token")!.Value;
            var sources = (await server.Ok(Media, Op("trt:GetCompatibleVideoSourceConfigurations", $"<trt:ProfileToken>{profile}</trt:ProfileToken>")))
                .Descendants().Where(e => e.Name.LocalName == "Configurations").Select(c => c.Attribute("token")!.Value).ToList();
            string? added = null;
            foreach (var vsc in sources)
            {
                await server.Ok(Media, Op("trt:AddVideoSourceConfiguration", $"<trt:ProfileToken>{profile}</trt:ProfileToken><trt:ConfigurationToken>{vsc}</trt:ConfigurationToken>"));
                if (await CompatibleOf(server, profile, node) is not { } ptz) continue;
                await server.Ok(Media, Op("trt:AddPTZConfiguration", $"<trt:ProfileToken>{profile}</trt:ProfileToken><trt:ConfigurationToken>{ptz}</trt:ConfigurationToken>"));
                added = ptz;
                break;
            }
            Assert.NotNull(added);
            var p = $"<tptz:ProfileToken>{profile}</tptz:ProfileToken>";
            await server.Ok(Ptz, Op("tptz:GetConfigurationOptions", $"<tptz:ConfigurationToken>{added}</tptz:ConfigurationToken>"));
            await server.Ok(Ptz, Op("tptz:GetStatus", p));
            var set = await server.CallAsync(Op("tptz:SetHomePosition", p), Ptz);
            Assert.True(set.Status == 200 || set.FaultCodes is "env:Receiver ter:Action ter:CannotOverwriteHome" or "env:Receiver ter:ActionNotSupported", set.Text);
            await server.Ok(Ptz, Op("tptz:GotoHomePosition", p));
            clock.Advance(TimeSpan.FromSeconds(30));
            Assert.Equal("IDLE", (await server.Ok(Ptz, Op("tptz:GetStatus", p))).Find("MoveStatus").Elements().First().Value);
            await server.Ok(Media, Op("trt:DeleteProfile", $"<trt:ProfileToken>{profile}</trt:ProfileToken>"));
        }
    }

    [RequiresSharedFact]
    public async Task MEDIA2_PTZ_absolute_move_and_presets_on_a_profile_made_through_Media2()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await ServerHarness.StartAsync(time: clock);
        foreach (var (node, _) in await Nodes(server))
        {
            // HelperCreateMedia2Profile
            var profile = (await server.Ok(Media2, M2("CreateProfile", "<tr2:Name>testMedia</tr2:Name>"))).Find("Token").Value;
            var sources = (await server.Ok(Media2, M2("GetVideoSourceConfigurations", $"<tr2:ProfileToken>{profile}</tr2:ProfileToken>")))
                .Descendants().Where(e => e.Name.LocalName == "Configurations").Select(c => c.Attribute("token")!.Value).ToList();
            string? added = null;
            foreach (var vsc in sources)
            {
                await server.Ok(Media2, M2("AddConfiguration", $"<tr2:ProfileToken>{profile}</tr2:ProfileToken><tr2:Configuration><tr2:Type>VideoSource</tr2:Type><tr2:Token>{vsc}</tr2:Token></tr2:Configuration>"));
                if (await CompatibleOf(server, profile, node) is not { } ptz) continue;
                await server.Ok(Media2, M2("AddConfiguration", $"<tr2:ProfileToken>{profile}</tr2:ProfileToken><tr2:Configuration><tr2:Type>PTZ</tr2:Type><tr2:Token>{ptz}</tr2:Token></tr2:Configuration>"));
                added = ptz;
                break;
            }
            Assert.NotNull(added);
            // HelperMediaProfileConfiguration finds it again by Configurations.PTZ.NodeToken.
            var listed = await server.Ok(Media2, M2("GetProfiles", "<tr2:Type>PTZ</tr2:Type><tr2:Type>VideoSource</tr2:Type>"));
            Assert.Contains(listed.Descendants().Where(e => e.Name.LocalName == "Profiles"), pr => pr.Attribute("token")!.Value == profile && pr.Find("NodeToken").Value == node);

            // MEDIA2_PTZ-1-1-1: AbsoluteMove to the maximum of the generic pan/tilt space, GetStatus shows it reached.
            var p = $"<tptz:ProfileToken>{profile}</tptz:ProfileToken>";
            var options = await server.Ok(Ptz, Op("tptz:GetConfigurationOptions", $"<tptz:ConfigurationToken>{added}</tptz:ConfigurationToken>"));
            var space = options.Descendants().First(e => e.Name.LocalName == "AbsolutePanTiltPositionSpace");
            var max = (X: float.Parse(space.Find("XRange").Find("Max").Value, CultureInfo.InvariantCulture), Y: float.Parse(space.Find("YRange").Find("Max").Value, CultureInfo.InvariantCulture));
            await server.Ok(Ptz, Op("tptz:AbsoluteMove", p + string.Create(CultureInfo.InvariantCulture, $"<tptz:Position><tt:PanTilt x=\"{max.X}\" y=\"{max.Y}\" space=\"{space.Find("URI").Value}\"/></tptz:Position>")));
            clock.Advance(TimeSpan.FromSeconds(60));
            var status = await server.Ok(Ptz, Op("tptz:GetStatus", p));
            Assert.Equal("IDLE", status.Find("MoveStatus").Find("PanTilt").Value);
            var position = status.Find("Position").Elements().First();
            if (node == "PtzNode_1")
            {
                // On the endless dome, pan +1 and -1 are the same direction (GetStatus reports -1).
                Assert.True(Math.Abs(position.F("x") - max.X) < 0.01 || (max.X == 1 && Math.Abs(position.F("x") + 1) < 0.01), position.ToString());
                Assert.Equal(max.Y, position.F("y"), 0.01f);
            }
            // Then the zoom to the maximum of its space.
            var zoomSpace = options.Descendants().First(e => e.Name.LocalName == "AbsoluteZoomPositionSpace");
            await server.Ok(Ptz, Op("tptz:AbsoluteMove", p + $"<tptz:Position><tt:Zoom x=\"{zoomSpace.Find("XRange").Find("Max").Value}\" space=\"{zoomSpace.Find("URI").Value}\"/></tptz:Position>"));
            clock.Advance(TimeSpan.FromSeconds(60));
            status = await server.Ok(Ptz, Op("tptz:GetStatus", p));
            Assert.Equal(["IDLE", "IDLE"], status.Find("MoveStatus").Elements().Select(e => e.Value));

            // MEDIA2_PTZ-2-1-x: SetPreset, GotoPreset, RemovePreset on the profile.
            var preset = (await server.Ok(Ptz, Op("tptz:SetPreset", p + "<tptz:PresetName>media2</tptz:PresetName>"))).Find("PresetToken").Value;
            await server.Ok(Ptz, Op("tptz:GotoPreset", p + $"<tptz:PresetToken>{preset}</tptz:PresetToken>"));
            clock.Advance(TimeSpan.FromSeconds(30));
            await server.Ok(Ptz, Op("tptz:RemovePreset", p + $"<tptz:PresetToken>{preset}</tptz:PresetToken>"));

            await server.Ok(Media2, M2("RemoveConfiguration", $"<tr2:ProfileToken>{profile}</tr2:ProfileToken><tr2:Configuration><tr2:Type>VideoSource</tr2:Type></tr2:Configuration>"));
            Assert.Equal("env:Sender ter:InvalidArgVal ter:NoPTZProfile", await server.Fault(Ptz, Op("tptz:GetStatus", p)));
            await server.Ok(Media2, M2("DeleteProfile", $"<tr2:Token>{profile}</tr2:Token>"));
        }
    }

    [RequiresSharedFact]
    public async Task PTZ_SetConfiguration_and_Media2_changes_arrive_as_Media_events()
    {
        await using var server = await ServerHarness.StartAsync();
        var subscription = await server.SubscribeAsync();
        await server.PullAsync(subscription);
        var configuration = (await server.Ok(Ptz, Op("tptz:GetConfiguration", "<tptz:PTZConfigurationToken>PtzConfig_1</tptz:PTZConfigurationToken>"))).Find("PTZConfiguration");
        configuration.Elements().First(e => e.Name.LocalName == "Name").Value = "Dome renamed";
        await server.Ok(Ptz, Op("tptz:SetConfiguration", configuration.ToString(SaveOptions.DisableFormatting) + "<tptz:ForcePersistence>true</tptz:ForcePersistence>"));
        var token = (await server.Ok(Media2, M2("CreateProfile", "<tr2:Name>evented</tr2:Name>"))).Find("Token").Value;
        var messages = (await server.PullAsync(subscription)).Where(m => m.Topic().StartsWith("tns1:Media/", StringComparison.Ordinal))
            .Select(m => $"{m.Topic()} {m.Item("Token")} {m.Item("Type")}".Trim()).ToList();
        Assert.Equal(["tns1:Media/ConfigurationChanged PtzConfig_1 PTZ", $"tns1:Media/ProfileChanged {token}"], messages);
    }
}
