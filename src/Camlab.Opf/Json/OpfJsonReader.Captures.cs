using System.Text.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Json;

// Captures and everything inside a capture: cameras, pixel ranges, geolocation, orientation.
internal sealed partial class OpfJsonReader
{
    internal static readonly ObjectShape CaptureShape = new(
        ["id", "reference_camera_id", "cameras", "rig_model_source", "geolocation", "orientation", "height_above_takeoff_m", "time"],
        "id", "reference_camera_id", "cameras", "rig_model_source", "time");

    internal static readonly ObjectShape CameraShape = new(
        ["sensor_id", "id", "model_source", "pixel_type", "pixel_range", "image_orientation"],
        "sensor_id", "id", "model_source", "pixel_type", "pixel_range");

    internal static readonly ObjectShape StaticPixelRangeShape = new(["min", "max"], "min", "max");
    internal static readonly ObjectShape DynamicPixelRangeShape = new(["percentile"], "percentile");
    internal static readonly ObjectShape GeolocationShape = new(["crs", "coordinates", "sigmas"], "crs", "coordinates", "sigmas");
    internal static readonly ObjectShape CrsShape = new(["definition", "geoid_height"], "definition");
    internal static readonly ObjectShape YawPitchRollShape = new(["type", "angles_deg", "sigmas_deg"], "type", "angles_deg", "sigmas_deg");
    internal static readonly ObjectShape OmegaPhiKappaShape = new(["type", "angles_deg", "sigmas_deg", "crs"], "type", "angles_deg", "sigmas_deg", "crs");

    private static readonly string[] OrientationTypes = [YawPitchRollOrientation.TypeName, OmegaPhiKappaOrientation.TypeName];
    private static readonly byte[][] OrientationTypesUtf8 = Utf8(OrientationTypes);
    private static readonly byte[][] RigModelSourcesUtf8 = Utf8(RigModelSource.AllowedValues);
    private static readonly byte[][] ModelSourcesUtf8 = Utf8(ModelSource.AllowedValues);
    private static readonly byte[][] PixelTypesUtf8 = Utf8(PixelType.AllowedValues);

    // Most documents name one or two CRSs thousands of times: reuse the last string instead of allocating.
    private string _lastCrs = "";
    private byte[] _lastCrsUtf8 = [];

    private static void ReadCaptureMember(OpfJsonReader self, ref Utf8JsonReader r, Capture capture, int member)
    {
        switch (member)
        {
            case 0:
                if (self.TryUid64(ref r, out var id)) capture.Id = id;
                break;
            case 1:
                if (self.TryUid64(ref r, out var reference)) capture.ReferenceCameraId = reference;
                break;
            case 2:
                capture.Cameras = self.ReadArray(ref r, static (OpfJsonReader s, ref Utf8JsonReader x) =>
                {
                    var camera = new Camera();
                    return s.ReadObject(ref x, camera, CameraShape, ReadCameraMember) ? camera : null;
                });
                break;
            case 3:
                if (self.TryKnownString(ref r, RigModelSource.AllowedValues, RigModelSourcesUtf8, out var source)) capture.RigModelSource = new RigModelSource(source);
                break;
            case 4:
                var geolocation = new Geolocation();
                if (self.ReadObject(ref r, geolocation, GeolocationShape, ReadGeolocationMember)) capture.Geolocation = geolocation;
                break;
            case 5:
                capture.Orientation = self.ReadOrientation(ref r);
                break;
            case 6:
                if (self.TryNumber(ref r, out var height)) capture.HeightAboveTakeoffM = height;
                break;
            case 7:
                if (self.TryString(ref r, out var time)) capture.Time = new CaptureTime(time);
                break;
        }
    }

    private static void ReadCameraMember(OpfJsonReader self, ref Utf8JsonReader r, Camera camera, int member)
    {
        switch (member)
        {
            case 0:
                if (self.TryUid64(ref r, out var sensorId)) camera.SensorId = sensorId;
                break;
            case 1:
                if (self.TryUid64(ref r, out var id)) camera.Id = id;
                break;
            case 2:
                if (self.TryKnownString(ref r, ModelSource.AllowedValues, ModelSourcesUtf8, out var source)) camera.ModelSource = new ModelSource(source);
                break;
            case 3:
                if (self.TryKnownString(ref r, PixelType.AllowedValues, PixelTypesUtf8, out var type)) camera.PixelType = new PixelType(type);
                break;
            case 4:
                camera.PixelRange = self.ReadPixelRange(ref r);
                break;
            case 5:
                if (self.TryInt32(ref r, out var orientation)) camera.ImageOrientation = orientation;
                break;
        }
    }

