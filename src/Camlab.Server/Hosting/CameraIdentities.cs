using System.Text.Json;
using Camlab.Device.State;
using Camlab.Onvif.Device;

namespace Camlab.Server.Hosting;

/// <summary>
/// Each camera's identity is created once and then kept in its data folder, so a client that remembered a camera
/// by UUID or serial number finds it again after a restart.
/// </summary>
public static class CameraIdentities
{
    public const string DocumentName = "device/identity.json";

    /// <param name="random">Makes a new camera's UUID: the host's seeded generator gives the same UUID for the same seed (docs/clock.md).</param>
    /// <param name="name">The device name (a site camera's); null: "Camlab PTZ n".</param>
    public static DeviceIdentity LoadOrCreate(IStateStore store, int number, DeviceOptions device, Random? random = null, string? name = null)
    {
        var stored = store.Read(DocumentName) is { } text ? JsonSerializer.Deserialize<StoredIdentity>(text) : null;
        if (stored is null)
        {
            var uuid = random is null ? Guid.NewGuid() : NewUuid(random);
            stored = new StoredIdentity(uuid, $"CL{uuid.ToString("N")[..10].ToUpperInvariant()}");
            store.Write(DocumentName, JsonSerializer.Serialize(stored));
        }
        return new DeviceIdentity(device.Manufacturer, device.Model, device.FirmwareVersion, stored.SerialNumber,
            device.HardwareId, name ?? $"Camlab PTZ {number}", stored.Uuid, $"camlab-{number}", device.Location);
    }

    // A version 4 (random) UUID, RFC 9562 5.4, from the given generator.
    private static Guid NewUuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private sealed record StoredIdentity(Guid Uuid, string SerialNumber);
}
