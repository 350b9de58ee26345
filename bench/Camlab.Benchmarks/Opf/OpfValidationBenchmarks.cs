using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Benchmarks.Opf;

/// <summary>
/// Full OPF validation (streaming read into the model + every schema and semantic rule) of a 10,000-capture
/// document against System.Text.Json parsing the same bytes in the same run: a bare Utf8JsonReader token
/// walk (the floor) and JsonDocument.Parse (the usual "parse"). Target: validation within 3× of the raw parse.
/// Run: dotnet run -c Release --project bench/Camlab.Benchmarks -- --filter '*OpfValidation*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class OpfValidationBenchmarks
{
    public const int CaptureCount = 10_000;
    internal static readonly byte[] Document = OpfBenchmarkDocument.Create(CaptureCount);

    [Benchmark(Baseline = true, Description = "Utf8JsonReader token walk")]
    public int RawTokenWalk()
    {
        var reader = new Utf8JsonReader(Document);
        var tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    [Benchmark(Description = "JsonDocument.Parse")]
    public int JsonDocumentParse()
    {
        using var doc = JsonDocument.Parse(Document);
        return doc.RootElement.GetProperty("captures"u8).GetArrayLength();
    }

    [Benchmark(Description = "OpfReader.Read (model only)")]
    public int ReadModel() => OpfReader.Read(Document).Document.Captures.Count;

    [Benchmark(Description = "OpfValidator.Validate (full)")]
    public int Validate()
    {
        var result = OpfValidator.Validate(Document);
        if (!result.IsValid) throw new InvalidOperationException(result.Errors[0].ToString());
        return result.Document.Captures.Count;
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    /// <summary>MB/s of the document (10^6 bytes per second of the mean time).</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => "OpfThroughput";
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"Throughput over the {Document.Length:N0}-byte document";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var stats = summary[benchmarkCase]?.ResultStatistics;
            return stats is null ? "-" : (Document.Length / (stats.Mean / 1e9) / 1e6).ToString("F1", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>A deterministic, valid document: 4 sensors, captures of 1 or 2 cameras with geolocation and orientation.</summary>
internal static class OpfBenchmarkDocument
{
    public static byte[] Create(int captures)
    {
        var doc = new InputCameras();
        for (var s = 0; s < 4; s++)
        {
            doc.Sensors.Add(new Sensor
            {
                Id = 1000UL + (ulong)s,
                Name = $"Camlab_sensor_{s}",
                Bands = [new Band { Name = "Red", Weight = 0.2126 }, new Band { Name = "Green", Weight = 0.7152 }, new Band { Name = "Blue", Weight = 0.0722 }],
                ImageSizePx = [6016, 4008],
                PixelSizeUm = 1.6,
                Internals = s % 2 == 0
                    ? new PerspectiveInternals { PrincipalPointPx = [3008, 2004], FocalLengthPx = 5391, RadialDistortion = [-0.014393, 0.0125235, -2.2309e-05], TangentialDistortion = [0.00127711, 0.000421167] }
                    : new FisheyeInternals { PrincipalPointPx = [3008, 2004], Affine = [1674.33, 0, 0, 1674.33], IsSymmetricAffine = true, Polynomial = [0, 1, 0.0152646, -0.161096], IsP0Zero = true },
                ShutterType = ShutterType.Global,
            });
        }
        var random = new Random(42);
        ulong cameraId = 1_000_000;
        for (var c = 0; c < captures; c++)
        {
            var capture = new Capture
            {
                Id = 10_000_000UL + (ulong)c,
                RigModelSource = RigModelSource.NotApplicable,
                Geolocation = new Geolocation
                {
                    Crs = new Crs { Definition = "EPSG:4326+5773" },
                    Coordinates = [46.5 + random.NextDouble() * 0.01, 6.5 + random.NextDouble() * 0.01, 500 + random.NextDouble() * 50],
                    Sigmas = [1.69, 1.69, 2.4],
                },
                Orientation = c % 2 == 0
                    ? new YawPitchRollOrientation { AnglesDeg = [random.NextDouble() * 360, random.NextDouble() * 10, random.NextDouble() * 10], SigmasDeg = [5, 5, 5] }
                    : new OmegaPhiKappaOrientation { AnglesDeg = [random.NextDouble() * 10, random.NextDouble() * 10, random.NextDouble() * 360], SigmasDeg = [5, 5, 5], Crs = "EPSG:32632" },
                HeightAboveTakeoffM = 100.5,
                Time = CaptureTime.FromInstant(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(c * 2.5)),
            };
            var cameras = c % 3 == 0 ? 2 : 1;
            for (var k = 0; k < cameras; k++)
                capture.Cameras.Add(new Camera
                {
                    Id = cameraId++, SensorId = 1000UL + (ulong)((c + k) % 4), ModelSource = ModelSource.Database, PixelType = PixelType.UInt8,
                    PixelRange = k == 0 ? new StaticPixelRange { Min = 0, Max = 255 } : new DynamicPixelRange { Percentile = 1 },
                });
            capture.ReferenceCameraId = capture.Cameras[0].Id;
            doc.Captures.Add(capture);
        }
        return OpfWriter.ToUtf8Bytes(doc);
    }
}
