using System.Net;
using RouterOS.Api.Engine;
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
    public async Task Without_the_engine_the_answer_says_so()
    {
        _api.Engine.Down = true;

        await _client.Get("/api/v1/dhcp/leases").ExpectAsync(HttpStatusCode.ServiceUnavailable);
    }
}
