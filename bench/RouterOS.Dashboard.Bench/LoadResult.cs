using System.Globalization;

namespace RouterOS.Dashboard.Bench;

/// <summary>One page load: when something was first painted, when the app's first page element
/// appeared, when it was usable (the app running), and what crossed the network (compressed bytes,
/// requests; 304s counted as requests). For the console, where the time went: the last framework
/// file in (downloaded or from the cache).</summary>
internal sealed record LoadResult(double FirstPaintMs, double ContentMs, long Bytes, int Requests, int NotModified)
{
    public double FrameworkMs { get; init; } = -1;
    public double UsableMs { get; init; } = -1;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"paint {FirstPaintMs:F0} ms, framework files {FrameworkMs:F0} ms, content {ContentMs:F0} ms, usable {UsableMs:F0} ms, {Bytes / 1024.0:F1} KiB in {Requests} requests ({NotModified} not modified)");

    public string Tsv(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}\t{FirstPaintMs:F0}\t{ContentMs:F0}\t{UsableMs:F0}\t{Bytes}\t{Requests}\t{NotModified}");

    /// <summary>Each figure's median on its own (the loads are noisy on a shared machine).</summary>
    public static LoadResult Median(IReadOnlyList<LoadResult> loads) => new(
        Middle(loads.Select(l => l.FirstPaintMs)),
        Middle(loads.Select(l => l.ContentMs)),
        (long)Middle(loads.Select(l => (double)l.Bytes)),
        (int)Middle(loads.Select(l => (double)l.Requests)),
        (int)Middle(loads.Select(l => (double)l.NotModified)))
    {
        FrameworkMs = Middle(loads.Select(l => l.FrameworkMs)),
        UsableMs = Middle(loads.Select(l => l.UsableMs)),
    };

    private static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
