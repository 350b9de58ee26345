using System.Globalization;

namespace Camlab.Device.Imaging;

/// <summary>
/// Checks complete candidate settings against a source's options before anything changes (Imaging 5.1.3:
/// SetImagingSettings applies fully or fails with SettingsInvalid). The first violation wins and names its field.
/// </summary>
public static class ImagingSettingsValidator
{
    public static void Validate(ImagingSettings s, ImagingOptions o)
    {
        if (s.BacklightCompensation is { } blc)
        {
            var opt = Supported(o.BacklightCompensation, "BacklightCompensation");
            Mode(blc.Mode, opt.Modes, "BacklightCompensation/Mode");
            Within(blc.Level, opt.Level, "BacklightCompensation/Level");
        }
        Range(s.Brightness, o.Brightness, "Brightness");
        Range(s.ColorSaturation, o.ColorSaturation, "ColorSaturation");
        Range(s.Contrast, o.Contrast, "Contrast");
        if (s.Exposure is { } e) ValidateExposure(e, Supported(o.Exposure, "Exposure"));
        if (s.Focus is { } f) ValidateFocus(f, Supported(o.Focus, "Focus"));
        if (s.IrCutFilter is { } ir) Mode(ir, Supported(o.IrCutFilterModes, "IrCutFilter"), "IrCutFilter");
        Range(s.Sharpness, o.Sharpness, "Sharpness");
        if (s.WideDynamicRange is { } wdr)
        {
            var opt = Supported(o.WideDynamicRange, "WideDynamicRange");
            Mode(wdr.Mode, opt.Modes, "WideDynamicRange/Mode");
            Within(wdr.Level, opt.Level, "WideDynamicRange/Level");
        }
        if (s.WhiteBalance is { } wb)
        {
            var opt = Supported(o.WhiteBalance, "WhiteBalance");
            Mode(wb.Mode, opt.Modes, "WhiteBalance/Mode");
            Within(wb.CrGain, opt.YrGain, "WhiteBalance/CrGain");
            Within(wb.CbGain, opt.YbGain, "WhiteBalance/CbGain");
        }
        if (s.ImageStabilization is { } st)
        {
            var opt = Supported(o.ImageStabilization, "ImageStabilization");
            Mode(st.Mode, opt.Modes, "ImageStabilization/Mode");
            Within(st.Level, opt.Level, "ImageStabilization/Level");
        }
        if (s.IrCutFilterAutoAdjustment is { Count: > 0 } adjustments)
            ValidateIrCutFilterAutoAdjustment(adjustments, Supported(o.IrCutFilterAutoAdjustment, "IrCutFilterAutoAdjustment"));
        if (s.ToneCompensation is { } tc)
        {
            var opt = Supported(o.ToneCompensation, "ToneCompensation");
            Mode(tc.Mode, opt.Modes, "ToneCompensation/Mode");
            Within(tc.Level, opt.Level ? Normalised : null, "ToneCompensation/Level");
        }
        if (s.Defogging is { } d)
        {
            var opt = Supported(o.Defogging, "Defogging");
            Mode(d.Mode, opt.Modes, "Defogging/Mode");
            Within(d.Level, opt.Level ? Normalised : null, "Defogging/Level");
        }
        if (s.NoiseReduction is { } nr)
        {
            var opt = Supported(o.NoiseReduction, "NoiseReduction");
            Within(nr.Level, opt.Level ? Normalised : null, "NoiseReduction/Level");
        }
    }

    /// <summary>Levels the spec defines as normalised 0..1 (tone compensation, defogging, noise reduction).</summary>
    public static readonly FloatRange Normalised = new(0f, 1f);

    /// <summary>IR cut filter boundary offsets, -1 (darkest) .. +1 (Imaging 5.1.1).</summary>
    public static readonly FloatRange BoundaryOffsetRange = new(-1f, 1f);

