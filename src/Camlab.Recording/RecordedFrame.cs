namespace Camlab.Recording;

/// <summary>What <see cref="Recorder.Append"/> stored: the frame's number in the directory and its index entry.</summary>
public readonly record struct RecordedFrame(long FrameNumber, IndexEntry Entry);
