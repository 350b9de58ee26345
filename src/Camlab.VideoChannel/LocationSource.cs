namespace Camlab.VideoChannel;

/// <summary>Location info Source: where the location comes from (a bit mask).</summary>
[Flags]
public enum LocationSource : uint
{
    Unknown = 0,
    Satellite = 0x01,
    WiFi = 0x02,
    Cellular = 0x04,
    IpAddress = 0x08,
    Radio = WiFi | Cellular,
}
