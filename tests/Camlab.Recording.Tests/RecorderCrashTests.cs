using System.Diagnostics;
using Camlab.Recording;
using Camlab.Testing;

namespace Camlab.Recording.Tests;

/// <summary>
/// A child process (tests/Camlab.Recording.CrashHelper) records signed frames in a loop and is killed (SIGKILL) while
/// writing. After every kill, reopening repairs the tail: every acknowledged frame is there byte for byte, at most
/// the one frame in flight is extra (and then whole), and the directory verifies.
/// </summary>
public class RecorderCrashTests
{
    [Fact]
    public void Killed_mid_write_loses_at_most_the_frame_being_written()
    {
        var data = Directory.CreateTempSubdirectory("camlab-rec-crash-");
        try
        {
            var expected = new Dictionary<long, byte[]>(); // frame number → payload, as acknowledged or as found on disk
            for (var round = 0; round < 3; round++)
            {
                var (acknowledged, inFlight) = RunAndKill(data.FullName, round, acknowledgements: 40 + 25 * round);
                foreach (var (frame, i) in acknowledged) expected[frame] = CrashPayload.For(round, i);

                using var recorder = Recorder.Open(data.FullName, new RecorderOptions { Signing = true }, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1)));
                var index = recorder.Index;
                long lastAcknowledged = expected.Keys.Max();
                Assert.InRange(index.LastFrame, lastAcknowledged, lastAcknowledged + 1);
                foreach (var (frame, payload) in expected)
                    Assert.True(payload.AsSpan().SequenceEqual(index.ReadPayload(frame)), $"acknowledged frame {frame} differs after kill {round}");
                if (index.LastFrame == lastAcknowledged + 1)
                {
                    // The frame in flight made it whole (its index entry was written before the kill).
                    Assert.Equal(CrashPayload.For(round, inFlight), index.ReadPayload(index.LastFrame));
                    expected[index.LastFrame] = CrashPayload.For(round, inFlight);
                }
                recorder.Dispose();

                var report = RecordingVerifier.Verify(data.FullName);
                Assert.True(report.IsValid, $"after kill {round}: " + string.Join("\n", report.Findings));
                Assert.Equal(expected.Count, report.FramesChecked);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static (List<(long Frame, int I)> Acknowledged, int InFlight) RunAndKill(string directory, int round, int acknowledgements)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "Camlab.Recording.CrashHelper.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(round.ToString());
        using var child = Process.Start(start)!;
        var acknowledged = new List<(long, int)>();
        try
        {
            while (acknowledged.Count < acknowledgements)
            {
                var line = child.StandardOutput.ReadLine()
                    ?? throw new InvalidOperationException("the helper stopped early: " + child.StandardError.ReadToEnd());
                Acknowledge(line);
            }
        }
        finally
        {
            child.Kill(); // SIGKILL: no finally blocks, no Dispose, mid-write
            child.WaitForExit();
        }
        foreach (var line in child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)) Acknowledge(line);
        return (acknowledged, acknowledged.Count); // frame i = Count was being written when the kill came

        void Acknowledge(string line)
        {
            var parts = line.Split(' ');
            if (parts is ["ACK", var frame, var i]) acknowledged.Add((long.Parse(frame), int.Parse(i)));
        }
    }
}
