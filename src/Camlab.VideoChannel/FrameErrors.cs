using System.Diagnostics.CodeAnalysis;

namespace Camlab.VideoChannel;

/// <summary>
/// Every way a frame can be malformed, one named helper each, so the parsing code stays a straight
/// line of length checks and the messages stay consistent (the Kestrel HttpParser pattern).
/// </summary>
internal static class FrameErrors
{
    [DoesNotReturn]
    public static void Truncated(long offset, long needed, long available) =>
        throw new FrameFormatException(offset, FrameError.Truncated, $"truncated frame: needs {needed} bytes, only {available} available");

    [DoesNotReturn]
    public static void HeaderSizeBelowMain(long offset, string field, uint value, int minimum) =>
        throw new FrameFormatException(offset, FrameError.HeaderSizeBelowMain, $"{field} {value} is smaller than the {minimum}-byte main header");

    [DoesNotReturn]
    public static void FrameTooLarge(long offset, ulong frameLength, int maximum) =>
        throw new FrameFormatException(offset, FrameError.FrameTooLarge, $"frame of {frameLength} bytes exceeds the maximum of {maximum} bytes");

    [DoesNotReturn]
    public static void ExtensionPastHeader(long offset, string extension, long needed, long remaining) =>
        throw new FrameFormatException(offset, FrameError.ExtensionPastHeader,
            $"{extension} needs {needed} bytes but only {remaining} remain before the payload (HeaderSizeBytes)");

    [DoesNotReturn]
    public static void SizeFieldTooSmall(long offset, string field, uint value, int minimum) =>
        throw new FrameFormatException(offset, FrameError.SizeFieldTooSmall, $"{field} {value} is smaller than its minimum of {minimum}");

    [DoesNotReturn]
    public static void SizeFieldPastHeader(long offset, string field, uint value, long remaining) =>
        throw new FrameFormatException(offset, FrameError.SizeFieldPastHeader,
            $"{field} {value} points past the header ({remaining} bytes remain before the payload)");

    [DoesNotReturn]
    public static void SubHeaderPastBlock(long offset, string subHeader, int needed, long remaining) =>
        throw new FrameFormatException(offset, FrameError.SubHeaderPastBlock,
            $"native data {subHeader} needs {needed} bytes but only {remaining} remain in NativeDataHeaderSize");

    [DoesNotReturn]
    public static void StringPastHeader(long offset, string field, uint length, long remaining) =>
        throw new FrameFormatException(offset, FrameError.StringPastHeader,
            $"{field} {length} runs past its header ({remaining} bytes remain in the native data block)");

    [DoesNotReturn]
    public static void DeviceStatesPastHeader(long offset, uint count, ulong needed, uint headerSize) =>
        throw new FrameFormatException(offset, FrameError.DeviceStatesPastHeader,
            $"DataCount {count} device states need {needed} bytes but HeaderSize is {headerSize}");

    [DoesNotReturn]
    public static void PayloadPastBuffer(long offset, uint frameSize, long available) =>
        throw new FrameFormatException(offset, FrameError.PayloadPastBuffer,
            $"FrameSizeBytes {frameSize} points past the end of the input ({available} payload bytes available)");

    [DoesNotReturn]
    public static void VideoIdMismatch(long offset, Guid found, Guid expected) =>
        throw new FrameFormatException(offset, FrameError.VideoIdMismatch, $"Video ID {found} is not the stream's Video ID {expected}");

    [DoesNotReturn]
    public static void Unconfirmed(long offset) =>
        throw new FrameFormatException(offset, FrameError.Unconfirmed,
            "candidate frame is not followed by a frame with the same Video ID (resynchronising without a known Video ID)");
}
