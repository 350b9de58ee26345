using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

/// <summary>The faults of the Imaging service (19.06, every operation's FAULTS list) from the domain's exceptions.</summary>
internal static class ImagingFaults
{
    public static T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (Exception ex) when (Map(ex) is { } fault) { throw fault; }
    }

    public static void Guard(Action action) => Guard(() => { action(); return 0; });

    public static SoapFaultException? Map(Exception ex) => ex is not ImagingException e ? null : e.Error switch
    {
        // env:Sender - ter:InvalidArgVal - ter:NoSource
        ImagingError.NoSource => OnvifFaults.InvalidArgVal("NoSource", e.Message),
        // env:Receiver - ter:ActionNotSupported - ter:NoImagingForSource
        ImagingError.NoImagingForSource => OnvifFaults.ActionNotSupported("NoImagingForSource", e.Message),
        // env:Sender - ter:InvalidArgVal - ter:SettingsInvalid
        ImagingError.SettingsInvalid => OnvifFaults.InvalidArgVal("SettingsInvalid", e.Message),
        // A fixed-focus lens: GetMoveOptions is empty, so Move and Stop are an optional action not supported
        // (core spec generic fault env:Receiver - ter:ActionNotSupported).
        ImagingError.FocusNotSupported => new SoapFaultException(FaultCode.Receiver, e.Message, "ter:ActionNotSupported"),
        // The motor is in fault (status UNKNOWN): the action failed on the device (core spec env:Receiver - ter:Action).
        ImagingError.FocusMotorFault => new SoapFaultException(FaultCode.Receiver, e.Message, "ter:Action"),
        _ => null,
    };
}
