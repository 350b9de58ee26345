namespace Camlab.VideoChannel;

/// <summary>
/// A frame that does not follow the video channel protocol. <see cref="Offset"/> is the byte where the
/// problem was found, counted from the start of the buffer (or stream) handed to the reader.
/// </summary>
public sealed class FrameFormatException : FormatException
{
    public FrameFormatException(long offset, FrameError code, string reason)
        : base($"{offset}: {reason}")
    {
        Offset = offset;
        Code = code;
        Reason = reason;
    }

    public FrameFormatException(long offset, FrameError code, string reason, Exception innerException)
        : base($"{offset}: {reason}", innerException)
    {
        Offset = offset;
        Code = code;
        Reason = reason;
    }

    /// <summary>What is wrong, as a code to test and branch on.</summary>
    public FrameError Code { get; }

    /// <summary>Byte offset of the problem from the start of the input.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the offset.</summary>
    public string Reason { get; }

    /// <summary>The same problem seen from an input that starts <paramref name="baseOffset"/> bytes earlier.</summary>
    public FrameFormatException Rebase(long baseOffset) =>
        baseOffset == 0 ? this : new FrameFormatException(Offset + baseOffset, Code, Reason, this);
}
