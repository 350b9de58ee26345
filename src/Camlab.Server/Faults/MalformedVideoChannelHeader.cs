using System.Buffers.Binary;
using Camlab.VideoChannel;

namespace Camlab.Server.Faults;

/// <summary>
/// The damage a <see cref="VideoFault.MalformedHeader"/> does to one composed live frame: the stream info header's
/// (flag 0x40) HeaderSize — "size of this header in bytes. Currently has a value of 52" (video channel protocol, Stream
/// Info Header) — is rewritten to run past the end of the frame, as firmware that miscounts a header would send it. The
/// main header (Video ID, FrameSizeBytes, HeaderSizeBytes) stays intact, so a client that frames by length can skip the
/// frame and read the next; a strict reader rejects it at the byte offset of that field.
/// </summary>
public static class MalformedVideoChannelHeader
{
    /// <summary>Damages <paramref name="frame"/> (one whole, well-formed video channel frame) in place.</summary>
    /// <returns>The byte offset of the damaged field from the start of the frame; null when the frame has no stream info header last.</returns>
    public static int? Damage(Span<byte> frame)
    {
        if (!FrameReader.TryReadHeader(frame, out var header, out _)) return null;
        // Stream info is the last extension of a live frame; the later ones (carousel, dynamic, playback request) are never sent live.
        const HeaderExtensionFlags later = HeaderExtensionFlags.CarouselInfo | HeaderExtensionFlags.DynamicInfo | HeaderExtensionFlags.PlaybackRequest;
        if (header.StreamInfo is null || (header.HeaderExtensionFlags & later) != 0) return null;
        var offset = (int)header.HeaderSizeBytes - StreamInfo.Size;
        // Past the header and the payload: the field claims more bytes than the whole frame has after it.
        var claimed = (ulong)StreamInfo.Size + header.FrameSizeBytes + 1;
        BinaryPrimitives.WriteUInt32LittleEndian(frame[offset..], (uint)Math.Min(claimed, uint.MaxValue));
        return offset;
    }
}
