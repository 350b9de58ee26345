using System.Diagnostics;
using System.Text.Json;
using Camlab.Rendering;
using Camlab.VideoChannel;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Tests.Streaming;

/// <summary>Bytes captured from an HTTP push stream decode with <c>camlab frames dump</c> and carry the live headers.</summary>
public sealed class FramesDumpTests
{
    [Fact]
    public async Task Captured_http_push_bytes_dump_with_the_live_headers()
    {
        await using var rig = await StreamingRig.StartAsync();
        rig.State!.Masks = [new PrivacyMask([new PanTilt(-5, -10), new PanTilt(5, -10), new PanTilt(0, 0)])];
        var created = await rig.CreateStreamAsync(new { profile = "Profile_2", width = 320, height = 180, fps = 25,
            crop = new { SrcLeft = 320, SrcTop = 180, SrcRight = 1600, SrcBottom = 900 } });
        using var response = await rig.Pump(rig.Client.GetAsync(created.GetProperty("urls").GetProperty("httpPush").GetString()!, HttpCompletionOption.ResponseHeadersRead));
        await using var body = await response.Content.ReadAsStreamAsync();

        // Capture exactly three frames' bytes as they came over the wire.
        var capture = new MemoryStream();
        await using (var reader = new FrameStreamReader(body, leaveOpen: true))
            for (int i = 0; i < 3; i++)
            {
                Assert.True(await rig.Pump(reader.ReadNextAsync().AsTask()));
                capture.Write(reader.FrameBytes.Span);
            }
        var file = Path.Combine(rig.Server.Data, "capture.bin");
        await File.WriteAllBytesAsync(file, capture.ToArray());

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Camlab.Cli.Program).Assembly.Location);
        foreach (var a in new[] { "frames", "dump", file }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        for (int i = 0; i < 3; i++)
        {
            var f = lines[i];
            Assert.Equal(created.GetProperty("videoId").GetGuid(), f.GetProperty("videoId").GetGuid());
            Assert.Equal(i + 1, f.GetProperty("frameCount").GetInt32());
            var size = f.GetProperty("sizeInfo");
            Assert.Equal((1920, 1080, 320, 180, 1600, 900, 320, 180, 4_000_000),
                (size.GetProperty("srcStrideX").GetInt32(), size.GetProperty("srcStrideY").GetInt32(), size.GetProperty("srcLeft").GetInt32(),
                 size.GetProperty("srcTop").GetInt32(), size.GetProperty("srcRight").GetInt32(), size.GetProperty("srcBottom").GetInt32(),
                 size.GetProperty("destStrideX").GetInt32(), size.GetProperty("destStrideY").GetInt32(), size.GetProperty("resamplingTag").GetInt32()));
            Assert.True((f.GetProperty("liveInfo").GetProperty("currentFlags").GetUInt32() & (uint)LiveFlags.LiveFeed) != 0);
            Assert.True(f.TryGetProperty("motion", out _));
            Assert.Equal(LocationInfo.EncodeLatitude(55.6761), f.GetProperty("location").GetProperty("latitude").GetUInt32());
            Assert.Equal("JPEG", f.GetProperty("streamInfo").GetProperty("dataType").GetString());
            Assert.Equal(40u, f.GetProperty("streamInfo").GetProperty("timeBetweenFrames").GetUInt32());
            Assert.Equal(i == 0, f.TryGetProperty("nativeData", out var native));
            if (i == 0) Assert.Equal("-5,-10 5,-10 0,0", native.GetProperty("privacyMask").GetString());
        }
    }

    [Fact]
    public async Task A_second_camera_serves_video_under_its_own_path()
    {
        await using var server = await ServerHarness.StartAsync(cameras: 2);
        using var client = new HttpClient(new HttpClientHandler { Credentials = new System.Net.NetworkCredential("admin", ServerHarness.AdminPassword) })
            { BaseAddress = server.Host.BaseUri };
        var jpeg = await client.GetByteArrayAsync("/cameras/2/snapshot/Profile_2.jpg");
        Assert.True(StreamingRig.IsJpeg(jpeg));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/cameras/3/snapshot/Profile_2.jpg")).StatusCode);
    }
}
