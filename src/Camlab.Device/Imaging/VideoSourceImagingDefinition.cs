namespace Camlab.Device.Imaging;

/// <summary>
/// What a video source's image processor and lens can do: its options, its factory settings, its manufacturer
/// presets, and its focus motor (null for a fixed-focus lens). A source with <see cref="Options"/> null exists
/// but has no imaging (ter:NoImagingForSource), e.g. an analogue input without ISP.
/// </summary>
public sealed record VideoSourceImagingDefinition(
    string Token,
    ImagingOptions? Options,
    ImagingSettings? FactorySettings,
    IReadOnlyList<ImagingPreset> Presets,
    FocusLens? Lens)
{
    public bool HasImaging => Options is not null;

    /// <summary>A source without imaging (it still exists for the events and ter:NoImagingForSource).</summary>
    public static VideoSourceImagingDefinition WithoutImaging(string token) => new(token, null, null, [], null);
}
