using BenchmarkDotNet.Running;

namespace Camlab.Benchmarks;

/// <summary>
/// Every benchmark of the hot paths (frame codec, SOAP dispatch, rendering, JPEG). Run them all with
/// <c>dotnet run -c Release --project bench/Camlab.Benchmarks -- --filter '*'</c>, or one class with
/// <c>--filter '*FrameHeader*'</c>. Each issue's target is a ratio against a baseline in the same run.
/// <c>-- load [options]</c> runs the streaming load test instead (<see cref="Streaming.StreamingLoad"/>),
/// <c>-- rtsp-load [options]</c> the RTSP one (<see cref="Rtsp.RtspLoad"/>); <c>-- load --help</c> lists the options
/// (<see cref="LoadCommands"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["load" or "rtsp-load", ..]) return LoadCommands.Create().Parse(args).Invoke();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
