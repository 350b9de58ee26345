using Camlab.Device.Imaging;
using Camlab.Rendering;
using Camlab.Rendering.Imaging;
using Range = Camlab.Device.Imaging.FloatRange;

namespace Camlab.Server.View;

/// <summary>
/// ONVIF imaging settings (tt:ImagingSettings20, in the device's ranges) → the renderer's
/// <see cref="ImagingParameters"/>, with the formulas of docs/rendering.md "What the server maps onto these inputs".
/// Pure: the light conditions and the IR lamp come in as arguments so the mapping is the same for every caller.
/// </summary>
public static class ImagingParameterMapping
{
    /// <summary>Ambient light under which IR cut filter AUTO switches to night (before the boundary offset).</summary>
    public const double NightThreshold = 0.1;

    /// <param name="ambientLight">Scene illumination relative to a bright day (1), the renderer's <c>AmbientLight</c>.</param>
    /// <param name="irLamp">The PTZ auxiliary <c>tt:IRLamp</c> value (On, Off, Auto) or null when never set.</param>
    /// <param name="focusDioptres">Where the lens is focused (1/m), null for a fixed-focus lens (always sharp).</param>
    public static ImagingParameters Map(ImagingSettings s, ImagingOptions o, double ambientLight, string? irLamp, double? focusDioptres)
    {
        var night = IsNight(s, ambientLight);
        var (time, gain, iris) = Exposure(s.Exposure, ambientLight);
        var (red, blue) = WhiteBalance(s.WhiteBalance, o.WhiteBalance);
        return new ImagingParameters
        {
            ExposureTimeUs = time,
            GainDb = Math.Clamp(gain, 0, 60),
            IrisDb = Math.Clamp(iris, 0, 60),
            AmbientLight = Math.Clamp(ambientLight, 0, 100),
            Brightness = Piecewise(s.Brightness, o.Brightness, -1, 0, 1),
            Contrast = Piecewise(s.Contrast, o.Contrast, 0, 1, 3),
            Saturation = Piecewise(s.ColorSaturation, o.ColorSaturation, 0, 1, 3),
            Sharpness = Piecewise(s.Sharpness, o.Sharpness, 0, 0, 4),
            WhiteBalanceRedGain = red,
            WhiteBalanceBlueGain = blue,
            BacklightCompensation = s.BacklightCompensation is { Mode: BacklightCompensationMode.ON } b ? Fraction(b.Level, o.BacklightCompensation?.Level) : 0,
            WideDynamicRange = s.WideDynamicRange is { Mode: WideDynamicMode.ON } w ? Fraction(w.Level, o.WideDynamicRange?.Level) : 0,
            // Without a level (a source whose options say Level=false) ON means the processor's own middle setting.
            ToneCompensation = s.ToneCompensation is { Mode: not ToneCompensationMode.OFF } t ? Math.Clamp(t.Level ?? 0.5, 0, 1) : 0,
            Defog = s.Defogging is { Mode: not DefoggingMode.OFF } d ? Math.Clamp(d.Level ?? 0.5, 0, 1) : 0,
            NoiseReduction = Math.Clamp(s.NoiseReduction?.Level ?? 0, 0, 1),
            NightMode = night,
            // The lamp lights the scene in the infrared: only a night picture (IR cut filter out) sees it.
            IrLamp = irLamp switch { "On" => 1, "Auto" when night => 1, _ => 0 },
            FocusDioptres = focusDioptres is { } f ? Math.Clamp(f, 0, 100) : null,
        };
    }

    /// <summary>IR cut filter ON = day, OFF = night; AUTO follows the ambient light, the Common/ToOff boundary offset shifting the threshold (−1 darkest).</summary>
    public static bool IsNight(ImagingSettings s, double ambientLight)
    {
        switch (s.IrCutFilter)
        {
            case IrCutFilterMode.OFF: return true;
            case IrCutFilterMode.AUTO:
                var offset = s.IrCutFilterAutoAdjustment?.FirstOrDefault(a => a.BoundaryType != IrCutFilterAutoBoundaryType.ToOn)?.BoundaryOffset ?? 0;
                return ambientLight < NightThreshold * Math.Pow(10, offset);
            default: return false;
        }
    }

    /// <summary>
    /// MANUAL: the settings' time, gain and iris as they are. AUTO: the exposure that brings the light back to the
    /// reference (10 ms at ambient 1) — time first within Min/MaxExposureTime, then gain up to MaxGain in the dark,
    /// or the iris down to MaxIris in bright light — so a darker scene costs noise before it costs brightness.
    /// </summary>
    private static (double TimeUs, double GainDb, double IrisDb) Exposure(Exposure? e, double ambientLight)
    {
        if (e is null) return (ImagingParameters.ReferenceExposureTimeUs, 0, 0);
        if (e.Mode == ExposureMode.MANUAL)
            return (Math.Clamp(e.ExposureTime ?? 10_000, 1, 10_000_000), e.Gain ?? 0, e.Iris ?? 0);
        var needed = 1 / Math.Max(ambientLight, 1e-6); // light factor the exposure must supply
        var time = Math.Clamp(ImagingParameters.ReferenceExposureTimeUs * needed, e.MinExposureTime ?? 10, e.MaxExposureTime ?? 40_000);
        var rest = needed * ImagingParameters.ReferenceExposureTimeUs / time;
        double gain = e.MinGain ?? 0, iris = e.MinIris ?? 0;
        if (rest > 1) gain = Math.Clamp(20 * Math.Log10(rest), e.MinGain ?? 0, e.MaxGain ?? 60);
        else if (rest < 1) iris = Math.Clamp(-20 * Math.Log10(rest), e.MinIris ?? 0, e.MaxIris ?? 60);
        return (time, gain, iris);
    }

    /// <summary>MANUAL Cr/Cb gains: the middle of the device's range is ×1, its ends ×0.25 and ×4 (4^((g − mid)/(half range))). AUTO: ×1.</summary>
    private static (double Red, double Blue) WhiteBalance(WhiteBalance? wb, WhiteBalanceOptions? o)
    {
        if (wb is not { Mode: WhiteBalanceMode.MANUAL }) return (1, 1);
        return (Factor(wb.CrGain, o?.YrGain), Factor(wb.CbGain, o?.YbGain));

        static double Factor(float? gain, Range? range)
        {
            if (gain is not { } g || range is null || range.Max <= range.Min) return 1;
            var mid = (range.Min + range.Max) / 2.0;
            return Math.Clamp(Math.Pow(4, (g - mid) / ((range.Max - range.Min) / 2.0)), 0.25, 4);
        }
    }

    /// <summary>
    /// A device range onto a renderer range, piecewise linear: the device minimum → <paramref name="low"/>, its middle
    /// → <paramref name="neutral"/> (the factory picture), its maximum → <paramref name="high"/>.
    /// </summary>
    public static double Piecewise(float? value, Range? range, double low, double neutral, double high)
    {
        if (value is not { } v || range is null || range.Max <= range.Min) return neutral;
        var mid = (range.Min + range.Max) / 2.0;
        var x = Math.Clamp(v, range.Min, range.Max);
        return x <= mid
            ? low + (x - range.Min) / (mid - range.Min) * (neutral - low)
            : neutral + (x - mid) / (range.Max - mid) * (high - neutral);
    }

    private static double Fraction(float? level, Range? range) =>
        level is not { } l ? 0.5 : range is null || range.Max <= range.Min ? Math.Clamp(l, 0, 1) : Math.Clamp((l - range.Min) / (range.Max - range.Min), 0, 1);
}
