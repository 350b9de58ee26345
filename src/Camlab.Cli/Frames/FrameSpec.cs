using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Camlab.VideoChannel;

namespace Camlab.Cli.Frames;

/// <summary>
/// One line of a `camlab frames write` spec: the shape `camlab frames dump` prints plus payloadBase64.
/// Unknown keys are errors (they are usually typos); numbers must be exact integers of the field's
/// type; numeric fields left out are 0. The computed fields (offset, frameSizeBytes, headerSizeBytes,
/// headerSizeBytesExt, headerExtensionFlags, payloadLength, payloadSha256, nativeData.flags) may be
/// left out; when given they must match what is written. headerSizeBytes 0 or a headerSizeBytesExt
/// asks for the 40-byte main header.
/// </summary>
internal sealed class FrameSpec
{
    private static readonly string[] MainKeys =
    [
        "offset", "videoId", "timestampUtcMs", "frameCount", "frameSizeBytes", "headerSizeBytes", "headerSizeBytesExt",
        "headerExtensionFlags", "payloadLength", "payloadSha256", "payloadBase64", "sizeInfo", "liveInfo", "playbackInfo",
        "nativeData", "motion", "location", "streamInfo", "carousel", "dynamicInfo", "playbackRequest",
    ];

    private readonly JsonElement _root;

    private FrameSpec(JsonElement root) => _root = root;

    public FrameHeader Header { get; private set; }
    public byte[] Payload { get; private set; } = [];
    public byte[] PrivacyMask { get; private set; } = [];
    public byte[] Signature { get; private set; } = [];
    public DeviceState[] DeviceStates { get; private set; } = [];

    public Frame ToFrame() => new(Header, Payload)
    {
        PrivacyMask = PrivacyMask,
        Signature = Signature,
        DeviceStates = new DeviceStateList(DeviceStates),
    };

