using System.Text;
using System.Text.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Json;

// The root object, sensors and everything inside a sensor.
internal sealed partial class OpfJsonReader
{
    internal static readonly ObjectShape RootShape = new(
        ["format", "version", "sensors", "captures"], "format", "version", "sensors", "captures");

    internal static readonly ObjectShape SensorShape = new(
        ["id", "name", "bands", "image_size_px", "pixel_size_um", "internals", "rig_relatives", "shutter_type"],
        "id", "name", "bands", "image_size_px", "pixel_size_um", "internals", "shutter_type");

    internal static readonly ObjectShape BandShape = new(["name", "weight"], "weight");

    internal static readonly ObjectShape PerspectiveShape = new(
        ["type", "principal_point_px", "focal_length_px", "radial_distortion", "tangential_distortion"],
        "type", "principal_point_px", "focal_length_px", "radial_distortion", "tangential_distortion");

    internal static readonly ObjectShape FisheyeShape = new(
        ["type", "principal_point_px", "is_symmetric_affine", "affine", "polynomial", "is_p0_zero"],
        "type", "principal_point_px", "is_symmetric_affine", "affine", "polynomial", "is_p0_zero");

    internal static readonly ObjectShape SphericalShape = new(["type", "principal_point_px"], "type", "principal_point_px");

    internal static readonly ObjectShape RigRelativesShape = new(["translation", "rotation"], "translation", "rotation");
    internal static readonly ObjectShape RigTranslationShape = new(["values_m", "sigmas_m"], "values_m", "sigmas_m");
    internal static readonly ObjectShape RigRotationShape = new(["angles_deg", "sigmas_deg"], "angles_deg", "sigmas_deg");

    private static readonly string[] InternalsTypes = [PerspectiveInternals.TypeName, FisheyeInternals.TypeName, SphericalInternals.TypeName];
    private static readonly byte[][] InternalsTypesUtf8 = Utf8(InternalsTypes);
    private static readonly byte[][] ShutterTypesUtf8 = Utf8(ShutterType.AllowedValues);
    private static readonly byte[] FormatUtf8 = Encoding.UTF8.GetBytes(InputCameras.MediaType);

    private static void ReadRootMember(OpfJsonReader self, ref Utf8JsonReader r, InputCameras doc, int member)
    {
        switch (member)
        {
            case 0:
                if (r.TokenType == JsonTokenType.String && r.ValueTextEquals(FormatUtf8)) doc.Format = InputCameras.MediaType;
                else if (self.TryString(ref r, out var format)) doc.Format = format;
                break;
            case 1:
                if (self.TryString(ref r, out var version)) doc.Version = version;
                break;
            case 2:
                doc.Sensors = self.ReadArray(ref r, static (OpfJsonReader s, ref Utf8JsonReader x) =>
                {
                    var sensor = new Sensor();
                    return s.ReadObject(ref x, sensor, SensorShape, ReadSensorMember) ? sensor : null;
                });
                break;
            case 3:
                doc.Captures = self.ReadArray(ref r, static (OpfJsonReader s, ref Utf8JsonReader x) =>
                {
                    var capture = new Capture();
                    return s.ReadObject(ref x, capture, CaptureShape, ReadCaptureMember) ? capture : null;
                });
                break;
        }
    }

    private static void ReadSensorMember(OpfJsonReader self, ref Utf8JsonReader r, Sensor sensor, int member)
    {
        switch (member)
        {
            case 0:
                if (self.TryUid64(ref r, out var id)) sensor.Id = id;
                break;
            case 1:
                if (self.TryString(ref r, out var name)) sensor.Name = name;
                break;
            case 2:
                sensor.Bands = self.ReadArray(ref r, static (OpfJsonReader s, ref Utf8JsonReader x) =>
                {
                    var band = new Band();
                    return s.ReadObject(ref x, band, BandShape, ReadBandMember) ? band : null;
                });
                break;
            case 3:
                if (self.NumberArray(ref r) is { } size) sensor.ImageSizePx = size;
                break;
            case 4:
                if (self.TryNumber(ref r, out var pixel)) sensor.PixelSizeUm = pixel;
                break;
            case 5:
                sensor.Internals = self.ReadInternals(ref r);
                break;
            case 6:
                var rig = new InputRigRelatives();
                if (self.ReadObject(ref r, rig, RigRelativesShape, ReadRigRelativesMember)) sensor.RigRelatives = rig;
                break;
            case 7:
                if (self.TryKnownString(ref r, ShutterType.AllowedValues, ShutterTypesUtf8, out var shutter)) sensor.ShutterType = new ShutterType(shutter);
                break;
        }
    }

    private static void ReadBandMember(OpfJsonReader self, ref Utf8JsonReader r, Band band, int member)
    {
        if (member == 0)
        {
            if (self.TryString(ref r, out var name)) band.Name = name;
        }
        else if (self.TryNumber(ref r, out var weight)) band.Weight = weight;
    }

