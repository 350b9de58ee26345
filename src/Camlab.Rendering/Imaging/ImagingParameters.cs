namespace Camlab.Rendering.Imaging;

/// <summary>
/// Every imaging setting the renderer applies to the pixels, in physical or normalised units with neutral
/// defaults (the picture as the scene was authored). The ONVIF Imaging service's ranges map onto these
/// (docs/rendering.md lists each formula). Values outside the documented range are rejected by
/// <see cref="Validate"/>, so a bad request changes nothing.
/// </summary>
public sealed record ImagingParameters
{
    public static ImagingParameters Neutral { get; } = new();

    /// <summary>Reference exposure: 10 ms at 0 dB gain and an open iris renders the scene as authored.</summary>
    public const double ReferenceExposureTimeUs = 10_000;

    /// <summary>Exposure time in microseconds; brightness is proportional to it.</summary>
    public double ExposureTimeUs { get; init; } = ReferenceExposureTimeUs;
    /// <summary>Sensor gain in dB (amplitude, ×10^(dB/20)); amplifies signal and noise alike.</summary>
    public double GainDb { get; init; }
    /// <summary>Iris attenuation in dB as ONVIF defines it: 0 = fully open, positive values let less light in.</summary>
    public double IrisDb { get; init; }
    /// <summary>Scene illumination relative to daylight (1); night scenes are around 0.01–0.05.</summary>
    public double AmbientLight { get; init; } = 1;

    /// <summary>Offset of the output level, −1..1 (±half the output range).</summary>
    public double Brightness { get; init; }
    /// <summary>Slope around mid-grey, 0..3 (1 neutral).</summary>
    public double Contrast { get; init; } = 1;
    /// <summary>Chroma scale around each pixel's luma, 0..3 (0 = grey, 1 neutral).</summary>
    public double Saturation { get; init; } = 1;
    /// <summary>Unsharp-mask amount, 0..4 (0 = none).</summary>
    public double Sharpness { get; init; }

    /// <summary>White-balance gain of the red channel (ONVIF Cr gain), 0.25..4 (1 neutral).</summary>
    public double WhiteBalanceRedGain { get; init; } = 1;
    /// <summary>White-balance gain of the blue channel (ONVIF Cb gain), 0.25..4 (1 neutral).</summary>
    public double WhiteBalanceBlueGain { get; init; } = 1;

    /// <summary>Backlight compensation level 0..1: lifts shadows so a subject against a bright background shows.</summary>
    public double BacklightCompensation { get; init; }
    /// <summary>Wide dynamic range level 0..1: logarithmic compression of the linear signal.</summary>
    public double WideDynamicRange { get; init; }
    /// <summary>Tone compensation level 0..1: an S-curve that adds mid-tone contrast.</summary>
    public double ToneCompensation { get; init; }
    /// <summary>Defog level 0..1: removes an estimated veil of haze and stretches what remains.</summary>
    public double Defog { get; init; }
    /// <summary>Noise reduction level 0..1: edge-preserving blend toward a 5×5 mean.</summary>
    public double NoiseReduction { get; init; }

    /// <summary>True when the IR cut filter is removed (night mode): the sensor sees near infrared, the picture is monochrome.</summary>
    public bool NightMode { get; init; }
    /// <summary>IR lamp output 0..1; only a sensor without its IR cut filter sees it. Lights the near field.</summary>
    public double IrLamp { get; init; }

    /// <summary>Where the lens is focused, in dioptres (1/m; 0 = infinity). Null: in focus whatever the view.</summary>
    public double? FocusDioptres { get; init; }
    /// <summary>Open-iris aperture diameter in millimetres; sets how fast blur grows with defocus.</summary>
    public double ApertureDiameterMm { get; init; } = 5;

    public void Validate()
    {
        Range(ExposureTimeUs, 1, 10_000_000, nameof(ExposureTimeUs));
        Range(GainDb, 0, 60, nameof(GainDb));
        Range(IrisDb, 0, 60, nameof(IrisDb));
        Range(AmbientLight, 0, 100, nameof(AmbientLight));
        Range(Brightness, -1, 1, nameof(Brightness));
        Range(Contrast, 0, 3, nameof(Contrast));
        Range(Saturation, 0, 3, nameof(Saturation));
        Range(Sharpness, 0, 4, nameof(Sharpness));
        Range(WhiteBalanceRedGain, 0.25, 4, nameof(WhiteBalanceRedGain));
        Range(WhiteBalanceBlueGain, 0.25, 4, nameof(WhiteBalanceBlueGain));
        Range(BacklightCompensation, 0, 1, nameof(BacklightCompensation));
        Range(WideDynamicRange, 0, 1, nameof(WideDynamicRange));
        Range(ToneCompensation, 0, 1, nameof(ToneCompensation));
        Range(Defog, 0, 1, nameof(Defog));
        Range(NoiseReduction, 0, 1, nameof(NoiseReduction));
        Range(IrLamp, 0, 1, nameof(IrLamp));
        if (FocusDioptres is { } f) Range(f, 0, 100, nameof(FocusDioptres));
        Range(ApertureDiameterMm, 0, 500, nameof(ApertureDiameterMm));
    }

    /// <summary>Light reaching the sensor relative to the reference exposure: (t/10 ms)·10^(gain/20)·10^(−iris/20)·ambient.</summary>
    public double ExposureFactor =>
        ExposureTimeUs / ReferenceExposureTimeUs * Math.Pow(10, GainDb / 20) * Math.Pow(10, -IrisDb / 20) * AmbientLight;

    /// <summary>Aperture diameter in metres after the iris: light goes with area, so diameter with its square root.</summary>
    public double EffectiveApertureM => ApertureDiameterMm / 1000 * Math.Pow(10, -IrisDb / 40);

    private static void Range(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be within [{min}, {max}]");
    }
}
