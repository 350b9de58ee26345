using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Geo;
using Camlab.Device.Ptz.Geo;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>
/// GetGeoLocation / SetGeoLocation of the device service (core spec 8.3.x, tt:LocationEntity): the camera's one
/// location entity, Entity "Device", with its WGS84 tt:GeoLocation (lon, lat, elevation in metres) and its heading
/// as tt:LocalOrientation/@pan (degrees clockwise from geographic north to the 0° pan direction). A set entity
/// without GeoLocation or LocalOrientation keeps that part. DeleteGeoLocation forgets the position: the entity stays
/// (the camera always has one, and its mount keeps its heading — the picture does not turn), without a GeoLocation, so
/// GeoMove answers GeoLocationUnknown and the video channel sends no location header until SetGeoLocation.
/// </summary>
public static class DeviceGeoLocationOperations
{
    public const string Entity = "Device";

    public static IEnumerable<SoapOperation> Create(Func<CameraLocation> location) =>
    [
        new("GetGeoLocation", AccessClass.ReadSystem, (_, w) =>
        {
            var current = location().Current;
            w.Start(OnvifNamespaces.Device, "GetGeoLocationResponse");
            w.Start(OnvifNamespaces.Device, "Location");
            w.Attr("Entity", Entity);
            w.Attr("Fixed", "true");
            if (current.Location is { } l)
            {
                w.Start(OnvifNamespaces.Schema, "GeoLocation");
                w.Attr("lon", OnvifXml.Float(l.Longitude));
                w.Attr("lat", OnvifXml.Float(l.Latitude));
                w.Attr("elevation", ((float)l.Elevation).ToString("R", CultureInfo.InvariantCulture));
                w.End();
            }
            w.Start(OnvifNamespaces.Schema, "LocalOrientation");
            w.Attr("pan", ((float)current.Heading).ToString("R", CultureInfo.InvariantCulture));
            w.End();
            w.End();
            w.End();
        }),
        new("SetGeoLocation", AccessClass.WriteSystem, (r, w) =>
        {
            var entities = r.Body.Children("Location").ToList();
            if (entities.Count == 0) throw OnvifFaults.InvalidArgs("SetGeoLocation needs a Location");
            if (entities.Count > 1) throw OnvifFaults.InvalidArgVal("InvalidLocation", "the camera has one location entity (Entity \"Device\")");
            var target = location();
            var next = Read(entities[0], target.Current);
            try { target.Set(next); }
            catch (ArgumentException e) { throw OnvifFaults.InvalidArgVal("InvalidLocation", e.Message); }
            w.WriteElementString("SetGeoLocationResponse", OnvifNamespaces.Device, "");
        }),
        new("DeleteGeoLocation", AccessClass.WriteSystem, (r, w) =>
        {
            var entities = r.Body.Children("Location").ToList();
            if (entities.Count == 0) throw OnvifFaults.InvalidArgs("DeleteGeoLocation needs a Location");
            foreach (var entity in entities)
                if (entity.Attr("Entity") is { } name && name != Entity)
                    throw OnvifFaults.InvalidArgVal("InvalidLocation", $"the camera has no location entity '{EchoedText.Quote(name)}' (only \"{Entity}\")");
            var target = location();
            target.Set(target.Current with { Location = null });
            w.WriteElementString("DeleteGeoLocationResponse", OnvifNamespaces.Device, "");
        }),
    ];

    // Everything is checked before anything is set: an invalid entity changes nothing.
    private static CameraLocationValue Read(XElement entity, CameraLocationValue current)
    {
        if (entity.Attr("Entity") is { } name && name != Entity)
            throw OnvifFaults.InvalidArgVal("InvalidLocation", $"the camera has no location entity '{EchoedText.Quote(name)}' (only \"{Entity}\")");
        var location = current.Location;
        if (entity.Child("GeoLocation") is { } geo)
        {
            double Required(string attribute)
            {
                var text = geo.Attr(attribute) ?? throw OnvifFaults.InvalidArgVal("InvalidLocation", $"GeoLocation/@{attribute} is required");
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                    ? value
                    : throw OnvifFaults.InvalidArgVal("InvalidLocation", $"GeoLocation/@{attribute} is not a finite number: '{EchoedText.Quote(text)}'");
            }
            location = new GeoLocation(Required("lat"), Required("lon"), Required("elevation"));
        }
        var heading = current.Heading;
        if (entity.Child("LocalOrientation") is { } orientation && orientation.Attr("pan") is { } pan)
            heading = double.TryParse(pan, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw OnvifFaults.InvalidArgVal("InvalidLocation", $"LocalOrientation/@pan is not a finite number: '{EchoedText.Quote(pan)}'");
        var next = new CameraLocationValue(location, heading);
        try { return CameraLocation.Validated(next); }
        catch (ArgumentException e) { throw OnvifFaults.InvalidArgVal("InvalidLocation", e.Message); }
    }
}
