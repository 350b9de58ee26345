using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Media.Masks;
using Camlab.Device.Media.Osd;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

/// <summary>
/// The mask operations of the Media2 service (tr2, Media2 5.9: GetMasks, GetMaskOptions, CreateMask, SetMask,
/// DeleteMask) over the camera's privacy masks (<see cref="IMediaMasks"/>: the same masks the HTTP mask API lists and
/// the picture blacks out). The camera masks with one colour, black (Types Color, SingleColorOnly); masks belong to the
/// video source (capability SourceMask). Changing masks is WRITE_SYSTEM, as on the HTTP API: masks limit what whoever
/// steers the camera can see, so an operator cannot lift them. The Media2 service adds this list to its operations and
/// answers Mask="true" SourceMask="true" in its capabilities.
/// </summary>
public static class Media2MaskOperations
{
    private const string Ns = Media2OsdOperations.Namespace;
    private const string Tr2 = Media2OsdOperations.Prefix;

    public const string MaskType = "Color";

    public static IReadOnlyList<SoapOperation> Create(IMediaMasks masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        return
        [
            new("GetMasks", AccessClass.ReadMedia, (request, w) =>
            {
                var token = request.Body.ChildToken("Token");
                var configuration = request.Body.ChildToken("ConfigurationToken");
                var list = Guard(() => masks.Masks(token, configuration));
                w.WriteStartElement(Tr2, "GetMasksResponse", Ns);
                foreach (var mask in list) WriteMask(w, "Masks", mask);
                w.End();
            }),
            new("GetMaskOptions", AccessClass.ReadMedia, (request, w) =>
            {
                var configuration = request.Body.RequiredToken("ConfigurationToken");
                Guard(() => masks.CheckConfiguration(configuration));
                w.WriteStartElement(Tr2, "GetMaskOptionsResponse", Ns);
                w.WriteStartElement(Tr2, "Options", Ns);
                w.Attr("RectangleOnly", "false");
                w.Attr("SingleColorOnly", "true");
                w.WriteElementString(Tr2, "MaxMasks", Ns, OnvifXml.Int(masks.MaxMasks));
                w.WriteElementString(Tr2, "MaxPoints", Ns, OnvifXml.Int(masks.MaxPoints));
                w.WriteElementString(Tr2, "Types", Ns, MaskType);
                w.WriteStartElement(Tr2, "Color", Ns);
                w.Start(OnvifNamespaces.Schema, "ColorList");
                WriteBlack(w);
                w.End();
                w.End();
                w.End();
                w.End();
            }),
            new("CreateMask", AccessClass.WriteSystem, (request, w) =>
            {
                var mask = ReadMask(request.Body.RequiredChild("Mask"));
                var token = Guard(() => masks.Create(mask));
                w.WriteStartElement(Tr2, "CreateMaskResponse", Ns);
                w.WriteElementString(Tr2, "Token", Ns, token);
                w.End();
            }),
            new("SetMask", AccessClass.WriteSystem, (request, w) =>
            {
                var mask = ReadMask(request.Body.RequiredChild("Mask"));
                if (mask.Token.Length == 0) throw OnvifFaults.InvalidArgs("Mask/@token is required: it names the mask to change");
                Guard(() => masks.Set(mask));
                w.WriteStartElement(Tr2, "SetMaskResponse", Ns);
                w.End();
            }),
            new("DeleteMask", AccessClass.WriteSystem, (request, w) =>
            {
                var token = request.Body.RequiredToken("Token");
                Guard(() => masks.Delete(token));
                w.WriteStartElement(Tr2, "DeleteMaskResponse", Ns);
                w.End();
            }),
        ];
    }

    public static MediaMask ReadMask(XElement mask)
    {
        var token = mask.AttrToken("token") ?? "";
        var configuration = mask.RequiredToken("ConfigurationToken");
        var polygon = mask.RequiredChild("Polygon").Children("Point").Select((p, i) => new NormalizedPoint(
            OsdXml.AsDouble(p.AttrFloat("x") ?? throw OnvifFaults.InvalidArgs($"Polygon/Point[{i + 1}]/@x is required")),
            OsdXml.AsDouble(p.AttrFloat("y") ?? throw OnvifFaults.InvalidArgs($"Polygon/Point[{i + 1}]/@y is required")))).ToArray();
        var type = mask.RequiredText("Type");
        if (type != MaskType)
            throw Fault(new MaskException(MaskError.ConfigModify, $"mask Type '{EchoedText.Quote(type)}' is not offered: the camera masks with a colour (Types: {MaskType})"));
        if (mask.Child("Color") is { } color)
        {
            float Component(string axis) => color.AttrFloat(axis) ?? throw OnvifFaults.InvalidArgs($"Mask/Color/@{axis} is required");
            var given = new OsdColor(Component("X"), Component("Y"), Component("Z"), color.Attr("Colorspace") ?? OsdColor.Rgb);
            if (given.Colorspace is not (OsdColor.Rgb or OsdColor.YCbCr) || given.ToRgb() != (0, 0, 0))
                throw Fault(new MaskException(MaskError.ConfigModify, "mask Color is not offered: the camera masks in black only (SingleColorOnly; GetMaskOptions lists it)"));
        }
        var enabled = mask.ChildBool("Enabled") ?? throw OnvifFaults.InvalidArgs("Mask/Enabled is required");
        return new MediaMask(token, configuration, polygon, enabled);
    }

    public static void WriteMask(XmlWriter w, string name, MediaMask mask)
    {
        w.WriteStartElement(Tr2, name, Ns);
        w.Attr("token", mask.Token);
        w.WriteElementString(Tr2, "ConfigurationToken", Ns, mask.ConfigurationToken);
        w.WriteStartElement(Tr2, "Polygon", Ns);
        foreach (var point in mask.Polygon)
        {
            w.Start(OnvifNamespaces.Schema, "Point");
            w.Attr("x", OsdXml.Float(point.X));
            w.Attr("y", OsdXml.Float(point.Y));
            w.End();
        }
        w.End();
        w.WriteElementString(Tr2, "Type", Ns, MaskType);
        w.WriteStartElement(Tr2, "Color", Ns);
        WriteBlack(w);
        w.End();
        w.WriteElementString(Tr2, "Enabled", Ns, OnvifXml.Bool(mask.Enabled));
        w.End();
    }

    private static void WriteBlack(XmlWriter w)
    {
        w.Attr("X", "0");
        w.Attr("Y", "0");
        w.Attr("Z", "0");
        w.Attr("Colorspace", OsdColor.Rgb);
    }

    /// <summary>Media2 5.9 faults: unknown mask or configuration, too many masks, a polygon or type not offered.</summary>
    public static SoapFaultException Fault(MaskException e) => e.Error switch
    {
        MaskError.MaxMasks => OnvifFaults.Action("MaxMasks", e.Message),
        _ => OnvifFaults.InvalidArgVal(e.Error.ToString(), e.Message),
    };

    private static T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (MaskException e) { throw Fault(e); }
    }

    private static void Guard(Action action) => Guard(() => { action(); return 0; });
}
