namespace Camlab.Device.Ptz;

/// <summary>A pan/tilt pair with its space URI (tt:Vector2D); a null space means the configuration's default.</summary>
public readonly record struct PanTiltVector(double X, double Y, string? Space = null);

/// <summary>A zoom value with its space URI (tt:Vector1D); a null space means the configuration's default.</summary>
public readonly record struct ZoomVector(double X, string? Space = null);

/// <summary>
/// A position, translation, velocity or speed (tt:PTZVector / tt:PTZSpeed). An absent part leaves that axis'
/// motion alone (PTZ 5.3.1–5.3.3).
/// </summary>
public readonly record struct PtzVector(PanTiltVector? PanTilt, ZoomVector? Zoom)
{
    public static PtzVector Of(double pan, double tilt, double zoom, string? panTiltSpace = null, string? zoomSpace = null) =>
        new(new PanTiltVector(pan, tilt, panTiltSpace), new ZoomVector(zoom, zoomSpace));
}

/// <summary>tt:MoveStatus.</summary>
public enum MoveStatus { Idle, Moving, Unknown }

/// <summary>What GetStatus reports (tt:PTZStatus): position in the configuration's default absolute spaces.</summary>
public sealed record PtzStatus(PtzVector Position, MoveStatus PanTilt, MoveStatus Zoom, string? Error, DateTimeOffset UtcTime);

/// <summary>A saved position of a node (tt:PTZPreset). The position is kept in the node's native frame.</summary>
public sealed record PtzPreset(string Token, string Name, PtzPose Pose);

/// <summary>
/// A node's position in its native frame as GetStatus reports it: for the dome pan/tilt in degrees (after e-flip and
/// reverse) and zoom as focal length in millimetres; for the digital node the window centre on the sensor (0..1,
/// origin lower left) and the normalized digital zoom factor.
/// </summary>
public readonly record struct PtzPose(double Pan, double Tilt, double Zoom);
