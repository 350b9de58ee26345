namespace Camlab.VideoChannel.Tests;

/// <summary>The location encodings of header flag 0x20, with the specification's own examples.</summary>
public class LocationEncodingTests
{
    [Theory]
    [InlineData(-90.0, 2_700_000_000u)]       // spec: (-90) is expressed as 270
    [InlineData(42.670308, 426_703_080u)]     // spec: 42.670308 is written as 426'703'080
    [InlineData(0.0, 0u)]
    [InlineData(180.0, 1_800_000_000u)]
    [InlineData(-0.0000001, 3_599_999_999u)]
    public void Longitude(double degrees, uint wire) => Assert.Equal(wire, LocationInfo.EncodeLongitude(degrees));

    [Theory]
    [InlineData(-36.0, 1_440_000_000u)]       // spec: (-36) is expressed as 144
    [InlineData(23.352784, 233_527_840u)]     // spec: 23.352784 is written as 233'527'840
    [InlineData(90.0, 900_000_000u)]
    public void Latitude(double degrees, uint wire) => Assert.Equal(wire, LocationInfo.EncodeLatitude(degrees));

    [Theory]
    [InlineData(-34.0, 3_260_000_000u)]       // spec: (-34) is expressed as 326
    [InlineData(18.234556, 182_345_560u)]     // spec: 18.234556 is written as 182'345'560
    public void Azimuth(double degrees, uint wire) => Assert.Equal(wire, LocationInfo.EncodeAzimuth(degrees));

    [Fact]
    public void Wire_values_convert_back_to_signed_degrees_and_metres()
    {
        var l = new LocationInfo(0, LocationSource.Satellite, LocationFields.Longitude, 2_700_000_000, 1_440_000_000, -250, 150, 75, 1234,
            3_260_000_000);

        Assert.Equal(-90.0, l.LongitudeDegrees, 9);
        Assert.Equal(-36.0, l.LatitudeDegrees, 9);
        Assert.Equal(326.0, l.AzimuthDegrees, 9);
        Assert.Equal(-2.5, l.AltitudeMetres, 9);
        Assert.Equal(1.5, l.HorizontalAccuracyMetres, 9);
        Assert.Equal(0.75, l.VerticalAccuracyMetres, 9);
        Assert.Equal(12.34, l.SpeedMetresPerSecond, 9);
    }

    [Fact]
    public void FromDegrees_round_trips_to_seven_decimals()
    {
        var l = LocationInfo.FromDegrees(-122.4194155, -37.8136276, altitudeMetres: 8848.86, horizontalAccuracyMetres: 3.2,
            verticalAccuracyMetres: 4.5, speedMetresPerSecond: 13.89, azimuth: -0.5);

        Assert.Equal(2_375_805_845u, l.Longitude);
        Assert.Equal(1_421_863_724u, l.Latitude);
        Assert.Equal(884_886, l.Altitude);
        Assert.Equal(320u, l.HorizontalAccuracy);
        Assert.Equal(450u, l.VerticalAccuracy);
        Assert.Equal(1389u, l.Speed);
        Assert.Equal(3_595_000_000u, l.Azimuth);
        Assert.Equal(-122.4194155, l.LongitudeDegrees, 7);
        Assert.Equal(-37.8136276, l.LatitudeDegrees, 7);
        Assert.Equal(LocationFields.Longitude | LocationFields.Latitude | LocationFields.Altitude | LocationFields.HorizontalAccuracy |
                     LocationFields.VerticalAccuracy | LocationFields.Speed | LocationFields.Azimuth, l.ValidFields);
    }

    [Theory]
    [InlineData(360.5)]
    [InlineData(-360.5)]
    [InlineData(double.NaN)]
    public void Out_of_range_longitudes_are_refused(double degrees) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LocationInfo.EncodeLongitude(degrees));

    [Fact]
    public void Negative_accuracy_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LocationInfo.FromDegrees(0, 0, horizontalAccuracyMetres: -1));

    [Fact]
    public void Data_type_letters()
    {
        Assert.Equal(StreamDataType.Jpeg, StreamDataType.FromLetters("JPEG"));
        Assert.Equal(new byte[] { 0x47, 0x45, 0x50, 0x4A }, BitConverter.GetBytes(StreamDataType.Jpeg)); // "GEPJ"
        Assert.Equal("H265", StreamDataType.ToLetters(StreamDataType.H265));
        Assert.Null(StreamDataType.ToLetters(0));
        Assert.Throws<ArgumentException>(() => StreamDataType.FromLetters("MJPEG"));
    }
}
