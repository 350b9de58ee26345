using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Media.Osd;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// tt:OSDConfiguration and tt:OSDConfigurationOptions (onvif.xsd) ⇄ <see cref="OsdConfiguration"/> and
/// <see cref="OsdOptions"/>, shared by the Media (trt) and Media2 (tr2) OSD operations. Requests are read leniently
/// (children by local name); anything the schema requires and is missing is ter:InvalidArgs, a value the options do not
/// offer is the domain's ter:ConfigModify.
/// </summary>
public static class OsdXml
{
    public static OsdConfiguration Read(XElement osd)
    {
        var token = osd.AttrToken("token") ?? "";
        var configuration = osd.RequiredToken("VideoSourceConfigurationToken");
        var type = osd.RequiredText("Type");
        if (type != "Text")
            throw Faults.Fault(new OsdException(OsdError.ConfigModify, $"OSD Type '{EchoedText.Quote(type)}' is not offered: the camera draws Text OSDs only (GetOSDOptions)"));
        var position = ReadPosition(osd.RequiredChild("Position"));
        var text = osd.Child("TextString") ?? throw Faults.Fault(new OsdException(OsdError.ConfigModify, "a Text OSD needs its TextString"));
        return new OsdConfiguration(token, configuration, position, ReadText(text));
    }

    private static OsdPosition ReadPosition(XElement position)
    {
        var text = position.RequiredText("Type");
        if (!Enum.TryParse<OsdPositionType>(text, ignoreCase: false, out var type) || !Enum.IsDefined(type) || int.TryParse(text, out _))
            throw Faults.Fault(new OsdException(OsdError.ConfigModify, $"Position/Type '{EchoedText.Quote(text)}' is not one of {string.Join(", ", OsdOptions.PositionTypes)}"));
        if (type != OsdPositionType.Custom) return new OsdPosition(type);
        var pos = position.Child("Pos") ?? throw Faults.Fault(new OsdException(OsdError.ConfigModify, "Position/Type Custom needs Position/Pos (x, y)"));
        var x = pos.AttrFloat("x") ?? throw OnvifFaults.InvalidArgs("Position/Pos/@x is required");
        var y = pos.AttrFloat("y") ?? throw OnvifFaults.InvalidArgs("Position/Pos/@y is required");
        return new OsdPosition(type, AsDouble(x), AsDouble(y));
    }

    private static OsdText ReadText(XElement text)
    {
        var typeText = text.RequiredText("Type");
        if (!Enum.TryParse<OsdTextType>(typeText, ignoreCase: false, out var type) || !Enum.IsDefined(type) || int.TryParse(typeText, out _))
            throw Faults.Fault(new OsdException(OsdError.ConfigModify, $"TextString/Type '{EchoedText.Quote(typeText)}' is not one of {string.Join(", ", OsdOptions.TextTypes)}"));
        // Only the fields of the chosen type are kept: a Date OSD stores no PlainText, a Plain one no formats.
        return new OsdText(type,
            type == OsdTextType.Plain ? text.Child("PlainText")?.Value : null,
            type is OsdTextType.Date or OsdTextType.DateAndTime ? text.ChildText("DateFormat") : null,
            type is OsdTextType.Time or OsdTextType.DateAndTime ? text.ChildText("TimeFormat") : null,
            text.ChildInt("FontSize") ?? OsdOptions.DefaultFontSize,
            ReadColor(text.Child("FontColor"), "FontColor"),
            ReadColor(text.Child("BackgroundColor"), "BackgroundColor"));
    }

