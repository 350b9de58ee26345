using System.Net;
using System.Text;
using System.Text.Json;
using Camlab.Testing;

namespace Camlab.Server.Tests.Imaging;

/// <summary>The fault-injection HTTP API: HTTP Digest, Operator or Administrator, all-or-nothing, JSON answers.</summary>
public class FaultApiTests
{
    private const string Faults = "/api/v1/cameras/1/faults";

    public static HttpClient Client(ServerHarness server, string user, string password) =>
        new(new HttpClientHandler { Credentials = new NetworkCredential(user, password) }) { BaseAddress = server.Host.BaseUri };

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Report(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static JsonElement Condition(JsonElement report, string source, string condition) =>
        report.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("source").GetString() == source && c.GetProperty("condition").GetString() == condition);

    [Fact]
    public async Task Needs_digest_credentials_of_an_operator_or_administrator()
    {
        await using var server = await ServerHarness.StartAsync(configure: o => o with { Users = [.. o.Users, new() { Name = "op", Password = "op-pw", Level = "Operator" }] });
        var anonymous = await server.Client.GetAsync(Faults);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Digest");

        using (var viewer = Client(server, "viewer", ServerHarness.ViewerPassword))
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(Faults)).StatusCode);
        using (var wrong = Client(server, "admin", "not-the-password"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(Faults)).StatusCode);
        using (var op = Client(server, "op", "op-pw"))
            Assert.False(Condition(await Report(await op.GetAsync(Faults)), "VideoSource_1", "ImageTooDark").GetProperty("state").GetBoolean());
        using (var admin = Client(server, "admin", ServerHarness.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/cameras/2/faults")).StatusCode);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PutAsync(Faults, Json("{}"))).StatusCode);
        }
    }

    [Fact]
    public async Task Post_applies_every_instruction_or_none_and_delete_releases_everything()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await ServerHarness.StartAsync(time: clock);
        using var admin = Client(server, "admin", ServerHarness.AdminPassword);
        var imaging = server.Host.Cameras[0].Imaging!;

        var set = await Report(await admin.PostAsync(Faults, Json("{\"set\": [\"VideoSource_1/ImageTooBright=true\", \"VideoSource_1/FocusMotor=gear stripped\", \"VideoSource_2/MotionAlarm=on\"]}")));
        var bright = Condition(set, "VideoSource_1", "ImageTooBright");
        Assert.True(bright.GetProperty("state").GetBoolean());
        Assert.True(bright.GetProperty("forced").GetBoolean());
        Assert.True(imaging.Alarms.State("VideoSource_2", Camlab.Device.Imaging.VideoSourceCondition.MotionAlarm));
        var motor = Assert.Single(set.GetProperty("focusMotors").EnumerateArray());
        Assert.Equal("gear stripped", motor.GetProperty("error").GetString());
        Assert.Equal("gear stripped", imaging.Imaging.Source("VideoSource_1").FocusStatus!.Error);

        // One bad instruction (unknown source, unknown condition, a fixed-focus source without motor...): nothing happens.
        foreach (var body in new[]
                 {
                     "{\"set\": [\"VideoSource_1/ImageTooDark=true\", \"VideoSource_9/ImageTooDark=true\"]}",
                     "{\"set\": [\"VideoSource_1/ImageTooDark=true\", \"VideoSource_1/Smoke=true\"]}",
                     "{\"set\": [\"VideoSource_1/ImageTooDark=true\", \"VideoSource_2/FocusMotor=stuck\"]}",
                     "{\"set\": []}", "not json", "{\"set\": [\"VideoSource_1/ImageTooDark=true\"], \"extra\": 1}",
                 })
        {
            var refused = await admin.PostAsync(Faults, Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("error", await refused.Content.ReadAsStringAsync());
            Assert.False(imaging.Alarms.State("VideoSource_1", Camlab.Device.Imaging.VideoSourceCondition.ImageTooDark), body);
        }

        var cleared = await Report(await admin.DeleteAsync(Faults));
        Assert.All(cleared.GetProperty("conditions").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("forced").ValueKind));
        Assert.Empty(cleared.GetProperty("focusMotors").EnumerateArray());
        Assert.Null(imaging.Imaging.Source("VideoSource_1").FocusStatus!.Error);
    }
}
