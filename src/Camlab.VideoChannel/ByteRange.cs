namespace Camlab.VideoChannel;

/// <summary>
/// Where a variable-length part of a header (a privacy mask, a signature, the device states) lies,
/// counted from the first byte of the frame. The reader reports positions instead of copies so that
/// reading a header never allocates.
/// </summary>
public readonly record struct ByteRange(int Offset, int Length)
{
    public int End => Offset + Length;

    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> frame) => frame.Slice(Offset, Length);

    public ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> frame) => frame.Slice(Offset, Length);

    public System.Buffers.ReadOnlySequence<byte> Slice(in System.Buffers.ReadOnlySequence<byte> frame) =>
        frame.Slice(Offset, Length);
}
