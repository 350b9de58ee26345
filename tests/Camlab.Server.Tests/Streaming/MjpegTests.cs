using System.Diagnostics;
using System.Net;
using System.Text;
using Camlab.Rendering.Jpeg;
using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>MJPEG over HTTP and snapshots: real JPEG pictures at the profile's size; ffprobe decodes the stream.</summary>
public sealed class MjpegTests
{
    [Fact]
    public async Task Snapshot_is_a_jpeg_of_the_profile_size()
    {
        await using var rig = await StreamingRig.StartAsync();
        using var response = await rig.Pump(rig.Client.GetAsync("/snapshot/Profile_1.jpg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var jpeg = await response.Content.ReadAsByteArrayAsync();
        Assert.True(StreamingRig.IsJpeg(jpeg));
        using var decoder = new JpegDecoder();
        var picture = decoder.Decode(jpeg);
        Assert.Equal((1920, 1080), (picture.Width, picture.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/snapshot/Profile_7.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Client.GetAsync("/snapshot/Profile_1.png")).StatusCode);
    }

    [Fact]
    public async Task Mjpeg_is_multipart_with_one_jpeg_per_part()
    {
        await using var rig = await StreamingRig.StartAsync();
        using var response = await rig.Pump(rig.Client.GetAsync("/mjpeg/Profile_2", HttpCompletionOption.ResponseHeadersRead));
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType!.MediaType);
        var boundary = response.Content.Headers.ContentType.Parameters.Single(p => p.Name == "boundary").Value;
        await using var body = await response.Content.ReadAsStreamAsync();
        using var decoder = new JpegDecoder();
        for (int part = 0; part < 3; part++)
        {
            var headers = await rig.Pump(ReadLinesUntilBlankAsync(body));
            Assert.Equal("--" + boundary, headers[0]);
            Assert.Contains("Content-Type: image/jpeg", headers);
            int length = int.Parse(headers.Single(h => h.StartsWith("Content-Length: ", StringComparison.Ordinal))["Content-Length: ".Length..]);
            var jpeg = new byte[length + 2];
            await rig.Pump(body.ReadExactlyAsync(jpeg).AsTask());
            Assert.Equal("\r\n"u8.ToArray(), jpeg[^2..]);
            Assert.True(StreamingRig.IsJpeg(jpeg.AsSpan(0, length)));
            Assert.Equal(640, decoder.ReadHeader(jpeg.AsSpan(0, length)).Width);
        }
    }

    private static async Task<List<string>> ReadLinesUntilBlankAsync(Stream body)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            await body.ReadExactlyAsync(one);
            if (one[0] == '\n')
            {
                var text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (text.Length == 0) return lines;
                lines.Add(text);
            }
            else line.Append((char)one[0]);
        }
    }

    [RequiresFfprobeFact]
    public async Task Ffprobe_decodes_the_mjpeg_stream()
    {
        var ffprobe = FindOnPath("ffprobe")!;
        await using var rig = await StreamingRig.StartAsync();
        var url = $"http://admin:{ServerHarness.AdminPassword}@{rig.BaseUri.Authority}/mjpeg/Profile_2";
        var start = new ProcessStartInfo(ffprobe, ["-v", "error", "-f", "mpjpeg", "-probesize", "65536", "-analyzeduration", "0",
            "-count_frames", "-read_intervals", "%+#3", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "default=nw=1", url])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await rig.Pump(process.WaitForExitAsync());
        Assert.True(process.ExitCode == 0, await errors);
        var text = await output;
        Assert.Contains("codec_name=mjpeg", text);
        Assert.Contains("width=640", text);
        Assert.Contains("height=360", text);
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

/// <summary>Skips, saying why, where ffprobe is missing (scripts/test-prerequisites.d/ffmpeg.sh installs it as root).</summary>
public sealed class RequiresFfprobeFactAttribute : FactAttribute
{
    public RequiresFfprobeFactAttribute()
    {
        if (MjpegTests.FindOnPath("ffprobe") is null)
            Skip = "ffprobe is not installed (apt-get install -y ffmpeg; ./test.sh does this when run as root)";
    }
}
