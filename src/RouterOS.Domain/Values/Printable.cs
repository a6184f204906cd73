using System.Text;

namespace RouterOS.Domain.Values;

/// <summary>Text helpers for echoing bad input back in an error message without it doing harm.</summary>
internal static class Printable
{
    private const int MaxEchoedLength = 64;

    /// <summary>True when the string holds no unpaired surrogate, so it has a UTF-8 form.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
    }

    /// <summary>Control characters and lone surrogates as \uXXXX, and long input cut short.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > MaxEchoedLength ? text[..MaxEchoedLength] : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }
        if (text.Length > MaxEchoedLength)
            builder.Append('…');
        return builder.ToString();
    }
}
