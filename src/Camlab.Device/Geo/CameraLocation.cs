using System.Text.Json;
using Camlab.Device.Ptz.Geo;
using Camlab.Device.State;

namespace Camlab.Device.Geo;

/// <summary>
/// Where the camera stands and which way its 0° pan points: the one value GeoMove aims from, the video channel's
/// location header carries and OPF exports write. It starts from the configured placement; the device service's
/// SetGeoLocation (core spec 8.3.x, tt:LocationEntity) replaces it, persisted as one document so it survives a
/// restart and a kill; a hard factory default deletes the document and the placement applies again.
/// </summary>
public sealed class CameraLocation
{
    public const string Document = "device/geolocation.json";

    private readonly object _gate = new();
    private readonly IStateStore _store;
    private readonly CameraLocationValue _initial;
    private CameraLocationValue _current;

    /// <param name="initial">The configured placement's location (null: unknown) and heading.</param>
    public CameraLocation(IStateStore store, CameraLocationValue initial)
    {
        _store = store;
        _initial = Validated(initial);
        _current = Load();
    }

    public CameraLocationValue Current { get { lock (_gate) return _current; } }

    /// <summary>Validates, writes, then shows the new value; an invalid value throws <see cref="ArgumentException"/> and changes nothing.</summary>
    public void Set(CameraLocationValue value)
    {
        value = Validated(value);
        lock (_gate)
        {
            _store.Write(Document, JsonSerializer.Serialize(Stored.From(value)));
            _current = value;
        }
    }

    /// <summary>Rereads the document (after a reboot or a factory default).</summary>
    public void Reload()
    {
        lock (_gate) _current = Load();
    }

    public static CameraLocationValue Validated(CameraLocationValue value)
    {
        if (value.Location is { } l)
        {
            if (!double.IsFinite(l.Latitude) || l.Latitude is < -90 or > 90)
                throw new ArgumentException($"latitude {l.Latitude} is not within -90..90 degrees");
            if (!double.IsFinite(l.Longitude) || l.Longitude is < -180 or > 180)
                throw new ArgumentException($"longitude {l.Longitude} is not within -180..180 degrees");
            if (!double.IsFinite(l.Elevation)) throw new ArgumentException($"elevation {l.Elevation} is not a finite number of metres");
        }
        if (!double.IsFinite(value.Heading) || value.Heading is < -360 or > 360)
            throw new ArgumentException($"heading {value.Heading} is not within -360..360 degrees");
        return value;
    }

    private CameraLocationValue Load()
    {
        if (_store.Read(Document) is not { } text) return _initial;
        var stored = JsonSerializer.Deserialize<Stored>(text);
        return stored is null ? _initial : Validated(stored.ToValue());
    }

    private sealed record Stored(double? Latitude, double? Longitude, double? Elevation, double Heading)
    {
        public static Stored From(CameraLocationValue v) =>
            new(v.Location?.Latitude, v.Location?.Longitude, v.Location?.Elevation, v.Heading);

        public CameraLocationValue ToValue() =>
            new(Latitude is { } lat && Longitude is { } lon ? new GeoLocation(lat, lon, Elevation ?? 0) : null, Heading);
    }
}

/// <summary>A camera's location (null: unknown) and heading, degrees clockwise from geographic north to its 0° pan.</summary>
public readonly record struct CameraLocationValue(GeoLocation? Location, double Heading);
