using System.Diagnostics;
using Camlab.Server.Tests.Streaming;
using Camlab.Testing;

namespace Camlab.Server.Tests;

/// <summary>A fact that needs zeep (and ../shared) and ffprobe.</summary>
public sealed class RequiresZeepAndFfprobeFactAttribute : FactAttribute
{
    public RequiresZeepAndFfprobeFactAttribute()
    {
        Skip = new RequiresZeepFactAttribute().Skip ?? new RequiresFfprobeFactAttribute().Skip;
    }
}

/// <summary>
/// Python zeep (strict, official WSDLs) walks Media2 as a Profile T client does: creates a profile, adds a video
/// source, an encoder and the PTZ configuration, gets its RTSP URI; ffprobe then plays that URI and sees the
/// encoder's coding and size.
/// </summary>
public class Media2ZeepTests
{
    // What Home Assistant keeps: H.264 profiles only.
    private const string Encoding = "H264";
    private const string Codec = "h264";

    [RequiresZeepAndFfprobeFact]
    public async Task A_profile_made_through_Media2_plays_in_ffprobe()
    {
        await using var rig = await StreamingRig.StartAsync();
        var text = await ZeepClientTests.RunScriptAsync("zeep_media2.py", rig.BaseUri.Port, "--encoding", Encoding);
        foreach (var step in new[] { "ok GetServices", "ok CreateProfile", "ok AddConfiguration VideoSource", "ok AddConfiguration VideoEncoder", "ok AddConfiguration PTZ", "ok GetProfiles", "ok PTZ GetStatus", "ok GetStreamUri" })
            Assert.Contains(step, text);
        var lines = text.Split('\n');
        var uri = new UriBuilder(lines.Single(l => l.StartsWith("uri ", StringComparison.Ordinal))[4..].Trim()) { UserName = "admin", Password = ServerHarness.AdminPassword };
        var size = lines.Single(l => l.StartsWith("size ", StringComparison.Ordinal))[5..].Trim().Split('x');

        var probe = new ProcessStartInfo(MjpegTests.FindOnPath("ffprobe")!, ["-v", "error", "-rtsp_transport", "tcp", "-show_entries", "stream=codec_name,width,height", "-of", "default=nw=1", uri.Uri.ToString()])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var ffprobe = Process.Start(probe)!;
        var probeOut = ffprobe.StandardOutput.ReadToEndAsync();
        var probeErr = ffprobe.StandardError.ReadToEndAsync();
        try { await rig.Pump(ffprobe.WaitForExitAsync()); }
        finally { if (!ffprobe.HasExited) ffprobe.Kill(entireProcessTree: true); }
        var seen = await probeOut;
        Assert.True(ffprobe.ExitCode == 0, await probeErr);
        Assert.Contains("codec_name=" + Codec, seen);
        Assert.Contains("width=" + size[0], seen);
        Assert.Contains("height=" + size[1], seen);
    }
}
