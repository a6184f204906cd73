using System.Globalization;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// Times as people read them: the browser's own time zone (the API sends UTC), and how long ago
/// ("3 min ago") so nobody has to subtract. The exact local time stays in a tooltip.
/// </summary>
public static class RelativeTime
{
    /// <summary>The local date and time, e.g. "7 Dec 2026 09:14:03".</summary>
    public static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>How long before <paramref name="now"/>: "just now", "40 s ago", "3 min ago", "5 h ago", "2 days ago" (or "in 3 min").</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        var future = span < TimeSpan.Zero;
        if (future)
            span = span.Negate();
        if (span < TimeSpan.FromSeconds(5))
            return "just now";
        var amount = span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h"
            : (int)span.TotalDays == 1 ? "1 day" : $"{(int)span.TotalDays} days";
        return future ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>Both, for a table cell: "3 min ago (7 Dec 2026 09:14:03)".</summary>
    public static string Both(DateTimeOffset at, DateTimeOffset now) => $"{Ago(at, now)} ({Local(at)})";
}
