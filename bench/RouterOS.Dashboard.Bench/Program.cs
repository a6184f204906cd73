using System.Globalization;
using RouterOS.Dashboard.Bench;

// Usage: RouterOS.Dashboard.Bench URL [RUNS] [OUTPUT.tsv] [SETUP-TOKEN]
// Opens URL in Debian's Chromium RUNS times, each in a fresh profile (cold cache), then reloads it
// in the same tab (warm cache); prints one line per load and the medians, and writes them to
// OUTPUT.tsv for scripts/dashboard-load-bench.sh to put in docs/benchmarks.md. With SETUP-TOKEN,
// then sets the router up, signs in and reloads the Interfaces page RUNS times (an administrator's
// daily reload). With ROUTEROS_BENCH_REQUESTS set, also each request that went out (status, address).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: RouterOS.Dashboard.Bench URL [RUNS] [OUTPUT.tsv]");
    return 2;
}
var url = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var cold = new List<LoadResult>();
var warm = new List<LoadResult>();
IReadOnlyList<LoadResult> signedIn = [];
await using (var chromium = await PageLoad.LaunchAsync())
{
    // One load first that is not counted: the API's JIT and the OS's file cache, not the dashboard.
    await chromium.VisitAsync(url);
    for (var run = 0; run < runs; run++)
    {
        var (first, reload) = await chromium.VisitAsync(url);
        cold.Add(first);
        warm.Add(reload);
        Console.WriteLine($"run {run + 1}: first visit {first}; reload {reload}");
    }
    if (args.Length > 3)
    {
        signedIn = await chromium.SignedInReloadsAsync(url, args[3], runs);
        foreach (var reload in signedIn)
            Console.WriteLine($"signed-in reload of /interfaces: {reload}");
    }
}
var firstMedian = LoadResult.Median(cold);
var reloadMedian = LoadResult.Median(warm);
Console.WriteLine($"median: first visit {firstMedian}; reload {reloadMedian}");
string[] medians = [firstMedian.Tsv("first"), reloadMedian.Tsv("reload")];
if (signedIn.Count > 0)
{
    var signedInMedian = LoadResult.Median(signedIn);
    Console.WriteLine($"median: signed-in reload of /interfaces {signedInMedian}");
    medians = [.. medians, signedInMedian.Tsv("signed-in")];
}
if (args.Length > 2)
    await File.WriteAllLinesAsync(args[2], medians);
return 0;
