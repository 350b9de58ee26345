namespace Camlab.VideoChannel;

/// <summary>NativeDataExtensionsFlags: which native data sub-headers follow, in ascending bit order.</summary>
[Flags]
public enum NativeDataFlags : uint
{
    None = 0,

    /// <summary>0x01 PreviousSyncTimeStamp and NextSyncTimeStamp (playback sync points).</summary>
    PlaybackSync = 0x01,

    /// <summary>0x02 SequenceId and HasMotion.</summary>
    Sequence = 0x02,

    /// <summary>0x04 PrivacyMaskState, PrivacyMaskLength and the privacy mask string.</summary>
    PrivacyMask = 0x04,

    /// <summary>0x08 SignatureState, SignatureLength and the signature string.</summary>
    Signature = 0x08,

    AllKnown = 0x0F,
}
