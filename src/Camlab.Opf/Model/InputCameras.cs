namespace Camlab.Opf.Model;

/// <summary>
/// The root of an OPF input cameras document (<c>application/opf-input-cameras+json</c>): the sensors and
/// the captures as the user and the camera database provide them.
/// </summary>
public sealed class InputCameras : OpfObject
{
    public const string MediaType = "application/opf-input-cameras+json";

    /// <summary>Must be <see cref="MediaType"/>.</summary>
    public string Format { get; set; } = MediaType;

    /// <summary><c>MAJOR.MINOR</c> with an optional <c>-tag</c>; only major version 1 is understood.</summary>
    public string Version { get; set; } = "1.0";

    public List<Sensor> Sensors { get; set; } = [];
    public List<Capture> Captures { get; set; } = [];

    /// <summary>The sensor with this id, or null.</summary>
    public Sensor? FindSensor(ulong id)
    {
        foreach (var s in Sensors)
            if (s.Id == id) return s;
        return null;
    }
}
