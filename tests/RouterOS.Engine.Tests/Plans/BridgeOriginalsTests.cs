using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>Bridge membership and bridges the kernel had: recorded when the engine changes them, put back when left to the kernel.</summary>
public sealed class BridgeOriginalsTests
{
    private static readonly BridgeAttributes Plain = new(Stp: false, VlanFiltering: false, VlanProtocol: 0x8100, DefaultPvid: 1);

    [Fact]
    public void Joining_a_bridge_of_the_configuration_records_the_bridge_the_kernel_had_it_in_and_a_plan_without_the_port_puts_it_back()
    {
        var before = State(Port(2, "lan1", master: "br-ext"), Bridge(3, "br-ext", Plain));
        var joined = Config("""{ "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" } ] } ] }""");

        var originals = KernelOriginals.None.After(joined, null, Plan(joined, null, before, KernelOriginals.None), before);

        Assert.Equal([new LinkOriginal("lan1", Up: false, Master: "br-ext")], originals.Links);

        var now = State(Port(2, "lan1", master: "br-lan", up: true), Bridge(3, "br-ext", Plain), Bridge(4, "br-lan", Plain));
        var plan = Plan(RouterConfig.Empty, joined, now, originals);

        Assert.Contains(plan.Steps, step => step is DeleteLinkStep { Name: "br-lan" });
        var back = Assert.Single(plan.Steps.OfType<ChangeLinkStep>());
        Assert.Equal(("lan1", (string?)"br-ext", (bool?)false), (back.Name, back.Master, back.Up));
        Assert.Empty(originals.After(RouterConfig.Empty, joined, plan, now).Links);
    }

    [Fact]
    public void A_port_that_was_in_no_bridge_leaves_the_engines_bridge_when_the_configuration_names_it_in_none()
    {
        var bridged = Config("""{ "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" } ] } ] }""");
        var plainPort = Config("""{ "ports": [ { "name": "lan1" } ] }""");
        var originals = new KernelOriginals([new LinkOriginal("lan1", Master: "")]);
        var now = State(Port(2, "lan1", master: "br-lan", up: true), Bridge(4, "br-lan", Plain));

        // While the configuration keeps it in a bridge, its membership is the configuration's.
        Assert.Empty(Plan(bridged, bridged, now, originals).Steps);

        var released = Plan(plainPort, bridged, now, originals);
        Assert.Contains(released.Steps, step => step is ChangeLinkStep { Name: "lan1", Master: "" });
    }

    [Fact]
    public void A_bridge_that_is_gone_cannot_take_its_port_back_and_the_plan_says_so()
    {
        var bridged = Config("""{ "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" } ] } ] }""");
        var plainPort = Config("""{ "ports": [ { "name": "lan1" } ] }""");
        var originals = new KernelOriginals([new LinkOriginal("lan1", Master: "br-ext")]);
        var now = State(Port(2, "lan1", master: "br-lan", up: true), Bridge(4, "br-lan", Plain));

        var plan = Plan(plainPort, bridged, now, originals);

        Assert.Contains(plan.Steps, step => step is ChangeLinkStep { Name: "lan1", Master: "" });
        var warning = Assert.Single(plan.Findings, finding => finding.Severity == Severity.Warning && finding.Message.Contains("br-ext is gone", StringComparison.Ordinal));
        Assert.Equal("ports[lan1]", warning.Path);
    }

    [Fact]
    public void A_bridge_the_kernel_had_is_adopted_and_when_no_longer_named_is_put_back_not_deleted()
    {
        var before = State(Bridge(3, "br-ext", Plain with { Stp = true }));
        var adopting = Config("""{ "bridges": [ { "name": "br-ext", "vlanFiltering": true, "defaultPvid": 10 } ] }""");

        var originals = KernelOriginals.None.After(adopting, null, Plan(adopting, null, before, KernelOriginals.None), before);

        Assert.Equal([new LinkOriginal("br-ext", Bridge: new BridgeAttributes(Stp: true, VlanFiltering: false, DefaultPvid: 1), Adopted: true)], originals.Links);

        var now = State(Bridge(3, "br-ext", new BridgeAttributes(Stp: false, VlanFiltering: true, VlanProtocol: 0x8100, DefaultPvid: 10)));
        var plan = Plan(RouterConfig.Empty, adopting, now, originals);

        Assert.DoesNotContain(plan.Steps, step => step is DeleteLinkStep);
        var back = Assert.Single(plan.Steps.OfType<ChangeBridgeStep>());
        Assert.Equal(new BridgeAttributes(Stp: true, VlanFiltering: false, DefaultPvid: 1), back.Attributes);
        Assert.Empty(originals.After(RouterConfig.Empty, adopting, plan, now).Links);
    }

