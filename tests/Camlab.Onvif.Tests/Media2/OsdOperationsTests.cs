using Camlab.Device.Media.Osd;
using Camlab.Onvif.Media;
using Camlab.Onvif.Media2;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Media2;

/// <summary>
/// The OSD operations of Media2 (tr2) and Media (trt) over raw envelopes: each operation's answer validates against
/// the official schemas, each refusal is the spec's fault and changes nothing, and both services serve one list of OSDs.
/// </summary>
public class OsdOperationsTests
{
    private const string Tr2 = "http://www.onvif.org/ver20/media/wsdl";
    private const string Trt = "http://www.onvif.org/ver10/media/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";

    private sealed class Rig
    {
        public Rig()
        {
            Osds = new CameraOsds(Device.Media, Device.Store);
            Media2 = Device.ClientFor(Tr2, Media2OsdOperations.Create(Osds));
            Media = Device.ClientFor(Trt, MediaOsdOperations.Create(Osds));
        }

        public TestDevice Device { get; } = new();
        public CameraOsds Osds { get; }
        public SoapTestClient Media2 { get; }
        public SoapTestClient Media { get; }
    }

    private static string Osd(string ns, string inner, string token = "", string configuration = "VideoSourceConfig_1") =>
        $"<OSD xmlns=\"{ns}\"{(token.Length > 0 ? $" token=\"{token}\"" : "")}><VideoSourceConfigurationToken xmlns=\"{Tt}\">{configuration}</VideoSourceConfigurationToken>{inner}</OSD>";

    private const string DateAndTimeUpperLeft =
        $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>UpperLeft</Type></Position>" +
        $"<TextString xmlns=\"{Tt}\"><Type>DateAndTime</Type><DateFormat>yyyy-MM-dd</DateFormat><TimeFormat>HH:mm:ss</TimeFormat><FontSize>40</FontSize>" +
        "<FontColor Transparent=\"0\"><Color X=\"255\" Y=\"255\" Z=\"0\" Colorspace=\"http://www.onvif.org/ver10/colorspace/RGB\"/></FontColor>" +
        "<BackgroundColor Transparent=\"50\"><Color X=\"0\" Y=\"0\" Z=\"0\" Colorspace=\"http://www.onvif.org/ver10/colorspace/RGB\"/></BackgroundColor></TextString>";

    private static string PlainAt(string text, double x, double y, int fontSize = 24) =>
        $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>Custom</Type><Pos x=\"{x}\" y=\"{y}\"/></Position>" +
        $"<TextString xmlns=\"{Tt}\"><Type>Plain</Type><FontSize>{fontSize}</FontSize><PlainText>{text}</PlainText></TextString>";

    private static string Create(string ns, string osd) => $"<CreateOSD xmlns=\"{ns}\">{osd}</CreateOSD>";

    [Fact]
    public async Task Media2_CreateOSD_then_GetOSDs_returns_it_as_set_and_it_is_persisted()
    {
        var rig = new Rig();
        var created = await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, DateAndTimeUpperLeft)));
        Assert.Equal("OSD_1", created.Value("OSDToken"));

        var listed = await rig.Media2.OkAsync($"<GetOSDs xmlns=\"{Tr2}\"/>");
        var osd = Assert.Single(listed.All("OSDs"));
        Assert.Equal("OSD_1", osd.Attribute("token")!.Value);
        Assert.Equal("VideoSourceConfig_1", listed.Value("VideoSourceConfigurationToken"));
        Assert.Equal("UpperLeft", listed.All("Position").Single().Elements().First().Value);
        Assert.Equal(["DateAndTime", "yyyy-MM-dd", "HH:mm:ss", "40"], listed.All("TextString").Single().Elements().Take(4).Select(e => e.Value));
        Assert.Equal("50", listed.All("BackgroundColor").Single().Attribute("Transparent")!.Value);

        var reloaded = new CameraOsds(rig.Device.Media, rig.Device.Store);
        Assert.Equal(rig.Osds.All, reloaded.All);
        Assert.Equal("OSD_2", reloaded.Create(reloaded.All[0] with { Token = "" }));
    }

    [Fact]
    public async Task Media2_GetOSDs_filters_by_token_and_configuration_and_refuses_unknown_ones()
    {
        var rig = new Rig();
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("North gate", -0.9, 0.9))));
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("Wide", 0, 0), configuration: "VideoSourceConfig_2")));
        var byConfiguration = await rig.Media2.OkAsync($"<GetOSDs xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_2</ConfigurationToken></GetOSDs>");
        Assert.Equal("OSD_2", Assert.Single(byConfiguration.All("OSDs")).Attribute("token")!.Value);
        var byToken = await rig.Media2.OkAsync($"<GetOSDs xmlns=\"{Tr2}\"><OSDToken>OSD_1</OSDToken></GetOSDs>");
        Assert.Equal("North gate", byToken.Value("PlainText"));
        Assert.Equal(["-0.9", "0.9"], [byToken.All("Pos").Single().Attribute("x")!.Value, byToken.All("Pos").Single().Attribute("y")!.Value]);

        await rig.Media2.FaultAsync($"<GetOSDs xmlns=\"{Tr2}\"><OSDToken>OSD_9</OSDToken></GetOSDs>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media2.FaultAsync($"<GetOSDs xmlns=\"{Tr2}\"><ConfigurationToken>Nope</ConfigurationToken></GetOSDs>", "env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public async Task Media2_GetOSDOptions_offers_text_OSDs_and_refuses_an_unknown_configuration()
    {
        var rig = new Rig();
        var options = await rig.Media2.OkAsync($"<GetOSDOptions xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetOSDOptions>");
        Assert.Equal(OsdOptions.MaxOsdsPerConfiguration.ToString(), options.All("MaximumNumberOfOSDs").Single().Attribute("Total")!.Value);
        Assert.Equal(["UpperLeft", "UpperRight", "LowerLeft", "LowerRight", "Custom"], options.All("PositionOption").Select(e => e.Value));
        Assert.Equal(["Plain", "Date", "Time", "DateAndTime"], options.All("TextOption").Single().Elements().Where(e => e.Name.LocalName == "Type").Select(e => e.Value));
        Assert.Equal(OsdOptions.DateFormats, options.All("DateFormat").Select(e => e.Value));
        await rig.Media2.FaultAsync($"<GetOSDOptions xmlns=\"{Tr2}\"><ConfigurationToken>VideoSourceConfig_9</ConfigurationToken></GetOSDOptions>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public async Task Media2_SetOSD_changes_the_OSD_and_a_refused_one_changes_nothing()
    {
        var rig = new Rig();
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("Before", 0, 0))));
        await rig.Media2.OkAsync($"<SetOSD xmlns=\"{Tr2}\">{Osd(Tr2, PlainAt("After", 0.5, -0.5, 64), token: "OSD_1")}</SetOSD>");
        Assert.Equal(("After", 64, 0.5, -0.5), (rig.Osds.Get("OSD_1").Text.PlainText, rig.Osds.Get("OSD_1").Text.FontSize, rig.Osds.Get("OSD_1").Position.X, rig.Osds.Get("OSD_1").Position.Y));

        var before = rig.Osds.All;
        var reason = await rig.Media2.FaultAsync($"<SetOSD xmlns=\"{Tr2}\">{Osd(Tr2, PlainAt("Huge", 0, 0, 500), token: "OSD_1")}</SetOSD>",
            "env:Sender ter:InvalidArgVal ter:ConfigModify");
        Assert.Contains("FontSize 500", reason);
        await rig.Media2.FaultAsync($"<SetOSD xmlns=\"{Tr2}\">{Osd(Tr2, PlainAt("Ghost", 0, 0), token: "OSD_7")}</SetOSD>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media2.FaultAsync($"<SetOSD xmlns=\"{Tr2}\">{Osd(Tr2, PlainAt("Elsewhere", 0, 0), token: "OSD_1", configuration: "VideoSourceConfig_9")}</SetOSD>",
            "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media2.FaultAsync($"<SetOSD xmlns=\"{Tr2}\">{Osd(Tr2, PlainAt("No token", 0, 0))}</SetOSD>", "env:Sender ter:InvalidArgs");
        Assert.Equal(before, rig.Osds.All);
    }

    [Fact]
    public async Task Media2_DeleteOSD_removes_it_and_an_unknown_token_is_NoConfig()
    {
        var rig = new Rig();
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("Gone soon", 0, 0))));
        await rig.Media2.OkAsync($"<DeleteOSD xmlns=\"{Tr2}\"><OSDToken>OSD_1</OSDToken></DeleteOSD>");
        Assert.Empty(rig.Osds.All);
        Assert.Empty(new CameraOsds(rig.Device.Media, rig.Device.Store).All);
        await rig.Media2.FaultAsync($"<DeleteOSD xmlns=\"{Tr2}\"><OSDToken>OSD_1</OSDToken></DeleteOSD>", "env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public async Task A_reload_after_the_document_went_drops_the_OSDs_and_restarts_the_tokens()
    {
        var rig = new Rig();
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("Before the factory default", 0, 0))));
        rig.Device.Store.Delete(CameraOsds.DocumentName);
        rig.Osds.Reload();
        Assert.Empty(rig.Osds.All);
        Assert.Equal("OSD_1", (await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("After", 0, 0))))).Value("OSDToken"));
    }

    public static TheoryData<string, string, string> RefusedOsds() => new()
    {
        { "unknown configuration", Osd(Tr2, PlainAt("x", 0, 0), configuration: "VideoSourceConfig_9"), "env:Sender ter:InvalidArgVal ter:NoConfig" },
        { "image OSD", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Image</Type><Position xmlns=\"{Tt}\"><Type>UpperLeft</Type></Position><Image xmlns=\"{Tt}\"><ImgPath>http://x/y.png</ImgPath></Image>"), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "unknown position", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>Middle</Type></Position><TextString xmlns=\"{Tt}\"><Type>Plain</Type><PlainText>x</PlainText></TextString>"), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "custom without Pos", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>Custom</Type></Position><TextString xmlns=\"{Tt}\"><Type>Plain</Type><PlainText>x</PlainText></TextString>"), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "Pos off the picture", Osd(Tr2, PlainAt("x", 1.5, 0)), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "date format not offered", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>UpperLeft</Type></Position><TextString xmlns=\"{Tt}\"><Type>Date</Type><DateFormat>dd.MM.yy</DateFormat></TextString>"), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "time without format", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>UpperLeft</Type></Position><TextString xmlns=\"{Tt}\"><Type>Time</Type></TextString>"), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "empty plain text", Osd(Tr2, PlainAt("", 0, 0)), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "colour outside 0..255", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>UpperLeft</Type></Position><TextString xmlns=\"{Tt}\"><Type>Plain</Type><FontColor><Color X=\"300\" Y=\"0\" Z=\"0\"/></FontColor><PlainText>x</PlainText></TextString>"), "env:Sender ter:InvalidArgVal ter:ConfigModify" },
        { "no Position", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><TextString xmlns=\"{Tt}\"><Type>Plain</Type><PlainText>x</PlainText></TextString>"), "env:Sender ter:InvalidArgs" },
        { "Pos x not a number", Osd(Tr2, $"<Type xmlns=\"{Tt}\">Text</Type><Position xmlns=\"{Tt}\"><Type>Custom</Type><Pos x=\"left\" y=\"0\"/></Position><TextString xmlns=\"{Tt}\"><Type>Plain</Type><PlainText>x</PlainText></TextString>"), "env:Sender ter:InvalidArgs" },
    };

    [Theory]
    [MemberData(nameof(RefusedOsds))]
    public async Task Media2_CreateOSD_refuses_what_the_options_do_not_offer_and_changes_nothing(string why, string osd, string codes)
    {
        var rig = new Rig();
        var reason = await rig.Media2.FaultAsync(Create(Tr2, osd), codes);
        Assert.False(string.IsNullOrWhiteSpace(reason), why);
        Assert.Empty(rig.Osds.All);
        Assert.Null(rig.Device.Store.Read(CameraOsds.DocumentName));
    }

    [Fact]
    public async Task Media2_CreateOSD_beyond_the_maximum_is_MaxOSDs()
    {
        var rig = new Rig();
        for (int i = 0; i < OsdOptions.MaxOsdsPerConfiguration; i++) await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt($"Line {i}", 0, 0))));
        await rig.Media2.FaultAsync(Create(Tr2, Osd(Tr2, PlainAt("One too many", 0, 0))), "env:Receiver ter:Action ter:MaxOSDs");
        Assert.Equal(OsdOptions.MaxOsdsPerConfiguration, rig.Osds.All.Count);
        // The other configuration has its own allowance.
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("Wide", 0, 0), configuration: "VideoSourceConfig_2")));
    }

    [Fact]
    public async Task Changing_OSDs_needs_an_operator_reading_them_any_user()
    {
        var rig = new Rig();
        await rig.Media2.FaultAsync(Create(Tr2, Osd(Tr2, PlainAt("x", 0, 0))), "env:Sender ter:NotAuthorized", TestDevice.Viewer);
        await rig.Media2.OkAsync(Create(Tr2, Osd(Tr2, PlainAt("x", 0, 0))), TestDevice.Operator);
        await rig.Media2.OkAsync($"<GetOSDs xmlns=\"{Tr2}\"/>", TestDevice.Viewer);
    }

    [Fact]
    public async Task Media_ver10_serves_the_same_OSDs_with_each_operation_and_its_faults()
    {
        var rig = new Rig();
        var created = await rig.Media.OkAsync(Create(Trt, Osd(Trt, DateAndTimeUpperLeft)));
        Assert.Equal("OSD_1", created.Value("OSDToken"));
        Assert.Equal("OSD_1", Assert.Single((await rig.Media2.OkAsync($"<GetOSDs xmlns=\"{Tr2}\"/>")).All("OSDs")).Attribute("token")!.Value);

        var one = await rig.Media.OkAsync($"<GetOSD xmlns=\"{Trt}\"><OSDToken>OSD_1</OSDToken></GetOSD>");
        Assert.Equal("DateAndTime", one.All("TextString").Single().Elements().First().Value);
        Assert.Single((await rig.Media.OkAsync($"<GetOSDs xmlns=\"{Trt}\"/>")).All("OSDs"));
        Assert.Single((await rig.Media.OkAsync($"<GetOSDs xmlns=\"{Trt}\"><ConfigurationToken>VideoSourceConfig_1</ConfigurationToken></GetOSDs>")).All("OSDs"));
        Assert.Empty((await rig.Media.OkAsync($"<GetOSDs xmlns=\"{Trt}\"><ConfigurationToken>VideoSourceConfig_2</ConfigurationToken></GetOSDs>")).All("OSDs"));
        await rig.Media.OkAsync($"<GetOSDOptions xmlns=\"{Trt}\"><ConfigurationToken>VideoSourceConfig_2</ConfigurationToken></GetOSDOptions>");
        await rig.Media.OkAsync($"<SetOSD xmlns=\"{Trt}\">{Osd(Trt, PlainAt("Changed", 0, 0), token: "OSD_1")}</SetOSD>");
        Assert.Equal("Changed", rig.Osds.Get("OSD_1").Text.PlainText);

        await rig.Media.FaultAsync($"<GetOSD xmlns=\"{Trt}\"><OSDToken>OSD_5</OSDToken></GetOSD>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media.FaultAsync($"<GetOSDs xmlns=\"{Trt}\"><ConfigurationToken>Nope</ConfigurationToken></GetOSDs>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media.FaultAsync($"<GetOSDOptions xmlns=\"{Trt}\"><ConfigurationToken>Nope</ConfigurationToken></GetOSDOptions>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media.FaultAsync(Create(Trt, Osd(Trt, PlainAt("x", 0, 0), configuration: "Nope")), "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media.FaultAsync($"<SetOSD xmlns=\"{Trt}\">{Osd(Trt, PlainAt("x", 0, 0), token: "OSD_5")}</SetOSD>", "env:Sender ter:InvalidArgVal ter:NoConfig");
        await rig.Media.FaultAsync($"<SetOSD xmlns=\"{Trt}\">{Osd(Trt, PlainAt("x", 0, 2), token: "OSD_1")}</SetOSD>", "env:Sender ter:InvalidArgVal ter:ConfigModify");
        for (int i = 1; i < OsdOptions.MaxOsdsPerConfiguration; i++) await rig.Media.OkAsync(Create(Trt, Osd(Trt, PlainAt($"Line {i}", 0, 0))));
        await rig.Media.FaultAsync(Create(Trt, Osd(Trt, PlainAt("x", 0, 0))), "env:Receiver ter:Action ter:MaxOSDs");

        await rig.Media.OkAsync($"<DeleteOSD xmlns=\"{Trt}\"><OSDToken>OSD_1</OSDToken></DeleteOSD>");
        await rig.Media.FaultAsync($"<DeleteOSD xmlns=\"{Trt}\"><OSDToken>OSD_1</OSDToken></DeleteOSD>", "env:Sender ter:InvalidArgVal ter:NoConfig");
    }

    [Fact]
    public void The_text_of_date_and_time_OSDs_follows_the_formats_the_schema_defines()
    {
        var at = new DateTime(2013, 3, 6, 14, 14, 21);
        string Text(OsdTextType type, string? date, string? time) => CameraOsds.TextAt(new OsdText(type, "Gate", date, time, 32, null, null), at);
        Assert.Equal("3/6/2013", Text(OsdTextType.Date, "M/d/yyyy", null));
        Assert.Equal("Wednesday, March 06, 2013", Text(OsdTextType.Date, "dddd, MMMM dd, yyyy", null));
        Assert.Equal("06 March, 2013", Text(OsdTextType.Date, "dd MMMM, yyyy", null));
        Assert.Equal("2:14:21 PM", Text(OsdTextType.Time, null, "h:mm:ss tt"));
        Assert.Equal("2013-03-06 14:14:21", Text(OsdTextType.DateAndTime, "yyyy-MM-dd", "HH:mm:ss"));
        Assert.Equal("Gate", Text(OsdTextType.Plain, null, null));
    }
}
