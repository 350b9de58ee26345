using Camlab.Onvif.Soap;
using Camlab.Recording;

namespace Camlab.Server.MobileServer;

// GetRecordingTime and GetSequences: what playback controls ask before they seek, read from the recording index.
public sealed partial class MobileCommands
{
    /// <summary>Index entries GetSequences walks at most per request (a day at 25 fps is 2.16 million; ask for a shorter span).</summary>
    public const int MaxFramesWalked = 500_000;
    public const int MaxSequences = 10_000;

    private CommunicationResponse GetRecordingTime(MobileCommandContext context)
    {
        Require(context, AccessClass.ReadMedia, "view recordings");
        var camera = CameraOf(context);
        var seekType = context.Request.Get("SeekType") ?? "DbStart";
        var ms = WithIndex(camera, index =>
        {
            long frame = seekType switch
            {
                "DbStart" => index.FirstFrame,
                "DbEnd" => index.LastFrame,
                _ => throw new MobileServerException(MobileServerError.WrongInputParameter, $"SeekType '{seekType}' must be DbStart or DbEnd"),
            };
            return index.TryGet(frame, out var entry) ? entry.TimeUtcMs
                : throw new MobileServerException(MobileServerError.NoRecordingsFound, $"camera {camera.Name} has no recorded frame");
        });
        return Ok(context).Add("Time", ms.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private CommunicationResponse GetSequences(MobileCommandContext context)
    {
        var request = context.Request;
        Require(context, AccessClass.ReadMedia, "view recordings");
        if ((request.Get("ItemKind") ?? "Camera") != "Camera")
            throw new MobileServerException(MobileServerError.NotImplemented, $"sequences of {request.Get("ItemKind")} items are not implemented");
        if ((request.Get("SeqType") ?? "Recording") != "Recording")
            throw new MobileServerException(MobileServerError.NotImplemented, $"SeqType {request.Get("SeqType")} is not implemented: Camlab lists recording sequences");
        var ids = request.GetAll("ItemId").ToList();
        if (ids.Count != 1)
            throw new MobileServerException(ids.Count == 0 ? MobileServerError.MissingInputParameter : MobileServerError.NotImplemented, "GetSequences takes exactly one ItemId");
        var camera = CameraOf(context, "ItemId");
        var time = request.Get("Time") is { } t && long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
            : throw new MobileServerException(MobileServerError.WrongInputParameter, "GetSequences needs Time in milliseconds since 1970 UTC");
        const int day = 86_400;
        long before = request.Int("BeforeTime", 0, 400 * day) ?? 0, after = request.Int("AfterTime", 0, 400 * day) ?? 0;
        int beforeCount = request.Int("BeforeCount", 0, MaxSequences) ?? 0, afterCount = request.Int("AfterCount", 0, MaxSequences) ?? 0;
        var (from, to) = (time - before * 1000, time + after * 1000);
        var all = WithIndex(camera, index => Sequences(index, from, to));
        var chosen = all.Where(s => s.StartTimeMs < time && s.EndTimeMs < time).TakeLast(beforeCount)
            .Concat(all.Where(s => s.EndTimeMs >= time).Take(afterCount)).ToList();
        return new CommunicationResponse(request.SequenceId, request.Name) { Sequences = chosen };
    }

    /// <summary>The runs of one sequence id overlapping [from, to], clipped to it, oldest first.</summary>
    internal static List<CommunicationSequence> Sequences(RecordingIndex index, long from, long to)
    {
        var list = new List<CommunicationSequence>();
        long frame = index.FindAtOrBefore(from);
        if (frame < 0) frame = index.FirstFrame;
        IndexEntry start = default, previous = default;
        bool open = false;
        for (int walked = 0; frame >= 0 && walked < MaxFramesWalked && list.Count < MaxSequences; walked++, frame = index.NextFrame(frame))
        {
            if (!index.TryGet(frame, out var entry)) break;
            if (open && entry.SequenceId != previous.SequenceId)
            {
                Close(start, previous);
                open = false;
            }
            if (entry.TimeUtcMs > to) break;
            if (!open) (start, open) = (entry, true);
            previous = entry;
        }
        if (open) Close(start, previous);
        return list;

        void Close(IndexEntry first, IndexEntry last)
        {
            if (last.TimeUtcMs < from) return;
            list.Add(new CommunicationSequence(first.TimeUtcMs, last.TimeUtcMs, Math.Max(first.TimeUtcMs, from)));
        }
    }

    private static T WithIndex<T>(MobileCamera camera, Func<RecordingIndex, T> read)
    {
        if (camera.PlaybackProfile is not { } profile || camera.Video.Recordings is not { } recordings)
            throw new MobileServerException(MobileServerError.NoRecordingsFound, $"camera {camera.Name} has no recording");
        if (recordings.Recorder(profile) is { } recorder) return read(recorder.Recorder.Index);
        using var owned = RecordingIndex.Load(recordings.DirectoryOf(profile));
        return read(owned);
    }
}