    /// <summary>sensor_internals.schema.json: a oneOf told apart by the const <c>type</c>.</summary>
    private SensorInternals? ReadInternals(ref Utf8JsonReader r)
    {
        switch (ScanDiscriminator(ref r, InternalsTypes, InternalsTypesUtf8, "internals"))
        {
            case 0:
                var perspective = new PerspectiveInternals();
                ReadObject(ref r, perspective, PerspectiveShape, ReadPerspectiveMember);
                return perspective;
            case 1:
                var fisheye = new FisheyeInternals();
                ReadObject(ref r, fisheye, FisheyeShape, ReadFisheyeMember);
                return fisheye;
            case 2:
                var spherical = new SphericalInternals();
                ReadObject(ref r, spherical, SphericalShape, static (OpfJsonReader s, ref Utf8JsonReader x, SphericalInternals i, int m) =>
                {
                    if (m == 1 && s.NumberArray(ref x) is { } pp) i.PrincipalPointPx = pp;
                });
                return spherical;
            default:
                r.Skip();
                return null;
        }
    }

    private static void ReadPerspectiveMember(OpfJsonReader self, ref Utf8JsonReader r, PerspectiveInternals p, int member)
    {
        switch (member)
        {
            case 1: if (self.NumberArray(ref r) is { } pp) p.PrincipalPointPx = pp; break;
            case 2: if (self.TryNumber(ref r, out var f)) p.FocalLengthPx = f; break;
            case 3: if (self.NumberArray(ref r) is { } radial) p.RadialDistortion = radial; break;
            case 4: if (self.NumberArray(ref r) is { } tangential) p.TangentialDistortion = tangential; break;
        }
    }

    private static void ReadFisheyeMember(OpfJsonReader self, ref Utf8JsonReader r, FisheyeInternals f, int member)
    {
        switch (member)
        {
            case 1: if (self.NumberArray(ref r) is { } pp) f.PrincipalPointPx = pp; break;
            case 2: if (self.TryBoolean(ref r, out var symmetric)) f.IsSymmetricAffine = symmetric; break;
            case 3: if (self.NumberArray(ref r) is { } affine) f.Affine = affine; break;
            case 4: if (self.NumberArray(ref r) is { } polynomial) f.Polynomial = polynomial; break;
            case 5: if (self.TryBoolean(ref r, out var p0)) f.IsP0Zero = p0; break;
        }
    }

    private static void ReadRigRelativesMember(OpfJsonReader self, ref Utf8JsonReader r, InputRigRelatives rig, int member)
    {
        if (member == 0)
        {
            var t = new RigRelativeTranslation();
            if (self.ReadObject(ref r, t, RigTranslationShape, static (OpfJsonReader s, ref Utf8JsonReader x, RigRelativeTranslation o, int m) =>
                {
                    if (s.NumberArray(ref x) is not { } values) return;
                    if (m == 0) o.ValuesM = values; else o.SigmasM = values;
                }))
                rig.Translation = t;
        }
        else
        {
            var rot = new RigRelativeRotation();
            if (self.ReadObject(ref r, rot, RigRotationShape, static (OpfJsonReader s, ref Utf8JsonReader x, RigRelativeRotation o, int m) =>
                {
                    if (s.NumberArray(ref x) is not { } values) return;
                    if (m == 0) o.AnglesDeg = values; else o.SigmasDeg = values;
                }))
                rig.Rotation = rot;
        }
    }

    /// <summary>
    /// Looks ahead (on a copy of the reader, so nothing is consumed) for the <c>type</c> member of the object
    /// under the reader. Returns the index of its value in <paramref name="types"/>, or -1 after reporting
    /// why no variant applies (not an object, no type, a type this version does not define).
    /// </summary>
    private int ScanDiscriminator(ref Utf8JsonReader r, string[] types, byte[][] typesUtf8, string what)
    {
        var allowed = string.Join(", ", types.Select(Quote));
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Report($"{what} must be an object, not {Describe(ref r)}");
            return -1;
        }
        var copy = r;
        var depth = copy.CurrentDepth;
        while (copy.Read() && !(copy.TokenType == JsonTokenType.EndObject && copy.CurrentDepth == depth))
        {
            var isType = copy.ValueTextEquals("type"u8);
            copy.Read();
            if (!isType)
            {
                copy.Skip();
                continue;
            }
            if (copy.TokenType == JsonTokenType.String)
                for (var i = 0; i < typesUtf8.Length; i++)
                    if (copy.ValueTextEquals(typesUtf8[i])) return i;
            ReportAt(ChildPointer("type"), $"must be one of {allowed}, not {Describe(ref copy)}");
            Invalid.Add(CurrentPointer);
            return -1;
        }
        ReportAt(CurrentPointer, $"required property 'type' is missing (it says which {what} these are: {allowed})");
        Invalid.Add(ChildPointer("type"));
        return -1;
    }

    private string ChildPointer(string name) => _path.Child(name);

    private static byte[][] Utf8(IEnumerable<string> values) => values.Select(Encoding.UTF8.GetBytes).ToArray();
}
