using System.Globalization;
using Camlab.Recording;

namespace Camlab.Server.Recording;

/// <summary>One profile's entry in <c>GET /api/v1/recordings</c>: whether it records, what it holds, its public key.</summary>
internal static class RecordingSummary
{
    public static object Of(CameraRecordings recordings, string profile)
    {
        var recorder = recordings.Recorder(profile);
        var dir = recordings.DirectoryOf(profile);
        RecordingIndex? owned = null;
        try
        {
            var index = recorder?.Recorder.Index ?? (owned = System.IO.Directory.Exists(dir) ? RecordingIndex.Load(dir) : null);
            var keyFile = Path.Combine(dir, "signing-key.pub.pem");
            string? publicKey = recorder?.Recorder.PublicKeyPem ?? (File.Exists(keyFile) ? File.ReadAllText(keyFile) : null);
            var ranges = index is null ? [] : Ranges(index);
            return new
            {
                profile,
                recording = recorder?.IsRecording ?? false,
                signing = publicKey is not null,
                firstTime = ranges.Count > 0 ? ranges[0].start : null,
                lastTime = ranges.Count > 0 ? ranges[^1].end : null,
                frames = ranges.Sum(r => r.frames),
                bytes = index?.TotalDiskBytes ?? 0,
                ranges,
                publicKey,
            };
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>The recorded sequences (runs without a gap), oldest first.</summary>
    private static List<RangeJson> Ranges(RecordingIndex index)
    {
        var ranges = new List<RangeJson>();
        long first = index.FirstFrame, last = index.LastFrame;
        if (first < 0) return ranges;
        IndexEntry start = default, previous = default;
        long count = 0;
        for (long f = first; f >= 0 && f <= last; f = index.NextFrame(f))
        {
            if (!index.TryGet(f, out var entry)) break;
            if (count > 0 && entry.SequenceId != previous.SequenceId)
            {
                ranges.Add(new RangeJson(Iso(start.TimeUtcMs), Iso(previous.TimeUtcMs), count));
                count = 0;
            }
            if (count == 0) start = entry;
            previous = entry;
            count++;
        }
        if (count > 0) ranges.Add(new RangeJson(Iso(start.TimeUtcMs), Iso(previous.TimeUtcMs), count));
        return ranges;
    }

    public static string Iso(long timeUtcMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeUtcMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed record RangeJson(string start, string end, long frames);
}
