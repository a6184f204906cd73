using System.Net;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>Port forwards, source NAT, forward rules and the firewall defaults as REST resources, and the rules' live counters.</summary>
public sealed class FirewallApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await _api.CreateTokenClientAsync();
        await _client.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task A_port_forward_a_source_nat_rule_and_a_forward_rule_are_put_planned_and_listed_in_order()
    {
        await _client.PutJsonAsync("/api/v1/firewall/port-forwards/nas",
            """{ "name": "nas", "from": "wan", "protocol": "tcp", "outsidePort": 443, "insideHost": "192.168.1.10" }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PutJsonAsync("/api/v1/firewall/source-nat/fixed",
            """{ "name": "fixed", "zone": "wan", "to": "203.0.113.9" }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PutJsonAsync("/api/v1/firewall/forward-rules/no-telnet",
            """{ "name": "no-telnet", "to": "wan", "protocol": "tcp", "ports": [ 23 ], "action": "drop" }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PutJsonAsync("/api/v1/firewall/forward-rules/gaming",
            """{ "name": "gaming", "from": "lan", "protocol": "udp", "ports": [ 3074 ], "setDscp": "cs4" }""").ExpectAsync(HttpStatusCode.OK);
        await _client.PutJsonAsync("/api/v1/firewall/defaults", """{ "forward": "reject", "synFloodProtection": true }""").ExpectAsync(HttpStatusCode.OK);

        var plan = await _client.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);
        var rules = (await _client.Get("/api/v1/firewall/forward-rules").ExpectAsync(HttpStatusCode.OK)).AsArray();

        Assert.True(plan["valid"]!.GetValue<bool>(), plan.Text());
        // The example's own two rules first: a new rule goes to the end, where order puts it last.
        Assert.Equal(["no-smb-out", "voice", "no-telnet", "gaming"], rules.Select(rule => rule!["name"]!.GetValue<string>()));
        Assert.Equal("cs4", rules[3]!["setDscp"]!.GetValue<string>());
        Assert.Equal("reject", (await _client.Get("/api/v1/firewall/defaults").ExpectAsync(HttpStatusCode.OK))["forward"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forward_to_a_host_in_no_lan_network_is_refused_at_plan_with_its_path()
    {
        await _client.PutJsonAsync("/api/v1/firewall/port-forwards/stray",
            """{ "name": "stray", "from": "wan", "protocol": "udp", "outsidePort": 5000, "insideHost": "10.9.9.9" }""").ExpectAsync(HttpStatusCode.OK);

        var plan = await _client.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        Assert.False(plan["valid"]!.GetValue<bool>());
        Assert.Contains("firewall.portForwards[stray].insideHost", plan.Text(), StringComparison.Ordinal);
        Assert.Contains("in no LAN network", plan.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counters_are_the_engine_s_with_a_read_token()
    {
        _api.Engine.RuleCounters.Add(new RuleCounterView("firewall.portForwards[nas]", 12, 720));
        var reader = await _api.CreateTokenClientAsync(scope: "read");

        var counter = (await reader.Get("/api/v1/firewall/counters").ExpectAsync(HttpStatusCode.OK)).AsArray().Single()!;

        Assert.Equal(("firewall.portForwards[nas]", 12UL, 720UL), (counter["path"]!.GetValue<string>(), counter["packets"]!.GetValue<ulong>(), counter["bytes"]!.GetValue<ulong>()));
    }
}
