using Camlab.Device.Faults;

namespace Camlab.Server.Faults;

/// <summary>How a <see cref="NetworkFault.Failure"/> answers the requests it hits.</summary>
public enum FailureAnswer { Http500, Http503, SoapReceiverFault, DropConnection }

/// <summary>
/// Misbehaviour of the camera's network side, applied by the SOAP HTTP endpoint before the request reaches the
/// services (<see cref="SoapNetworkFaults"/>). <see cref="Service"/> is a service path segment (<c>ptz</c>,
/// <c>device_service</c>, …) or null for every service; <see cref="Operation"/> narrows it to one operation.
/// </summary>
public abstract record NetworkFault(string? Service, string? Operation)
{
    /// <summary>Every matching request waits <paramref name="Delay"/> plus a uniform share of <paramref name="Jitter"/> on the camera clock.</summary>
    public sealed record Latency(string? Service, string? Operation, TimeSpan Delay, TimeSpan Jitter) : NetworkFault(Service, Operation);

    /// <summary>A <paramref name="Share"/> (0..1] of the matching requests is answered with <paramref name="Answer"/> instead.</summary>
    public sealed record Failure(string? Service, string? Operation, FailureAnswer Answer, double Share) : NetworkFault(Service, Operation);

    /// <summary>Matching requests get no answer until the client gives up or the fault ends (then they are served).</summary>
    public sealed record Unresponsive(string? Service, string? Operation) : NetworkFault(Service, Operation);

    public bool Matches(string service, string? operation) =>
        (Service is null || string.Equals(Service, service, StringComparison.OrdinalIgnoreCase))
        && (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal));

    /// <summary>The fault an instruction of kind Latency, Failure or Unresponsive describes; null for another kind.</summary>
    /// <param name="service">The instruction's target as a service path segment; null for <c>onvif</c> (every service).</param>
    /// <exception cref="FormatException">A parameter is wrong; the message names it.</exception>
    public static NetworkFault? From(FaultInstruction instruction, string kind, string? service)
    {
        var p = instruction.Parameters;
        NetworkFault? fault = kind switch
        {
            "Latency" => new Latency(service, p.Text("operation", 128),
                p.Duration("delay") ?? throw new FormatException($"'{instruction.Text}': delay: Latency needs delay (e.g. delay=300ms)"),
                p.Duration("jitter") ?? TimeSpan.Zero),
            "Failure" => new Failure(service, p.Text("operation", 128),
                p.Choice("answer", "500", "500", "503", "soap", "drop") switch
                {
                    "500" => FailureAnswer.Http500,
                    "503" => FailureAnswer.Http503,
                    "soap" => FailureAnswer.SoapReceiverFault,
                    _ => FailureAnswer.DropConnection,
                },
                p.Number("share", 0.001, 1) ?? 1),
            "Unresponsive" => new Unresponsive(service, p.Text("operation", 128)),
            _ => null,
        };
        if (fault is not null) p.RefuseUnread(kind);
        return fault;
    }
}
