using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Camlab.Recording;

/// <summary>
/// The SHA-256 a signature covers: for every frame of the range in order its time, sequence id, motion amount,
/// flags, length and the SHA-256 of its payload (and, when recorded, its <see cref="FrameFacts"/>), then the range itself (first frame number, count, first and last
/// time). Changing, removing, reordering or inserting a frame, or moving the range, changes the digest.
/// </summary>
public sealed class RangeDigest : IDisposable
{
    private static readonly byte[] Domain = "camlab-recording-range-v1"u8.ToArray();
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public RangeDigest() => _hash.AppendData(Domain);

    public int Count { get; private set; }

    public void Append(in IndexEntry entry, ReadOnlySpan<byte> payload)
    {
        Span<byte> payloadHash = stackalloc byte[32];
        SHA256.HashData(payload, payloadHash);
        AppendHashed(entry, payloadHash);
    }

    /// <summary>As <see cref="Append"/>, with the SHA-256 of the payload already computed (the recorder's content address).</summary>
    public void AppendHashed(in IndexEntry entry, ReadOnlySpan<byte> payloadHash)
    {
        if (payloadHash.Length != 32) throw new ArgumentException("a SHA-256 is 32 bytes", nameof(payloadHash));
        Span<byte> record = stackalloc byte[28 + 32];
        BinaryPrimitives.WriteInt64LittleEndian(record, entry.TimeUtcMs);
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], entry.SequenceId);
        BinaryPrimitives.WriteUInt32LittleEndian(record[16..], entry.MotionAmount);
        BinaryPrimitives.WriteUInt32LittleEndian(record[20..], (uint)entry.Flags);
        BinaryPrimitives.WriteInt32LittleEndian(record[24..], entry.Length);
        payloadHash.CopyTo(record[28..]);
        _hash.AppendData(record);
        if (entry.Facts is not null)
        {
            // Version 2: the frame's facts (codec, size, pose, location, mask length) are signed too.
            Span<byte> written = stackalloc byte[IndexEntry.SizeV2];
            entry.Write(written, SegmentFileNames.IndexVersion);
            _hash.AppendData(written[36..(IndexEntry.SizeV2 - 4)]);
        }
        Count++;
    }

    /// <summary>Finishes the digest for the range and resets for the next one.</summary>
    public byte[] Finish(long firstFrame, int count, long firstTimeUtcMs, long lastTimeUtcMs)
    {
        Span<byte> range = stackalloc byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(range, firstFrame);
        BinaryPrimitives.WriteInt32LittleEndian(range[8..], count);
        BinaryPrimitives.WriteInt64LittleEndian(range[12..], firstTimeUtcMs);
        BinaryPrimitives.WriteInt64LittleEndian(range[20..], lastTimeUtcMs);
        _hash.AppendData(range);
        byte[] digest = _hash.GetHashAndReset();
        _hash.AppendData(Domain);
        Count = 0;
        return digest;
    }

    public void Dispose() => _hash.Dispose();
}
