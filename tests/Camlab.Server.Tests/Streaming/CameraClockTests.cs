using System.Globalization;
using System.Net.Http.Json;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// SetSystemDateAndTime (Manual) moves every timestamp the camera gives by the same offset: the SOAP clock, the
/// video channel header of a new frame and event times.
/// </summary>
public sealed class CameraClockTests
{
    private const string Tds = "http://www.onvif.org/ver10/device/wsdl";
    private const string Tt = "http://www.onvif.org/ver10/schema";

    [Fact]
    public async Task Setting_the_camera_clock_moves_soap_frame_and_event_times_by_the_same_offset()
    {
        var hostStart = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using var rig = await StreamingRig.StartAsync(start: hostStart);
        var server = rig.Server;
        var offset = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(7);
        var target = hostStart + offset;

        var set = await server.CallAsync($"<SetSystemDateAndTime xmlns=\"{Tds}\"><DateTimeType>Manual</DateTimeType><DaylightSavings>false</DaylightSavings>" +
            $"<UTCDateTime><Time xmlns=\"{Tt}\"><Hour>{target.Hour}</Hour><Minute>{target.Minute}</Minute><Second>{target.Second}</Second></Time>" +
            $"<Date xmlns=\"{Tt}\"><Year>{target.Year}</Year><Month>{target.Month}</Month><Day>{target.Day}</Day></Date></UTCDateTime></SetSystemDateAndTime>");
        set.AssertOk();
        OnvifSchemaValidator.AssertValid(set.Text);
        rig.Time.Advance(TimeSpan.FromSeconds(3));

        // GetSystemDateAndTime needs no credentials: a client reads it to learn the skew.
        var now = await server.PostAsync("/onvif/device_service", ServerHarness.Envelope($"<GetSystemDateAndTime xmlns=\"{Tds}\"/>"));
        now.AssertOk();
        var utc = now.Body.Find("UTCDateTime");
        int Part(string name) => int.Parse(utc.Find(name).Value, CultureInfo.InvariantCulture);
        var reported = new DateTimeOffset(Part("Year"), Part("Month"), Part("Day"), Part("Hour"), Part("Minute"), Part("Second"), TimeSpan.Zero);
        Assert.Equal(rig.Time.GetUtcNow() + offset, reported);

        // A client that learnt the skew stamps its UsernameToken on the camera's clock.
        Task<SoapAnswer> Call(string body, string path) =>
            server.PostAsync(path, ServerHarness.Envelope(body, server.Token("admin", ServerHarness.AdminPassword, rig.Time.GetUtcNow() + offset)));
        var created = await Call("<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>", "/onvif/event_service");
        created.AssertOk();
        var subscription = new Uri(created.Body.Find("Address").Value).AbsolutePath;
        Assert.Equal(rig.Time.GetUtcNow() + offset, DateTimeOffset.Parse(created.Body.Find("CurrentTime").Value, CultureInfo.InvariantCulture));

        Assert.True((await rig.Client.PostAsJsonAsync("/api/v1/cameras/1/faults", new { set = new[] { "DigitalInput_1=true" } })).IsSuccessStatusCode);
        var pulled = await Call("<PullMessages xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Timeout>PT0S</Timeout><MessageLimit>1000</MessageLimit></PullMessages>", subscription);
        pulled.AssertOk();
        OnvifSchemaValidator.AssertValid(pulled.Text);
        var input = pulled.Body.Descendants().Where(e => e.Name.LocalName == "NotificationMessage")
            .Last(m => m.Topic().EndsWith("Device/Trigger/DigitalInput", StringComparison.Ordinal));
        var eventTime = DateTimeOffset.Parse(input.Descendants().First(e => e.Name == HostSoap.Tt + "Message").Attribute("UtcTime")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal(rig.Time.GetUtcNow() + offset, eventTime);

        var stream = await rig.CreateStreamAsync(new { profile = "Profile_1", width = 320, height = 180, fps = 10, quality = 70 });
        using var socket = await rig.ConnectAsync(stream.GetProperty("urls").GetProperty("webSocket").GetString()!);
        var before = rig.Time.GetUtcNow();
        var header = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
        Assert.InRange((long)header.TimestampUtcMs, (before + offset).ToUnixTimeMilliseconds(), (rig.Time.GetUtcNow() + offset).ToUnixTimeMilliseconds());
        // Frames keep coming at the viewer's rate after the jump: pacing is on the host's clock.
        var next = StreamingRig.Header(await rig.ReceiveFrameAsync(socket));
        Assert.True(next.TimestampUtcMs > header.TimestampUtcMs);
    }
}