    private static void ValidateExposure(Exposure e, ExposureOptions o)
    {
        Mode(e.Mode, o.Modes, "Exposure/Mode");
        if (e.Priority is { } p) Mode(p, o.Priorities, "Exposure/Priority");
        if (e.Window is { } w)
        {
            if (!(w.Left >= 0 && w.Left < w.Right && w.Right <= 1))
                throw Invalid("Exposure/Window", $"left {F(w.Left)} and right {F(w.Right)} must satisfy 0 <= left < right <= 1");
            if (!(w.Top >= 0 && w.Top < w.Bottom && w.Bottom <= 1))
                throw Invalid("Exposure/Window", $"top {F(w.Top)} and bottom {F(w.Bottom)} must satisfy 0 <= top < bottom <= 1");
        }
        Within(e.MinExposureTime, o.MinExposureTime, "Exposure/MinExposureTime");
        Within(e.MaxExposureTime, o.MaxExposureTime, "Exposure/MaxExposureTime");
        Within(e.MinGain, o.MinGain, "Exposure/MinGain");
        Within(e.MaxGain, o.MaxGain, "Exposure/MaxGain");
        Within(e.MinIris, o.MinIris, "Exposure/MinIris");
        Within(e.MaxIris, o.MaxIris, "Exposure/MaxIris");
        Within(e.ExposureTime, o.ExposureTime, "Exposure/ExposureTime");
        Within(e.Gain, o.Gain, "Exposure/Gain");
        Within(e.Iris, o.Iris, "Exposure/Iris");
        Ordered(e.MinExposureTime, e.MaxExposureTime, "Exposure/MaxExposureTime", "MinExposureTime");
        Ordered(e.MinGain, e.MaxGain, "Exposure/MaxGain", "MinGain");
        Ordered(e.MinIris, e.MaxIris, "Exposure/MaxIris", "MinIris");
    }

    private static void ValidateFocus(FocusConfiguration f, FocusOptions o)
    {
        Mode(f.AutoFocusMode, o.AutoFocusModes, "Focus/AutoFocusMode");
        Within(f.DefaultSpeed, o.DefaultSpeed, "Focus/DefaultSpeed");
        Within(f.NearLimit, o.NearLimit, "Focus/NearLimit");
        Within(f.FarLimit, o.FarLimit, "Focus/FarLimit");
        Ordered(f.NearLimit, f.FarLimit, "Focus/FarLimit", "NearLimit");
        if (f.OnceAfterMove == true && !o.OnceAfterMove)
            throw Invalid("Focus/AFMode", "OnceAfterMove is not supported by this lens");
    }

    private static void ValidateIrCutFilterAutoAdjustment(IReadOnlyList<IrCutFilterAutoAdjustment> list, IrCutFilterAutoAdjustmentOptions o)
    {
        var seen = new HashSet<IrCutFilterAutoBoundaryType>();
        foreach (var a in list)
        {
            const string field = "IrCutFilterAutoAdjustment";
            Mode(a.BoundaryType, o.BoundaryTypes, field + "/BoundaryType");
            if (!seen.Add(a.BoundaryType))
                throw Invalid(field + "/BoundaryType", $"{a.BoundaryType} is given twice");
            if (a.BoundaryOffset is { } offset)
            {
                if (!o.BoundaryOffset) throw Invalid(field + "/BoundaryOffset", "this source has no adjustable boundary offset");
                Within(offset, BoundaryOffsetRange, field + "/BoundaryOffset");
            }
            if (a.ResponseTime is { } rt)
            {
                if (o.ResponseTimeRange is not { } range) throw Invalid(field + "/ResponseTime", "this source has no adjustable response time");
                if (!range.Contains(rt))
                    throw Invalid(field + "/ResponseTime", $"{System.Xml.XmlConvert.ToString(rt)} is outside [{System.Xml.XmlConvert.ToString(range.Min)}, {System.Xml.XmlConvert.ToString(range.Max)}]");
            }
        }
        // Common applies to both boundaries; combining it with ToOn/ToOff would say two things about one boundary.
        if (seen.Contains(IrCutFilterAutoBoundaryType.Common) && seen.Count > 1)
            throw Invalid("IrCutFilterAutoAdjustment/BoundaryType", "Common cannot be combined with ToOn or ToOff");
    }

    private static T Supported<T>(T? option, string field) where T : class =>
        option ?? throw Invalid(field, "not supported by this video source (absent from GetOptions)");

    private static void Mode<T>(T value, IReadOnlyList<T> allowed, string field) where T : struct, Enum
    {
        if (!allowed.Contains(value))
            throw Invalid(field, $"{value} is not one of the supported values ({string.Join(", ", allowed)})");
    }

    private static void Range(float? value, FloatRange? range, string field)
    {
        if (value is null) return;
        Within(value, Supported(range, field), field);
    }

    private static void Within(float? value, FloatRange? range, string field)
    {
        if (value is not { } v) return;
        if (range is null) throw Invalid(field, "not supported by this video source (absent from GetOptions)");
        if (!range.Contains(v)) throw Invalid(field, $"{F(v)} is outside {range}");
    }

    private static void Ordered(float? min, float? max, string field, string minName)
    {
        if (min is { } lo && max is { } hi && hi < lo)
            throw Invalid(field, $"{F(hi)} is below {minName} {F(lo)}");
    }

    private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static ImagingException Invalid(string field, string reason) => ImagingException.SettingsInvalid(field, reason);
}
