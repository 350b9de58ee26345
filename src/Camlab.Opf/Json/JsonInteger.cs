namespace Camlab.Opf.Json;

/// <summary>What a JSON number token is, as a JSON Schema <c>integer</c>.</summary>
internal enum IntegerKind { Integer, Fraction, Negative, TooLarge }

/// <summary>
/// Reads a JSON number token exactly, without going through a double (which cannot hold ids past 2^53).
/// JSON Schema's <c>integer</c> is "a number with a zero fractional part", so <c>47292894.0</c> and
/// <c>4.7292894e7</c> are the integer 47292894 while <c>1.5</c> is not an integer at all.
/// </summary>
internal static class JsonInteger
{
    /// <summary>
    /// Classifies a number token (already checked by <see cref="System.Text.Json.Utf8JsonReader"/> against the
    /// JSON grammar). <paramref name="magnitude"/> is the absolute value when it fits an unsigned 64-bit integer.
    /// </summary>
    public static IntegerKind Classify(ReadOnlySpan<byte> token, out ulong magnitude)
    {
        magnitude = 0;
        var i = 0;
        var negative = token.Length > 0 && token[0] == '-';
        if (negative) i++;

        var intStart = i;
        while (i < token.Length && IsDigit(token[i])) i++;
        var intDigits = token[intStart..i];
        var fracDigits = ReadOnlySpan<byte>.Empty;
        if (i < token.Length && token[i] == '.')
        {
            var fracStart = ++i;
            while (i < token.Length && IsDigit(token[i])) i++;
            fracDigits = token[fracStart..i];
        }
        long exponent = 0;
        if (i < token.Length && (token[i] == 'e' || token[i] == 'E'))
        {
            i++;
            var expNegative = false;
            if (i < token.Length && (token[i] == '+' || token[i] == '-')) expNegative = token[i++] == '-';
            for (; i < token.Length && IsDigit(token[i]); i++)
                if (exponent < 1_000_000) exponent = exponent * 10 + (token[i] - '0'); // saturates: only the sign matters past that
            if (expNegative) exponent = -exponent;
        }

        // The value is digits × 10^scale, with digits = intDigits ++ fracDigits.
        var all = intDigits.Length + fracDigits.Length;
        Span<byte> digits = all <= 256 ? stackalloc byte[all] : new byte[all];
        intDigits.CopyTo(digits);
        fracDigits.CopyTo(digits[intDigits.Length..]);
        long scale = exponent - fracDigits.Length;

        var first = 0;
        while (first < digits.Length && digits[first] == '0') first++;
        var last = digits.Length;
        while (last > first && digits[last - 1] == '0') { last--; scale++; }
        var significant = digits[first..last];
        if (significant.IsEmpty) return IntegerKind.Integer; // zero, including -0 and 0.0e5
        if (scale < 0) return IntegerKind.Fraction;
        if (negative) return IntegerKind.Negative;
        if (significant.Length + scale > 20) return IntegerKind.TooLarge;

        UInt128 value = 0;
        foreach (var d in significant) value = value * 10 + (uint)(d - '0');
        for (var k = 0; k < scale; k++) value *= 10;
        if (value > ulong.MaxValue) return IntegerKind.TooLarge;
        magnitude = (ulong)value;
        return IntegerKind.Integer;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
