using Camlab.Device;
using Camlab.Server.Hosting;

namespace Camlab.Server.Site;

/// <summary>
/// A site: the cameras one <c>camlab serve --site FILE</c> runs, each with its own layout, optics, place, scene, users,
/// presets, tours and faults (docs/site.md). Each camera is the configuration's <c>camera</c> section
/// (<see cref="CameraOptions"/>: definition, OPF document, geolocation, yaw) plus what differs per camera;
/// <see cref="Defaults"/> fills in what a camera leaves out.
/// </summary>
public sealed record SiteDocument(string? Name, IReadOnlyList<SiteCamera> Cameras)
{
    /// <summary>The highest <c>version</c> this Camlab reads.</summary>
    public const int Version = 1;

    /// <summary>The host's clock for this site (<c>clock: {mode, start}</c>, docs/clock.md); null: the configuration's.</summary>
    public HostClock.ClockOptions? Clock { get; init; }

    /// <summary>The seed of every random choice (<c>seed</c>, docs/clock.md); null: the configuration's.</summary>
    public long? Seed { get; init; }
}

/// <summary>One camera of a site, every value resolved (defaults applied, paths absolute, checked).</summary>
public sealed record SiteCamera
{
    /// <summary>The device name (GetDeviceInformation's scopes <c>onvif://www.onvif.org/name/...</c>); null: "Camlab PTZ n".</summary>
    public string? Name { get; init; }

    /// <summary>The same section as the configuration's <c>camera</c>: layout, OPF path, geolocation, yaw (heading).</summary>
    public CameraOptions Camera { get; init; } = new();

    /// <summary>An equirectangular JPEG to render; null: the generated default scene.</summary>
    public string? Scene { get; init; }

    /// <summary>Users of this camera besides the host's (<c>--user</c>).</summary>
    public IReadOnlyList<UserOption> Users { get; init; } = [];

    /// <summary>Presets a new camera starts with (a camera whose data folder already holds presets keeps its own).</summary>
    public IReadOnlyList<SitePreset> Presets { get; init; } = [];

    /// <summary>Preset tours a new camera starts with, over <see cref="Presets"/> by name.</summary>
    public IReadOnlyList<SiteTour> Tours { get; init; } = [];

    /// <summary>Fault instructions, as <c>--force</c> takes them, for this camera alone.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];
}

/// <summary>A preset of a dome node: pan and tilt in degrees of its mount, zoom 0 (wide) .. 1 (tele), linear in focal length.</summary>
public sealed record SitePreset(string Name, string? Node, double Pan, double Tilt, double Zoom);

/// <summary>A preset tour: its spots visit presets by name and stay there a number of seconds.</summary>
public sealed record SiteTour(string Name, string? Node, bool AutoStart, IReadOnlyList<SiteTourSpot> Spots);

public sealed record SiteTourSpot(string Preset, double StaySeconds);

/// <summary>One mistake in a site file: its JSON path (<c>$.cameras[3].geolocation.latitude</c>) and what is wrong.</summary>
public sealed record SiteError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A site file with mistakes: every one of them, each with its path.</summary>
public sealed class SiteFileException(string file, IReadOnlyList<SiteError> errors)
    : Exception($"{file}: {errors.Count} error(s) in the site file:" + string.Concat(errors.Select(e => "\n  " + e)))
{
    public string File { get; } = file;

    public IReadOnlyList<SiteError> Errors { get; } = errors;
}
