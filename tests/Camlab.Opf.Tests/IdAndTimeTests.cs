using System.Text;
using Camlab.Opf.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Tests;

public class IdAndTimeTests
{
    private static byte[] WithCaptureId(string raw) =>
        Encoding.UTF8.GetBytes(TestDocuments.SpecExampleText.Replace("\"id\": 92840,", $"\"id\": {raw},"));

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("-0", 0UL)]
    [InlineData("9007199254740993", 9007199254740993UL)] // 2^53 + 1: a double would round it
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("47292894.0", 47292894UL)]
    [InlineData("4.7292894e7", 47292894UL)]
    [InlineData("472928940000E-4", 47292894UL)]
    [InlineData("1.8446744073709551615E19", ulong.MaxValue)]
    public void Ids_are_read_exactly_as_unsigned_64_bit_integers(string raw, ulong expected)
    {
        var result = OpfReader.Read(WithCaptureId(raw));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Document.Captures[2].Id);
        var written = OpfWriter.ToJsonString(result.Document);
        Assert.Contains($"\"id\": {expected},", written);
        Assert.Equal(expected, OpfReader.Parse(Encoding.UTF8.GetBytes(written)).Captures[2].Id);
    }

    [Theory]
    [InlineData("1.5", "must be a whole number (an id from 0 to 18446744073709551615), got 1.5")]
    [InlineData("18446744073709551616", "is larger than the largest id 18446744073709551615, got 18446744073709551616")]
    [InlineData("1e20", "is larger than the largest id 18446744073709551615, got 1e20")]
    [InlineData("-1", "must not be negative (an id from 0 to 18446744073709551615), got -1")]
    [InlineData("92840.000001", "must be a whole number (an id from 0 to 18446744073709551615), got 92840.000001")]
    [InlineData("1e-400", "must be a whole number (an id from 0 to 18446744073709551615), got 1e-400")]
    public void Ids_that_are_not_unsigned_64_bit_integers_are_errors(string raw, string message)
    {
        var error = Assert.Single(OpfReader.Read(WithCaptureId(raw)).Errors);
        Assert.Equal("/captures/2/id", error.Pointer);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_time_without_a_zone_stays_without_a_zone()
    {
        var json = Encoding.UTF8.GetBytes(TestDocuments.SpecExampleText.Replace("2020-09-25T09:12:53Z", "2020-09-25T09:12:53.250"));
        var capture = OpfReader.Parse(json).Captures[2];

        Assert.False(capture.Time.HasZone);
        Assert.Null(capture.Time.UtcOffset);
        Assert.Null(capture.Time.ToInstant());
        var clock = capture.Time.ToDateTime();
        Assert.Equal(DateTimeKind.Unspecified, clock.Kind);
        Assert.Equal(new DateTime(2020, 9, 25, 9, 12, 53, 250), clock);
        Assert.Contains("\"time\": \"2020-09-25T09:12:53.250\"", OpfWriter.ToJsonString(OpfReader.Parse(json)));
    }

    [Fact]
    public void A_time_with_an_offset_keeps_its_text_and_gives_the_instant()
    {
        var time = new CaptureTime("2016-09-29T13:41:21.5+02:00");

        Assert.True(time.HasZone);
        Assert.Equal(TimeSpan.FromHours(2), time.UtcOffset);
        Assert.Equal(new DateTimeOffset(2016, 9, 29, 11, 41, 21, 500, TimeSpan.Zero), time.ToInstant());
        Assert.Equal(DateTimeKind.Utc, time.ToDateTime().Kind);
        Assert.Equal("2016-09-29T13:41:21.5+02:00", time.ToString());
    }

    [Fact]
    public void Times_made_in_code_are_written_in_utc_or_without_a_zone()
    {
        Assert.Equal("2016-09-29T11:41:21Z", CaptureTime.FromInstant(new DateTimeOffset(2016, 9, 29, 13, 41, 21, TimeSpan.FromHours(2))).Text);
        Assert.Equal("2016-09-29T11:41:21.25", CaptureTime.FromUnzoned(new DateTime(2016, 9, 29, 11, 41, 21, 250)).Text);
        Assert.True(CaptureTime.FromUnzoned(DateTime.Now).IsWellFormed);
    }

    [Fact]
    public void A_trailing_newline_does_not_sneak_past_the_time_pattern()
    {
        Assert.NotNull(new CaptureTime("2016-09-29T11:41:21Z\n").Problem());
    }
}

public class EntryPointTests
{
    [Fact]
    public void Streams_and_files_read_like_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, TestDocuments.SpecExample);
            Assert.True(Validation.OpfValidator.ValidateFile(path).IsValid);
            Assert.Equal(5, OpfReader.ReadFile(path).Document.Sensors.Count);
            using var stream = new MemoryStream(TestDocuments.SpecExample);
            var fromStream = OpfReader.Read(stream);
            Assert.Equal(OpfWriter.ToUtf8Bytes(TestDocuments.ReadExample()), OpfWriter.ToUtf8Bytes(fromStream.Document));
            using var output = new MemoryStream();
            OpfWriter.Write(fromStream.Document, output);
            Assert.Equal(OpfWriter.ToUtf8Bytes(fromStream.Document), output.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_throws_every_shape_error_at_once()
    {
        var json = TestDocuments.Edit(r =>
        {
            r.Remove("format");
            r.Sensor(0)["id"] = "x";
        });
        var e = Assert.Throws<OpfValidationException>(() => OpfReader.Parse(json));
        Assert.Equal(2, e.Errors.Count);
    }
}
