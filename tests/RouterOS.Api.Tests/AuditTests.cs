using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Auth;
using RouterOS.Api.Store;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>The audit log under an anonymous flood: real actions stay, refusals are sampled and counted, the log keeps to its cap.</summary>
public sealed class AuditTests : IAsyncLifetime
{
    private const int Cap = 300;
    private const int SamplesPerMinute = 5;

    private readonly ApiFactory _api = new(settings: new Dictionary<string, string>
    {
        ["RouterOS:MaxAuditRows"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RouterOS:AuditRefusalSamplesPerMinute"] = SamplesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await _api.CreateTokenClientAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task An_anonymous_flood_of_20000_requests_leaves_the_log_within_its_cap_and_the_real_actions_in_it()
    {
        for (var i = 0; i < 40; i++)
            await _client.PutJsonAsync($"/api/v1/ports/eth{i}", $$"""{ "name": "eth{{i}}" }""").ExpectAsync(HttpStatusCode.OK);
        using var anonymous = _api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        (HttpMethod Method, string Path, HttpStatusCode Status)[] kinds =
        [
            (HttpMethod.Post, "/api/v1/commit", HttpStatusCode.Unauthorized),
            (HttpMethod.Delete, "/api/v1/flows/7", HttpStatusCode.Unauthorized),
            (HttpMethod.Put, "/api/v1/ports/eth0", HttpStatusCode.Unauthorized),
            (HttpMethod.Post, "/api/v1/no-such-thing", HttpStatusCode.MethodNotAllowed),
        ];

        // 20,000 requests, 500 a minute (the clock moves on between batches): 40 minutes of four kinds.
        for (var batch = 0; batch < 40; batch++)
        {
            await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (i, cancel) =>
            {
                var (method, path, status) = kinds[i % kinds.Length];
                using var response = await anonymous.SendAsync(new HttpRequestMessage(method, path), cancel);
                Assert.Equal(status, response.StatusCode);
            });
            _api.Time.Advance(TimeSpan.FromMinutes(1));
        }
        // One more real action: it also writes the counts of the minutes that ended.
        await _client.PutJsonAsync("/api/v1/ports/eth99", """{ "name": "eth99" }""").ExpectAsync(HttpStatusCode.OK);

        var rows = (await _client.Get("/api/v1/audit?take=1000").ExpectAsync(HttpStatusCode.OK)).AsArray().Select(row => row!).ToList();
        Assert.InRange(rows.Count, 1, Cap);
        var paths = rows.Where(row => row["source"]!.GetValue<string>().StartsWith("token:", StringComparison.Ordinal)).Select(row => row["path"]!.GetValue<string>()).ToHashSet();
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"/api/v1/ports/eth{i}", paths));
        Assert.Contains("/api/v1/ports/eth99", paths);
        var summaries = rows.Where(row => row["source"]!.GetValue<string>() == "refused-summary").ToList();
        Assert.NotEmpty(summaries);
        // The newest minute is all there: per kind, 5 sampled and "120 more" counted (125 each of 500 / 4).
        Assert.Contains(summaries, row => row["path"]!.GetValue<string>().StartsWith("120 more refused anonymous requests (401 POST /api/v1/commit", StringComparison.Ordinal));
        Assert.Contains(rows, row => row["source"]!.GetValue<string>() == "refused" && row["status"]!.GetValue<int>() == 405);
    }

    [Fact]
    public async Task Refused_anonymous_requests_of_one_minute_are_sampled_and_counted()
    {
        using var anonymous = _api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        for (var i = 0; i < 50; i++)
            await anonymous.Post("/api/v1/commit").ExpectAsync(HttpStatusCode.Unauthorized);
        _api.Time.Advance(TimeSpan.FromMinutes(1));
        await anonymous.Post("/api/v1/commit").ExpectAsync(HttpStatusCode.Unauthorized);

        var rows = (await _client.Get("/api/v1/audit?take=1000").ExpectAsync(HttpStatusCode.OK)).AsArray().Select(row => row!).ToList();
        var refused = rows.Where(row => row["source"]!.GetValue<string>() == "refused").ToList();
        Assert.Equal(SamplesPerMinute + 1, refused.Count);
        var summary = Assert.Single(rows, row => row["source"]!.GetValue<string>() == "refused-summary");
        Assert.StartsWith($"{50 - SamplesPerMinute} more refused anonymous requests (401 POST /api/v1/commit", summary["path"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(401, summary["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_flood_that_stops_is_counted_in_the_log_without_a_further_request()
    {
        using var anonymous = _api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        for (var i = 0; i < 20; i++)
            await anonymous.Post("/api/v1/commit").ExpectAsync(HttpStatusCode.Unauthorized);

        // Read the store directly: any request to the API would write the summary itself. The clock moves a
        // minute per look, since the flusher may start waiting for its minute after the first move.
        var store = _api.Services.GetRequiredService<AuditStore>();
        await Eventually.HoldsAsync(() =>
        {
            _api.Time.Advance(TimeSpan.FromMinutes(1));
            return Summaries().Count > 0;
        });
        var summary = Assert.Single(Summaries());
        Assert.StartsWith($"{20 - SamplesPerMinute} more refused anonymous requests (401 POST /api/v1/commit", summary.Path, StringComparison.Ordinal);

        List<AuditRow> Summaries() =>
            [.. store.ListAsync(0, 1000, TestContext.Current.CancellationToken).GetAwaiter().GetResult().Where(row => row.Source == AuditTrail.SummarySource)];
    }
}
