using Camlab.Opf.Model;

namespace Camlab.Opf.Validation;

// Captures: ids, references, cameras, pixel ranges, geolocation, orientation, time.
internal sealed partial class ModelChecker
{
    private void CheckCapture(Capture c, int index)
    {
        if (!_captureIds.TryAdd(c.Id, index) && !IsInvalid("id"))
            Error("id", $"duplicate capture id {c.Id} (also the id of /captures/{_captureIds[c.Id]})");

        _path.Push("cameras");
        var cameraIdsReadable = !IsInvalid("");
        for (var i = 0; i < c.Cameras.Count; i++)
        {
            _path.Push(i);
            cameraIdsReadable &= CheckCamera(c.Cameras[i], index, i);
            _path.Pop();
        }
        _path.Pop();

        if (cameraIdsReadable && c.FindCamera(c.ReferenceCameraId) is null && !IsInvalid("reference_camera_id"))
        {
            var ids = string.Join(", ", c.Cameras.Select(k => k.Id));
            Error("reference_camera_id", c.Cameras.Count == 0
                ? $"camera {c.ReferenceCameraId} is not one of this capture's cameras (it has none)"
                : $"camera {c.ReferenceCameraId} is not one of this capture's cameras ({ids})");
        }

        CheckEnum("rig_model_source", c.RigModelSource.Value, c.RigModelSource.IsKnown, RigModelSource.AllowedValues);

        if (c.Geolocation is { } g)
        {
            _path.Push("geolocation");
            CheckExtensions(g);
            if (g.Crs is null) Missing("crs");
            else
            {
                _path.Push("crs");
                CheckExtensions(g.Crs);
                if (g.Crs.Definition is null) Missing("definition");
                if (g.Crs.GeoidHeight is { } geoid) CheckFinite("geoid_height", geoid);
                _path.Pop();
            }
            CheckVector("coordinates", g.Coordinates, 3, "in the CRS axis order");
            CheckVector("sigmas", g.Sigmas, 3, "one per axis");
            _path.Pop();
        }

        if (c.Orientation is { } o)
        {
            _path.Push("orientation");
            CheckExtensions(o);
            var names = o is YawPitchRollOrientation ? "yaw, pitch, roll" : "omega, phi, kappa";
            CheckVector("angles_deg", o.AnglesDeg, 3, names);
            CheckVector("sigmas_deg", o.SigmasDeg, 3, names);
            if (o is OmegaPhiKappaOrientation { Crs: null }) Missing("crs");
            _path.Pop();
        }

        if (c.HeightAboveTakeoffM is { } height) CheckFinite("height_above_takeoff_m", height);

        if (c.Time.Text is null) Missing("time");
        else if (!IsInvalid("time") && c.Time.Problem() is { } problem) Error("time", problem);

        CheckExtensions(c);
    }

    /// <summary>Checks one camera; false when its id could not be read.</summary>
    private bool CheckCamera(Camera k, int captureIndex, int cameraIndex)
    {
        var idReadable = !IsInvalid("id");
        if (idReadable && !_cameraIds.TryAdd(k.Id, (captureIndex, cameraIndex)))
        {
            var (ci, ki) = _cameraIds[k.Id];
            Error("id", $"duplicate camera id {k.Id} (also the id of /captures/{ci}/cameras/{ki})");
        }
        if (!_sensorIdUnreadable && !_sensorIds.ContainsKey(k.SensorId) && !IsInvalid("sensor_id"))
            Error("sensor_id", $"sensor {k.SensorId} is not defined in /sensors");

        CheckEnum("model_source", k.ModelSource.Value, k.ModelSource.IsKnown, ModelSource.AllowedValues);
        CheckEnum("pixel_type", k.PixelType.Value, k.PixelType.IsKnown, PixelType.AllowedValues);

        switch (k.PixelRange)
        {
            case null:
                Missing("pixel_range");
                break;
            case StaticPixelRange s:
                _path.Push("pixel_range");
                CheckExtensions(s);
                CheckFinite("min", s.Min);
                CheckFinite("max", s.Max);
                if (!(s.Min < s.Max) && !IsInvalid("min") && !IsInvalid("max"))
                    Error("", $"min ({Num(s.Min)}) must be less than max ({Num(s.Max)})");
                _path.Pop();
                break;
            case DynamicPixelRange d:
                _path.Push("pixel_range");
                CheckExtensions(d);
                if (!(d.Percentile >= 0) && !IsInvalid("percentile"))
                    Error("percentile", $"must be at least 0 (0 ignores nothing), got {Num(d.Percentile)}");
                _path.Pop();
                break;
        }

        if (k.ImageOrientation is { } io && (io < 1 || io > 8) && !IsInvalid("image_orientation"))
            Error("image_orientation", $"must be an EXIF orientation from 1 to 8, got {io}");

        CheckExtensions(k);
        return idReadable;
    }
}
