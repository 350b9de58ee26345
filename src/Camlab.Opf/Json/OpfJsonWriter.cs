using System.Text.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Json;

/// <summary>One object at a time, known properties in spec order with the unknown ones put back in place.</summary>
internal sealed class OpfJsonWriter(Utf8JsonWriter w)
{
    public void WriteRoot(InputCameras doc)
    {
        var o = Begin(doc);
        o.Known("format"); w.WriteString("format", doc.Format);
        o.Known("version"); w.WriteString("version", doc.Version);
        o.Known("sensors");
        w.WriteStartArray("sensors");
        foreach (var s in doc.Sensors) WriteSensor(s);
        w.WriteEndArray();
        o.Known("captures");
        w.WriteStartArray("captures");
        foreach (var c in doc.Captures) WriteCapture(c);
        w.WriteEndArray();
        o.End();
    }

    private void WriteSensor(Sensor s)
    {
        var o = Begin(s);
        o.Known("id"); w.WriteNumber("id", s.Id);
        o.Known("name"); w.WriteString("name", s.Name);
        o.Known("bands");
        w.WriteStartArray("bands");
        foreach (var b in s.Bands)
        {
            var bo = Begin(b);
            if (b.Name is not null) { bo.Known("name"); w.WriteString("name", b.Name); }
            bo.Known("weight"); w.WriteNumber("weight", b.Weight);
            bo.End();
        }
        w.WriteEndArray();
        o.Known("image_size_px"); Numbers("image_size_px", s.ImageSizePx);
        o.Known("pixel_size_um"); w.WriteNumber("pixel_size_um", s.PixelSizeUm);
        if (s.Internals is not null)
        {
            o.Known("internals");
            w.WritePropertyName("internals");
            WriteInternals(s.Internals);
        }
        if (s.RigRelatives is { } rig)
        {
            o.Known("rig_relatives");
            w.WritePropertyName("rig_relatives");
            var ro = Begin(rig);
            ro.Known("translation");
            w.WritePropertyName("translation");
            var to = Begin(rig.Translation);
            to.Known("values_m"); Numbers("values_m", rig.Translation.ValuesM);
            to.Known("sigmas_m"); Numbers("sigmas_m", rig.Translation.SigmasM);
            to.End();
            ro.Known("rotation");
            w.WritePropertyName("rotation");
            var rto = Begin(rig.Rotation);
            rto.Known("angles_deg"); Numbers("angles_deg", rig.Rotation.AnglesDeg);
            rto.Known("sigmas_deg"); Numbers("sigmas_deg", rig.Rotation.SigmasDeg);
            rto.End();
            ro.End();
        }
        o.Known("shutter_type"); w.WriteString("shutter_type", s.ShutterType.Value);
        o.End();
    }

    private void WriteInternals(SensorInternals internals)
    {
        var o = Begin(internals);
        o.Known("type"); w.WriteString("type", internals.Type);
        o.Known("principal_point_px"); Numbers("principal_point_px", internals.PrincipalPointPx);
        switch (internals)
        {
            case PerspectiveInternals p:
                o.Known("focal_length_px"); w.WriteNumber("focal_length_px", p.FocalLengthPx);
                o.Known("radial_distortion"); Numbers("radial_distortion", p.RadialDistortion);
                o.Known("tangential_distortion"); Numbers("tangential_distortion", p.TangentialDistortion);
                break;
            case FisheyeInternals f:
                o.Known("is_symmetric_affine"); w.WriteBoolean("is_symmetric_affine", f.IsSymmetricAffine);
                o.Known("affine"); Numbers("affine", f.Affine);
                o.Known("polynomial"); Numbers("polynomial", f.Polynomial);
                o.Known("is_p0_zero"); w.WriteBoolean("is_p0_zero", f.IsP0Zero);
                break;
        }
        o.End();
    }

