namespace Camlab.Device.Ptz.Tours;

/// <summary>tt:PTZPresetTourState (PTZ 5.8.8, Status).</summary>
public enum PresetTourState { Idle, Touring, Paused }

/// <summary>tt:PTZPresetTourDirection; Forward when omitted (PTZ 5.8.8).</summary>
public enum PresetTourDirection { Forward, Backward }

/// <summary>tt:PTZPresetTourOperation (PTZ 5.8.6).</summary>
public enum PresetTourOperation { Start, Stop, Pause }

/// <summary>Which of the three PresetDetail choices a tour spot uses (PTZ 5.8.8).</summary>
public enum TourSpotKind { Preset, Home, Position }

/// <summary>
/// tt:PTZPresetTourSpot: where to go (a preset, home or an absolute position), how fast, and how long to stay.
/// Null speed means the configuration's default speed; null stay time means the node's default stay time.
/// </summary>
public sealed record TourSpot(TourSpotKind Kind, string? PresetToken, PtzVector? Position, PtzVector? Speed, TimeSpan? StayTime)
{
    public static TourSpot AtPreset(string presetToken, PtzVector? speed = null, TimeSpan? stayTime = null) =>
        new(TourSpotKind.Preset, presetToken, null, speed, stayTime);

    public static TourSpot AtHome(PtzVector? speed = null, TimeSpan? stayTime = null) =>
        new(TourSpotKind.Home, null, null, speed, stayTime);

    public static TourSpot AtPosition(PtzVector position, PtzVector? speed = null, TimeSpan? stayTime = null) =>
        new(TourSpotKind.Position, null, position, speed, stayTime);

    public override string ToString() => Kind switch
    {
        TourSpotKind.Preset => "preset " + PresetToken,
        TourSpotKind.Home => "home",
        _ => "position",
    };
}

/// <summary>
/// tt:PTZPresetTourStartingCondition. Both limits null: the tour recurs until stopped. Both set: it ends
/// with whichever is reached first (PTZ 5.8.8). RandomPresetOrder wins over Direction.
/// </summary>
public sealed record PresetTourStartingCondition(
    int? RecurringTime = null,
    TimeSpan? RecurringDuration = null,
    PresetTourDirection? Direction = null,
    bool? RandomPresetOrder = null)
{
    public static readonly PresetTourStartingCondition Default = new();
}

/// <summary>The stored definition of a preset tour (tt:PresetTour without its Status).</summary>
public sealed record PresetTour(
    string Token,
    string? Name,
    bool AutoStart,
    PresetTourStartingCondition StartingCondition,
    IReadOnlyList<TourSpot> Spots);

/// <summary>tt:PTZPresetTourStatus: the state, and the spot the tour is travelling to or staying at.</summary>
public sealed record PresetTourStatus(PresetTourState State, TourSpot? CurrentSpot)
{
    public static readonly PresetTourStatus Idle = new(PresetTourState.Idle, null);
}

/// <summary>A tour as GetPresetTour reports it: definition plus live status.</summary>
public sealed record PresetTourSnapshot(PresetTour Tour, PresetTourStatus Status);
