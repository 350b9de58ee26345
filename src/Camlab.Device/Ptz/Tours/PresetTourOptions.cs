namespace Camlab.Device.Ptz.Tours;

/// <summary>
/// What a node allows for its preset tours: the node's MaximumNumberOfPresetTours (PTZ 5.1) and the ranges
/// GetPresetTourOptions reports (tt:PTZPresetTourOptions). Values outside them are ter:InvalidPresetTour.
/// </summary>
public sealed record PresetTourOptions
{
    /// <summary>PTZ 5.1 MaximumNumberOfPresetTours; CreatePresetTour beyond it is ter:TooManyPresetTours.</summary>
    public int MaximumNumberOfPresetTours { get; init; } = 8;

    /// <summary>Spots per tour; ModifyPresetTour beyond it is ter:TooManyPresets (PTZ 5.8.5).</summary>
    public int MaximumTourSpots { get; init; } = 32;

    public bool AutoStartSupported { get; init; } = true;

    public int RecurringTimeMin { get; init; } = 1;

    public int RecurringTimeMax { get; init; } = 1000;

    public TimeSpan RecurringDurationMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RecurringDurationMax { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan StayTimeMin { get; init; } = TimeSpan.Zero;

    public TimeSpan StayTimeMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The stay used for a spot without StayTime (the spec leaves it to the device).</summary>
    public TimeSpan DefaultStayTime { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<PresetTourDirection> Directions { get; init; } = [PresetTourDirection.Forward, PresetTourDirection.Backward];

    /// <summary>Longest tour name (tt:Name is at most 64 characters).</summary>
    public int MaximumNameLength { get; init; } = 64;

    public static readonly PresetTourOptions Default = new();
}
