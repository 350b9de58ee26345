using System.Text;
using System.Xml;

namespace Camlab.Onvif.Soap;

/// <summary>
/// Text taken from a request and written back (a fault reason that quotes a value, a name a client chose): every
/// character XML 1.0 cannot carry (C0 controls but tab/CR/LF, lone surrogates, U+FFFE/U+FFFF) becomes U+FFFD, so
/// writing it can never throw, and an echo is cut to a bounded length.
/// </summary>
public static class EchoedText
{
    /// <summary>How many characters of a value a fault reason quotes at most.</summary>
    public const int MaxEcho = 128;

    /// <summary>Longest fault reason written, whatever it quotes.</summary>
    public const int MaxReason = 1024;

    /// <summary>The text with characters XML cannot carry replaced by U+FFFD (the same instance when there are none).</summary>
    public static string XmlSafe(string text)
    {
        var bad = FirstInvalid(text);
        if (bad < 0) return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, bad);
        for (var i = bad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            builder.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return builder.ToString();
    }

    /// <summary>A value quoted in a fault: XML-safe and at most <paramref name="max"/> characters, saying how much was cut.</summary>
    public static string Quote(string? text, int max = MaxEcho)
    {
        if (text is null) return "";
        var safe = text.Length > max ? text[..max] + $"…({text.Length - max} more characters)" : text;
        return XmlSafe(safe);
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            return i;
        }
        return -1;
    }
}
