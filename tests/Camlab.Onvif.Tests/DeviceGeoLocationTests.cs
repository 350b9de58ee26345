using Camlab.Device.Geo;
using Camlab.Device.Ptz.Geo;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests;

/// <summary>GetGeoLocation / SetGeoLocation of the device service, raw envelopes (answers schema-validated).</summary>
public class DeviceGeoLocationTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";
    private readonly TestDevice _device = new();

    private static string Set(string entity) => $"<SetGeoLocation xmlns=\"{Tds}\">{entity}</SetGeoLocation>";

    private static string Entity(string? geo, string? pan, string entity = "Device") =>
        $"<Location Entity=\"{entity}\">" + (geo is null ? "" : $"<GeoLocation xmlns=\"{Tt}\" {geo}/>") +
        (pan is null ? "" : $"<LocalOrientation xmlns=\"{Tt}\" pan=\"{pan}\"/>") + "</Location>";

    [Fact]
    public async Task Get_answers_the_configured_location_and_heading()
    {
        var answer = await _device.OkAsync($"<GetGeoLocation xmlns=\"{Tds}\"/>");
        var location = answer.All("Location").Single();
        Assert.Equal("Device", location.Attribute("Entity")?.Value);
        var geo = answer.All("GeoLocation").Single();
        Assert.Equal("52.52", geo.Attribute("lat")?.Value);
        Assert.Equal("13.405", geo.Attribute("lon")?.Value);
        Assert.Equal("34", geo.Attribute("elevation")?.Value);
        Assert.Equal("30", answer.All("LocalOrientation").Single().Attribute("pan")?.Value);
    }

    [Fact]
    public async Task Set_changes_the_location_and_heading_persists_them_and_get_reads_them_back()
    {
        await _device.OkAsync(Set(Entity("lat=\"-33.8568\" lon=\"151.2153\" elevation=\"12.5\"", "275")));
        Assert.Equal(new CameraLocationValue(new GeoLocation(-33.8568, 151.2153, 12.5), 275), _device.Location.Current);
        var answer = await _device.OkAsync($"<GetGeoLocation xmlns=\"{Tds}\"/>");
        Assert.Equal("-33.8568", answer.All("GeoLocation").Single().Attribute("lat")?.Value);
        Assert.Equal("275", answer.All("LocalOrientation").Single().Attribute("pan")?.Value);

        // A camera started on the same store reads the set value, not its configured one.
        var restarted = new CameraLocation(_device.Store, new(new GeoLocation(1, 2, 3), 4));
        Assert.Equal(_device.Location.Current, restarted.Current);

        // Only the heading: the location stays.
        await _device.OkAsync(Set(Entity(null, "90")));
        Assert.Equal(new CameraLocationValue(new GeoLocation(-33.8568, 151.2153, 12.5), 90), _device.Location.Current);
    }

    [Theory]
    [InlineData("lat=\"90.5\" lon=\"0\" elevation=\"0\"", null, "Device")]
    [InlineData("lat=\"-91\" lon=\"0\" elevation=\"0\"", null, "Device")]
    [InlineData("lat=\"0\" lon=\"180.01\" elevation=\"0\"", null, "Device")]
    [InlineData("lat=\"0\" lon=\"-181\" elevation=\"0\"", null, "Device")]
    [InlineData("lat=\"0\" lon=\"0\" elevation=\"INF\"", null, "Device")]
    [InlineData("lat=\"0\" lon=\"0\" elevation=\"NaN\"", null, "Device")]
    [InlineData("lat=\"0\" lon=\"0\"", null, "Device")]
    [InlineData("lat=\"0\" lon=\"0\" elevation=\"0\"", "400", "Device")]
    [InlineData("lat=\"0\" lon=\"0\" elevation=\"0\"", "NaN", "Device")]
    [InlineData("lat=\"0\" lon=\"0\" elevation=\"0\"", "0", "VideoSource")]
    public async Task Invalid_location_faults_InvalidArgVal_and_changes_nothing(string geo, string? pan, string entity)
    {
        var before = _device.Location.Current;
        await _device.FaultAsync(Set(Entity(geo, pan, entity)), "env:Sender ter:InvalidArgVal ter:InvalidLocation");
        Assert.Equal(before, _device.Location.Current);
        Assert.Null(_device.Store.Read(CameraLocation.Document));
    }

    [Fact]
    public async Task Delete_forgets_the_position_keeps_the_heading_and_a_restart_does_not_bring_it_back()
    {
        await _device.FaultAsync($"<DeleteGeoLocation xmlns=\"{Tds}\">{Entity(null, null, "VideoSource")}</DeleteGeoLocation>",
            "env:Sender ter:InvalidArgVal ter:InvalidLocation");
        Assert.NotNull(_device.Location.Current.Location);

        await _device.OkAsync($"<DeleteGeoLocation xmlns=\"{Tds}\">{Entity(null, null)}</DeleteGeoLocation>");
        Assert.Equal(new CameraLocationValue(null, 30), _device.Location.Current);
        var answer = await _device.OkAsync($"<GetGeoLocation xmlns=\"{Tds}\"/>");
        Assert.Equal("Device", answer.All("Location").Single().Attribute("Entity")?.Value);
        Assert.Empty(answer.All("GeoLocation"));
        Assert.Equal("30", answer.All("LocalOrientation").Single().Attribute("pan")?.Value);
        // Stored: a camera started on the same store stays without a position, whatever it was configured with.
        Assert.Null(new CameraLocation(_device.Store, new(new GeoLocation(1, 2, 3), 4)).Current.Location);
    }

    [Fact]
    public async Task Two_entities_fault_and_change_nothing()
    {
        var before = _device.Location.Current;
        var valid = Entity("lat=\"1\" lon=\"1\" elevation=\"1\"", "1");
        await _device.FaultAsync(Set(valid + valid), "env:Sender ter:InvalidArgVal ter:InvalidLocation");
        Assert.Equal(before, _device.Location.Current);
    }

    [Fact]
    public async Task Set_needs_write_system_and_get_read_system()
    {
        var set = await _device.CallAsync(Set(Entity("lat=\"1\" lon=\"1\" elevation=\"1\"", "1")), TestDevice.Viewer);
        Assert.Equal("env:Sender ter:NotAuthorized", set.FaultCodes);
        (await _device.CallAsync($"<GetGeoLocation xmlns=\"{Tds}\"/>", TestDevice.Viewer)).AssertOk();
    }
}