    private void WriteCapture(Capture c)
    {
        var o = Begin(c);
        o.Known("id"); w.WriteNumber("id", c.Id);
        o.Known("reference_camera_id"); w.WriteNumber("reference_camera_id", c.ReferenceCameraId);
        o.Known("cameras");
        w.WriteStartArray("cameras");
        foreach (var camera in c.Cameras) WriteCamera(camera);
        w.WriteEndArray();
        o.Known("rig_model_source"); w.WriteString("rig_model_source", c.RigModelSource.Value);
        if (c.Geolocation is { } g)
        {
            o.Known("geolocation");
            w.WritePropertyName("geolocation");
            var go = Begin(g);
            go.Known("crs");
            w.WritePropertyName("crs");
            var co = Begin(g.Crs);
            co.Known("definition"); w.WriteString("definition", g.Crs.Definition);
            if (g.Crs.GeoidHeight is { } geoid) { co.Known("geoid_height"); w.WriteNumber("geoid_height", geoid); }
            co.End();
            go.Known("coordinates"); Numbers("coordinates", g.Coordinates);
            go.Known("sigmas"); Numbers("sigmas", g.Sigmas);
            go.End();
        }
        if (c.Orientation is { } orientation)
        {
            o.Known("orientation");
            w.WritePropertyName("orientation");
            var oo = Begin(orientation);
            oo.Known("type"); w.WriteString("type", orientation.Type);
            oo.Known("angles_deg"); Numbers("angles_deg", orientation.AnglesDeg);
            oo.Known("sigmas_deg"); Numbers("sigmas_deg", orientation.SigmasDeg);
            if (orientation is OmegaPhiKappaOrientation opk) { oo.Known("crs"); w.WriteString("crs", opk.Crs); }
            oo.End();
        }
        if (c.HeightAboveTakeoffM is { } height) { o.Known("height_above_takeoff_m"); w.WriteNumber("height_above_takeoff_m", height); }
        o.Known("time"); w.WriteString("time", c.Time.Text ?? "");
        o.End();
    }

    private void WriteCamera(Camera c)
    {
        var o = Begin(c);
        o.Known("sensor_id"); w.WriteNumber("sensor_id", c.SensorId);
        o.Known("id"); w.WriteNumber("id", c.Id);
        o.Known("model_source"); w.WriteString("model_source", c.ModelSource.Value);
        o.Known("pixel_type"); w.WriteString("pixel_type", c.PixelType.Value);
        if (c.PixelRange is { } range)
        {
            o.Known("pixel_range");
            w.WritePropertyName("pixel_range");
            var ro = Begin(range);
            switch (range)
            {
                case StaticPixelRange s:
                    ro.Known("min"); w.WriteNumber("min", s.Min);
                    ro.Known("max"); w.WriteNumber("max", s.Max);
                    break;
                case DynamicPixelRange d:
                    ro.Known("percentile"); w.WriteNumber("percentile", d.Percentile);
                    break;
            }
            ro.End();
        }
        if (c.ImageOrientation is { } io) { o.Known("image_orientation"); w.WriteNumber("image_orientation", io); }
        o.End();
    }

    private void Numbers(string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private ObjectWriter Begin(OpfObject o)
    {
        w.WriteStartObject();
        var writer = new ObjectWriter(w, o);
        writer.Unknown(null);
        return writer;
    }

    /// <summary>Writes the unknown properties anchored after each known one, then leftovers and extensions.</summary>
    /// <remarks>A mutable struct used only as a local, so its state lives on the stack.</remarks>
    private struct ObjectWriter(Utf8JsonWriter w, OpfObject o)
    {
        private readonly bool[]? _written = o.HasUnknownProperties ? new bool[o.UnknownProperties.Count] : null;
        private string? _last;

        /// <summary>
        /// Call before writing a known property. Unknowns are anchored to the known property before them; they are
        /// flushed lazily, before the next known property, so one that followed the last known property stays last.
        /// </summary>
        public void Known(string name)
        {
            Unknown(_last);
            _last = name;
        }

        public readonly void Unknown(string? after)
        {
            if (_written is null) return;
            for (var i = 0; i < o.UnknownProperties.Count; i++)
            {
                var p = o.UnknownProperties[i];
                if (_written[i] || p.After != after) continue;
                _written[i] = true;
                w.WritePropertyName(p.Name);
                p.Value.WriteTo(w);
            }
        }

        public readonly void End()
        {
            Unknown(_last);
            if (_written is not null)
                for (var i = 0; i < o.UnknownProperties.Count; i++)
                {
                    // Anchored to a known property that is no longer there: keep it, at the end.
                    var p = o.UnknownProperties[i];
                    if (_written[i] || p.After == ObjectShape.ExtensionsName) continue;
                    _written[i] = true;
                    w.WritePropertyName(p.Name);
                    p.Value.WriteTo(w);
                }
            if (o.Extensions is { } extensions)
            {
                w.WriteStartObject(ObjectShape.ExtensionsName);
                foreach (var e in extensions)
                {
                    w.WritePropertyName(e.Name);
                    e.Value.WriteTo(w);
                }
                w.WriteEndObject();
            }
            Unknown(ObjectShape.ExtensionsName);
            w.WriteEndObject();
        }
    }
}