    [Fact]
    public void A_bridge_the_engine_made_is_not_adopted_and_no_port_is_put_back_into_it()
    {
        var bridged = Config("""{ "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan1" } ] } ] }""");
        var moved = Config("""{ "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-lan" }, { "name": "br-guest", "ports": [ { "name": "lan1" } ] } ] }""");
        var now = State(Port(2, "lan1", master: "br-lan", up: true), Bridge(4, "br-lan", Plain));

        var originals = KernelOriginals.None.After(moved, bridged, Plan(moved, bridged, now, KernelOriginals.None), now);

        Assert.Equal([new LinkOriginal("lan1", Master: "")], originals.Links);
    }

    [Fact]
    public void A_port_kept_out_of_an_adopted_bridge_stays_out_and_goes_back_in_once_the_bridge_is_no_longer_named()
    {
        var before = State(Port(2, "lan1", master: "br-ext"), Bridge(3, "br-ext", Plain));
        var adoptedWithoutLan1 = Config("""{ "ports": [ { "name": "lan1" } ], "bridges": [ { "name": "br-ext" } ] }""");

        var first = Plan(adoptedWithoutLan1, null, before, KernelOriginals.None);
        var originals = KernelOriginals.None.After(adoptedWithoutLan1, null, first, before);

        Assert.Contains(first.Steps, step => step is ChangeLinkStep { Name: "lan1", Master: "" });
        Assert.Contains(new LinkOriginal("lan1", Up: false, Master: "br-ext"), originals.Links);

        // A drift repair: the record stays and lan1 stays out (no back and forth).
        var now = State(Port(2, "lan1", up: true), Bridge(3, "br-ext", Plain));
        var again = Plan(adoptedWithoutLan1, adoptedWithoutLan1, now, originals);
        Assert.Empty(again.Steps);
        Assert.Equal(originals.Links, originals.After(adoptedWithoutLan1, adoptedWithoutLan1, again, now).Links);

        var rollback = Plan(RouterConfig.Empty, adoptedWithoutLan1, now, originals);
        Assert.Contains(rollback.Steps, step => step is ChangeLinkStep { Name: "lan1", Master: "br-ext", Up: false });
        Assert.DoesNotContain(rollback.Steps, step => step is DeleteLinkStep);
    }

    [Fact]
    public void The_records_outlive_the_engine_in_its_state_directory()
    {
        var directory = Directory.CreateTempSubdirectory("routeros-originals-test-").FullName;
        try
        {
            var originals = new KernelOriginals([
                new LinkOriginal("br-ext", Mtu: 1400, Bridge: new BridgeAttributes(Stp: true, DefaultPvid: 5), Adopted: true),
                new LinkOriginal("lan1", Up: false, Master: ""),
                new LinkOriginal("lan2", Master: "br-ext", Mac: MacAddress.Parse("02:00:00:00:00:01")),
            ]);

            new State.EngineStateStore(directory).SaveOriginals(originals);

            Assert.Equal(originals.Links, new State.EngineStateStore(directory).Originals.Links);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Plan Plan(RouterConfig config, RouterConfig? previous, KernelState kernel, KernelOriginals originals)
    {
        var plan = Planner.Create(config, previous, kernel, Capabilities.Full, null, originals);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Findings));
        return plan with { Steps = [.. plan.Steps.Where(step => step is not RulesetStep)] };
    }

    private static RouterConfig Config(string body) => Configs.Parse($$"""{ "schemaVersion": 1, {{body[1..^1]}} }""");

    private static KernelLink Port(int index, string name, string? master = null, bool up = false) =>
        new(index, name, "veth", 1500, up, master, null, null, null, null, []);

    private static KernelLink Bridge(int index, string name, BridgeAttributes settings) =>
        new(index, name, "bridge", 1500, true, null, null, null, settings, null, []);

    private static KernelState State(params KernelLink[] links) =>
        KernelState.Empty with { Links = links.ToDictionary(link => link.Name, StringComparer.Ordinal) };
}
