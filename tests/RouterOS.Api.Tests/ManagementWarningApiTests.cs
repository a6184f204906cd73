using System.Net;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>The plan warns the asking client when the commit would cut its own path to the API.</summary>
public sealed class ManagementWarningApiTests : IAsyncLifetime
{
    private const string LanAccept = """{ "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" }""";

    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await _api.CreateTokenClientAsync();
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await _client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private async Task CloseLanInputAsync()
    {
        var closed = ApiCalls.Example("home-router").Replace(LanAccept, LanAccept.Replace("accept", "drop", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotEqual(ApiCalls.Example("home-router"), closed);
        await _client.PutJsonAsync("/api/v1/config", closed).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_the_test_host_gives_no_address_gets_an_empty_list()
    {
        await CloseLanInputAsync();

        var plan = await _client.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(plan["managementWarnings"]!.AsArray());
    }

    [Fact]
    public async Task A_client_on_loopback_gets_an_empty_list()
    {
        await CloseLanInputAsync();
        using var local = TestRemoteAddress.From(await _api.CreateTokenClientAsync(), "127.0.0.1", 443);

        var plan = await local.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(plan["managementWarnings"]!.AsArray());
    }

    [Fact]
    public async Task A_client_on_the_lan_is_warned_when_the_lan_zone_stops_accepting_input()
    {
        await CloseLanInputAsync();
        using var lan = TestRemoteAddress.From(await _api.CreateTokenClientAsync(), "::ffff:192.168.1.50", 443);

        var plan = await lan.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        var warning = Assert.Single(plan["managementWarnings"]!.AsArray());
        Assert.Equal("firewall.zones[lan].input", warning!["path"]!.GetValue<string>());
        Assert.Contains("192.168.1.50", warning["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_on_the_lan_is_not_warned_about_a_change_that_keeps_its_path()
    {
        using var lan = TestRemoteAddress.From(await _api.CreateTokenClientAsync(), "192.168.1.50", 443);

        var plan = await lan.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(plan["managementWarnings"]!.AsArray());
    }

    [Theory]
    [InlineData("::ffff:192.168.1.50", "192.168.1.50")]
    [InlineData("fe80::1%2", "fe80::1")]
    [InlineData("2001:db8::5", "2001:db8::5")]
    public void The_connections_addresses_are_read_as_the_configuration_writes_them(string remote, string expected) =>
        Assert.Equal(expected, RouterOS.Api.Http.ManagementClient.ClientAddress(IPAddress.Parse(remote))!.ToString());
}