    /// <summary>
    /// pixel_range is a oneOf without a discriminator: a static range (numbers min and max) or a dynamic range
    /// (a number percentile). An object that is both, or neither, is invalid.
    /// </summary>
    private PixelRange? ReadPixelRange(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Report($"must be an object (a static range {{min, max}} or a dynamic range {{percentile}}), not {Describe(ref r)}");
            r.Skip();
            return null;
        }
        bool min = false, max = false, percentile = false;
        var copy = r;
        var depth = copy.CurrentDepth;
        while (copy.Read() && !(copy.TokenType == JsonTokenType.EndObject && copy.CurrentDepth == depth))
        {
            var which = copy.ValueTextEquals("min"u8) ? 1 : copy.ValueTextEquals("max"u8) ? 2 : copy.ValueTextEquals("percentile"u8) ? 3 : 0;
            copy.Read();
            var number = copy.TokenType == JsonTokenType.Number;
            if (which == 1) min |= number;
            else if (which == 2) max |= number;
            else if (which == 3) percentile |= number;
            copy.Skip();
        }
        var isStatic = min && max;
        if (isStatic && percentile)
        {
            Report("is both a static range (min, max) and a dynamic range (percentile); it must be exactly one of them");
            r.Skip();
            return null;
        }
        if (isStatic)
        {
            var range = new StaticPixelRange();
            ReadObject(ref r, range, StaticPixelRangeShape, static (OpfJsonReader s, ref Utf8JsonReader x, StaticPixelRange o, int m) =>
            {
                if (!s.TryNumber(ref x, out var v)) return;
                if (m == 0) o.Min = v; else o.Max = v;
            });
            return range;
        }
        if (percentile)
        {
            var range = new DynamicPixelRange();
            ReadObject(ref r, range, DynamicPixelRangeShape, static (OpfJsonReader s, ref Utf8JsonReader x, DynamicPixelRange o, int m) =>
            {
                if (s.TryNumber(ref x, out var v)) o.Percentile = v;
            });
            return range;
        }
        Report("must be a static range with numbers 'min' and 'max', or a dynamic range with a number 'percentile'");
        r.Skip();
        return null;
    }

    private static void ReadGeolocationMember(OpfJsonReader self, ref Utf8JsonReader r, Geolocation g, int member)
    {
        switch (member)
        {
            case 0:
                var crs = new Crs();
                if (self.ReadObject(ref r, crs, CrsShape, static (OpfJsonReader s, ref Utf8JsonReader x, Crs c, int m) =>
                    {
                        if (m == 0)
                        {
                            if (s.TryCrsString(ref x, out var definition)) c.Definition = definition;
                        }
                        else if (s.TryNumber(ref x, out var geoid)) c.GeoidHeight = geoid;
                    }))
                    g.Crs = crs;
                break;
            case 1: if (self.NumberArray(ref r) is { } coordinates) g.Coordinates = coordinates; break;
            case 2: if (self.NumberArray(ref r) is { } sigmas) g.Sigmas = sigmas; break;
        }
    }

    /// <summary>The capture orientation: a oneOf told apart by the const <c>type</c>.</summary>
    private CaptureOrientation? ReadOrientation(ref Utf8JsonReader r)
    {
        switch (ScanDiscriminator(ref r, OrientationTypes, OrientationTypesUtf8, "orientation"))
        {
            case 0:
                var ypr = new YawPitchRollOrientation();
                ReadObject(ref r, ypr, YawPitchRollShape, ReadOrientationMember);
                return ypr;
            case 1:
                var opk = new OmegaPhiKappaOrientation();
                ReadObject(ref r, opk, OmegaPhiKappaShape, ReadOrientationMember);
                return opk;
            default:
                r.Skip();
                return null;
        }
    }

    private static void ReadOrientationMember(OpfJsonReader self, ref Utf8JsonReader r, CaptureOrientation o, int member)
    {
        switch (member)
        {
            case 1: if (self.NumberArray(ref r) is { } angles) o.AnglesDeg = angles; break;
            case 2: if (self.NumberArray(ref r) is { } sigmas) o.SigmasDeg = sigmas; break;
            case 3: if (self.TryCrsString(ref r, out var crs)) ((OmegaPhiKappaOrientation)o).Crs = crs; break;
        }
    }

    private bool TryCrsString(ref Utf8JsonReader r, out string value)
    {
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && r.ValueTextEquals(_lastCrsUtf8))
        {
            value = _lastCrs;
            return true;
        }
        if (!TryString(ref r, out value)) return false;
        _lastCrs = value;
        _lastCrsUtf8 = System.Text.Encoding.UTF8.GetBytes(value);
        return true;
    }
}
