namespace Camlab.Onvif.Soap;

/// <summary>SOAP 1.2 fault codes (SOAP 1.2 part 1, 5.4.6).</summary>
public enum FaultCode { VersionMismatch, MustUnderstand, DataEncodingUnknown, Sender, Receiver }

/// <summary>
/// Thrown by an operation handler (or the transport) to answer with a SOAP 1.2 fault. Subcodes are qualified
/// names in the order they nest, e.g. <c>ter:InvalidArgVal</c> then <c>ter:NoProfile</c>. The transport
/// answers HTTP 400 for Sender faults and 500 for Receiver faults.
/// </summary>
public sealed class SoapFaultException : Exception
{
    public SoapFaultException(FaultCode code, string reason, params string[] subcodes) : base(reason)
    {
        Code = code;
        Subcodes = subcodes;
    }

    public FaultCode Code { get; }

    public IReadOnlyList<string> Subcodes { get; }

    public string Reason => Message;

    /// <summary>Writes the content of <c>env:Detail</c> (e.g. tev:PullMessagesFaultResponse); null for none.</summary>
    public Action<System.Xml.XmlWriter>? WriteDetail { get; init; }

    public override string ToString() => $"{Code} {string.Join("/", Subcodes)}: {Reason}";
}

/// <summary>The ONVIF generic faults (core spec 5.11.2) and helpers for the service-specific ones.</summary>
public static class OnvifFaults
{
    /// <summary><c>env:Sender / ter:InvalidArgVal / ter:{subcode}</c> — the usual shape of a service fault.</summary>
    public static SoapFaultException InvalidArgVal(string subcode, string reason) =>
        new(FaultCode.Sender, reason, "ter:InvalidArgVal", "ter:" + subcode);

    /// <summary><c>env:Receiver / ter:Action / ter:{subcode}</c>.</summary>
    public static SoapFaultException Action(string subcode, string reason) =>
        new(FaultCode.Receiver, reason, "ter:Action", "ter:" + subcode);

    /// <summary><c>env:Sender / ter:OperationProhibited / ter:{subcode}</c>.</summary>
    public static SoapFaultException OperationProhibited(string subcode, string reason) =>
        new(FaultCode.Sender, reason, "ter:OperationProhibited", "ter:" + subcode);

    /// <summary><c>env:Receiver / ter:ActionNotSupported / ter:{subcode}</c>.</summary>
    public static SoapFaultException ActionNotSupported(string subcode, string reason) =>
        new(FaultCode.Receiver, reason, "ter:ActionNotSupported", "ter:" + subcode);

    /// <summary>An element the schema requires is missing or unreadable.</summary>
    public static SoapFaultException InvalidArgs(string reason) =>
        new(FaultCode.Sender, reason, "ter:InvalidArgs");

    public static SoapFaultException NotAuthorized(string reason = "Sender not authorized") =>
        new(FaultCode.Sender, reason, "ter:NotAuthorized");

    public static SoapFaultException UnknownAction(string operation) =>
        new(FaultCode.Receiver, $"Operation '{operation}' is not supported", "ter:ActionNotSupported");
}
