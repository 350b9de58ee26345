using System.Text.Json;
using Camlab.Device.Ptz;
using Camlab.Opf.Geometry;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using DeviceGeo = Camlab.Device.Ptz.Geo;
using Camlab.Device.Ptz.Geo;

namespace Camlab.Server.Optics;

/// <summary>
/// The camera's optics and place, read from an OPF input-cameras document (docs/optics.md): the dome's sensor
/// (<c>VideoSource_1</c>, perspective), the wide sensor (<c>VideoSource_2</c>, perspective or fisheye) and,
/// from the first capture, the mount's geolocation and orientation. The dome's internals describe the wide end
/// of the zoom; the tele end is the <c>CAMLAB_zoom_lens</c> extension's <c>focal_length_max_mm</c>
/// (20× the wide end when absent). Zoom is the focal length: the PTZ node's millimetre space is f, its generic
/// space is linear in f, and the rendered focal length in pixels is f [mm] · 1000 / pixel size [µm].
/// </summary>
public sealed class CameraOptics
{
    public const string ZoomExtension = "CAMLAB_zoom_lens";
    public const double DefaultZoomRatio = 20;
    private const string ResourceName = "Camlab.Server.Optics.default-camera.opf.json";

    private static readonly Lazy<CameraOptics> DefaultOptics = new(() => Load(DefaultDocumentBytes(), "default camera document"));

    private CameraOptics(InputCameras document, Sensor dome, Sensor wide, Capture? capture, double focalMaxMm)
    {
        Document = document;
        DomeSensor = dome;
        WideSensor = wide;
        Capture = capture;
        DomeGeometry = SensorGeometry.FromSensor(dome);
        Dome = new OpfProjection(CameraModel.FromSensor(dome));
        Wide = new OpfProjection(CameraModel.FromSensor(wide));
        var focalMinMm = DomeGeometry.FocalLengthMm(Dome.FocalLengthPx);
        Lens = new ZoomLens(DomeGeometry.WidthMm, DomeGeometry.HeightMm, focalMinMm, focalMaxMm);
    }

    /// <summary>The embedded default camera (<c>Optics/default-camera.opf.json</c>).</summary>
    public static CameraOptics Default => DefaultOptics.Value;

    public InputCameras Document { get; }

    public Sensor DomeSensor { get; }

    public Sensor WideSensor { get; }

    /// <summary>The capture that places the mount (null when the document has none).</summary>
    public Capture? Capture { get; }

    public SensorGeometry DomeGeometry { get; }

    /// <summary>The dome at the wide end of its zoom, exactly as the document's internals say.</summary>
    public OpfProjection Dome { get; }

    public OpfProjection Wide { get; }

    /// <summary>The dome's sensor size and focal range, for the PTZ node's FOV and millimetre spaces.</summary>
    public ZoomLens Lens { get; }

    /// <summary>Where the capture puts the camera (WGS 84 degrees, metres), or null without a geographic geolocation.</summary>
    public DeviceGeo.GeoLocation? Geolocation { get; private init; }

    /// <summary>The mount orientation the capture gives (its orientation is the dome's at pan 0, tilt 0); level when absent.</summary>
    public MountOrientation Mount { get; private init; }

    public static byte[] DefaultDocumentBytes()
    {
        using var stream = typeof(CameraOptics).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Reads a user's <c>--camera</c> file; every problem is a <see cref="CameraOpticsException"/>.</summary>
    public static CameraOptics LoadFile(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CameraOpticsException(path, [new OpfError("", "cannot be read: " + e.Message)]);
        }
        return Load(bytes, path);
    }

