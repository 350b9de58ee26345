namespace Camlab.Onvif.Security;

/// <summary>
/// Decodes a one-time value (a WS-Security nonce, an HTTP Digest nonce) only in its canonical Base64 spelling
/// (RFC 4648 4: the standard alphabet, '=' padding, no whitespace inside, zero padding bits). .NET's decoder
/// accepts many spellings of the same bytes (it skips whitespace and ignores padding bits); a replay cache keyed
/// by the text would then see a re-spelled replay as new. Refusing every other spelling means one byte string has
/// exactly one accepted text, and caches key on the decoded bytes besides.
/// </summary>
public static class CanonicalBase64
{
    /// <summary>The bytes of <paramref name="text"/>, or null when it is not canonical Base64 or decodes to more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? Decode(string text, int maxBytes)
    {
        // Checked before decoding: the text's length bounds the work and the allocation.
        if (text.Length == 0 || text.Length % 4 != 0 || text.Length / 4 * 3 > maxBytes + 2) return null;
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written > maxBytes) return null;
        var bytes = buffer.AsSpan(0, written).ToArray();
        // Round trip: rejects non-zero padding bits and anything the decoder skipped.
        return Convert.ToBase64String(bytes) == text ? bytes : null;
    }
}
