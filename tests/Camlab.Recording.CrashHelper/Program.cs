using Camlab.Recording;

// Usage: Camlab.Recording.CrashHelper <recording directory> <round>
// Appends frames with signing on and prints "ACK <frame number> <i>" once Append has returned; runs until killed.
// The payload of frame i of a round is CrashPayload(round, i), which the test recomputes.
if (args.Length != 2) { Console.Error.WriteLine("usage: <recording directory> <round>"); return 2; }
int round = int.Parse(args[1]);
using var recorder = Recorder.Open(args[0], new RecorderOptions { Signing = true, SignEveryFrames = 7, SegmentMaxBytes = 200_000 }, TimeProvider.System);
for (var i = 0; ; i++)
{
    var frame = recorder.Append(CrashPayload.For(round, i), isKeyFrame: i % 3 == 0, motionAmount: (uint)(i % 4));
    Console.WriteLine($"ACK {frame.FrameNumber} {i}");
}

/// <summary>Deterministic payloads of varying length, so a torn write shows as wrong bytes or a wrong length.</summary>
public static class CrashPayload
{
    public static byte[] For(int round, int i)
    {
        var bytes = new byte[1000 + i * 37 % 5000];
        for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)(k * 7 + i + round * 31);
        return bytes;
    }
}
