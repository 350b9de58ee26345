using System.Text.Json;
using Camlab.Opf.Geometry;
using Camlab.Opf.Model;
using Camlab.Rendering;
using Camlab.Server.Streaming;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Optics;

/// <summary>
/// The photogrammetry export of one frame (<c>GET /snapshot/{profile}.opf.json</c>, <c>camlab snapshot --opf</c>): an
/// OPF input-cameras document with one sensor — the source's internals at the frame's zoom, re-expressed for the
/// delivered JPEG (its crop window scaled to the output size) — and one capture at the frame's UTC time with the
/// camera's geolocation and the yaw-pitch-roll of mount · pan · tilt. The camera carries the
/// <c>CAMLAB_snapshot</c> extension naming the JPEG it describes.
/// </summary>
public static class SnapshotDocument
{
    public const string Extension = "CAMLAB_snapshot";

    /// <param name="image">How the document refers to the JPEG (a file name or a URL relative to the document).</param>
    /// <exception cref="NotSupportedException">The frame's optics or scaling cannot be written as OPF internals.</exception>
    /// <param name="definition">The camera's layout (which sensor renders the frame's source); null: the default camera.</param>
    public static InputCameras Describe(EncodedFrame frame, CameraOptics optics, string profile, string image, Device.CameraDefinition? definition = null)
    {
        var view = frame.View ?? throw new NotSupportedException("the frame was not rendered from a known view");
        var (w, h) = (frame.Size.DestStrideX, frame.Size.DestStrideY);
        double sx = w / view.Window.Width, sy = h / view.Window.Height;
        var source = (definition ?? Device.CameraDefinition.Default).KindOf(view.SourceToken) == Device.VideoSourceKind.Wide ? optics.WideSensor : optics.DomeSensor;
        var internals = Internals(view.Optics, view.Window, sx, sy);
        var focalPx = internals is PerspectiveInternals p ? p.FocalLengthPx : 2 * ((FisheyeInternals)internals).Affine[0] / Math.PI;
        // The sensor area one output pixel covers: the source's pitch times the window-to-output reduction.
        var pixelSizeUm = source.PixelSizeUm / sx;
        var (yaw, pitch, roll) = CameraOptics.OpfYawPitchRoll(view.Pose);

        var sensor = new Sensor
        {
            Id = 1,
            Name = $"{source.Name} — {view.SourceToken} as {profile}",
            Bands = source.Bands.Select(b => new Band { Name = b.Name, Weight = b.Weight }).ToList(),
            ImageSizePx = [w, h],
            PixelSizeUm = pixelSizeUm,
            Internals = internals,
            ShutterType = source.ShutterType,
        };
        var camera = new Camera
        {
            Id = 1,
            SensorId = 1,
            ModelSource = ModelSource.User,
            PixelType = PixelType.UInt8,
            PixelRange = new StaticPixelRange { Min = 0, Max = 255 },
            Extensions = [new Opf.Model.Extension(Extension, JsonSerializer.SerializeToElement(new Dictionary<string, object>
            {
                ["image"] = image,
                ["profile"] = profile,
                ["video_source"] = view.SourceToken,
                ["frame"] = frame.Sequence,
                ["pan_deg"] = view.Pose.PanDeg,
                ["tilt_deg"] = view.Pose.TiltDeg,
                ["focal_length_mm"] = focalPx * pixelSizeUm / 1000,
            }))],
        };
        var capture = new Capture
        {
            Id = 1,
            ReferenceCameraId = 1,
            Cameras = [camera],
            RigModelSource = RigModelSource.NotApplicable,
            Orientation = new YawPitchRollOrientation { AnglesDeg = [yaw, pitch, roll], SigmasDeg = [0.1, 0.1, 0.1] },
            Time = CaptureTime.FromInstant(frame.CaptureTime.ToUniversalTime()),
        };
        if (frame.Location is { } location)
            capture.Geolocation = new Geolocation
            {
                // Altitude is above mean sea level: EGM96 heights (EPSG:5773), as the default document's capture.
                Crs = new Crs { Definition = "EPSG:4326+5773" },
                Coordinates = [location.Latitude, location.Longitude, location.Elevation],
                Sigmas = [1, 1, 2],
            };
        return new InputCameras { Sensors = [sensor], Captures = [capture] };
    }

    private static SensorInternals Internals(ICameraProjection optics, CropWindow window, double sx, double sy)
    {
        // Output pixel u' = (u − left)·sx: the principal point moves and scales, focal lengths scale.
        double[] Centre(double cx, double cy) => [(cx - window.Left) * sx, (cy - window.Top) * sy];
        switch (optics)
        {
            case OpfProjection { Model: PerspectiveModel p }:
                RequireSquarePixels(sx, sy);
                return Perspective(p.FocalLengthPx * sx, Centre(p.PrincipalPoint.X, p.PrincipalPoint.Y), [p.R1, p.R2, p.R3], [p.T1, p.T2]);
            case PerspectiveProjection p:
                RequireSquarePixels(sx, sy);
                return Perspective(p.FocalLengthPx * sx, Centre(p.PrincipalX, p.PrincipalY), [p.K1, p.K2, p.K3], [p.P1, p.P2]);
            case OpfProjection { Model: FisheyeModel f }:
                // The affine takes a different scale per axis exactly.
                var symmetric = f.D == 0 && f.E == 0 && f.C * sx == f.F * sy;
                return new FisheyeInternals
                {
                    PrincipalPointPx = Centre(f.PrincipalPoint.X, f.PrincipalPoint.Y),
                    Affine = symmetric ? [f.C * sx, 0, 0, f.C * sx] : [f.C * sx, f.D * sx, f.E * sy, f.F * sy],
                    IsSymmetricAffine = symmetric,
                    Polynomial = [.. f.Polynomial],
                    IsP0Zero = f.Polynomial.Count > 0 && f.Polynomial[0] == 0,
                };
            default:
                throw new NotSupportedException($"optics of type {optics.GetType().Name} cannot be written as OPF internals");
        }
    }

    private static PerspectiveInternals Perspective(double f, double[] centre, double[] radial, double[] tangential) =>
        new() { FocalLengthPx = f, PrincipalPointPx = centre, RadialDistortion = radial, TangentialDistortion = tangential };

    // OPF perspective internals have one focal length: pixels must stay square.
    private static void RequireSquarePixels(double sx, double sy)
    {
        if (Math.Abs(sx / sy - 1) > 1e-3)
            throw new NotSupportedException($"the frame scales the sensor by {sx:0.####} across and {sy:0.####} down; OPF perspective internals need square pixels");
    }
}
