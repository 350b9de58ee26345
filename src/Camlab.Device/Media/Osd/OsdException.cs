namespace Camlab.Device.Media.Osd;

/// <summary>The refusals of the OSD operations (Media 5.14, Media2 5.8); the SOAP adapter maps each to its subcodes.</summary>
public enum OsdError
{
    /// <summary>No such OSD or video source configuration (env:Sender ter:InvalidArgVal ter:NoConfig).</summary>
    NoConfig,

    /// <summary>The video source configuration holds as many OSDs as it can (env:Receiver ter:Action ter:MaxOSDs).</summary>
    MaxOSDs,

    /// <summary>A value the options do not offer (env:Sender ter:InvalidArgVal ter:ConfigModify).</summary>
    ConfigModify,
}

/// <summary>An OSD request the model refuses; nothing has changed when it is thrown.</summary>
public sealed class OsdException(OsdError error, string message) : Exception(message)
{
    public OsdError Error { get; } = error;
}