    /// <summary>
    /// Validates with <see cref="OpfValidator"/> (strict), then checks what Camlab needs from it; all errors at
    /// once, each with its JSON pointer.
    /// </summary>
    public static CameraOptics Load(byte[] json, string name)
    {
        OpfValidationResult result;
        try { result = OpfValidator.Validate(json); }
        catch (OpfSyntaxException e) { throw new CameraOpticsException(name, [new OpfError("", $"{e.Message} (line {e.LineNumber}, byte {e.BytePositionInLine})")]); }
        if (result.Errors.Count > 0) throw new CameraOpticsException(name, result.Errors);
        var document = result.Document;

        var errors = new List<OpfError>();
        var capture = document.Captures.Count > 0 ? document.Captures[0] : null;
        var (domeIndex, wideIndex) = PickSensors(document, capture, errors);
        if (errors.Count > 0) throw new CameraOpticsException(name, errors);

        var dome = document.Sensors[domeIndex];
        var wide = document.Sensors[wideIndex];
        if (dome.Internals is not PerspectiveInternals)
            errors.Add(new($"/sensors/{domeIndex}/internals", "the dome (VideoSource_1) needs perspective internals: its zoom changes the focal length"));
        if (wide.Internals is not (PerspectiveInternals or FisheyeInternals))
            errors.Add(new($"/sensors/{wideIndex}/internals", "the wide camera (VideoSource_2) needs perspective or fisheye internals"));
        foreach (var i in new[] { domeIndex, wideIndex }.Distinct())
            if (!(document.Sensors[i].PixelSizeUm > 0))
                errors.Add(new($"/sensors/{i}/pixel_size_um", "the pixel size must be positive: it turns millimetres of focal length into pixels"));
        var focalMaxMm = double.NaN;
        if (errors.Count == 0)
        {
            var geometry = SensorGeometry.FromSensor(dome);
            var focalMinMm = geometry.FocalLengthMm(((PerspectiveInternals)dome.Internals!).FocalLengthPx);
            focalMaxMm = ZoomMax(dome, domeIndex, focalMinMm, errors);
            foreach (var i in new[] { domeIndex, wideIndex }.Distinct())
                CheckInvertible(document.Sensors[i], i, errors);
        }
        if (errors.Count > 0) throw new CameraOpticsException(name, errors);

        return new CameraOptics(document, dome, wide, capture, focalMaxMm)
        {
            Geolocation = capture?.Geolocation is { } g && IsGeographic(g.Crs.Definition) ? new DeviceGeo.GeoLocation(g.Coordinates[0], g.Coordinates[1], g.Coordinates[2]) : null,
            Mount = capture?.Orientation is { } o ? MountFrom(ImageToEnu(o)) : MountOrientation.Level,
        };
    }

    /// <summary>The projection of a video source at its widest (the dome at the short end of its zoom).</summary>
    public OpfProjection Projection(Device.VideoSourceKind kind) => kind == Device.VideoSourceKind.Wide ? Wide : Dome;

    /// <summary>The dome at a focal length in millimetres (the PTZ node's zoom position).</summary>
    public OpfProjection DomeAtFocalLength(double focalLengthMm) =>
        focalLengthMm == Lens.FocalMinMm ? Dome : Dome.WithFocalLengthPx(DomeGeometry.FocalLengthPx(focalLengthMm));

    /// <summary>The dome zoomed so that its pinhole horizontal field of view is <paramref name="horizontalFovDeg"/>.</summary>
    public OpfProjection DomeAtHorizontalFov(double horizontalFovDeg) =>
        DomeAtFocalLength(DomeGeometry.FocalLengthForHorizontalFieldOfView(horizontalFovDeg));

    /// <summary>
    /// The mount orientation whose pan 0 / tilt 0 camera has the image-to-ENU rotation <paramref name="imageToWorld"/>:
    /// world = Heading(yaw)·Elevation(pitch)·Bank(roll)·mount, the camera at rest looking along the mount's north.
    /// </summary>
    public static MountOrientation MountFrom(Matrix3D imageToWorld)
    {
        var visionToWorld = imageToWorld * CameraFrames.ImageToVision;
        var rest = Rotation3.CameraToLevelMount;
        // mountToWorld = visionToWorld · rest⁻¹ (rest is orthonormal: its inverse is its transpose).
        var m = Multiply(visionToWorld, rest.Transposed);
        var pitch = Math.Asin(Math.Clamp(m.M21, -1, 1));
        var yaw = Math.Atan2(m.M01, m.M11);
        var roll = Math.Atan2(-m.M20, m.M22);
        return new MountOrientation(Normalize(Deg(yaw)), Deg(pitch), Deg(roll));
    }

    /// <summary>OPF yaw, pitch, roll (image CS → NED, degrees) of the camera at <paramref name="pose"/>.</summary>
    public static (double Yaw, double Pitch, double Roll) OpfYawPitchRoll(ViewPose pose)
    {
        var c = Rotation3.CameraToWorld(pose);
        var visionToEnu = new Matrix3D(c.M00, c.M01, c.M02, c.M10, c.M11, c.M12, c.M20, c.M21, c.M22);
        var (yaw, pitch, roll) = Orientation.ToYawPitchRollFromEnu(visionToEnu * CameraFrames.ImageToVision);
        // The extraction keeps pitch within ±90°, so a camera above the horizon comes out upside down (roll ±180°);
        // (yaw + 180, 180 − pitch, roll ∓ 180) is the same rotation with the image upright.
        if (Math.Abs(roll) > 90) (yaw, pitch, roll) = (yaw + 180, 180 - pitch, roll - 180 * Math.Sign(roll));
        return (Normalize(yaw), pitch, roll);
    }

