using System.Net;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Tests;

/// <summary>GET /api/v1/status says when the engine holds the firewall closed, and why.</summary>
public sealed class StatusApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await _api.CreateTokenClientAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task The_status_says_why_the_firewall_is_held_closed_with_each_finding_and_its_path()
    {
        _api.Engine.FailClosed = new EngineFailClosed("the stored configuration (revision 3) could not be restored: there is no device eth9 in the kernel",
            [ConfigFinding.Error("ports[eth9]", "there is no device eth9 in the kernel: ports are existing network devices")],
            BaseRuleset: true, Revision: 3, Since: DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var status = await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        var held = status["engine"]!["failClosed"]!;
        Assert.Contains("revision 3", held["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(held["baseRuleset"]!.GetValue<bool>());
        Assert.Equal(3, held["revision"]!.GetValue<long>());
        var finding = Assert.Single(held["findings"]!.AsArray());
        Assert.Equal("ports[eth9]", finding!["path"]!.GetValue<string>());
        Assert.Equal("error", finding["severity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_held_firewall_the_status_has_no_fail_closed_state()
    {
        var status = await _client.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        Assert.True(status["engineReachable"]!.GetValue<bool>());
        Assert.Null(status["engine"]!["failClosed"]);
    }
}