    /// <summary>Parses one spec line (a JSON object) into the frame it describes.</summary>
    public static FrameSpec Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FrameSpecException("$", "a frame spec is a JSON object");
        CheckKeys(root, "$", MainKeys);
        var spec = new FrameSpec(root);
        spec.Build();
        return spec;
    }

    private void Build()
    {
        var root = _root;
        if (!root.TryGetProperty("videoId", out var videoId))
            throw new FrameSpecException("$.videoId", "is required");
        Payload = root.TryGetProperty("payloadBase64", out var payload) ? Base64(payload, "$.payloadBase64") : [];
        bool extended = root.TryGetProperty("headerSizeBytesExt", out _) ||
                        (root.TryGetProperty("headerSizeBytes", out var hs) && hs.ValueKind == JsonValueKind.Number && hs.TryGetUInt16(out ushort v) && v == 0);

        Header = new FrameHeader
        {
            VideoId = Guid(videoId, "$.videoId"),
            TimestampUtcMs = UInt64(root, "timestampUtcMs", "$"),
            FrameCount = UInt32(root, "frameCount", "$"),
            UsesHeaderSizeBytesExt = extended,
            SizeInfo = Object(root, "sizeInfo", out var s) ? ReadSizeInfo(s, "$.sizeInfo") : null,
            LiveInfo = Object(root, "liveInfo", out var live)
                ? new LiveInfo((LiveFlags)FlagPair(live, "$.liveInfo", out uint liveChanged), (LiveFlags)liveChanged)
                : null,
            PlaybackInfo = Object(root, "playbackInfo", out var playback)
                ? new PlaybackInfo((PlaybackFlags)FlagPair(playback, "$.playbackInfo", out uint playChanged), (PlaybackFlags)playChanged)
                : null,
            NativeData = Object(root, "nativeData", out var native) ? ReadNativeData(native, "$.nativeData") : null,
            MotionInfo = Object(root, "motion", out var motion) ? ReadMotion(motion, "$.motion") : null,
            LocationInfo = Object(root, "location", out var location) ? ReadLocation(location, "$.location") : null,
            StreamInfo = Object(root, "streamInfo", out var stream) ? ReadStreamInfo(stream, "$.streamInfo") : null,
            CarouselInfo = Object(root, "carousel", out var carousel) ? ReadCarousel(carousel, "$.carousel") : null,
            DynamicInfo = Object(root, "dynamicInfo", out var dynamic) ? ReadDynamicInfo(dynamic, "$.dynamicInfo") : null,
            PlaybackRequest = Object(root, "playbackRequest", out var request) ? ReadPlaybackRequest(request, "$.playbackRequest") : null,
        };
    }

    /// <summary>The fields a writer computes, when the spec gives them, must agree with the frame as written.</summary>
    public void CheckComputedFields(long offset, int headerLength)
    {
        var root = _root;
        bool extended = Header.UsesHeaderSizeBytesExt || headerLength > FrameWriter.MaxShortFormHeaderSize;
        Expect(root, "offset", (ulong)offset);
        Expect(root, "frameSizeBytes", (ulong)Payload.Length);
        Expect(root, "payloadLength", (ulong)Payload.Length);
        Expect(root, "headerSizeBytes", extended ? 0UL : (ulong)headerLength);
        if (root.TryGetProperty("headerSizeBytesExt", out _))
            Expect(root, "headerSizeBytesExt", (ulong)headerLength);
        Expect(root, "headerExtensionFlags", (ulong)Header.PresentExtensions);
        if (root.TryGetProperty("payloadSha256", out var sha))
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(Payload));
            if (sha.ValueKind != JsonValueKind.String || !string.Equals(sha.GetString(), actual, StringComparison.OrdinalIgnoreCase))
                throw new FrameSpecException("$.payloadSha256", $"does not match the payload (its SHA-256 is {actual})");
        }
    }

    private static void Expect(JsonElement root, string key, ulong actual)
    {
        if (!root.TryGetProperty(key, out _))
            return;
        ulong given = UInt64(root, key, "$");
        if (given != actual)
            throw new FrameSpecException($"$.{key}", $"is {given} but the frame as written has {actual}");
    }

    private static SizeInfo ReadSizeInfo(JsonElement e, string path)
    {
        CheckKeys(e, path, "srcStrideX", "srcStrideY", "srcLeft", "srcTop", "srcRight", "srcBottom", "destStrideX", "destStrideY", "resamplingTag");
        return new SizeInfo(Int32(e, "srcStrideX", path), Int32(e, "srcStrideY", path), Int32(e, "srcLeft", path), Int32(e, "srcTop", path),
            Int32(e, "srcRight", path), Int32(e, "srcBottom", path), Int32(e, "destStrideX", path), Int32(e, "destStrideY", path),
            Int32(e, "resamplingTag", path));
    }

    private static uint FlagPair(JsonElement e, string path, out uint changed)
    {
        CheckKeys(e, path, "currentFlags", "changedFlags");
        changed = UInt32(e, "changedFlags", path);
        return UInt32(e, "currentFlags", path);
    }

    private NativeData ReadNativeData(JsonElement e, string path)
    {
        CheckKeys(e, path, "flags", "previousSyncTimeStamp", "nextSyncTimeStamp", "sequenceId", "hasMotion", "privacyMaskState",
            "privacyMask", "signatureState", "signature");
        var present = NativeDataFlags.None;
        if (Has(e, "previousSyncTimeStamp") || Has(e, "nextSyncTimeStamp")) present |= NativeDataFlags.PlaybackSync;
        if (Has(e, "sequenceId") || Has(e, "hasMotion")) present |= NativeDataFlags.Sequence;
        if (Has(e, "privacyMaskState") || Has(e, "privacyMask")) present |= NativeDataFlags.PrivacyMask;
        if (Has(e, "signatureState") || Has(e, "signature")) present |= NativeDataFlags.Signature;

        var flags = present;
        if (Has(e, "flags"))
        {
            flags = (NativeDataFlags)UInt32(e, "flags", path);
            if ((flags & ~NativeDataFlags.AllKnown) != 0)
                throw new FrameSpecException($"{path}.flags", $"0x{(uint)flags:X} has sub-header bits this writer cannot write (known: 0xF)");
            if ((present & ~flags) != 0)
                throw new FrameSpecException($"{path}.flags", $"0x{(uint)flags:X} lacks 0x{(uint)(present & ~flags):X} whose fields are given");
        }
        PrivacyMask = Has(e, "privacyMask") ? Latin1(e.GetProperty("privacyMask"), $"{path}.privacyMask") : [];
        Signature = Has(e, "signature") ? Latin1(e.GetProperty("signature"), $"{path}.signature") : [];
        return new NativeData
        {
            Flags = flags,
            PreviousSyncTimeStamp = UInt64(e, "previousSyncTimeStamp", path),
            NextSyncTimeStamp = UInt64(e, "nextSyncTimeStamp", path),
            SequenceId = UInt64(e, "sequenceId", path),
            HasMotion = UInt16(e, "hasMotion", path),
            PrivacyMaskState = UInt32(e, "privacyMaskState", path),
            SignatureState = UInt32(e, "signatureState", path),
        };
    }

    private static MotionInfo ReadMotion(JsonElement e, string path)
    {
        CheckKeys(e, path, "motionAmount");
        return new MotionInfo(UInt32(e, "motionAmount", path));
    }

    private static LocationInfo ReadLocation(JsonElement e, string path)
    {
        CheckKeys(e, path, "version", "source", "validFields", "longitude", "latitude", "altitude", "horizontalAccuracy",
            "verticalAccuracy", "speed", "azimuth");
        return new LocationInfo(UInt32(e, "version", path), (LocationSource)UInt32(e, "source", path),
            (LocationFields)UInt32(e, "validFields", path), UInt32(e, "longitude", path), UInt32(e, "latitude", path),
            Int32(e, "altitude", path), UInt32(e, "horizontalAccuracy", path), UInt32(e, "verticalAccuracy", path),
            UInt32(e, "speed", path), UInt32(e, "azimuth", path));
    }

    private static StreamInfo ReadStreamInfo(JsonElement e, string path)
    {
        CheckKeys(e, path, "version", "fields", "timeBetweenFrames", "dataType", "flags", "profile", "level", "compatibility",
            "constraints", "framesCount");
        uint dataType = 0;
        if (e.TryGetProperty("dataType", out var letters) && letters.ValueKind != JsonValueKind.Null)
        {
            if (letters.ValueKind != JsonValueKind.String || letters.GetString() is not { Length: 4 } text || text.Any(ch => ch > 0xFF))
                throw new FrameSpecException($"{path}.dataType", "must be four letters (e.g. \"JPEG\") or null");
            dataType = StreamDataType.FromLetters(text);
        }
        return new StreamInfo(UInt32(e, "version", path), (StreamInfoFields)UInt32(e, "fields", path), UInt32(e, "timeBetweenFrames", path),
            dataType, (StreamInfoFlags)UInt32(e, "flags", path), UInt32(e, "profile", path), UInt32(e, "level", path),
            UInt32(e, "compatibility", path), UInt64(e, "constraints", path), UInt32(e, "framesCount", path));
    }

    private static CarouselInfo ReadCarousel(JsonElement e, string path)
    {
        CheckKeys(e, path, "version", "itemId");
        return new CarouselInfo(UInt32(e, "version", path),
            e.TryGetProperty("itemId", out var id) ? Guid(id, $"{path}.itemId") : System.Guid.Empty);
    }

    private DynamicInfo ReadDynamicInfo(JsonElement e, string path)
    {
        CheckKeys(e, path, "version", "dataType", "deviceStates");
        uint dataType = UInt32(e, "dataType", path);
        var states = new List<DeviceState>();
        if (e.TryGetProperty("deviceStates", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array)
                throw new FrameSpecException($"{path}.deviceStates", "must be an array");
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                string itemPath = $"{path}.deviceStates[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                    throw new FrameSpecException(itemPath, "must be an object {itemId, errorCode}");
                CheckKeys(item, itemPath, "itemId", "errorCode");
                if (!item.TryGetProperty("itemId", out var id))
                    throw new FrameSpecException($"{itemPath}.itemId", "is required");
                states.Add(new DeviceState(Guid(id, $"{itemPath}.itemId"), UInt32(item, "errorCode", itemPath)));
            }
        }
        if (states.Count > 0 && dataType != DynamicInfo.DeviceStateDataType)
            throw new FrameSpecException($"{path}.dataType", $"is {dataType}; device states are data type 0");
        DeviceStates = [.. states];
        return new DynamicInfo { Version = UInt32(e, "version", path), DataType = dataType };
    }

    private static PlaybackRequest ReadPlaybackRequest(JsonElement e, string path)
    {
        CheckKeys(e, path, "requestedTimeStampUtcMs");
        return new PlaybackRequest(UInt64(e, "requestedTimeStampUtcMs", path));
    }

    private static void CheckKeys(JsonElement e, string path, params string[] known)
    {
        foreach (var property in e.EnumerateObject())
            if (Array.IndexOf(known, property.Name) < 0)
                throw new FrameSpecException($"{path}.{property.Name}", "is not a key of this object");
    }

    private static bool Has(JsonElement e, string key) => e.TryGetProperty(key, out _);

    private static bool Object(JsonElement root, string key, out JsonElement value)
    {
        if (!root.TryGetProperty(key, out value) || value.ValueKind == JsonValueKind.Null)
            return false;
        if (value.ValueKind != JsonValueKind.Object)
            throw new FrameSpecException($"$.{key}", "must be an object");
        return true;
    }

    private static JsonElement Number(JsonElement e, string key, string path, string type, out bool present)
    {
        present = e.TryGetProperty(key, out var value);
        if (present && value.ValueKind != JsonValueKind.Number)
            throw new FrameSpecException($"{path}.{key}", $"must be a number ({type})");
        return value;
    }

    private static ulong UInt64(JsonElement e, string key, string path)
    {
        var v = Number(e, key, path, "UInt64", out bool present);
        if (!present) return 0;
        return v.TryGetUInt64(out ulong x) ? x : throw OutOfRange(path, key, v, "UInt64");
    }

    private static uint UInt32(JsonElement e, string key, string path)
    {
        var v = Number(e, key, path, "UInt32", out bool present);
        if (!present) return 0;
        return v.TryGetUInt32(out uint x) ? x : throw OutOfRange(path, key, v, "UInt32");
    }

    private static ushort UInt16(JsonElement e, string key, string path)
    {
        var v = Number(e, key, path, "UInt16", out bool present);
        if (!present) return 0;
        return v.TryGetUInt16(out ushort x) ? x : throw OutOfRange(path, key, v, "UInt16");
    }

    private static int Int32(JsonElement e, string key, string path)
    {
        var v = Number(e, key, path, "Int32", out bool present);
        if (!present) return 0;
        return v.TryGetInt32(out int x) ? x : throw OutOfRange(path, key, v, "Int32");
    }

    private static FrameSpecException OutOfRange(string path, string key, JsonElement v, string type) =>
        new($"{path}.{key}", $"{v.GetRawText()} is not an integer that fits {type}");

    private static Guid Guid(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && System.Guid.TryParse(e.GetString(), out var id)
            ? id
            : throw new FrameSpecException(path, "must be a GUID string such as \"822b4bfb-c7c6-4b24-ac3a-ff85a8f3100e\"");

    private static byte[] Base64(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && e.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new FrameSpecException(path, "must be a base64 string");

    private static byte[] Latin1(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String)
            throw new FrameSpecException(path, "must be a string");
        string text = e.GetString()!;
        if (text.Any(ch => ch > 0xFF))
            throw new FrameSpecException(path, "holds a character above U+00FF, which is not one byte");
        return Encoding.Latin1.GetBytes(text);
    }
}
