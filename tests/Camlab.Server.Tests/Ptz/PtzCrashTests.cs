using System.Diagnostics;
using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Server.State;
using Camlab.Testing;

namespace Camlab.Server.Tests.Ptz;

/// <summary>
/// A child process sets presets in a loop on a <see cref="FileStateStore"/> and is killed (SIGKILL) while writing;
/// after every kill the store must read and hold every preset the child had acknowledged.
/// </summary>
public class PtzCrashTests
{
    [Fact]
    public void Killed_mid_write_keeps_every_acknowledged_preset()
    {
        var data = Directory.CreateTempSubdirectory("camlab-ptz-crash-");
        try
        {
            var expected = new Dictionary<string, string>(); // token → name, as acknowledged
            for (var round = 0; round < 3; round++)
            {
                var inFlight = RunAndKill(data.FullName, round, expected, acknowledgements: 25 + 10 * round);

                // Reopen as the server would after a crash.
                using var device = PtzDevice.CreateDefault(new FakeTimeProvider(), new FileStateStore(data.FullName), new EventBus());
                var stored = device.FindNode("PtzNode_1")!.GetPresets().ToDictionary(p => p.Token, p => p.Name);
                foreach (var (token, name) in expected)
                    Assert.True(stored.TryGetValue(token, out var actual) && actual == name, $"acknowledged preset {token} '{name}' is missing after kill {round}");
                // At most the one write in flight may have landed without its acknowledgement.
                var extra = stored.Where(s => !expected.ContainsKey(s.Key) || expected[s.Key] != s.Value).ToList();
                Assert.True(extra.Count <= 1 && extra.All(e => e.Value == inFlight), $"unexpected presets: {string.Join(", ", extra)} (in flight: {inFlight})");
                expected = stored; // what is on disk is the truth the next round builds on
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string RunAndKill(string directory, int round, Dictionary<string, string> expected, int acknowledgements)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "Camlab.Ptz.CrashHelper.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(round.ToString());
        using var child = Process.Start(start)!;
        var acknowledged = 0;
        try
        {
            while (acknowledged < acknowledgements)
            {
                var line = child.StandardOutput.ReadLine()
                    ?? throw new InvalidOperationException("the helper stopped early: " + child.StandardError.ReadToEnd());
                Acknowledge(line);
            }
        }
        finally
        {
            child.Kill(); // SIGKILL: no finally blocks, no flush, mid-write
            child.WaitForExit();
        }
        // Lines printed before the kill landed were acknowledged too.
        foreach (var line in child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)) Acknowledge(line);
        return $"r{round}-{acknowledged}"; // the name of the preset that was being written when the kill came

        void Acknowledge(string line)
        {
            var parts = line.Split(' ');
            if (parts is ["ACK", var token, var name]) { expected[token] = name; acknowledged++; }
        }
    }
}
