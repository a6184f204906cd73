using System.Diagnostics;

namespace RouterOS.Api.Bench;

/// <summary>One endpoint under a fixed number of concurrent clients for a fixed time.</summary>
internal sealed record LoadResult(string Name, int Concurrency, double Seconds, int Requests, int Failures, double P50Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Requests / Seconds;
}

internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string name, Func<HttpClient> clientFactory, Func<HttpClient, Task<HttpResponseMessage>> call, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            using var client = clientFactory();
            var mine = latencies[worker] = [];
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await call(client);
                await response.Content.CopyToAsync(Stream.Null);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref failures);
            }
        });
        await Task.WhenAll(workers);
        var seconds = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, seconds, all.Length, failures, Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
