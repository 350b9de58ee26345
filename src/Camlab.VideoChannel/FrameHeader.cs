namespace Camlab.VideoChannel;

/// <summary>
/// The main header of a video channel frame and every extension header it carries. An extension is
/// present exactly when its property is not null; the writer derives HeaderExtensionFlags,
/// HeaderSizeBytes and FrameSizeBytes from what is present, the reader fills them from the wire.
/// </summary>
public readonly record struct FrameHeader
{
    /// <summary>Video ID, Time Stamp UTC, Frame Count, Frame Size Bytes, HeaderSizeBytes, HeaderExtensionFlags.</summary>
    public const int MainHeaderSize = 36;

    /// <summary>The main header with HeaderSizeBytes = 0 and the 4-byte HeaderSizeBytesExt.</summary>
    public const int ExtendedMainHeaderSize = 40;

    /// <summary>Clients cap a frame (header and payload) at this many bytes (video channel notes).</summary>
    public const int DefaultMaxFrameSize = 10_000_000;

    /// <summary>The stream's Video ID, a start code and frame separator (.NET Guid byte layout).</summary>
    public Guid VideoId { get; init; }

    /// <summary>Milliseconds since 1970-01-01 UTC.</summary>
    public ulong TimestampUtcMs { get; init; }

    public uint FrameCount { get; init; }

    /// <summary>Size of the payload that follows the headers (as read; the writer uses the payload's length).</summary>
    public uint FrameSizeBytes { get; init; }

    /// <summary>
    /// Total size of all headers including the main header, i.e. where the payload starts — taken from
    /// HeaderSizeBytes, or from HeaderSizeBytesExt in the 40-byte form (as read; the writer computes it).
    /// </summary>
    public uint HeaderSizeBytes { get; init; }

    /// <summary>
    /// The 40-byte main header form (HeaderSizeBytes = 0 followed by HeaderSizeBytesExt). The writer
    /// uses it when this is set or when the headers do not fit a signed 16-bit size.
    /// </summary>
    public bool UsesHeaderSizeBytesExt { get; init; }

    /// <summary>The flags as read from the wire, including bits of extensions this codec does not know.</summary>
    public HeaderExtensionFlags HeaderExtensionFlags { get; init; }

    /// <summary>0x01.</summary>
    public SizeInfo? SizeInfo { get; init; }

    /// <summary>0x02.</summary>
    public LiveInfo? LiveInfo { get; init; }

    /// <summary>0x04.</summary>
    public PlaybackInfo? PlaybackInfo { get; init; }

    /// <summary>0x08.</summary>
    public NativeData? NativeData { get; init; }

    /// <summary>0x10.</summary>
    public MotionInfo? MotionInfo { get; init; }

    /// <summary>0x20.</summary>
    public LocationInfo? LocationInfo { get; init; }

    /// <summary>0x40.</summary>
    public StreamInfo? StreamInfo { get; init; }

    /// <summary>0x80.</summary>
    public CarouselInfo? CarouselInfo { get; init; }

    /// <summary>0x100.</summary>
    public DynamicInfo? DynamicInfo { get; init; }

    /// <summary>0x200.</summary>
    public PlaybackRequest? PlaybackRequest { get; init; }

    /// <summary>Length of the main header on the wire: 36, or 40 in the HeaderSizeBytesExt form.</summary>
    public int MainHeaderLength => UsesHeaderSizeBytesExt ? ExtendedMainHeaderSize : MainHeaderSize;

    /// <summary>Header plus payload, as read.</summary>
    public long FrameLength => (long)HeaderSizeBytes + FrameSizeBytes;

    /// <summary>Where the payload lies in the frame, as read.</summary>
    public ByteRange PayloadRange => new((int)HeaderSizeBytes, (int)FrameSizeBytes);

    /// <summary>The flags of the extensions that are present (what a writer puts on the wire).</summary>
    public HeaderExtensionFlags PresentExtensions
    {
        get
        {
            var flags = HeaderExtensionFlags.None;
            if (SizeInfo.HasValue) flags |= HeaderExtensionFlags.SizeInfo;
            if (LiveInfo.HasValue) flags |= HeaderExtensionFlags.LiveInfo;
            if (PlaybackInfo.HasValue) flags |= HeaderExtensionFlags.PlaybackInfo;
            if (NativeData.HasValue) flags |= HeaderExtensionFlags.NativeData;
            if (MotionInfo.HasValue) flags |= HeaderExtensionFlags.MotionInfo;
            if (LocationInfo.HasValue) flags |= HeaderExtensionFlags.LocationInfo;
            if (StreamInfo.HasValue) flags |= HeaderExtensionFlags.StreamInfo;
            if (CarouselInfo.HasValue) flags |= HeaderExtensionFlags.CarouselInfo;
            if (DynamicInfo.HasValue) flags |= HeaderExtensionFlags.DynamicInfo;
            if (PlaybackRequest.HasValue) flags |= HeaderExtensionFlags.PlaybackRequest;
            return flags;
        }
    }
}
