namespace Camlab.Onvif.Device;

/// <summary>
/// Who a camera is: what GetDeviceInformation reports, its endpoint reference (urn:uuid, WS-Discovery and
/// core spec 7.1) and the fixed scopes derived from it. Each camera of a multi-camera host has its own.
/// </summary>
public sealed record DeviceIdentity(
    string Manufacturer,
    string Model,
    string FirmwareVersion,
    string SerialNumber,
    string HardwareId,
    string Name,
    Guid Uuid,
    string Hostname,
    string Location = "anywhere")
{
    public string EndpointReference => "urn:uuid:" + Uuid.ToString("D");

    /// <summary>
    /// The fixed scopes (core spec 7.3.2.2): type, hardware and name. A profile scope (Profile/Streaming,
    /// Profile/T) is added only when every mandatory feature of that profile is served; ProfileScopeTruthTests
    /// checks that against profile-mandatory-features.json.
    /// </summary>
    public IReadOnlyList<string> FixedScopes =>
    [
        "onvif://www.onvif.org/type/video_encoder",
        "onvif://www.onvif.org/type/ptz",
        "onvif://www.onvif.org/hardware/" + Uri.EscapeDataString(Model),
        "onvif://www.onvif.org/name/" + Uri.EscapeDataString(Name),
    ];

    /// <summary>The configurable scopes a new camera starts with.</summary>
    public IReadOnlyList<string> DefaultConfigurableScopes => ["onvif://www.onvif.org/location/" + Uri.EscapeDataString(Location)];

    /// <summary>A stable MAC address for the simulated interface: locally administered, from the UUID.</summary>
    public string MacAddress
    {
        get
        {
            var bytes = Uuid.ToByteArray();
            return $"02:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}:{bytes[3]:x2}:{bytes[4]:x2}";
        }
    }
}
