using System.Globalization;

namespace RouterOS.Domain.Values;

/// <summary>The "/24" part of a prefix, shared by <see cref="Cidr"/> and <see cref="InterfaceAddress"/>.</summary>
internal static class PrefixLengthParser
{
    public static bool TryParse(string text, int bitLength, out int prefixLength, out string problem)
    {
        if (text.Length is 0 or > 3 || !text.All(char.IsAsciiDigit)
            || (prefixLength = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)) > bitLength)
        {
            prefixLength = 0;
            problem = $"prefix length '/{Printable.Escape(text)}' is out of range: use 0 to {bitLength}";
            return false;
        }
        problem = "";
        return true;
    }
}
