using System.Buffers.Binary;

namespace Camlab.VideoChannel;

/// <summary>
/// Header flag 0x20: where the client is. The fields hold the wire integers: longitude 0..360° and
/// latitude 0..180° (negative values shifted up by 360 and 180) and azimuth 0..360°, each × 10^7;
/// altitude and accuracies in centimetres; speed in cm/s. <see cref="FromDegrees"/> and the
/// <c>…Degrees</c>/<c>…Metres</c> properties convert to and from signed degrees and metres.
/// </summary>
public readonly record struct LocationInfo(
    uint Version,
    LocationSource Source,
    LocationFields ValidFields,
    uint Longitude,
    uint Latitude,
    int Altitude,
    uint HorizontalAccuracy,
    uint VerticalAccuracy,
    uint Speed,
    uint Azimuth)
{
    /// <summary>HeaderSize, Version, Source, Reserved, ValidFields and seven values: 48 bytes.</summary>
    public const int Size = 48;

    /// <summary>Degrees are carried × 10^7.</summary>
    public const double DegreeScale = 10_000_000;

    /// <summary>East-west position in −180..180 degrees (wire values above 180° are west).</summary>
    public double LongitudeDegrees => DecodeSigned(Longitude, 360);

    /// <summary>North-south position in −90..90 degrees (wire values above 90° are south).</summary>
    public double LatitudeDegrees => DecodeSigned(Latitude, 180);

    /// <summary>Clockwise angle from true north, 0..360 degrees.</summary>
    public double AzimuthDegrees => Azimuth / DegreeScale;

    public double AltitudeMetres => Altitude / 100.0;

    public double HorizontalAccuracyMetres => HorizontalAccuracy / 100.0;

    public double VerticalAccuracyMetres => VerticalAccuracy / 100.0;

    public double SpeedMetresPerSecond => Speed / 100.0;

    /// <summary>Longitude in degrees (−360..360) to its wire value: negatives add 360, then × 10^7.</summary>
    public static uint EncodeLongitude(double degrees) => EncodeDegrees(degrees, 360, nameof(degrees));

    /// <summary>Latitude in degrees (−180..180) to its wire value: negatives add 180, then × 10^7.</summary>
    public static uint EncodeLatitude(double degrees) => EncodeDegrees(degrees, 180, nameof(degrees));

    /// <summary>Azimuth in degrees (−360..360) to its wire value: negatives add 360, then × 10^7.</summary>
    public static uint EncodeAzimuth(double degrees) => EncodeDegrees(degrees, 360, nameof(degrees));

    /// <summary>Metres to whole centimetres, rounded to nearest.</summary>
    public static int EncodeCentimetres(double metres)
    {
        double cm = Math.Round(metres * 100.0, MidpointRounding.AwayFromZero);
        if (!(cm >= int.MinValue && cm <= int.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(metres), metres, "does not fit a signed 32-bit count of centimetres");
        return (int)cm;
    }

    /// <summary>
    /// A location from signed degrees and metres, with every field marked valid. Version 0 is the only
    /// version the specification defines.
    /// </summary>
    public static LocationInfo FromDegrees(
        double longitude,
        double latitude,
        double altitudeMetres = 0,
        double horizontalAccuracyMetres = 0,
        double verticalAccuracyMetres = 0,
        double speedMetresPerSecond = 0,
        double azimuth = 0,
        LocationSource source = LocationSource.Satellite) => new(
            Version: 0,
            Source: source,
            ValidFields: LocationFields.Longitude | LocationFields.Latitude | LocationFields.Altitude |
                LocationFields.HorizontalAccuracy | LocationFields.VerticalAccuracy | LocationFields.Speed |
                LocationFields.Azimuth,
            Longitude: EncodeLongitude(longitude),
            Latitude: EncodeLatitude(latitude),
            Altitude: EncodeCentimetres(altitudeMetres),
            HorizontalAccuracy: EncodeUnsignedCentimetres(horizontalAccuracyMetres, nameof(horizontalAccuracyMetres)),
            VerticalAccuracy: EncodeUnsignedCentimetres(verticalAccuracyMetres, nameof(verticalAccuracyMetres)),
            Speed: EncodeUnsignedCentimetres(speedMetresPerSecond, nameof(speedMetresPerSecond)),
            Azimuth: EncodeAzimuth(azimuth));

    private static uint EncodeDegrees(double degrees, int fullRange, string parameter)
    {
        if (!(degrees >= -fullRange && degrees <= fullRange))
            throw new ArgumentOutOfRangeException(parameter, degrees, $"must lie within -{fullRange}..{fullRange} degrees");
        if (degrees < 0)
            degrees += fullRange;
        return (uint)Math.Round(degrees * DegreeScale, MidpointRounding.AwayFromZero);
    }

    private static uint EncodeUnsignedCentimetres(double metres, string parameter)
    {
        double cm = Math.Round(metres * 100.0, MidpointRounding.AwayFromZero);
        if (!(cm >= 0 && cm <= uint.MaxValue))
            throw new ArgumentOutOfRangeException(parameter, metres, "must be a non-negative count of centimetres that fits 32 bits");
        return (uint)cm;
    }

    private static double DecodeSigned(uint value, int fullRange)
    {
        double degrees = value / DegreeScale;
        return degrees > fullRange / 2.0 ? degrees - fullRange : degrees;
    }

    internal static LocationInfo Read(ReadOnlySpan<byte> source) => new(
        Version: BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        Source: (LocationSource)BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        // source[12..16] is Reserved.
        ValidFields: (LocationFields)BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
        Longitude: BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
        Latitude: BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
        Altitude: BinaryPrimitives.ReadInt32LittleEndian(source[28..]),
        HorizontalAccuracy: BinaryPrimitives.ReadUInt32LittleEndian(source[32..]),
        VerticalAccuracy: BinaryPrimitives.ReadUInt32LittleEndian(source[36..]),
        Speed: BinaryPrimitives.ReadUInt32LittleEndian(source[40..]),
        Azimuth: BinaryPrimitives.ReadUInt32LittleEndian(source[44..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)Source);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], (uint)ValidFields);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Longitude);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], Latitude);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], Altitude);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], HorizontalAccuracy);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], VerticalAccuracy);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], Speed);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[44..], Azimuth);
    }
}
