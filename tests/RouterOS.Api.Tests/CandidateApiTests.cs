using System.Net;
using RouterOS.Api.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Verification;
using RouterOS.Testing;

namespace RouterOS.Api.Tests;

public sealed class CandidateApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await _api.CreateTokenClientAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task Importing_a_configuration_sets_the_candidate_and_importing_it_again_changes_nothing()
    {
        var first = await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        var again = await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, first["version"]!.GetValue<long>());
        Assert.Equal(1, again["version"]!.GetValue<long>());
        Assert.Equal("br-lan", again["config"]!["bridges"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configuration_with_every_list_at_its_limit_is_taken_whole_and_verifies()
    {
        // Indented, as configuration files are: the largest way it is written, and far beyond the
        // cap on other bodies (256 KiB here), so the whole configuration's own cap is what takes it.
        var config = LimitsConfig.Build();
        var json = RouterConfigJson.Write(config);
        Assert.True(json.Length > 1024 * 1024, $"{json.Length} characters");

        var candidate = await _client.PutJsonAsync("/api/v1/config", json).ExpectAsync(HttpStatusCode.OK);
        var plan = await _client.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(config.Vlans.Count, candidate["config"]!["vlans"]!.AsArray().Count);
        Assert.Equal(config.Addresses.Count, candidate["config"]!["addresses"]!.AsArray().Count);
        Assert.Equal(Limits.BridgeVlanEntries, candidate["config"]!["bridges"]!.AsArray().Sum(b => b!["ports"]!.AsArray().Sum(p => p!["vlans"]?.AsArray().Count ?? 0)));
        Assert.True(plan["valid"]!.GetValue<bool>(), plan.Text());
    }

    [Fact]
    public async Task Answers_never_carry_the_pppoe_password_and_sending_the_placeholder_back_keeps_it()
    {
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);

        var candidate = await _client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("change-me", candidate.Text(), StringComparison.Ordinal);
        Assert.Equal("(secret)", candidate["config"]!["pppoe"]![0]!["password"]!.GetValue<string>());

        // Send the redacted document back unchanged: nothing changes, and the password stays.
        var back = await _client.PutJsonAsync("/api/v1/config", candidate["config"]!.Text()).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, back["version"]!.GetValue<long>());
        await _client.PostJsonAsync("/api/v1/commit", """{ "message": "first" }""").ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("change-me", Assert.Single(_api.Engine.Applied).Config.Pppoe[0].Password.Reveal());
    }

    [Fact]
    public async Task The_placeholder_for_an_uplink_without_a_password_is_refused() =>
        Assert.Contains("pppoe[wan].password", (await _client.PutJsonAsync("/api/v1/pppoe/wan",
            """{ "name": "wan", "parent": "eth0", "username": "u", "password": "(secret)" }""").ExpectAsync(HttpStatusCode.BadRequest)).Paths());

    [Fact]
    public async Task The_diff_lists_what_the_candidate_adds_changes_and_removes()
    {
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);

        var diff = await _client.Get("/api/v1/candidate/diff").ExpectAsync(HttpStatusCode.OK);

        var paths = diff["changes"]!.AsArray().Select(c => c!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("bridges[br-lan]", paths);
        Assert.Contains("pppoe[pppoe-wan]", paths);
        Assert.All(diff["changes"]!.AsArray(), c => Assert.DoesNotContain("change-me", c!.Text(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plan_shows_findings_changes_and_the_engines_ruleset()
    {
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);

        var plan = await _client.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.True(plan["valid"]!.GetValue<bool>());
        Assert.Equal("recreate", plan["engineChanges"]![0]!["changeClass"]!.GetValue<string>());
        Assert.StartsWith("table inet routeros", plan["nftRuleset"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(plan["changes"]!.AsArray());
    }

    [Fact]
    public async Task A_plan_of_an_invalid_candidate_lists_every_error_with_its_path()
    {
        await _client.PutJsonAsync("/api/v1/config", """
            { "schemaVersion": 1,
              "bridges": [ { "name": "br0", "ports": [ { "name": "eth8" }, { "name": "eth9" } ] } ] }
            """).ExpectAsync(HttpStatusCode.OK);

        var plan = await _client.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.False(plan["valid"]!.GetValue<bool>());
        Assert.Equal(["bridges[br0].ports[eth8]", "bridges[br0].ports[eth9]"], plan.Paths().Where(p => p.Contains("eth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_changes_nothing()
    {
        var read = await _client.Get("/api/v1/candidate");
        var etag = read.Headers.ETag!.Tag;
        await _client.PutJsonAsync("/api/v1/ports/eth0", """{ "name": "eth0" }""", etag).ExpectAsync(HttpStatusCode.OK);

        await _client.PutJsonAsync("/api/v1/ports/eth1", """{ "name": "eth1" }""", etag).ExpectAsync(HttpStatusCode.PreconditionFailed);

        var ports = await _client.Get("/api/v1/ports").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["eth0"], ports.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Single_object_sections_are_read_and_replaced_whole()
    {
        await _client.PutJsonAsync("/api/v1/dns", """{ "enabled": true, "upstreamServers": [ "192.0.2.53" ], "cacheSize": 500 }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PutJsonAsync("/api/v1/system", """{ "hostname": "edge1" }""").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(500, (await _client.Get("/api/v1/dns").ExpectAsync(HttpStatusCode.OK))["cacheSize"]!.GetValue<int>());
        var candidate = await _client.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("edge1", candidate["config"]!["system"]!["hostname"]!.GetValue<string>());
        await _client.PutJsonAsync("/api/v1/system", """{ "hostname": "-bad" }""").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Discarding_returns_the_candidate_to_the_running_configuration()
    {
        await _client.PutJsonAsync("/api/v1/ports/eth0", """{ "name": "eth0" }""").ExpectAsync(HttpStatusCode.OK);

        var discarded = await _client.Delete("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(discarded["config"]!["ports"]!.AsArray());
    }
}
