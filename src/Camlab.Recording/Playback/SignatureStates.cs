namespace Camlab.Recording.Playback;

/// <summary>SignatureState values of the native data signature sub-header (the specification leaves them to the server).</summary>
public static class SignatureStates
{
    /// <summary>The frame is in a range not signed (yet): the recorder has not closed it. The string is empty.</summary>
    public const uint Unsigned = 0;

    /// <summary>The frame is in a signed range; the string is "first-last:base64(r‖s)".</summary>
    public const uint Signed = 1;
}
