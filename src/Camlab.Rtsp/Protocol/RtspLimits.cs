namespace Camlab.Rtsp.Protocol;

/// <summary>Bounds on what one request may occupy; a request past them is refused before it is buffered further.</summary>
public sealed record RtspLimits
{
    public int MaxLineLength { get; init; } = 4096;
    public int MaxHeaderCount { get; init; } = 64;
    public int MaxHeadBytes { get; init; } = 16 * 1024;
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    public static RtspLimits Default { get; } = new();
}
