using BenchmarkDotNet.Running;

namespace Camlab.Benchmarks;

/// <summary>
/// Every benchmark of the hot paths (frame codec, SOAP dispatch, rendering, JPEG). Run them all with
/// <c>dotnet run -c Release --project bench/Camlab.Benchmarks -- --filter '*'</c>, or one class with
/// <c>--filter '*FrameHeader*'</c>. Each issue's target is a ratio against a baseline in the same run.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
