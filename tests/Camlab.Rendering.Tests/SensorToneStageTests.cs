using Camlab.Rendering;
using Camlab.Rendering.Imaging;

namespace Camlab.Rendering.Tests;

/// <summary>The band loop of the sensor/tone stage gives exactly the same pixels from its per-stage table (AVX2 gathers, then a scalar tail) as from the formula.</summary>
public class SensorToneStageTests
{
    public static TheoryData<double, double, int> Cases => new()
    {
        { 0, 0, 12345 },
        { 12, 0.2, 777 },
        { 30, -0.4, 0 },
        // A frame whose noise run wraps the table's end mid-band (the vector loop leaves that run to the scalar loop).
        { 6, 0, SensorNoise.TableMask - 3 * 1000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void The_table_loop_matches_the_formula(double gainDb, double brightness, int noiseOffset)
    {
        var stage = new SensorToneStage(ImagingParameters.Neutral with { GainDb = gainDb, Brightness = brightness });
        const int pixels = 4099; // not a multiple of the vector loop's 8 pixels
        var source = new byte[3 * pixels];
        new Random(7).NextBytes(source);
        for (int i = 0; i < 64; i++) source[i] = (byte)(i % 2 == 0 ? 0 : 255); // clipping at both ends
        var banded = (byte[])source.Clone();
        var scalar = (byte[])source.Clone();
        fixed (byte* b = banded)
        fixed (byte* p = scalar)
        {
            // Two bands, as the sampler calls it: pixel ranges [0, 1500) and [1500, pixels).
            stage.ApplyRange(b, 0, 1500, noiseOffset, null);
            stage.ApplyRange(b, 1500, pixels, noiseOffset, null);
            stage.ApplyRange(p, 0, 1500, noiseOffset, null, vectorise: false);
            stage.ApplyRange(p, 1500, pixels, noiseOffset, null, vectorise: false);
        }
        Assert.Equal(scalar, banded);
        Assert.NotEqual(source, banded);
    }
}