    private static OsdColor? ReadColor(XElement? osdColor, string name)
    {
        if (osdColor is null) return null;
        var color = osdColor.RequiredChild("Color");
        var transparent = osdColor.AttrFloat("Transparent") ?? 0;
        if (transparent != Math.Floor(transparent)) throw OnvifFaults.InvalidArgs($"{name}/@Transparent is not an integer");
        float Component(string axis) => color.AttrFloat(axis) ?? throw OnvifFaults.InvalidArgs($"{name}/Color/@{axis} is required");
        // tt:Color without a Colorspace: RGB, the space the options list first.
        return new OsdColor(Component("X"), Component("Y"), Component("Z"), color.Attr("Colorspace") ?? OsdColor.Rgb,
            (int)Math.Clamp(transparent, int.MinValue, int.MaxValue));
    }

    /// <summary>Writes <paramref name="osd"/> as a tt:OSDConfiguration element named <paramref name="name"/>.</summary>
    public static void Write(XmlWriter w, string prefix, string ns, string name, OsdConfiguration osd)
    {
        w.WriteStartElement(prefix, name, ns);
        w.Attr("token", osd.Token);
        w.Tt("VideoSourceConfigurationToken", osd.VideoSourceConfigurationToken);
        w.Tt("Type", "Text");
        w.Start(OnvifNamespaces.Schema, "Position");
        w.Tt("Type", osd.Position.Type.ToString());
        if (osd.Position.Type == OsdPositionType.Custom)
        {
            w.Start(OnvifNamespaces.Schema, "Pos");
            w.Attr("x", Float(osd.Position.X));
            w.Attr("y", Float(osd.Position.Y));
            w.End();
        }
        w.End();
        var t = osd.Text;
        w.Start(OnvifNamespaces.Schema, "TextString");
        w.Tt("Type", t.Type.ToString());
        if (t.DateFormat is { } date) w.Tt("DateFormat", date);
        if (t.TimeFormat is { } time) w.Tt("TimeFormat", time);
        w.Tt("FontSize", t.FontSize);
        WriteColor(w, "FontColor", t.FontColor);
        WriteColor(w, "BackgroundColor", t.BackgroundColor);
        if (t.PlainText is { } plain) w.Tt("PlainText", plain);
        w.End();
        w.End();
    }

    private static void WriteColor(XmlWriter w, string name, OsdColor? color)
    {
        if (color is null) return;
        w.Start(OnvifNamespaces.Schema, name);
        w.Attr("Transparent", OnvifXml.Int(color.Transparent));
        w.Start(OnvifNamespaces.Schema, "Color");
        w.Attr("X", Float(color.X));
        w.Attr("Y", Float(color.Y));
        w.Attr("Z", Float(color.Z));
        w.Attr("Colorspace", color.Colorspace);
        w.End();
        w.End();
    }

    /// <summary>tt:OSDConfigurationOptions, named <paramref name="name"/>: what <see cref="OsdOptions"/> offers.</summary>
    public static void WriteOptions(XmlWriter w, string prefix, string ns, string name)
    {
        w.WriteStartElement(prefix, name, ns);
        w.Start(OnvifNamespaces.Schema, "MaximumNumberOfOSDs");
        var max = OnvifXml.Int(OsdOptions.MaxOsdsPerConfiguration);
        w.Attr("Total", max);
        w.Attr("Image", "0");
        w.Attr("PlainText", max);
        w.Attr("Date", max);
        w.Attr("Time", max);
        w.Attr("DateAndTime", max);
        w.End();
        w.Tt("Type", "Text");
        foreach (var position in OsdOptions.PositionTypes) w.Tt("PositionOption", position.ToString());
        w.Start(OnvifNamespaces.Schema, "TextOption");
        foreach (var type in OsdOptions.TextTypes) w.Tt("Type", type.ToString());
        w.Start(OnvifNamespaces.Schema, "FontSizeRange");
        w.Tt("Min", OsdOptions.MinFontSize);
        w.Tt("Max", OsdOptions.MaxFontSize);
        w.End();
        foreach (var format in OsdOptions.DateFormats) w.Tt("DateFormat", format);
        foreach (var format in OsdOptions.TimeFormats) w.Tt("TimeFormat", format);
        WriteColorOptions(w, "FontColor");
        WriteColorOptions(w, "BackgroundColor");
        w.End();
        w.End();
    }

