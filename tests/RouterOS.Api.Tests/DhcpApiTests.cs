using System.Net;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

public sealed class DhcpApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await _api.CreateTokenClientAsync(scope: "read");

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task The_leases_are_the_engine_s_with_a_read_token()
    {
        _api.Engine.Leases.Add(new DhcpLeaseView("02:00:00:00:00:50", "192.168.7.50", "printer", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));
        _api.Engine.Leases.Add(new DhcpLeaseView("02:00:00:00:00:51", "192.168.7.51", null, null));

        var leases = (await _client.Get("/api/v1/dhcp/leases").ExpectAsync(HttpStatusCode.OK)).AsArray();

        Assert.Equal(2, leases.Count);
        Assert.Equal(("02:00:00:00:00:50", "192.168.7.50", "printer", "2026-11-27T12:00:00+00:00"),
            (leases[0]!["mac"]!.GetValue<string>(), leases[0]!["address"]!.GetValue<string>(), leases[0]!["hostname"]!.GetValue<string>(), leases[0]!["expires"]!.GetValue<string>()));
        Assert.Null(leases[1]!["hostname"]);
        Assert.Null(leases[1]!["expires"]);
    }

    [Fact]
    public async Task The_uplinks_status_carries_the_state_the_failure_in_plain_words_and_the_timeline()
    {
        var at = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        _api.Engine.Uplinks.Add(new UplinkStatusView("wan0", "dhcp", "failed", null, null, [], 0, "no DHCP server answered on wan0 (discovery timed out); asking again",
            [new UplinkEventView(at, "discovering", "asking for a lease on wan0"), new UplinkEventView(at.AddSeconds(7), "failed", "no DHCP server answered on wan0 (discovery timed out); asking again")]));

        var uplink = (await _client.Get("/api/v1/uplinks/status").ExpectAsync(HttpStatusCode.OK)).AsArray().Single()!;

        Assert.Equal(("wan0", "dhcp", "failed"), (uplink["device"]!.GetValue<string>(), uplink["kind"]!.GetValue<string>(), uplink["state"]!.GetValue<string>()));
        Assert.StartsWith("no DHCP server answered on wan0", uplink["failure"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, uplink["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task Without_the_engine_the_answer_says_so()
    {
        _api.Engine.Down = true;

        await _client.Get("/api/v1/dhcp/leases").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await _client.Get("/api/v1/uplinks/status").ExpectAsync(HttpStatusCode.ServiceUnavailable);
    }
}
