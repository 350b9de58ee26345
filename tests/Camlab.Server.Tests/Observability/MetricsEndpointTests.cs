using System.Net;
using Camlab.Server.Hosting;
using Camlab.Server.Observability;
using Camlab.Server.Streaming;
using Camlab.Rendering.Encoding;
using Camlab.VideoChannel;

namespace Camlab.Server.Tests.Observability;

/// <summary><c>/metrics</c>: who may read it, and that what it says follows what the host did.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_need_a_camera_user_unless_served_anonymously()
    {
        await using (var server = await ServerHarness.StartAsync())
        {
            using var anonymous = await server.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Digest");
            using var handler = new HttpClientHandler { Credentials = new NetworkCredential("viewer", "wrong") };
            using var wrong = new HttpClient(handler) { BaseAddress = server.Host.BaseUri };
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
            // Any user (READ_SYSTEM): the viewer reads it.
            var metrics = await MetricsText.ScrapeAsync(server.Host.BaseUri);
            Assert.Equal(1, metrics.Value("camlab_cameras"));
            using var post = await server.Client.PostAsync("/metrics", new StringContent(""));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        }
        await using (var server = await ServerHarness.StartAsync(cameras: 2, configure: o => o with { Metrics = new MetricsOptions { Anonymous = true } }))
        {
            using var anonymous = await server.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Contains("camlab_cameras 2", await anonymous.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Soap_requests_and_faults_are_counted_per_camera_service_and_operation()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2);
        Assert.Equal(200, (await server.CallAsync("<tds:GetDeviceInformation xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>")).Status);
        Assert.Equal(200, (await server.CallAsync("<tds:GetDeviceInformation xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>")).Status);
        // A wrong password: a fault of the operation the body named.
        Assert.NotEqual(200, (await server.CallAsync("<tds:GetDeviceInformation xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>", password: "wrong")).Status);
        // An operation no service has: counted under "unknown", never under a name the client made up.
        Assert.NotEqual(200, (await server.CallAsync("<x:MadeUp xmlns:x=\"urn:nowhere\"/>", path: "/cameras/2/onvif/device_service")).Status);

        var metrics = await MetricsText.ScrapeAsync(server.Host.BaseUri);
        string[] info = ["camera=\"1\"", "service=\"device_service\"", "operation=\"GetDeviceInformation\""];
        Assert.Equal(3, metrics.Value("camlab_soap_requests_total", info));
        Assert.Equal(1, metrics.Value("camlab_soap_faults_total", info));
        string[] unknown = ["camera=\"2\"", "service=\"device_service\"", "operation=\"unknown\""];
        Assert.Equal(1, metrics.Value("camlab_soap_requests_total", unknown));
        Assert.Equal(1, metrics.Value("camlab_soap_faults_total", unknown));
        Assert.DoesNotContain("MadeUp", metrics.Text);
        Assert.Null(metrics.Value("camlab_soap_requests_total", "camera=\"2\"", "operation=\"GetDeviceInformation\""));
    }

    [Fact]
    public void A_sink_counts_what_it_delivers_and_drops_under_its_camera_and_kind()
    {
        var site = new SiteMetrics();
        var meter = site.ForCamera(3).Sink(SinkKind.Mjpeg);
        Assert.Same(meter, site.ForCamera(3).Sink(SinkKind.Mjpeg));
        var sink = new FrameSink(fps: 60, capacity: 2, meter);
        var start = DateTimeOffset.UnixEpoch;
        for (var n = 1; n <= 5; n++)
            sink.Offer(new EncodedFrame([1], VideoCodec.Jpeg, true, start, n, default, LiveFlags.LiveFeed, 0, "", null, default) { RenderedAt = start + TimeSpan.FromSeconds(n) });
        Assert.True(sink.TryRead(out _));
        Assert.True(sink.TryRead(out _));
        Assert.False(sink.TryRead(out _));

        using var text = new MemoryStream();
        site.WriteAsync(text, CancellationToken.None).GetAwaiter().GetResult();
        var exported = System.Text.Encoding.UTF8.GetString(text.ToArray());
        Assert.Equal(3, sink.Dropped);
        Assert.Contains("camlab_frames_dropped_total{camera=\"3\",sink=\"mjpeg\"} 3", exported);
        Assert.Contains("camlab_frames_delivered_total{camera=\"3\",sink=\"mjpeg\"} 2", exported);
    }

    [RequiresVideoFact]
    public async Task Rendering_a_snapshot_a_stream_and_a_recording_shows_in_the_frame_metrics()
    {
        await using var server = await ServerHarness.StartAsync(configure: o => o with { Recording = o.Recording with { Enabled = true } });
        using var handler = new HttpClientHandler { Credentials = new NetworkCredential("admin", ServerHarness.AdminPassword) };
        using var client = new HttpClient(handler) { BaseAddress = server.Host.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/snapshot/Profile_2.jpg")).StatusCode);

        // While an MJPEG viewer is connected it is one viewer; its frames count as delivered to mjpeg.
        using (var mjpeg = await client.GetAsync("/mjpeg/Profile_2", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await mjpeg.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            var read = 0;
            while (read < 2 * 1024) read += await body.ReadAsync(buffer);
            var watching = await MetricsText.ScrapeAsync(server.Host.BaseUri);
            Assert.Equal(1, watching.Value("camlab_viewers", "camera=\"1\"", "sink=\"mjpeg\""));
        }

        // The recorder (Profile_1 at 5 fps) appends on its own: wait for its first bytes (real I/O, not simulated motion),
        // and for the server to see the MJPEG client gone (its next write fails).
        MetricsText metrics;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        do metrics = await MetricsText.ScrapeAsync(server.Host.BaseUri);
        while (((metrics.Value("camlab_recorder_bytes_total", "camera=\"1\"", "profile=\"Profile_1\"") ?? 0) == 0
                || metrics.Value("camlab_viewers", "camera=\"1\"", "sink=\"mjpeg\"") != 0) && DateTime.UtcNow < deadline);

        Assert.True(metrics.Value("camlab_recorder_bytes_total", "camera=\"1\"", "profile=\"Profile_1\"") > 0);
        Assert.NotNull(metrics.Value("camlab_recorder_lag_seconds", "camera=\"1\"", "profile=\"Profile_1\""));
        Assert.True(metrics.Value("camlab_frames_delivered_total", "camera=\"1\"", "sink=\"recorder\"") >= 1);
        Assert.True(metrics.Value("camlab_frames_delivered_total", "camera=\"1\"", "sink=\"snapshot\"") >= 1);
        Assert.True(metrics.Value("camlab_frames_delivered_total", "camera=\"1\"", "sink=\"mjpeg\"") >= 1);
        // Every frame produced was rendered and encoded once; loops still running may be a frame apart between families.
        var rendered = metrics.Value("camlab_frames_rendered_total", "camera=\"1\"")!.Value;
        Assert.True(rendered >= 3);
        Assert.InRange(metrics.Value("camlab_encode_seconds_count", "camera=\"1\"")!.Value, rendered - 3, rendered + 3);
        Assert.InRange(metrics.Value("camlab_render_seconds_count", "camera=\"1\"")!.Value, rendered - 3, rendered + 6);
        Assert.True(metrics.Value("camlab_render_seconds_sum", "camera=\"1\"") > 0);
        Assert.Equal(0, metrics.Value("camlab_viewers", "camera=\"1\"", "sink=\"mjpeg\"")); // the viewer left
        Assert.Equal(0, metrics.Value("camlab_rtsp_sessions", "camera=\"1\""));
        Assert.NotNull(metrics.Value("process_cpu_seconds_total"));
    }
}
