using System.Globalization;
using System.Text.Json;
using Camlab.Recording.Playback;
using Camlab.Server.Streaming;

namespace Camlab.Server.Recording;

/// <summary>
/// The JSON bodies of a playback stream: POST <c>{"mode": "playback", "profile", "start"?, "speed"?}</c> and PATCH
/// <c>{"speed"?, "pause"?, "seek"?, "time"?}</c> — the ChangeStream operations. Known members only; a bad body is a
/// <see cref="StreamRequestException"/> naming the member, and nothing changes.
/// </summary>
public static class PlaybackRequestJson
{
    private static readonly string[] PostMembers = ["mode", "profile", "start", "speed"];
    private static readonly string[] PatchMembers = ["speed", "pause", "seek", "time"];

    /// <summary>True when the POST body asks for <c>"mode": "playback"</c> (any other body is a live stream's).</summary>
    public static bool IsPlayback(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.ValueKind == JsonValueKind.Object && RequestJson.Find(document.RootElement, "mode") is { ValueKind: JsonValueKind.String } m
                && string.Equals(m.GetString(), "playback", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { return false; } // the live parser reports it
    }

    public static (string Profile, DateTimeOffset? Start, double Speed) ParsePost(ReadOnlyMemory<byte> body) => RequestJson.Read(() => ReadPost(body));

    /// <summary>The ChangeStream request of a PATCH body, validated (<see cref="PlaybackChange.Validate"/>).</summary>
    public static PlaybackChange ParsePatch(ReadOnlyMemory<byte> body) => RequestJson.Read(() => ReadPatch(body));

    private static (string Profile, DateTimeOffset? Start, double Speed) ReadPost(ReadOnlyMemory<byte> body)
    {
        using var document = RequestJson.Parse(body);
        var root = document.RootElement;
        RequestJson.CheckMembers(root, PostMembers);
        var profile = RequestJson.Find(root, "profile") is { } p
            ? p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new StreamRequestException("profile", "profile must be a string (a media profile token)")
            : throw new StreamRequestException("profile", "profile is required (the recorded media profile, e.g. \"Profile_1\")");
        var start = RequestJson.Find(root, "start") is { } s ? Time(s, "start") : (DateTimeOffset?)null;
        var speed = RequestJson.Find(root, "speed") is { } v ? Speed(v) : 1.0;
        return (profile, start, speed);
    }

    private static PlaybackChange ReadPatch(ReadOnlyMemory<byte> body)
    {
        using var document = RequestJson.Parse(body);
        var root = document.RootElement;
        RequestJson.CheckMembers(root, PatchMembers);
        double? speed = RequestJson.Find(root, "speed") is { } v ? Speed(v) : null;
        if (RequestJson.Find(root, "pause") is { } pause)
        {
            if (pause.ValueKind != JsonValueKind.True)
                throw new StreamRequestException("pause", "pause must be true (resume with a speed)");
            if (speed is not null) throw new StreamRequestException("pause", "pause and speed exclude each other (pause is speed 0)");
            speed = 0;
        }
        PlaybackSeek? seek = null;
        if (RequestJson.Find(root, "seek") is { } k)
        {
            if (k.ValueKind != JsonValueKind.String || !Enum.TryParse<PlaybackSeek>(k.GetString(), ignoreCase: true, out var parsed)
                || !Enum.IsDefined(parsed) || int.TryParse(k.GetString(), out _))
                throw new StreamRequestException("seek",
                    "seek must be one of time, databaseStart, databaseEnd, previousSequence, nextSequence, previousFrame, nextFrame");
            seek = parsed;
        }
        var time = RequestJson.Find(root, "time") is { } t ? Time(t, "time") : (DateTimeOffset?)null;
        var change = new PlaybackChange { Speed = speed, Seek = seek, Time = time };
        if (change.Validate() is { } problem)
            throw new StreamRequestException(seek == PlaybackSeek.Time || time is not null ? "time" : speed is null && seek is null ? "" : "seek", problem);
        return change;
    }

    /// <summary>ISO 8601 (UTC unless an offset is given) or Unix milliseconds.</summary>
    private static DateTimeOffset Time(JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms))
        {
            if (ms is >= -62135596800000 and <= 253402300799999) return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        else if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return parsed;
        throw new StreamRequestException(name, $"{name} must be an ISO 8601 time (e.g. \"2026-03-01T12:00:00Z\") or Unix milliseconds");
    }

    /// <summary>Slowest non-zero playback speed: a 64th, the inverse of the fastest (a smaller one would stretch frame intervals past any timer).</summary>
    public const double MinSpeed = 1.0 / 64;

    private static double Speed(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var s) && (s == 0 || Math.Abs(s) is >= MinSpeed and <= 64)
            ? s
            : throw new StreamRequestException("speed", "speed must be 0 (pause) or within 1/64..64 either way (negative plays backwards)");
}
