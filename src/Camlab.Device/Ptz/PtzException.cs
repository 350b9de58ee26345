namespace Camlab.Device.Ptz;

/// <summary>The faults the PTZ specification names; the SOAP adapter maps each to its env:Code / ter: subcodes.</summary>
public enum PtzError
{
    NoEntity,
    NoConfig,
    ConfigModify,
    SpaceNotSupported,
    InvalidPosition,
    InvalidTranslation,
    InvalidVelocity,
    InvalidSpeed,
    TimeoutNotSupported,
    NoToken,
    PresetExist,
    InvalidPresetName,
    MovingPTZ,
    TooManyPresets,
    NoHomePosition,
    CannotOverwriteHome,
    AuxiliaryDataNotSupported,

    /// <summary>
    /// MoveAndStartTracking with an ObjectID the device does not know. PTZ 5.3.6 names no fault for it; Camlab
    /// answers env:Sender / ter:InvalidArgVal / ter:NoObject, in the style of NoProfile and NoToken.
    /// </summary>
    NoObject,

    /// <summary>The head cannot report or act now (a stalled motor, a head restarting): env:Receiver / ter:Action / ter:NoStatus.</summary>
    NoStatus,
}

/// <summary>A request the domain refuses; nothing has changed when it is thrown.</summary>
public sealed class PtzException(PtzError error, string message) : Exception(message)
{
    public PtzError Error { get; } = error;
}
