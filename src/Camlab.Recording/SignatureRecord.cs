using System.Buffers.Binary;

namespace Camlab.Recording;

/// <summary>
/// One signed range in a segment's signature file (fixed 96 bytes): frames FirstFrame..FirstFrame+Count-1 of the
/// directory, their first and last times, and the ECDSA P-256 signature (IEEE P1363, r‖s) of
/// <see cref="RangeDigest"/> over them. A range never spans two segments.
/// </summary>
public readonly record struct SignatureRecord(long FirstFrame, int Count, long FirstTimeUtcMs, long LastTimeUtcMs, byte[] Signature)
{
    public const int Size = 96;
    public const int SignatureLength = 64;

    public long LastFrame => FirstFrame + Count - 1;

    public bool Covers(long frameNumber) => frameNumber >= FirstFrame && frameNumber <= LastFrame;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, FirstFrame);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], FirstTimeUtcMs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], LastTimeUtcMs);
        Signature.CopyTo(destination[32..]);
    }

    public static SignatureRecord Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        source.Slice(32, SignatureLength).ToArray());

    /// <summary>The string of the native data signature sub-header (0x08): "first-last:base64(r‖s)", ASCII.</summary>
    public string ToHeaderString() => $"{FirstFrame}-{LastFrame}:{Convert.ToBase64String(Signature)}";
}
