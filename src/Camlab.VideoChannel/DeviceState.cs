using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Dynamic info data type 0x00 (device state): a device (speaker) that failed and its command error
/// code. 24 bytes on the wire: ItemID, ErrorCode and a reserved UINT that aligns to 8 bytes.
/// </summary>
public readonly record struct DeviceState(Guid ItemId, uint ErrorCode)
{
    public const int Size = 24;

    internal static DeviceState Read(ReadOnlySpan<byte> source) =>
        new(new Guid(source[..16]), BinaryPrimitives.ReadUInt32LittleEndian(source[16..]));

    internal void Write(Span<byte> destination)
    {
        ItemId.TryWriteBytes(destination[..16]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], ErrorCode);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], 0);
    }
}
