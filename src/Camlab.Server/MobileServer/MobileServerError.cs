namespace Camlab.Server.MobileServer;

/// <summary>
/// The command channel's error codes, as the official clients number them (the web SDK's
/// <c>XPMobileSDK.library.ConnectionError</c>). Only the ones Camlab answers are listed.
/// </summary>
public enum MobileServerError
{
    NotImplemented = 1,
    NotFullyImplemented = 2,
    BadCommandType = 10,
    BadCommandKind = 11,

    /// <summary>Unknown or expired ConnectionId: the clients treat it as the end of the connection.</summary>
    WrongId = 12,
    MissingInputParameter = 13,
    WrongInputParameter = 14,
    InvalidCredentials = 15,
    IncorrectPublicKey = 16,
    SecurityError = 19,
    UnknownCameraId = 20,
    UnknownItemId = 21,
    NoPresetsAvailable = 22,
    NotAllowedInThisState = 23,
    InsufficientUserRights = 25,
    TooManySessions = 26,
    PlaybackStreamsLimitReached = 29,
    NoRecordingsFound = 32,
    InputParameterTooLong = 43,
    AccountLockedOut = 61,
}

/// <summary>A command that cannot be carried out: answered with Result Error, the code and the reason; nothing changed.</summary>
public sealed class MobileServerException(MobileServerError code, string message) : Exception(message)
{
    public MobileServerError Code { get; } = code;
}
