namespace Camlab.VideoChannel;

/// <summary>
/// Stream info DataType: four ASCII letters packed first-letter-most-significant into a UInt32
/// ("JPEG" is 'J'&lt;&lt;24 | 'P'&lt;&lt;16 | 'E'&lt;&lt;8 | 'G', so 47 45 50 4A on the little-endian wire).
/// Zero means not supported.
/// </summary>
public static class StreamDataType
{
    public const uint None = 0;
    public const uint Jpeg = ('J' << 24) | ('P' << 16) | ('E' << 8) | 'G';
    public const uint H264 = ('H' << 24) | ('2' << 16) | ('6' << 8) | '4';
    public const uint H265 = ('H' << 24) | ('2' << 16) | ('6' << 8) | '5';

    /// <summary>Packs exactly four characters in the range U+0000..U+00FF.</summary>
    public static uint FromLetters(ReadOnlySpan<char> letters)
    {
        if (letters.Length != 4)
            throw new ArgumentException($"a data type is exactly four letters, not {letters.Length}", nameof(letters));
        uint value = 0;
        foreach (char c in letters)
        {
            if (c > 0xFF)
                throw new ArgumentException($"data type letter U+{(int)c:X4} does not fit one byte", nameof(letters));
            value = (value << 8) | c;
        }
        return value;
    }

    /// <summary>The four letters of a data type, or null for zero.</summary>
    public static string? ToLetters(uint dataType) => dataType == None
        ? null
        : string.Create(4, dataType, static (chars, v) =>
        {
            chars[0] = (char)(v >> 24);
            chars[1] = (char)((v >> 16) & 0xFF);
            chars[2] = (char)((v >> 8) & 0xFF);
            chars[3] = (char)(v & 0xFF);
        });
}
