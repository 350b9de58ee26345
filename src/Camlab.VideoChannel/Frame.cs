namespace Camlab.VideoChannel;

/// <summary>
/// One frame over contiguous bytes: the header and views of its variable-length parts and payload.
/// A reader returns it over the caller's buffer (nothing is copied); a writer is given one built with
/// <see cref="Frame(in FrameHeader, ReadOnlySpan{byte})"/> and the init properties.
/// </summary>
public readonly ref struct Frame
{
    /// <summary>A frame to write: the header's extensions plus the payload.</summary>
    public Frame(scoped in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public FrameHeader Header { get; init; }

    /// <summary>The payload (FrameSizeBytes bytes after the headers), e.g. a JPEG picture.</summary>
    public ReadOnlySpan<byte> Payload { get; init; }

    /// <summary>Native data 0x04: the privacy mask string (ASCII, no terminator).</summary>
    public ReadOnlySpan<byte> PrivacyMask { get; init; }

    /// <summary>Native data 0x08: the signature string (ASCII, no terminator).</summary>
    public ReadOnlySpan<byte> Signature { get; init; }

    /// <summary>Dynamic info device states.</summary>
    public DeviceStateList DeviceStates { get; init; }

    /// <summary>Resolves a header read from <paramref name="frame"/> into views over the same bytes.</summary>
    public static Frame Over(scoped in FrameHeader header, ReadOnlySpan<byte> frame)
    {
        var native = header.NativeData.GetValueOrDefault();
        var dynamic = header.DynamicInfo;
        return new Frame(header, header.PayloadRange.Slice(frame))
        {
            PrivacyMask = native.PrivacyMaskRange.Slice(frame),
            Signature = native.SignatureRange.Slice(frame),
            DeviceStates = dynamic is { DataType: VideoChannel.DynamicInfo.DeviceStateDataType } d
                ? DeviceStateList.FromWire(d.DataRange.Slice(frame))
                : default,
        };
    }
}
