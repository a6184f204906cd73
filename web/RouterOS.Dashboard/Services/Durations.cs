using System.Globalization;
using System.Text.RegularExpressions;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// A duration the configuration keeps in seconds, shown and typed in the largest whole unit
/// ("12 h", "30 min", "1 d", "90 s"), so a table and a form say the same thing.
/// </summary>
public static partial class Durations
{
    private static readonly (string Unit, int Seconds)[] Units = [("d", 86400), ("h", 3600), ("min", 60), ("s", 1)];

    /// <summary>Seconds in the largest unit that divides them: 43200 → "12 h", 1800 → "30 min", 90 → "90 s".</summary>
    public static string Text(int seconds)
    {
        foreach (var (unit, size) in Units)
        {
            if (seconds != 0 && seconds % size == 0)
                return $"{seconds / size} {unit}";
        }
        return "0 s";
    }

    /// <summary>"12 h", "12h", "30 min", "1 d", "90 s", or a bare number of seconds.</summary>
    public static bool TryParse(string? text, out int seconds)
    {
        seconds = 0;
        var match = Pattern().Match(text ?? "");
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return false;
        long size = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "" or "s" or "sec" or "second" or "seconds" => 1,
            "m" or "min" or "mins" or "minute" or "minutes" => 60,
            "h" or "hour" or "hours" => 3600,
            "d" or "day" or "days" => 86400,
            _ => 0,
        };
        var total = number * size;
        if (size == 0 || total > int.MaxValue)
            return false;
        seconds = (int)total;
        return true;
    }

    [GeneratedRegex(@"^\s*(?<n>\d{1,9})\s*(?<unit>[a-zA-Z]*)\s*$")]
    private static partial Regex Pattern();
}