    private static void WriteColorOptions(XmlWriter w, string name)
    {
        w.Start(OnvifNamespaces.Schema, name);
        w.Start(OnvifNamespaces.Schema, "Color");
        foreach (var space in new[] { OsdColor.Rgb, OsdColor.YCbCr })
        {
            w.Start(OnvifNamespaces.Schema, "ColorspaceRange");
            foreach (var axis in new[] { "X", "Y", "Z" })
            {
                w.Start(OnvifNamespaces.Schema, axis);
                w.Tt("Min", "0");
                w.Tt("Max", "255");
                w.End();
            }
            w.Tt("Colorspace", space);
            w.End();
        }
        w.End();
        w.Start(OnvifNamespaces.Schema, "Transparent");
        w.Tt("Min", 0);
        w.Tt("Max", OsdOptions.MaxTransparent);
        w.End();
        w.End();
    }

    // The xs:float as the client wrote it (0.9, not 0.8999999761581421), for what is stored.
    internal static double AsDouble(float value) =>
        double.Parse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    // xs:float as the client sent it: the value is kept as a double, written as the float it was read from.
    internal static string Float(double value) => ((float)value).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The operations Media (trt) and Media2 (tr2) spell alike, but for their namespace: GetOSDOptions, CreateOSD,
    /// SetOSD, DeleteOSD. GetOSDs differs (Media2 filters by OSD token too) and GetOSD is Media's only.
    /// </summary>
    public static IReadOnlyList<SoapOperation> SharedOperations(CameraOsds osds, string prefix, string ns) =>
    [
        new("GetOSDOptions", AccessClass.ReadMedia, (request, w) =>
        {
            var configuration = request.Body.RequiredToken("ConfigurationToken");
            Faults.Guard(() => osds.Configuration(configuration));
            w.WriteStartElement(prefix, "GetOSDOptionsResponse", ns);
            WriteOptions(w, prefix, ns, "OSDOptions");
            w.End();
        }),
        new("CreateOSD", AccessClass.Actuate, (request, w) =>
        {
            var osd = Read(request.Body.RequiredChild("OSD"));
            var token = Faults.Guard(() => osds.Create(osd));
            w.WriteStartElement(prefix, "CreateOSDResponse", ns);
            w.WriteElementString(prefix, "OSDToken", ns, token);
            w.End();
        }),
        new("SetOSD", AccessClass.Actuate, (request, w) =>
        {
            var osd = Read(request.Body.RequiredChild("OSD"));
            if (osd.Token.Length == 0) throw OnvifFaults.InvalidArgs("OSD/@token is required: it names the OSD to change");
            Faults.Guard(() => osds.Set(osd));
            w.WriteStartElement(prefix, "SetOSDResponse", ns);
            w.End();
        }),
        new("DeleteOSD", AccessClass.Actuate, (request, w) =>
        {
            var token = request.Body.RequiredToken("OSDToken");
            Faults.Guard(() => osds.Delete(token));
            w.WriteStartElement(prefix, "DeleteOSDResponse", ns);
            w.End();
        }),
    ];

    /// <summary>The OSD faults (Media 5.14, Media2 5.8): unknown OSD or configuration, too many OSDs, a value not offered.</summary>
    public static class Faults
    {
        public static SoapFaultException Fault(OsdException e) => e.Error switch
        {
            OsdError.MaxOSDs => OnvifFaults.Action("MaxOSDs", e.Message),
            _ => OnvifFaults.InvalidArgVal(e.Error.ToString(), e.Message),
        };

        public static T Guard<T>(Func<T> action)
        {
            try { return action(); }
            catch (OsdException e) { throw Fault(e); }
        }

        public static void Guard(Action action) => Guard(() => { action(); return 0; });
    }
}
