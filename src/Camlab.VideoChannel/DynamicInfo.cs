using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Header flag 0x100 (carousel info and errors in audio push): HeaderSize (this header and its data),
/// Version, DataCount and DataType, followed by DataCount structures of DataType. The only data type
/// the specification defines is 0, <see cref="DeviceState"/> (24 bytes each); the reader reports where
/// the items lie (<see cref="DataRange"/>) and <see cref="Frame.DeviceStates"/> reads them.
/// </summary>
public readonly record struct DynamicInfo
{
    /// <summary>HeaderSize, Version, DataCount and DataType.</summary>
    public const int MinimumSize = 16;

    /// <summary>HeaderTypeDeviceStateInfo.</summary>
    public const uint DeviceStateDataType = 0;

    public uint Version { get; init; }

    /// <summary>Type of the data structures that follow; 0 is device state.</summary>
    public uint DataType { get; init; }

    /// <summary>Number of data structures as read; the writer counts them itself.</summary>
    public uint DataCount { get; init; }

    /// <summary>Where the data structures lie in the frame (set by the reader).</summary>
    public ByteRange DataRange { get; init; }

    internal static DynamicInfo Read(ReadOnlySpan<byte> frame, int offset, uint headerSize)
    {
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(frame[(offset + 4)..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(frame[(offset + 8)..]);
        uint dataType = BinaryPrimitives.ReadUInt32LittleEndian(frame[(offset + 12)..]);
        // Only device states have a known size; other data types are skipped through HeaderSize.
        int dataLength = (int)headerSize - MinimumSize;
        if (dataType == DeviceStateDataType)
        {
            ulong needed = MinimumSize + (ulong)count * DeviceState.Size;
            if (needed > headerSize)
                FrameErrors.DeviceStatesPastHeader(offset + 8, count, needed, headerSize);
            dataLength = (int)count * DeviceState.Size;
        }
        return new DynamicInfo
        {
            Version = version,
            DataType = dataType,
            DataCount = count,
            DataRange = new ByteRange(offset + MinimumSize, dataLength),
        };
    }

    internal void Write(Span<byte> destination, DeviceStateList deviceStates)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)destination.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)deviceStates.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], DataType);
        int p = MinimumSize;
        foreach (var state in deviceStates)
        {
            state.Write(destination.Slice(p, DeviceState.Size));
            p += DeviceState.Size;
        }
    }
}
