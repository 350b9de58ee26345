namespace Camlab.Device.Imaging;

/// <summary>
/// The focus mechanics of a lens. A focus position is unitless 0..1 and linear in diopters (1/distance), as a
/// focus ring is: 0 focuses at <see cref="MinimumFocusDistance"/>, 1 at infinity, so position = 1 − dmin/d.
/// The motor follows a trapezoidal velocity profile: it accelerates with <see cref="Acceleration"/> up to the
/// requested speed (at most <see cref="MaxSpeed"/>) and brakes to stop on target, like the PTZ axes.
/// </summary>
/// <param name="MinimumFocusDistance">Closest focusable distance, metres.</param>
/// <param name="MaxSpeed">Fastest motor speed, position units per second.</param>
/// <param name="Acceleration">Motor acceleration and braking, position units per second².</param>
/// <param name="SceneDistance">Distance to the subject when no renderer tells better, metres.</param>
/// <param name="InitialPosition">Where the lens rests at power-on.</param>
public sealed record FocusLens(
    double MinimumFocusDistance,
    double MaxSpeed,
    double Acceleration,
    double SceneDistance,
    double InitialPosition)
{
    /// <summary>Focus position that makes a subject at <paramref name="metres"/> sharp.</summary>
    public double PositionForDistance(double metres) =>
        double.IsPositiveInfinity(metres) ? 1.0 : Math.Clamp(1.0 - MinimumFocusDistance / metres, 0.0, 1.0);

    /// <summary>Distance that is sharp at <paramref name="position"/> (infinity at 1).</summary>
    public double DistanceForPosition(double position) =>
        position >= 1.0 ? double.PositiveInfinity : MinimumFocusDistance / (1.0 - Math.Max(0.0, position));

    /// <summary>Where the lens is focused in dioptres (1/m, 0 = infinity) — the renderer's unit for defocus blur.</summary>
    public double DioptresForPosition(double position) => (1.0 - Math.Clamp(position, 0.0, 1.0)) / MinimumFocusDistance;

    /// <summary>The position focused at <paramref name="dioptres"/> (1/m).</summary>
    public double PositionForDioptres(double dioptres) => Math.Clamp(1.0 - dioptres * MinimumFocusDistance, 0.0, 1.0);

    /// <summary>The move options this motor offers (tt:MoveOptions20).</summary>
    public FocusMoveOptions MoveOptions
    {
        get
        {
            var speed = new FloatRange((float)(MaxSpeed / 20), (float)MaxSpeed);
            return new FocusMoveOptions(
                AbsolutePosition: new FloatRange(0f, 1f),
                AbsoluteSpeed: speed,
                RelativeDistance: new FloatRange(-1f, 1f),
                RelativeSpeed: speed,
                ContinuousSpeed: new FloatRange((float)-MaxSpeed, (float)MaxSpeed));
        }
    }
}
