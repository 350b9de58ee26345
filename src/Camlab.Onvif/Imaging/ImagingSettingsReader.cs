using System.Xml.Linq;
using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

/// <summary>
/// Reads a request's tt:ImagingSettings20 leniently: children by local name in any order and namespace, the
/// extension parameters wherever they sit below <c>Extension</c>. An unreadable number is ter:InvalidArgs; a
/// mode the schema does not know is ter:SettingsInvalid naming the parameter, like any other invalid setting.
/// A mode the schema requires but the request omits keeps the current one (the npm <c>onvif</c> client sends
/// Exposure and Focus without their mode when the caller did not set it); without a current one it is
/// ter:InvalidArgs.
/// </summary>
internal static class ImagingSettingsReader
{
    public static ImagingSettings Read(XElement e, ImagingSettings current)
    {
        var extension = e.Child("Extension");
        return new ImagingSettings
        {
            BacklightCompensation = e.Child("BacklightCompensation") is { } blc
                ? new BacklightCompensation(Mode(blc, "BacklightCompensation/Mode", current.BacklightCompensation?.Mode), blc.ChildFloat("Level"))
                : null,
            Brightness = e.ChildFloat("Brightness"),
            ColorSaturation = e.ChildFloat("ColorSaturation"),
            Contrast = e.ChildFloat("Contrast"),
            Exposure = e.Child("Exposure") is { } x ? ReadExposure(x, current.Exposure?.Mode) : null,
            Focus = e.Child("Focus") is { } f ? ReadFocus(f, current.Focus?.AutoFocusMode) : null,
            IrCutFilter = e.ChildText("IrCutFilter") is { } ir ? Parse<IrCutFilterMode>(ir, "IrCutFilter") : null,
            Sharpness = e.ChildFloat("Sharpness"),
            WideDynamicRange = e.Child("WideDynamicRange") is { } w
                ? new WideDynamicRange(Mode(w, "WideDynamicRange/Mode", current.WideDynamicRange?.Mode), w.ChildFloat("Level"))
                : null,
            WhiteBalance = e.Child("WhiteBalance") is { } wb
                ? new WhiteBalance(Mode(wb, "WhiteBalance/Mode", current.WhiteBalance?.Mode), wb.ChildFloat("CrGain"), wb.ChildFloat("CbGain"))
                : null,
            ImageStabilization = Find(extension, "ImageStabilization") is { } s
                ? new ImageStabilization(Mode(s, "ImageStabilization/Mode", current.ImageStabilization?.Mode), s.ChildFloat("Level"))
                : null,
            IrCutFilterAutoAdjustment = extension is null ? null : ReadAutoAdjustments(extension),
            ToneCompensation = Find(extension, "ToneCompensation") is { } t
                ? new ToneCompensation(Mode(t, "ToneCompensation/Mode", current.ToneCompensation?.Mode), t.ChildFloat("Level"))
                : null,
            Defogging = Find(extension, "Defogging") is { } d
                ? new Defogging(Mode(d, "Defogging/Mode", current.Defogging?.Mode), d.ChildFloat("Level"))
                : null,
            NoiseReduction = Find(extension, "NoiseReduction") is { } n
                ? new NoiseReduction(n.ChildFloat("Level") ?? throw OnvifFaults.InvalidArgs("NoiseReduction/Level is required"))
                : null,
        };
    }

    private static Exposure ReadExposure(XElement x, ExposureMode? current) => new(
        Mode(x, "Exposure/Mode", current),
        x.ChildText("Priority") is { } p ? Parse<ExposurePriority>(p, "Exposure/Priority") : null,
        x.Child("Window") is { } w ? new ExposureWindow(Attr(w, "left"), Attr(w, "top"), Attr(w, "right"), Attr(w, "bottom")) : null,
        x.ChildFloat("MinExposureTime"), x.ChildFloat("MaxExposureTime"),
        x.ChildFloat("MinGain"), x.ChildFloat("MaxGain"),
        x.ChildFloat("MinIris"), x.ChildFloat("MaxIris"),
        x.ChildFloat("ExposureTime"), x.ChildFloat("Gain"), x.ChildFloat("Iris"));

    private static FocusConfiguration ReadFocus(XElement f, AutoFocusMode? current)
    {
        // AFMode lists zero or more tt:AFModes; absent means none (the schema's reading), so a client that
        // sends Focus without it turns OnceAfterMove off.
        var once = false;
        foreach (var mode in (f.Attr("AFMode") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (mode != "OnceAfterMove")
                throw OnvifFaults.InvalidArgVal("SettingsInvalid", $"Focus/AFMode: '{mode}' is not a tt:AFModes value (OnceAfterMove)");
            once = true;
        }
        return new FocusConfiguration(
            Mode(f, "Focus/AutoFocusMode", current, "AutoFocusMode"),
            f.ChildFloat("DefaultSpeed"), f.ChildFloat("NearLimit"), f.ChildFloat("FarLimit"), once);
    }

    private static IReadOnlyList<IrCutFilterAutoAdjustment>? ReadAutoAdjustments(XElement extension)
    {
        var items = extension.Descendants().Where(d => d.Name.LocalName == "IrCutFilterAutoAdjustment").ToList();
        if (items.Count == 0) return null;
        return items.Select(a => new IrCutFilterAutoAdjustment(
            Parse<IrCutFilterAutoBoundaryType>(a.RequiredText("BoundaryType"), "IrCutFilterAutoAdjustment/BoundaryType"),
            a.ChildFloat("BoundaryOffset"),
            a.ChildDuration("ResponseTime"))).ToList();
    }

    private static XElement? Find(XElement? extension, string localName) =>
        extension?.Descendants().FirstOrDefault(d => d.Name.LocalName == localName);

    private static float Attr(XElement e, string name) =>
        e.AttrFloat(name) ?? throw OnvifFaults.InvalidArgs($"attribute {name} of {e.Name.LocalName} is required");

    private static T Mode<T>(XElement parent, string field, T? current, string child = "Mode") where T : struct, Enum =>
        parent.ChildText(child) is { } text ? Parse<T>(text, field)
        : current ?? throw OnvifFaults.InvalidArgs($"{field} is required");

    /// <summary>Exact, case-sensitive: the schema's enumerations are.</summary>
    public static T Parse<T>(string text, string field) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (value.ToString() == text) return value;
        throw OnvifFaults.InvalidArgVal("SettingsInvalid",
            $"{field}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
    }
}
