namespace Camlab.VideoChannel;

/// <summary>
/// The device states of a dynamic info header without copying them: either a view over their wire
/// bytes (what a reader hands out) or over <see cref="DeviceState"/> values (what a writer is given).
/// </summary>
public readonly ref struct DeviceStateList
{
    private readonly ReadOnlySpan<byte> _wire;
    private readonly ReadOnlySpan<DeviceState> _items;
    private readonly bool _isWire;

    /// <summary>Device states to write.</summary>
    public DeviceStateList(ReadOnlySpan<DeviceState> items)
    {
        _items = items;
        _isWire = false;
    }

    private DeviceStateList(ReadOnlySpan<byte> wire)
    {
        _wire = wire;
        _isWire = true;
    }

    /// <summary>A view over consecutive 24-byte device state items as they are on the wire.</summary>
    public static DeviceStateList FromWire(ReadOnlySpan<byte> wire)
    {
        if (wire.Length % DeviceState.Size != 0)
            throw new ArgumentException($"device states are {DeviceState.Size} bytes each; {wire.Length} is not a multiple", nameof(wire));
        return new DeviceStateList(wire);
    }

    public int Count => _isWire ? _wire.Length / DeviceState.Size : _items.Length;

    public bool IsEmpty => Count == 0;

    public DeviceState this[int index]
    {
        get
        {
            if (!_isWire)
                return _items[index];
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return DeviceState.Read(_wire.Slice(index * DeviceState.Size, DeviceState.Size));
        }
    }

    public Enumerator GetEnumerator() => new(this);

    public ref struct Enumerator
    {
        private readonly DeviceStateList _list;
        private int _index;

        internal Enumerator(DeviceStateList list)
        {
            _list = list;
            _index = -1;
        }

        public readonly DeviceState Current => _list[_index];

        public bool MoveNext() => ++_index < _list.Count;
    }
}
