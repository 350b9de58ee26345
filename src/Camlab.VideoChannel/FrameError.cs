namespace Camlab.VideoChannel;

/// <summary>What is wrong with a malformed frame: the code a <see cref="FrameFormatException"/> carries with its offset.</summary>
public enum FrameError
{
    /// <summary>The input ends before a field or the frame it announces.</summary>
    Truncated,
    /// <summary>HeaderSizeBytes or HeaderSizeBytesExt is smaller than the main header.</summary>
    HeaderSizeBelowMain,
    /// <summary>The frame is larger than the reader's maximum.</summary>
    FrameTooLarge,
    /// <summary>A header extension runs past the header (HeaderSizeBytes).</summary>
    ExtensionPastHeader,
    /// <summary>A size field is below its minimum.</summary>
    SizeFieldTooSmall,
    /// <summary>A size field points past the header.</summary>
    SizeFieldPastHeader,
    /// <summary>A native data sub-header runs past NativeDataHeaderSize.</summary>
    SubHeaderPastBlock,
    /// <summary>A native data string (privacy mask, signature) runs past its header.</summary>
    StringPastHeader,
    /// <summary>The device states run past their header.</summary>
    DeviceStatesPastHeader,
    /// <summary>FrameSizeBytes points past the end of the input.</summary>
    PayloadPastBuffer,
    /// <summary>The frame's Video ID is not the stream's.</summary>
    VideoIdMismatch,
    /// <summary>A candidate frame found while resynchronising is not confirmed by the frame after it.</summary>
    Unconfirmed,
    /// <summary>A frame stream ended inside a frame.</summary>
    StreamEndedInsideFrame,
}
