namespace Camlab.Cli.Frames;

/// <summary>A line of a frame spec that cannot be written; <see cref="Path"/> is a JSON path into that line.</summary>
internal sealed class FrameSpecException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
