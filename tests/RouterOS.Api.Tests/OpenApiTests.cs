using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The OpenAPI document is checked in as a snapshot, so a change to the API shows up in review.
/// After an intended change, run the tests with UPDATE_SNAPSHOTS=1 and commit the new file.
/// </summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task The_openapi_document_matches_its_snapshot()
    {
        var document = await _api.CreateClient().Get("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var actual = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var snapshot = SnapshotPath();

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
            await File.WriteAllTextAsync(snapshot, actual, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(snapshot), $"no snapshot at {snapshot}: run the tests once with UPDATE_SNAPSHOTS=1");
        var expected = await File.ReadAllTextAsync(snapshot, TestContext.Current.CancellationToken);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), document),
            "the API changed: review the difference, then run the tests with UPDATE_SNAPSHOTS=1 and commit tests/RouterOS.Api.Tests/Snapshots/openapi-v1.json");
    }

    [Fact]
    public async Task The_document_describes_every_resource()
    {
        var document = await _api.CreateClient().Get("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/api/v1/config", "/api/v1/candidate/plan", "/api/v1/commit", "/api/v1/commit/confirm", "/api/v1/revisions",
            "/api/v1/status", "/api/v1/ports", "/api/v1/bridges", "/api/v1/vlans", "/api/v1/pppoe", "/api/v1/addresses", "/api/v1/routes",
            "/api/v1/dhcp/servers", "/api/v1/flowtables", "/api/v1/offload-rules", "/api/v1/zones", "/api/v1/tokens", "/api/v1/setup", "/api/v1/auth/login" })
            Assert.Contains(expected, paths);
    }

    [Fact]
    public async Task The_interactive_reference_is_served() =>
        Assert.Equal(HttpStatusCode.OK, (await _api.CreateClient().Get("/api/docs")).StatusCode);

    private static string SnapshotPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Snapshots", "openapi-v1.json");
}
