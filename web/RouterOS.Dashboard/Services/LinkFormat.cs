using System.Globalization;

namespace RouterOS.Dashboard.Services;

/// <summary>Link rates, sizes and speeds in words an administrator reads at a glance (SI units: 1 kB = 1000 bytes).</summary>
public static class LinkFormat
{
    private static readonly string[] RateUnits = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"];
    private static readonly string[] SizeUnits = ["B", "kB", "MB", "GB", "TB", "PB"];

    /// <summary>12 bit/s, 1.5 kbit/s, 940 Mbit/s.</summary>
    public static string Rate(double bitsPerSecond) => Scaled(Math.Max(0, bitsPerSecond), RateUnits);

    /// <summary>512 B, 1.5 kB, 2.3 GB.</summary>
    public static string Size(ulong bytes) => Scaled(bytes, SizeUnits);

    /// <summary>Packets with thousands separated: 1 234 567.</summary>
    public static string Count(ulong count) => count.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>A negotiated speed: 100 Mbit/s, 10 Gbit/s; a dash when unknown.</summary>
    public static string Speed(int? megabitsPerSecond) => megabitsPerSecond is { } mbps ? Scaled(mbps * 1_000_000d, RateUnits) : "—";

    private static string Scaled(double value, string[] units)
    {
        var unit = 0;
        while (value >= 999.5 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        // Three significant digits at most; whole numbers without a decimal point.
        var text = unit == 0 || value >= 100 || value == Math.Floor(value)
            ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
            : value.ToString(value >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
        return $"{text} {units[unit]}";
    }
}
