using Camlab.Device.Geo;
using Camlab.Device.Ptz.Geo;
using Camlab.Server.Hosting;
using Camlab.Testing;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Streaming;

/// <summary>SetGeoLocation through the host: the next frame's 0x20 location header follows it, a restart keeps it, a hard factory default drops it.</summary>
public sealed class GeoLocationHostTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";

    private static ServerOptions Placed(ServerOptions o) => o with
    {
        Camera = new CameraOptions { Geolocation = new GeolocationOption { Latitude = -33.8568, Longitude = 151.2153, Altitude = 5 }, Yaw = 270 },
    };

    // A new stream starts with the last key frame the source rendered, which may predate the change: the first
    // frame rendered after it is at most a few frames later.
    private static async Task<LocationInfo> NextLocation(StreamingRig rig, double latitude)
    {
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2" });
        using var socket = await rig.ConnectAsync(created.GetProperty("urls").GetProperty("webSocket").GetString()!);
        LocationInfo location = default;
        for (var i = 0; i < 5; i++)
        {
            location = StreamingRig.Header(await rig.ReceiveFrameAsync(socket)).LocationInfo!.Value;
            if (Math.Abs(location.LatitudeDegrees - latitude) < 1e-6) break;
        }
        return location;
    }

    [Fact]
    public async Task SetGeoLocation_moves_the_location_header_survives_a_restart_and_a_hard_factory_default_drops_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "camlab-test-" + Guid.NewGuid().ToString("N"));
        var rig = await StreamingRig.StartAsync(steerable: false, configure: Placed, data: data);
        var before = await NextLocation(rig, -33.8568);
        Assert.Equal(-33.8568, before.LatitudeDegrees, 6);
        Assert.Equal(270, before.AzimuthDegrees, 6);

        var set = await rig.Server.CallAsync($"<SetGeoLocation xmlns=\"{Tds}\"><Location Entity=\"Device\">" +
            $"<GeoLocation xmlns=\"{Tt}\" lon=\"2.2945\" lat=\"48.8584\" elevation=\"35\"/><LocalOrientation xmlns=\"{Tt}\" pan=\"120\"/></Location></SetGeoLocation>");
        set.AssertOk();
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(set.Text);
        var after = await NextLocation(rig, 48.8584);
        Assert.Equal(48.8584, after.LatitudeDegrees, 6);
        Assert.Equal(2.2945, after.LongitudeDegrees, 6);
        Assert.Equal(35, after.AltitudeMetres);
        Assert.Equal(120, after.AzimuthDegrees, 6);
        // GeoMove aims from the same value.
        Assert.Equal(new CameraGeoPose(new GeoLocation(48.8584, 2.2945, 35), 120), rig.Server.Host.Cameras[0].GeoPose);

        // A restart on the same data directory, with the same configuration, keeps the set value.
        await rig.Server.Host.DisposeAsync();
        await using var again = await StreamingRig.StartAsync(steerable: false, configure: Placed, data: data);
        var restarted = await NextLocation(again, 48.8584);
        Assert.Equal(48.8584, restarted.LatitudeDegrees, 6);
        Assert.Equal(120, restarted.AzimuthDegrees, 6);
        var got = await again.Server.CallAsync($"<GetGeoLocation xmlns=\"{Tds}\"/>");
        got.AssertOk();
        Assert.Contains("lat=\"48.8584\"", got.Text, StringComparison.Ordinal);

        // A hard factory default goes back to the configured placement.
        again.Server.Host.Cameras[0].FactoryDefault(hard: true);
        Assert.Equal(new CameraLocationValue(new GeoLocation(-33.8568, 151.2153, 5), 270), again.Server.Host.Cameras[0].Location.Current);
        Assert.Equal(-33.8568, (await NextLocation(again, -33.8568)).LatitudeDegrees, 6);
    }
}
