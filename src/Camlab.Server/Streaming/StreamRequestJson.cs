using System.Text.Json;

namespace Camlab.Server.Streaming;

/// <summary>
/// Reads the JSON bodies of POST and PATCH /api/v1/streams strictly: known members only (case-insensitive),
/// the right types, a crop given as ChangeStream's SrcLeft/SrcTop/SrcRight/SrcBottom. A bad body is a
/// <see cref="StreamRequestException"/> naming the member; nothing is applied.
/// </summary>
public static class StreamRequestJson
{
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly string[] PostMembers = ["mode", "profile", "width", "height", "fps", "quality", "crop", "encoding"];
    private static readonly string[] PatchMembers = ["width", "height", "fps", "quality", "crop"];

    /// <summary>The profile token and a function applying the body's values over the profile's defaults.</summary>
    public static (string Profile, Func<StreamSettings, StreamSettings> Apply) ParsePost(ReadOnlyMemory<byte> body) =>
        RequestJson.Read(() => ReadPost(body));

    public static Func<StreamSettings, StreamSettings> ParsePatch(ReadOnlyMemory<byte> body) => RequestJson.Read(() => ReadPatch(body));

    private static (string Profile, Func<StreamSettings, StreamSettings> Apply) ReadPost(ReadOnlyMemory<byte> body)
    {
        using var document = RequestJson.Parse(body);
        var root = document.RootElement;
        RequestJson.CheckMembers(root, PostMembers);
        // "playback" bodies go to the recording part (Recording/PlaybackRequestJson); here only live is left.
        if (RequestJson.Find(root, "mode") is { } mode && !(mode.ValueKind == JsonValueKind.String && string.Equals(mode.GetString(), "live", StringComparison.OrdinalIgnoreCase)))
            throw new StreamRequestException("mode", "mode must be \"live\" (the default) or \"playback\"");
        var profile = RequestJson.Find(root, "profile") is { } p
            ? p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new StreamRequestException("profile", "profile must be a string (a media profile token)")
            : throw new StreamRequestException("profile", "profile is required (e.g. \"Profile_1\")");
        var apply = Changes(root);
        // "encoding": "JPEG" asks for JPEG of the same view whatever the profile's encoder says (a browser decodes
        // JPEG, not H.264); "H264" is only the profile's own H.264.
        Rendering.Encoding.VideoCodec? codec = RequestJson.Find(root, "encoding") is { } e
            ? e.ValueKind == JsonValueKind.String && e.GetString() is { } name
                ? name.ToUpperInvariant() switch
                {
                    "JPEG" => Rendering.Encoding.VideoCodec.Jpeg,
                    "H264" => Rendering.Encoding.VideoCodec.H264,
                    _ => throw new StreamRequestException("encoding", "encoding must be \"JPEG\" or \"H264\""),
                }
                : throw new StreamRequestException("encoding", "encoding must be a string (\"JPEG\" or \"H264\")")
            : null;
        if (codec is { } chosen)
            return (profile, s => chosen == Rendering.Encoding.VideoCodec.H264 && s.Codec != chosen
                ? throw new StreamRequestException("encoding", $"profile {profile}'s encoder configuration is {s.Codec.ToString().ToUpperInvariant()}; H.264 is streamed from H.264 encoder configurations only")
                : apply(s) with { Codec = chosen });
        return (profile, apply);
    }

    private static Func<StreamSettings, StreamSettings> ReadPatch(ReadOnlyMemory<byte> body)
    {
        using var document = RequestJson.Parse(body);
        RequestJson.CheckMembers(document.RootElement, PatchMembers);
        return Changes(document.RootElement);
    }

    // Values are read now (so every error surfaces before anything changes) and applied later.
    private static Func<StreamSettings, StreamSettings> Changes(JsonElement root)
    {
        int? width = Int(root, "width"), height = Int(root, "height"), quality = Int(root, "quality");
        double? fps = RequestJson.Find(root, "fps") is { } f
            ? f.ValueKind == JsonValueKind.Number && f.TryGetDouble(out var v) ? v : throw new StreamRequestException("fps", "fps must be a number")
            : null;
        bool cropGiven = RequestJson.Find(root, "crop") is not null;
        CropRect? crop = RequestJson.Find(root, "crop") is { } c ? Crop(c) : null;
        return s => s with
        {
            Width = width ?? s.Width,
            Height = height ?? s.Height,
            Quality = quality ?? s.Quality,
            Fps = fps ?? s.Fps,
            Crop = cropGiven ? crop : s.Crop,
        };
    }

    private static int? Int(JsonElement root, string name) => RequestJson.Find(root, name) is { } e
        ? e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new StreamRequestException(name, $"{name} must be an integer")
        : null;

    /// <summary>null removes the crop (the whole source).</summary>
    private static CropRect? Crop(JsonElement crop)
    {
        if (crop.ValueKind == JsonValueKind.Null) return null;
        if (crop.ValueKind != JsonValueKind.Object) throw new StreamRequestException("crop", "crop must be an object {SrcLeft, SrcTop, SrcRight, SrcBottom} or null");
        string[] names = ["SrcLeft", "SrcTop", "SrcRight", "SrcBottom"];
        RequestJson.CheckMembers(crop, names);
        var values = names.Select(n => Int(crop, n) ?? throw new StreamRequestException("crop." + n, $"crop.{n} is required")).ToArray();
        return new CropRect(values[0], values[1], values[2], values[3]);
    }
}
