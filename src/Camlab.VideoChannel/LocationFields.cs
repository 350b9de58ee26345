namespace Camlab.VideoChannel;

/// <summary>Location info ValidFields: which of the location values are meaningful.</summary>
[Flags]
public enum LocationFields : uint
{
    None = 0,
    Longitude = 0x01,
    Latitude = 0x02,
    Altitude = 0x04,
    HorizontalAccuracy = 0x08,
    VerticalAccuracy = 0x10,
    Speed = 0x20,
    Azimuth = 0x40,
}
