namespace Camlab.Rendering.H264;

/// <summary>
/// Reading an H.264 Annex B byte stream (ITU-T H.264 Annex B): its NAL units, and the first bytes of a sequence
/// parameter set (7.3.2.1.1: profile_idc, the constraint flags byte, level_idc) that SDP's profile-level-id
/// (RFC 6184 8.1), MP4's avcC and the video channel's stream info carry. Bounds-checked: a truncated stream yields
/// fewer units, never a read past the end.
/// </summary>
public static class H264Bitstream
{
    public const int NalSps = 7, NalPps = 8, NalIdr = 5, NalSlice = 1;

    /// <summary>The NAL units of <paramref name="stream"/> without their start codes, as (offset, length) pairs.</summary>
    public static List<(int Offset, int Length)> NalUnits(ReadOnlySpan<byte> stream)
    {
        var units = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i + 2 < stream.Length; i++)
        {
            if (stream[i] != 0 || stream[i + 1] != 0 || stream[i + 2] != 1) continue;
            if (start >= 0) units.Add((start, TrimZeros(stream, start, i) - start));
            start = i + 3;
            i += 2;
        }
        if (start >= 0 && start < stream.Length) units.Add((start, stream.Length - start));
        return units;
    }

    // The zero before 00 00 01 belongs to a four-byte start code (or is trailing_zero_8bits), not to the unit before it.
    private static int TrimZeros(ReadOnlySpan<byte> stream, int start, int end)
    {
        while (end > start && stream[end - 1] == 0) end--;
        return end;
    }

    public static int NalType(ReadOnlySpan<byte> unit) => unit.Length == 0 ? -1 : unit[0] & 0x1F;

    /// <summary>The first SPS and PPS of an access unit (e.g. an IDR), or false.</summary>
    public static bool TryGetParameterSets(ReadOnlySpan<byte> accessUnit, out byte[] sps, out byte[] pps)
    {
        sps = pps = [];
        foreach (var (offset, length) in NalUnits(accessUnit))
        {
            var unit = accessUnit.Slice(offset, length);
            if (NalType(unit) == NalSps && sps.Length == 0) sps = unit.ToArray();
            else if (NalType(unit) == NalPps && pps.Length == 0) pps = unit.ToArray();
        }
        return sps.Length >= 4 && pps.Length >= 2;
    }

    /// <summary>profile_idc, the byte of constraint_set0..5 flags (profile_compatibility in avcC) and level_idc of an SPS NAL unit.</summary>
    public static (byte ProfileIdc, byte Compatibility, byte LevelIdc) SpsProfile(ReadOnlySpan<byte> sps)
    {
        if (sps.Length < 4 || NalType(sps) != NalSps) throw new ArgumentException("not a sequence parameter set NAL unit", nameof(sps));
        return (sps[1], sps[2], sps[3]);
    }

    /// <summary>RFC 6184 8.1 profile-level-id: the three SPS bytes in hex.</summary>
    public static string ProfileLevelId(ReadOnlySpan<byte> sps)
    {
        var (profile, compatibility, level) = SpsProfile(sps);
        return $"{profile:X2}{compatibility:X2}{level:X2}";
    }

    /// <summary>The a=fmtp parameters of RFC 6184 8.2.1 for a stream whose IDRs carry <paramref name="sps"/> and <paramref name="pps"/>.</summary>
    public static string FormatParameters(ReadOnlySpan<byte> sps, ReadOnlySpan<byte> pps) =>
        $"packetization-mode=1;profile-level-id={ProfileLevelId(sps)};sprop-parameter-sets={Convert.ToBase64String(sps)},{Convert.ToBase64String(pps)}";
}
