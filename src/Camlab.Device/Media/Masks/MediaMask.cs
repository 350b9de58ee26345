namespace Camlab.Device.Media.Masks;

/// <summary>A polygon vertex in ONVIF normalized coordinates of the video source configuration's picture (−1..1, x right, y up; tt:Vector).</summary>
public readonly record struct NormalizedPoint(double X, double Y);

/// <summary>
/// tr2:Mask as the Media2 mask operations see a privacy mask: its token, the video source configuration it was
/// drawn on, the polygon on that picture, and whether it is shown. The camera masks in one colour, black
/// (tr2:MaskType Color, SingleColorOnly).
/// </summary>
public sealed record MediaMask(string Token, string ConfigurationToken, IReadOnlyList<NormalizedPoint> Polygon, bool Enabled);

/// <summary>The refusals of the Media2 mask operations (Media2 5.9); the SOAP adapter maps each to its subcodes.</summary>
public enum MaskError
{
    /// <summary>No such mask or video source configuration (env:Sender ter:InvalidArgVal ter:NoConfig).</summary>
    NoConfig,

    /// <summary>The configuration's source holds as many masks as it can (env:Receiver ter:Action ter:MaxMasks).</summary>
    MaxMasks,

    /// <summary>The polygon is not one the camera can mask (env:Sender ter:InvalidArgVal ter:InvalidPolygon).</summary>
    InvalidPolygon,

    /// <summary>A type or colour the options do not offer (env:Sender ter:InvalidArgVal ter:ConfigModify).</summary>
    ConfigModify,
}

/// <summary>A mask request refused; nothing has changed when it is thrown.</summary>
public sealed class MaskException(MaskError error, string message) : Exception(message)
{
    public MaskError Error { get; } = error;
}

/// <summary>
/// The camera's privacy masks seen through Media2: the same masks the HTTP mask API and the configuration set (one
/// model, two APIs). Masks belong to a video source; a mask drawn on one of its configurations masks every picture
/// of the source (Media2 capability SourceMask).
/// </summary>
public interface IMediaMasks
{
    /// <summary>Masks per video source (MaskOptions MaxMasks).</summary>
    int MaxMasks { get; }

    /// <summary>Vertices per polygon (MaskOptions MaxPoints).</summary>
    int MaxPoints { get; }

    /// <summary>The masks, all or those of <paramref name="token"/> and/or of <paramref name="configurationToken"/>'s source.</summary>
    /// <exception cref="MaskException">NoConfig: an unknown mask or configuration.</exception>
    IReadOnlyList<MediaMask> Masks(string? token, string? configurationToken);

    /// <exception cref="MaskException">NoConfig: no such configuration.</exception>
    void CheckConfiguration(string configurationToken);

    /// <summary>Adds a mask (the camera chooses its token) and returns the token.</summary>
    /// <exception cref="MaskException">NoConfig, MaxMasks or InvalidPolygon; nothing changed.</exception>
    string Create(MediaMask mask);

    /// <summary>Replaces the mask of <paramref name="mask"/>'s token.</summary>
    /// <exception cref="MaskException">NoConfig, MaxMasks or InvalidPolygon; nothing changed.</exception>
    void Set(MediaMask mask);

    /// <exception cref="MaskException">NoConfig: no such mask; nothing changed.</exception>
    void Delete(string token);
}
