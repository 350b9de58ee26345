using System.Xml;
using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

/// <summary>
/// Writes the tt: imaging types strictly in schema order (onvif.xsd: ImagingSettings20, ImagingOptions20,
/// MoveOptions20, FocusStatus20) and the timg:ImagingPreset. The envelope declares tt: and timg: already.
/// </summary>
internal static class ImagingXmlWriter
{
    private const string Tt = OnvifNamespaces.Schema;
    private const string Timg = OnvifNamespaces.Imaging;

    public static void WriteSettings(XmlWriter w, string localName, string ns, ImagingSettings s)
    {
        w.WriteStartElement(Prefix(ns), localName, ns);
        if (s.BacklightCompensation is { } blc) ModeLevel(w, "BacklightCompensation", blc.Mode.ToString(), blc.Level);
        Float(w, "Brightness", s.Brightness);
        Float(w, "ColorSaturation", s.ColorSaturation);
        Float(w, "Contrast", s.Contrast);
        if (s.Exposure is { } e) WriteExposure(w, e);
        if (s.Focus is { } f)
        {
            w.WriteStartElement("tt", "Focus", Tt);
            if (f.OnceAfterMove == true) w.WriteAttributeString("AFMode", "OnceAfterMove");
            w.WriteElementString("tt", "AutoFocusMode", Tt, f.AutoFocusMode.ToString());
            Float(w, "DefaultSpeed", f.DefaultSpeed);
            Float(w, "NearLimit", f.NearLimit);
            Float(w, "FarLimit", f.FarLimit);
            w.WriteEndElement();
        }
        if (s.IrCutFilter is { } ir) w.WriteElementString("tt", "IrCutFilter", Tt, ir.ToString());
        Float(w, "Sharpness", s.Sharpness);
        if (s.WideDynamicRange is { } wdr) ModeLevel(w, "WideDynamicRange", wdr.Mode.ToString(), wdr.Level);
        if (s.WhiteBalance is { } wb)
        {
            w.WriteStartElement("tt", "WhiteBalance", Tt);
            w.WriteElementString("tt", "Mode", Tt, wb.Mode.ToString());
            Float(w, "CrGain", wb.CrGain);
            Float(w, "CbGain", wb.CbGain);
            w.WriteEndElement();
        }
        var adjustments = s.IrCutFilterAutoAdjustment ?? [];
        var hasExtension3 = s.ToneCompensation is not null || s.Defogging is not null || s.NoiseReduction is not null;
        var hasExtension2 = adjustments.Count > 0 || hasExtension3;
        if (s.ImageStabilization is not null || hasExtension2)
        {
            w.WriteStartElement("tt", "Extension", Tt);
            if (s.ImageStabilization is { } st) ModeLevel(w, "ImageStabilization", st.Mode.ToString(), st.Level);
            if (hasExtension2)
            {
                w.WriteStartElement("tt", "Extension", Tt);
                foreach (var a in adjustments)
                {
                    w.WriteStartElement("tt", "IrCutFilterAutoAdjustment", Tt);
                    w.WriteElementString("tt", "BoundaryType", Tt, a.BoundaryType.ToString());
                    Float(w, "BoundaryOffset", a.BoundaryOffset);
                    if (a.ResponseTime is { } rt) w.WriteElementString("tt", "ResponseTime", Tt, XmlConvert.ToString(rt));
                    w.WriteEndElement();
                }
                if (hasExtension3)
                {
                    w.WriteStartElement("tt", "Extension", Tt);
                    if (s.ToneCompensation is { } tc) ModeLevel(w, "ToneCompensation", tc.Mode.ToString(), tc.Level);
                    if (s.Defogging is { } d) ModeLevel(w, "Defogging", d.Mode.ToString(), d.Level);
                    if (s.NoiseReduction is { } nr)
                    {
                        w.WriteStartElement("tt", "NoiseReduction", Tt);
                        Float(w, "Level", nr.Level);
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteExposure(XmlWriter w, Exposure e)
    {
        w.WriteStartElement("tt", "Exposure", Tt);
        w.WriteElementString("tt", "Mode", Tt, e.Mode.ToString());
        if (e.Priority is { } p) w.WriteElementString("tt", "Priority", Tt, p.ToString());
        if (e.Window is { } win)
        {
            w.WriteStartElement("tt", "Window", Tt);
            w.WriteAttributeString("bottom", XmlConvert.ToString(win.Bottom));
            w.WriteAttributeString("top", XmlConvert.ToString(win.Top));
            w.WriteAttributeString("right", XmlConvert.ToString(win.Right));
            w.WriteAttributeString("left", XmlConvert.ToString(win.Left));
            w.WriteEndElement();
        }
        Float(w, "MinExposureTime", e.MinExposureTime);
        Float(w, "MaxExposureTime", e.MaxExposureTime);
        Float(w, "MinGain", e.MinGain);
        Float(w, "MaxGain", e.MaxGain);
        Float(w, "MinIris", e.MinIris);
        Float(w, "MaxIris", e.MaxIris);
        Float(w, "ExposureTime", e.ExposureTime);
        Float(w, "Gain", e.Gain);
        Float(w, "Iris", e.Iris);
        w.WriteEndElement();
    }

    public static void WriteOptions(XmlWriter w, ImagingOptions o)
    {
        w.WriteStartElement("timg", "ImagingOptions", Timg);
        if (o.BacklightCompensation is { } blc) ModesRange(w, "BacklightCompensation", blc.Modes, blc.Level);
        Range(w, "Brightness", o.Brightness);
        Range(w, "ColorSaturation", o.ColorSaturation);
        Range(w, "Contrast", o.Contrast);
        if (o.Exposure is { } e)
        {
            w.WriteStartElement("tt", "Exposure", Tt);
            foreach (var m in e.Modes) w.WriteElementString("tt", "Mode", Tt, m.ToString());
            foreach (var p in e.Priorities) w.WriteElementString("tt", "Priority", Tt, p.ToString());
            Range(w, "MinExposureTime", e.MinExposureTime);
            Range(w, "MaxExposureTime", e.MaxExposureTime);
            Range(w, "MinGain", e.MinGain);
            Range(w, "MaxGain", e.MaxGain);
            Range(w, "MinIris", e.MinIris);
            Range(w, "MaxIris", e.MaxIris);
            Range(w, "ExposureTime", e.ExposureTime);
            Range(w, "Gain", e.Gain);
            Range(w, "Iris", e.Iris);
            w.WriteEndElement();
        }
        if (o.Focus is { } f)
        {
            w.WriteStartElement("tt", "Focus", Tt);
            foreach (var m in f.AutoFocusModes) w.WriteElementString("tt", "AutoFocusModes", Tt, m.ToString());
            Range(w, "DefaultSpeed", f.DefaultSpeed);
            Range(w, "NearLimit", f.NearLimit);
            Range(w, "FarLimit", f.FarLimit);
            if (f.OnceAfterMove)
            {
                w.WriteStartElement("tt", "Extension", Tt);
                w.WriteElementString("tt", "AFModes", Tt, "OnceAfterMove");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        foreach (var m in o.IrCutFilterModes ?? []) w.WriteElementString("tt", "IrCutFilterModes", Tt, m.ToString());
        Range(w, "Sharpness", o.Sharpness);
        if (o.WideDynamicRange is { } wdr) ModesRange(w, "WideDynamicRange", wdr.Modes, wdr.Level);
        if (o.WhiteBalance is { } wb)
        {
            w.WriteStartElement("tt", "WhiteBalance", Tt);
            foreach (var m in wb.Modes) w.WriteElementString("tt", "Mode", Tt, m.ToString());
            Range(w, "YrGain", wb.YrGain);
            Range(w, "YbGain", wb.YbGain);
            w.WriteEndElement();
        }
        var hasExtension3 = o.ToneCompensation is not null || o.Defogging is not null || o.NoiseReduction is not null;
        var hasExtension2 = o.IrCutFilterAutoAdjustment is not null || hasExtension3;
        if (o.ImageStabilization is not null || hasExtension2)
        {
            w.WriteStartElement("tt", "Extension", Tt);
            if (o.ImageStabilization is { } st) ModesRange(w, "ImageStabilization", st.Modes, st.Level);
            if (hasExtension2)
            {
                w.WriteStartElement("tt", "Extension", Tt);
                if (o.IrCutFilterAutoAdjustment is { } a)
                {
                    w.WriteStartElement("tt", "IrCutFilterAutoAdjustment", Tt);
                    foreach (var b in a.BoundaryTypes) w.WriteElementString("tt", "BoundaryType", Tt, b.ToString());
                    w.WriteElementString("tt", "BoundaryOffset", Tt, XmlConvert.ToString(a.BoundaryOffset));
                    if (a.ResponseTimeRange is { } r)
                    {
                        w.WriteStartElement("tt", "ResponseTimeRange", Tt);
                        w.WriteElementString("tt", "Min", Tt, XmlConvert.ToString(r.Min));
                        w.WriteElementString("tt", "Max", Tt, XmlConvert.ToString(r.Max));
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                if (hasExtension3)
                {
                    w.WriteStartElement("tt", "Extension", Tt);
                    if (o.ToneCompensation is { } tc) ModesFlag(w, "ToneCompensationOptions", tc.Modes.Select(m => m.ToString()), tc.Level);
                    if (o.Defogging is { } d) ModesFlag(w, "DefoggingOptions", d.Modes.Select(m => m.ToString()), d.Level);
                    if (o.NoiseReduction is { } nr) ModesFlag(w, "NoiseReductionOptions", [], nr.Level);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public static void WriteMoveOptions(XmlWriter w, FocusMoveOptions? o)
    {
        w.WriteStartElement("timg", "MoveOptions", Timg);
        if (o is not null)
        {
            w.WriteStartElement("tt", "Absolute", Tt);
            Range(w, "Position", o.AbsolutePosition);
            Range(w, "Speed", o.AbsoluteSpeed);
            w.WriteEndElement();
            w.WriteStartElement("tt", "Relative", Tt);
            Range(w, "Distance", o.RelativeDistance);
            Range(w, "Speed", o.RelativeSpeed);
            w.WriteEndElement();
            w.WriteStartElement("tt", "Continuous", Tt);
            Range(w, "Speed", o.ContinuousSpeed);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public static void WriteStatus(XmlWriter w, FocusStatus? status)
    {
        w.WriteStartElement("timg", "Status", Timg);
        if (status is not null)
        {
            w.WriteStartElement("tt", "FocusStatus20", Tt);
            w.WriteElementString("tt", "Position", Tt, XmlConvert.ToString((float)status.Position));
            w.WriteElementString("tt", "MoveStatus", Tt, status.MoveStatus.ToString());
            if (status.Error is { } error) w.WriteElementString("tt", "Error", Tt, error);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public static void WritePreset(XmlWriter w, string localName, ImagingPreset preset)
    {
        w.WriteStartElement("timg", localName, Timg);
        w.WriteAttributeString("token", preset.Token);
        w.WriteAttributeString("type", preset.Type);
        // Local elements of the imaging WSDL schema are qualified with its target namespace: timg:Name.
        w.WriteElementString("timg", "Name", Timg, preset.Name);
        w.WriteEndElement();
    }

    private static void ModeLevel(XmlWriter w, string name, string mode, float? level)
    {
        w.WriteStartElement("tt", name, Tt);
        w.WriteElementString("tt", "Mode", Tt, mode);
        Float(w, "Level", level);
        w.WriteEndElement();
    }

    private static void ModesRange<T>(XmlWriter w, string name, IReadOnlyList<T> modes, FloatRange? level) where T : struct, Enum
    {
        w.WriteStartElement("tt", name, Tt);
        foreach (var m in modes) w.WriteElementString("tt", "Mode", Tt, m.ToString());
        Range(w, "Level", level);
        w.WriteEndElement();
    }

    private static void ModesFlag(XmlWriter w, string name, IEnumerable<string> modes, bool level)
    {
        w.WriteStartElement("tt", name, Tt);
        foreach (var m in modes) w.WriteElementString("tt", "Mode", Tt, m);
        w.WriteElementString("tt", "Level", Tt, XmlConvert.ToString(level));
        w.WriteEndElement();
    }

    private static void Float(XmlWriter w, string name, float? value)
    {
        if (value is { } v) w.WriteElementString("tt", name, Tt, XmlConvert.ToString(v));
    }

    private static void Range(XmlWriter w, string name, FloatRange? range)
    {
        if (range is null) return;
        w.WriteStartElement("tt", name, Tt);
        w.WriteElementString("tt", "Min", Tt, XmlConvert.ToString(range.Min));
        w.WriteElementString("tt", "Max", Tt, XmlConvert.ToString(range.Max));
        w.WriteEndElement();
    }

    private static string Prefix(string ns) => ns == Timg ? "timg" : "tt";
}
