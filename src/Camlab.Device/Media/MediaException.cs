namespace Camlab.Device.Media;

/// <summary>The faults the Media service names; the SOAP adapter maps each to its env:Code / ter: subcodes.</summary>
public enum MediaError
{
    /// <summary>The profile token names no profile (ter:InvalidArgVal/ter:NoProfile).</summary>
    NoProfile,

    /// <summary>The configuration token names no configuration of that kind (ter:InvalidArgVal/ter:NoConfig).</summary>
    NoConfig,

    /// <summary>The configuration does not fit the profile's other configurations (ter:Action/ter:ConfigurationConflict).</summary>
    ConfigurationConflict,

    /// <summary>A profile with that token exists already (ter:InvalidArgVal/ter:ProfileExists).</summary>
    ProfileExists,

    /// <summary>The camera holds as many profiles as it can (ter:Action/ter:MaxNVTProfiles).</summary>
    MaxNVTProfiles,

    /// <summary>A profile of the camera definition cannot be deleted (ter:Action/ter:DeletionOfFixedProfile).</summary>
    DeletionOfFixedProfile,

    /// <summary>The configuration's parameters are not among the options offered (ter:InvalidArgVal/ter:ConfigModify).</summary>
    ConfigModify,

    /// <summary>The profile lacks the video source or encoder configuration a stream needs (ter:Action/ter:IncompleteConfiguration).</summary>
    IncompleteConfiguration,
}

/// <summary>A request the media model refuses; nothing has changed when it is thrown.</summary>
public sealed class MediaException(MediaError error, string message) : Exception(message)
{
    public MediaError Error { get; } = error;
}
