using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Camlab.VideoChannel;

namespace Camlab.Cli.Frames;

/// <summary>
/// One frame as one line of JSON (the `camlab frames dump` contract): camelCase of the specification's
/// names, integers as exact JSON numbers, an extension's key present only when its bit is set.
/// Strings of the wire (privacy mask, signature, data type) are written byte for char (Latin-1), so
/// any byte survives a dump → write round trip.
/// </summary>
internal static class FrameJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void Write(Stream output, long offset, Frame frame)
    {
        using var json = new Utf8JsonWriter(output, Options);
        var h = frame.Header;
        json.WriteStartObject();
        json.WriteNumber("offset", offset);
        json.WriteString("videoId", h.VideoId);
        json.WriteNumber("timestampUtcMs", h.TimestampUtcMs);
        json.WriteNumber("frameCount", h.FrameCount);
        json.WriteNumber("frameSizeBytes", h.FrameSizeBytes);
        json.WriteNumber("headerSizeBytes", h.UsesHeaderSizeBytesExt ? 0 : h.HeaderSizeBytes);
        if (h.UsesHeaderSizeBytesExt)
            json.WriteNumber("headerSizeBytesExt", h.HeaderSizeBytes);
        json.WriteNumber("headerExtensionFlags", (ushort)h.HeaderExtensionFlags);
        json.WriteNumber("payloadLength", frame.Payload.Length);
        json.WriteString("payloadSha256", Convert.ToHexStringLower(SHA256.HashData(frame.Payload)));
        json.WriteBase64String("payloadBase64", frame.Payload);

        if (h.SizeInfo is { } s)
        {
            json.WriteStartObject("sizeInfo");
            json.WriteNumber("srcStrideX", s.SrcStrideX);
            json.WriteNumber("srcStrideY", s.SrcStrideY);
            json.WriteNumber("srcLeft", s.SrcLeft);
            json.WriteNumber("srcTop", s.SrcTop);
            json.WriteNumber("srcRight", s.SrcRight);
            json.WriteNumber("srcBottom", s.SrcBottom);
            json.WriteNumber("destStrideX", s.DestStrideX);
            json.WriteNumber("destStrideY", s.DestStrideY);
            json.WriteNumber("resamplingTag", s.ResamplingTag);
            json.WriteEndObject();
        }
        if (h.LiveInfo is { } live)
            WriteFlagPair(json, "liveInfo", (uint)live.CurrentFlags, (uint)live.ChangedFlags);
        if (h.PlaybackInfo is { } playback)
            WriteFlagPair(json, "playbackInfo", (uint)playback.CurrentFlags, (uint)playback.ChangedFlags);
        if (h.NativeData is { } n)
            WriteNativeData(json, n, frame);
        if (h.MotionInfo is { } motion)
        {
            json.WriteStartObject("motion");
            json.WriteNumber("motionAmount", motion.MotionAmount);
            json.WriteEndObject();
        }
        if (h.LocationInfo is { } l)
        {
            json.WriteStartObject("location");
            json.WriteNumber("version", l.Version);
            json.WriteNumber("source", (uint)l.Source);
            json.WriteNumber("validFields", (uint)l.ValidFields);
            json.WriteNumber("longitude", l.Longitude);
            json.WriteNumber("latitude", l.Latitude);
            json.WriteNumber("altitude", l.Altitude);
            json.WriteNumber("horizontalAccuracy", l.HorizontalAccuracy);
            json.WriteNumber("verticalAccuracy", l.VerticalAccuracy);
            json.WriteNumber("speed", l.Speed);
            json.WriteNumber("azimuth", l.Azimuth);
            json.WriteEndObject();
        }
        if (h.StreamInfo is { } si)
        {
            json.WriteStartObject("streamInfo");
            json.WriteNumber("version", si.Version);
            json.WriteNumber("fields", (uint)si.Fields);
            json.WriteNumber("timeBetweenFrames", si.TimeBetweenFrames);
            if (StreamDataType.ToLetters(si.DataType) is { } letters)
                json.WriteString("dataType", letters);
            else
                json.WriteNull("dataType");
            json.WriteNumber("flags", (uint)si.Flags);
            json.WriteNumber("profile", si.Profile);
            json.WriteNumber("level", si.Level);
            json.WriteNumber("compatibility", si.Compatibility);
            json.WriteNumber("constraints", si.Constraints);
            json.WriteNumber("framesCount", si.FramesCount);
            json.WriteEndObject();
        }
        if (h.CarouselInfo is { } c)
        {
            json.WriteStartObject("carousel");
            json.WriteNumber("version", c.Version);
            json.WriteString("itemId", c.ItemId);
            json.WriteEndObject();
        }
        if (h.DynamicInfo is { } d)
        {
            json.WriteStartObject("dynamicInfo");
            json.WriteNumber("version", d.Version);
            json.WriteNumber("dataType", d.DataType);
            json.WriteStartArray("deviceStates");
            foreach (var state in frame.DeviceStates)
            {
                json.WriteStartObject();
                json.WriteString("itemId", state.ItemId);
                json.WriteNumber("errorCode", state.ErrorCode);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (h.PlaybackRequest is { } request)
        {
            json.WriteStartObject("playbackRequest");
            json.WriteNumber("requestedTimeStampUtcMs", request.RequestedTimeStampUtcMs);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteFlagPair(Utf8JsonWriter json, string name, uint current, uint changed)
    {
        json.WriteStartObject(name);
        json.WriteNumber("currentFlags", current);
        json.WriteNumber("changedFlags", changed);
        json.WriteEndObject();
    }

    private static void WriteNativeData(Utf8JsonWriter json, NativeData n, Frame frame)
    {
        json.WriteStartObject("nativeData");
        json.WriteNumber("flags", (uint)n.Flags);
        if ((n.Flags & NativeDataFlags.PlaybackSync) != 0)
        {
            json.WriteNumber("previousSyncTimeStamp", n.PreviousSyncTimeStamp);
            json.WriteNumber("nextSyncTimeStamp", n.NextSyncTimeStamp);
        }
        if ((n.Flags & NativeDataFlags.Sequence) != 0)
        {
            json.WriteNumber("sequenceId", n.SequenceId);
            json.WriteNumber("hasMotion", n.HasMotion);
        }
        if ((n.Flags & NativeDataFlags.PrivacyMask) != 0)
        {
            json.WriteNumber("privacyMaskState", n.PrivacyMaskState);
            json.WriteString("privacyMask", Encoding.Latin1.GetString(frame.PrivacyMask));
        }
        if ((n.Flags & NativeDataFlags.Signature) != 0)
        {
            json.WriteNumber("signatureState", n.SignatureState);
            json.WriteString("signature", Encoding.Latin1.GetString(frame.Signature));
        }
        json.WriteEndObject();
    }
}
