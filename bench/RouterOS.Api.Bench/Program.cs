using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using RouterOS.Api.Bench;
using RouterOS.Bench;
using RouterOS.Domain.Json;

// The config API under load on loopback, in one process with its clients (2 cores shared); then,
// as root, the latency of live flows from the kernel to a SignalR client.
// Usage: RouterOS.Api.Bench [output.md]
var output = args.Length > 0 ? args[0] : "docs/benchmarks.md";
var work = Directory.CreateTempSubdirectory("routeros-bench-").FullName;
try
{
    var socket = Path.Combine(work, "engine.sock");
    var engineBuilder = WebApplication.CreateSlimBuilder();
    engineBuilder.Logging.ClearProviders();
    engineBuilder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket, o => o.Protocols = HttpProtocols.Http2));
    engineBuilder.Services.AddGrpc();
    await using var engine = engineBuilder.Build();
    engine.MapGrpcService<EngineDouble>();
    await engine.StartAsync();

    const string url = "http://127.0.0.1:18080";
    var (api, token) = await ApiHost.StartAsync(url, socket, Path.Combine(work, "data"));
    await using var apiScope = api;
    HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    var config = BenchConfig.Build();
    using (var client = Client())
    {
        using var put = await client.PutAsync("/api/v1/config", new StringContent(RouterConfigJson.Write(config), Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();
        using var commit = await client.PostAsync("/api/v1/commit", new StringContent("{}", Encoding.UTF8, "application/json"));
        commit.EnsureSuccessStatusCode();
    }

    var duration = TimeSpan.FromSeconds(10);
    const int concurrency = 4;
    // One client shows a request's own latency; four show it under load on 2 shared cores.
    // Warm-up: JIT, connection pools, SQLite caches.
    await LoadRun.RunAsync("warm-up", Client, c => c.GetAsync("/api/v1/config"), concurrency, TimeSpan.FromSeconds(3));
    await LoadRun.RunAsync("warm-up", Client, c => c.PostAsync("/api/v1/candidate/plan", null), concurrency, TimeSpan.FromSeconds(3));
    var results = new List<LoadResult>();
    foreach (var clients in new[] { 1, concurrency })
    {
        results.Add(await LoadRun.RunAsync("GET /api/v1/config", Client, c => c.GetAsync("/api/v1/config"), clients, duration));
        results.Add(await LoadRun.RunAsync("POST /api/v1/candidate/plan", Client, c => c.PostAsync("/api/v1/candidate/plan", null), clients, duration));
        results.Add(await LoadRun.RunAsync("GET /api/v1/status (floor: no configuration work)", Client, c => c.GetAsync("/api/v1/status"), clients, duration));
    }
    var report = Report([.. results], BenchConfig.ObjectCount(config));
    BenchmarkDocument.WriteSection(output, "config-api", report);
    Console.WriteLine(report);
    await api.StopAsync();
    await engine.StopAsync();
    if (Environment.UserName == "root")
    {
        var latency = await FlowLatency.RunAsync(work, flowsPerSecond: 1000, duration: TimeSpan.FromSeconds(10));
        BenchmarkDocument.WriteSection(output, "flow-latency", latency);
        Console.WriteLine(latency);
    }
    else
    {
        Console.WriteLine("flow latency: skipped, it needs root (a scratch network namespace)");
    }
    return results.Any(r => r.Failures > 0) ? 1 : 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string Report(LoadResult[] results, int objects)
{
    var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    var text = new StringBuilder();
    text.AppendLine("## Config API (issue 3)");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}, .NET {Environment.Version}.");
    text.AppendLine(CultureInfo.InvariantCulture, $"- A configuration of {objects} objects; 1, then 4 concurrent clients over loopback for 10 s per row, in the same process as the API (they share its cores), bearer-token auth, SQLite store.");
    text.AppendLine("- The engine is a gRPC double on a Unix socket that answers at once: this measures the API (HTTP, auth, store, verify, diff, gRPC round trip), not the kernel work a real engine adds to a plan.");
    text.AppendLine("- Goal: p99 under 20 ms for a plan. The status request does no configuration work and shows the floor.");
    text.AppendLine();
    text.AppendLine("| request | clients | requests/s | p50 ms | p99 ms | max ms | p99 / 20 ms goal | failures |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
        text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Concurrency} | {r.RequestsPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {r.P99Ms / 20:F2} | {r.Failures} |");
    return text.ToString();
}
