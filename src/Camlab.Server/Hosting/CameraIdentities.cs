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
            var uuid = random is null ? Guid.NewGuid() : HostClock.SeededRandom.Uuid(random);
            stored = new StoredIdentity(uuid, $"CL{uuid.ToString("N")[..10].ToUpperInvariant()}");
            store.Write(DocumentName, JsonSerializer.Serialize(stored));
        }
        return new DeviceIdentity(device.Manufacturer, device.Model, device.FirmwareVersion, stored.SerialNumber,
            device.HardwareId, name ?? $"Camlab PTZ {number}", stored.Uuid, $"camlab-{number}", device.Location);
    }


    private sealed record StoredIdentity(Guid Uuid, string SerialNumber);
}
