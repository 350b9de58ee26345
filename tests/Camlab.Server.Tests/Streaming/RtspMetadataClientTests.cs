using System.Xml.Linq;
using Camlab.Device.Media;
using Camlab.Server.Hosting;
using Camlab.Testing;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// A profile with a metadata configuration streams two tracks in one RTSP session — its video and its ONVIF metadata
/// (tt:MetadataStream in RTP, vnd.onvif.metadata) — and real clients play them: ffprobe sees both over every
/// transport, ffmpeg writes the metadata track's documents while the camera pans, GStreamer decodes the video and
/// counts metadata buffers of the same session.
/// </summary>
public sealed class RtspMetadataClientTests
{
    private const string Profile = "Profile_2";

    private static async Task<StreamingRig> StartWithMetadataAsync()
    {
        var rig = await StreamingRig.StartAsync();
        var camera = rig.Server.Host.Cameras[0];
        camera.Media.AddConfigurations(Profile, null, [new ConfigurationRef(MediaConfigurationType.Metadata, camera.Media.MetadataConfigurations[0].Token)]);
        return rig;
    }

    private static string Url(StreamingRig rig) =>
        $"rtsp://admin:{ServerHarness.AdminPassword}@127.0.0.1:{rig.Server.Host.Rtsp!.EndPoint.Port}/{Profile}";

    [RequiresFfprobeTheory]
    [InlineData("udp")]
    [InlineData("tcp")]
    [InlineData("http")]
    public async Task Ffprobe_sees_the_video_and_the_metadata_track(string transport)
    {
        await using var rig = await StartWithMetadataAsync();
        var (exit, output, errors) = await RtspClientTests.RunAsync(rig, 0.04, "ffprobe", "-v", "error", "-rtsp_transport", transport,
            "-show_entries", "stream=index,codec_type,codec_name,width", "-of", "compact", Url(rig));
        Assert.True(exit == 0, errors);
        var streams = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(streams.Length == 2, output);
        Assert.Contains(streams, s => s.Contains("codec_name=mjpeg|codec_type=video|width=640", StringComparison.Ordinal));
        Assert.Contains(streams, s => s.Contains("codec_type=data", StringComparison.Ordinal));
    }

    [RequiresFfprobeFact]
    public async Task Ffmpeg_receives_metadata_documents_with_the_ptz_position_as_the_camera_moves()
    {
        await using var rig = await StartWithMetadataAsync();
        var camera = rig.Server.Host.Cameras[0];
        var node = camera.Media.PtzNodeOf(camera.Ptz!.Device, "Profile_1")!;
        var file = Path.Combine(Path.GetTempPath(), $"camlab-metadata-{Guid.NewGuid():N}.xml");
        try
        {
            // Profile_2 carries no PTZ configuration: give it Profile_1's so its metadata has a PTZ status.
            camera.Media.AddConfigurations(Profile, null, [new ConfigurationRef(MediaConfigurationType.Ptz, camera.Media.Profile("Profile_1").PtzConfigurationToken)]);
            node.ContinuousMove(new Device.Ptz.PtzVector(new Device.Ptz.PanTiltVector(0.1, 0), null), TimeSpan.FromSeconds(60));
            var (exit, _, errors) = await RtspClientTests.RunAsync(rig, 0.02, "ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", Url(rig),
                "-map", "0:d", "-c", "copy", "-f", "data", "-t", "3", "-y", file);
            Assert.True(exit == 0, errors);
            var text = File.ReadAllText(file);
            var documents = text.Split("</tt:MetadataStream>", StringSplitOptions.RemoveEmptyEntries).Where(d => d.Contains("<tt:MetadataStream")).ToList();
            Assert.True(documents.Count >= 3, $"{documents.Count} metadata documents in 3 s:\n{text[..Math.Min(text.Length, 2000)]}");
            var pans = documents.Select(d => XElement.Parse(d[d.IndexOf("<tt:MetadataStream", StringComparison.Ordinal)..] + "</tt:MetadataStream>"))
                .SelectMany(d => d.Descendants().Where(e => e.Name.LocalName == "PanTilt" && e.Attribute("x") is not null))
                .Select(e => double.Parse(e.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(pans.Count >= 2 && pans.Distinct().Count() >= 2, "the PTZ position in the metadata follows the pan: " + string.Join(", ", pans));
            Assert.Contains(documents, d => d.Contains("<tt:MoveStatus><tt:PanTilt>MOVING</tt:PanTilt>", StringComparison.Ordinal));
        }
        finally { File.Delete(file); }
    }

    [RequiresGstreamerFact]
    public async Task Gstreamer_decodes_the_video_and_counts_metadata_buffers_of_one_session()
    {
        await using var rig = await StartWithMetadataAsync();
        var port = rig.Server.Host.Rtsp!.EndPoint.Port;
        const int frames = 12;
        var (exit, output, errors) = await RtspClientTests.RunAsync(rig, 0.01, "gst-launch-1.0", "-v", "rtspsrc", $"location=rtsp://127.0.0.1:{port}/{Profile}",
            "name=src", "user-id=admin", $"user-pw={ServerHarness.AdminPassword}", "protocols=tcp", "latency=0",
            "src.", "!", "application/x-rtp,media=video", "!", "rtpjpegdepay", "!", "jpegdec", "!", "fakesink", "name=video", "sync=false", "silent=false", $"num-buffers={frames}",
            "src.", "!", "application/x-rtp,media=application", "!", "fakesink", "name=metadata", "sync=false", "silent=false");
        // The run reaches its end of stream only once the video sink has taken its num-buffers: twelve decoded frames.
        // Its "last-message = chain" lines are property notifications that gst-launch prints from the bus; with two
        // branches the last of them can be lost when the run ends, or one more printed for the buffer refused at the end,
        // so they prove frames arrived, not how many.
        Assert.True(RtspClientTests.GstreamerEndedAtEos(exit, output, errors), errors + output);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains("/GstFakeSink:video: last-message = chain", StringComparison.Ordinal));
        Assert.True(lines.Any(l => l.Contains("/GstFakeSink:metadata: last-message = chain", StringComparison.Ordinal)), output[..Math.Min(output.Length, 4000)]);
    }
}
