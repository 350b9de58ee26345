using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>The faults of the Media service (ver10 media.wsdl, each operation's FAULTS list) from the domain's refusals.</summary>
public static class MediaFaults
{
    public static T Guard<T>(Func<T> action)
    {
        try { return action(); }
        catch (MediaException e) { throw Fault(e); }
    }

    public static void Guard(Action action) => Guard(() => { action(); return 0; });

    public static SoapFaultException Fault(MediaException e) => e.Error switch
    {
        MediaError.ConfigurationConflict or MediaError.MaxNVTProfiles or MediaError.DeletionOfFixedProfile
            or MediaError.IncompleteConfiguration => OnvifFaults.Action(e.Error.ToString(), e.Message),
        _ => OnvifFaults.InvalidArgVal(e.Error.ToString(), e.Message),
    };
}
