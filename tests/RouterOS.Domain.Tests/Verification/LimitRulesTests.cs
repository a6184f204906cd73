using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Testing;
using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

public class LimitRulesTests
{
    public static TheoryData<LimitCase> Cases => [.. LimitCases.All];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_list_at_its_limit_verifies_and_one_more_is_an_error_at_its_path(LimitCase limit)
    {
        var atLimit = ConfigVerifier.Verify(limit.Build(limit.Limit));
        Assert.True(atLimit.IsValid, $"{limit.List} at {limit.Limit}:{Environment.NewLine}{string.Join(Environment.NewLine, atLimit.Errors)}");

        var over = ConfigVerifier.Verify(limit.Build(limit.Limit + 1));
        HasError(over, limit.Path, $"the limit is {limit.Limit}");
    }

    [Fact]
    public void A_configuration_with_every_list_at_its_limit_verifies_without_errors()
    {
        var result = ConfigVerifier.Verify(LimitsConfig.Build());
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    // Before the limits and the walks with their own stack, verify recursed once per device: 10,000
    // deep took 90 s (quadratic) and 100,000 deep overflowed the stack, which ends the process.
    [Fact]
    public void A_vlan_chain_a_hundred_thousand_deep_is_an_error_not_a_crash()
    {
        var config = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [new Port(InterfaceName.Parse("eth0"))], Vlans: [.. LimitCases.Chain(100_000)],
            Flowtables: [new Flowtable(ObjectName.Parse("ft"), [InterfaceName.Parse("q100000")])]);

        var result = ConfigVerifier.Verify(config);

        HasError(result, "vlans", $"100000 VLAN devices; the limit is {Limits.VlanDevices}");
        HasError(result, $"vlans[q{Limits.VlanStackDepth + 1}].parent", $"stacks {Limits.VlanStackDepth + 1} VLAN tags");
    }

    [Fact]
    public void The_device_graph_walks_a_chain_a_hundred_thousand_deep_without_recursion()
    {
        // The engine and the dashboard ask the graph about configurations that may not verify.
        var config = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [new Port(InterfaceName.Parse("eth0"), Mtu: Mtu.From(9000))], Vlans: [.. LimitCases.Chain(100_000)]);
        var graph = new DeviceGraph(config);
        var top = InterfaceName.Parse("q100000");

        Assert.Equal([InterfaceName.Parse("eth0")], graph.ResolveRealDevices(top));
        Assert.Equal(Mtu.From(9000), graph.EffectiveMtu(top));
        Assert.Equal(100_000, graph.VlanDepth(top));
    }

    [Fact]
    public void A_vlan_chain_at_the_device_limit_is_walked_without_recursion()
    {
        // Within the count limit, so every rule runs over the whole chain (and reports its depth once).
        var chain = LimitCases.Chain(Limits.VlanDevices).ToList();
        var config = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [new Port(InterfaceName.Parse("eth0"))], Vlans: [.. chain]);

        var result = ConfigVerifier.Verify(config);

        Assert.Single(result.Errors);
        HasError(result, $"vlans[q{Limits.VlanStackDepth + 1}].parent", "the limit is 3");
    }

    [Fact]
    public void A_cycle_is_an_error_naming_its_devices()
    {
        var config = new RouterConfig(RouterConfig.CurrentSchemaVersion,
            Vlans: [.. LimitCases.Chain(3).Select((v, i) => i == 0 ? v with { Parent = InterfaceName.Parse("q3") } : v)]);

        var result = ConfigVerifier.Verify(config);

        HasError(result, "vlans[q1]", "a cycle (q1 -> q3 -> q2 -> q1)");
    }
}
