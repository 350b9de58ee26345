namespace Camlab.Device.Imaging;

/// <summary>tt:AbsoluteFocus: a unitless position 0..1 and an optional speed (default: the settings' DefaultSpeed).</summary>
public sealed record AbsoluteFocus(float Position, float? Speed = null);

/// <summary>tt:RelativeFocus: a signed distance in position units and an optional speed.</summary>
public sealed record RelativeFocus(float Distance, float? Speed = null);

/// <summary>tt:ContinuousFocus: a signed speed; negative moves towards near.</summary>
public sealed record ContinuousFocus(float Speed);

/// <summary>tt:FocusMove (Imaging 5.3.1): exactly one of the three.</summary>
public sealed record FocusMove(AbsoluteFocus? Absolute = null, RelativeFocus? Relative = null, ContinuousFocus? Continuous = null);
