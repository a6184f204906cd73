using System.Net;
using System.Threading.Channels;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

public sealed class PppoeApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly ApiFactory _api = new();
    private HttpClient _reader = null!;
    private HttpClient _writer = null!;

    public async ValueTask InitializeAsync()
    {
        _reader = await _api.CreateTokenClientAsync(scope: "read");
        _writer = await _api.CreateTokenClientAsync(scope: "write");
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    internal static UplinkStatusView Session(string state = "up", string? failure = null) => new("ppp-wan", "pppoe", state,
        state == "up" ? "10.64.0.10/32" : null, state == "up" ? "10.64.0.1" : null, state == "up" ? ["10.64.0.53"] : [], 0, failure,
        [new UplinkEventView(At, "discovery", "looking for a PPPoE server on wan0"), new UplinkEventView(At.AddSeconds(1), state, failure ?? "up: 10.64.0.10 peer 10.64.0.1")],
        FailureCheck: failure is null ? null : "check the username and password (some ISPs want user@realm)", Parent: "wan0",
        SessionId: state == "up" ? 7 : null, AccessConcentrator: state == "up" ? "02:00:00:00:00:01" : null, UpSince: state == "up" ? At : null, Reconnects: 2, LastExitCode: 16);

    [Fact]
    public async Task The_status_of_a_session_has_its_addresses_uptime_and_timeline()
    {
        _api.Engine.Uplinks.Add(Session());

        var status = await _reader.Get("/api/v1/pppoe/ppp-wan/status").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("up", "10.64.0.10/32", "10.64.0.1", 7, "wan0"),
            (status["state"]!.GetValue<string>(), status["address"]!.GetValue<string>(), status["gateway"]!.GetValue<string>(),
             status["sessionId"]!.GetValue<int>(), status["parent"]!.GetValue<string>()));
        Assert.Equal("2026-11-27T12:00:00+00:00", status["upSince"]!.GetValue<string>());
        Assert.Equal(2, status["reconnects"]!.GetValue<int>());
        Assert.Equal(2, status["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_uplink_without_a_session_is_not_found_in_plain_words()
    {
        var answer = await _reader.Get("/api/v1/pppoe/ppp-x/status").ExpectAsync(HttpStatusCode.NotFound);

        Assert.Contains("no PPPoE session runs for ppp-x", answer["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_needs_the_write_scope_and_reaches_the_engine()
    {
        _api.Engine.Uplinks.Add(Session("failed", "authentication failed 3 times in a row: stopped dialling"));

        await _reader.Post("/api/v1/pppoe/ppp-wan/reconnect").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Empty(_api.Engine.Reconnected);

        await _writer.Post("/api/v1/pppoe/ppp-wan/reconnect").ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(["ppp-wan"], _api.Engine.Reconnected);

        var unknown = await _writer.Post("/api/v1/pppoe/ppp-x/reconnect").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("no PPPoE uplink ppp-x is running", unknown["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_the_engine_the_answer_says_so()
    {
        _api.Engine.Down = true;

        await _reader.Get("/api/v1/pppoe/ppp-wan/status").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await _writer.Post("/api/v1/pppoe/ppp-wan/reconnect").ExpectAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task The_hub_streams_every_change_of_the_uplinks()
    {
        var token = await Onboarding.CreateTokenAsync(await _api.CreateBrowserAsync(), "hub-test", "read");
        var snapshots = Channel.CreateUnbounded<UplinkSnapshot>();
        await using var hub = HubUpdates.Connect(_api, LiveHubs.UplinksPath, token, LiveHubs.UplinkSnapshotMethod, snapshots);
        await hub.StartAsync(TestContext.Current.CancellationToken);

        _api.Engine.Uplinks.Add(Session("lcp"));
        _api.Engine.PushUplinks();
        await HubUpdates.NextAsync(snapshots, s => s.Connected && s.Uplinks is [{ State: "lcp" }]);

        _api.Engine.Uplinks[0] = Session("up");
        _api.Engine.PushUplinks();
        var up = await HubUpdates.NextAsync(snapshots, s => s.Uplinks is [{ State: "up" }]);
        Assert.Equal("10.64.0.10/32", up.Uplinks[0].Address);
    }
}
