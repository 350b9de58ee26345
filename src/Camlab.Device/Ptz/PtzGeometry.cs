namespace Camlab.Device.Ptz;

/// <summary>
/// The spaces of one node under one configuration and the exact conversions between each of them and the node's
/// native frame (<see cref="PtzPose"/>). Conversions between any two spaces go through the frame. Ranges are not
/// checked here (the node does that, in the space a value was given in); this is pure math.
/// </summary>
public abstract class PtzGeometry
{
    public abstract IReadOnlyList<PtzSpaceDescription> Spaces { get; }

    /// <summary>Native pan range (the generic space's −1..1).</summary>
    public abstract FloatRange PanRange { get; }

    public abstract FloatRange TiltRange { get; }

    public abstract FloatRange ZoomRange { get; }

    /// <summary>True when pan turns endlessly (−180 and +180 are the same direction).</summary>
    public abstract bool PanIsEndless { get; }

    public PtzSpaceDescription? Find(string uri, PtzSpaceGroup group) =>
        Spaces.FirstOrDefault(s => s.Group == group && s.Uri == uri);

    public abstract (double Pan, double Tilt) PanTiltFromSpace(string uri, double x, double y);

    public abstract (double X, double Y) PanTiltToSpace(string uri, double pan, double tilt);

    public abstract double ZoomFromSpace(string uri, double x);

    public abstract double ZoomToSpace(string uri, double zoom);

    /// <summary>The unclamped native pan/tilt target of a relative translation from <paramref name="current"/>.</summary>
    public abstract (double Pan, double Tilt) PanTiltTranslationTarget(string uri, double x, double y, PtzPose current);

    public abstract double ZoomTranslationTarget(string uri, double x, PtzPose current);

    /// <summary>Native pan and tilt velocities (units per second) of a continuous-move velocity.</summary>
    public abstract (double Pan, double Tilt) PanTiltVelocity(string uri, double x, double y, PtzPose current);

    public abstract double ZoomVelocity(string uri, double x, PtzPose current);

    /// <summary>The combined pan/tilt speed along the path, native units per second (speed spaces are scalars, 5.7.4).</summary>
    public abstract double PanTiltSpeed(string uri, double x, PtzPose current);

    public abstract double ZoomSpeed(string uri, double x, PtzPose current);

    /// <summary>Generic position coordinate of a native value: the native range maps linearly onto −1..1.</summary>
    protected static double ToGeneric(double value, FloatRange range) => (value - range.Min) / (range.Max - range.Min) * 2 - 1;

    protected static double FromGeneric(double g, FloatRange range) => range.Min + (g + 1) / 2 * (range.Max - range.Min);

    protected static PtzException Unsupported(string uri) => new(PtzError.SpaceNotSupported, $"space '{uri}' is not supported by this node");

    protected static FloatRange R(double min, double max) => new(min, max);
}