    private static (int Dome, int Wide) PickSensors(InputCameras document, Capture? capture, List<OpfError> errors)
    {
        if (document.Sensors.Count == 0)
        {
            errors.Add(new("/sensors", "the document has no sensor: Camlab needs the dome's (and optionally the wide camera's)"));
            return (-1, -1);
        }
        int IndexOf(ulong id) => document.Sensors.FindIndex(s => s.Id == id);
        if (capture is not null && capture.FindCamera(capture.ReferenceCameraId) is { } reference)
        {
            // The reference camera is the dome; the capture's other camera, if any, is the wide one.
            var dome = IndexOf(reference.SensorId);
            var other = capture.Cameras.FirstOrDefault(c => c.Id != reference.Id);
            return (dome, other is null ? dome : IndexOf(other.SensorId));
        }
        return (0, document.Sensors.Count > 1 ? 1 : 0);
    }

    private static double ZoomMax(Sensor dome, int index, double focalMinMm, List<OpfError> errors)
    {
        if (dome.Extensions?[ZoomExtension] is not { } zoom) return focalMinMm * DefaultZoomRatio;
        var pointer = $"/sensors/{index}/extensions/{ZoomExtension}/focal_length_max_mm";
        if (!zoom.TryGetProperty("focal_length_max_mm", out var max) || max.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new(pointer, "must be a number of millimetres"));
            return double.NaN;
        }
        var value = max.GetDouble();
        if (!(value > focalMinMm) || !double.IsFinite(value))
            errors.Add(new(pointer, $"the tele end {value} mm must be longer than the wide end the internals give ({focalMinMm:0.###} mm)"));
        return value;
    }

    // A model whose distortion folds inside the image would leave holes in the picture.
    private static void CheckInvertible(Sensor sensor, int index, List<OpfError> errors)
    {
        var model = CameraModel.FromSensor(sensor);
        var (w, h) = (model.Width, model.Height);
        foreach (var (u, v) in new[] { (0.5, 0.5), (w - 0.5, 0.5), (0.5, h - 0.5), (w - 0.5, h - 0.5), (w / 2, 0.5), (0.5, h / 2), (w / 2, h / 2) })
            if (!model.TryUnproject(new Vector2D(u, v), out _))
            {
                errors.Add(new($"/sensors/{index}/internals", $"pixel ({u}, {v}) has no ray: the distortion folds inside the image"));
                return;
            }
    }

    // Yaw-pitch-roll is relative to NED; omega-phi-kappa to a projected CRS, taken as East-North-Up (the grid
    // convergence of the projection, under a degree near a zone's middle, is ignored).
    private static Matrix3D ImageToEnu(CaptureOrientation orientation) => orientation switch
    {
        YawPitchRollOrientation ypr => Orientation.FromYawPitchRollToEnu(ypr.AnglesDeg[0], ypr.AnglesDeg[1], ypr.AnglesDeg[2]),
        _ => Orientation.FromCapture(orientation),
    };

    private static bool IsGeographic(string crs) =>
        crs.StartsWith("EPSG:4326", StringComparison.Ordinal) || crs.StartsWith("EPSG:4979", StringComparison.Ordinal);

    private static Rotation3 Multiply(Matrix3D a, Rotation3 b) =>
        new Rotation3(a.M11, a.M12, a.M13, a.M21, a.M22, a.M23, a.M31, a.M32, a.M33) * b;

    private static double Deg(double rad) => rad * 180 / Math.PI;

    private static double Normalize(double deg) => deg - 360 * Math.Floor((deg + 180) / 360);
}

/// <summary>An unusable <c>--camera</c> document: every error with its JSON pointer.</summary>
public sealed class CameraOpticsException(string source, IReadOnlyList<OpfError> errors)
    : Exception($"{source}: {errors.Count} error(s) in the OPF camera document:" + string.Concat(errors.Select(e => "\n  " + e)))
{
    public string DocumentName { get; } = source;

    public IReadOnlyList<OpfError> Errors { get; } = errors;
}
