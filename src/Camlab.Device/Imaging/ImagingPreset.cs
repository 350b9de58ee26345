namespace Camlab.Device.Imaging;

/// <summary>
/// timg:ImagingPreset (Imaging 5.2): a manufacturer's imaging settings tuned for a kind of scene. <see cref="Type"/>
/// is a timg:ImagingPresetType value (<see cref="ImagingPresetTypes"/>); <see cref="Settings"/> are complete
/// settings of the source, inside its options.
/// </summary>
public sealed record ImagingPreset(string Token, string Name, string Type, ImagingSettings Settings);

/// <summary>The values of timg:ImagingPresetType that Camlab's presets use ("Custom" when no standard type fits).</summary>
public static class ImagingPresetTypes
{
    public const string Custom = "Custom";
    public const string ClearWeather = "ClearWeather";
    public const string Fog = "Fog";
    public const string WDR = "WDR";
    public const string Night = "Night";
    public const string Indoor = "Indoor";
    public const string FlickerFree50 = "FlickerFree50";
}
