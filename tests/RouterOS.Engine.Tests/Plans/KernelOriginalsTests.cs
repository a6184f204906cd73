using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>What the kernel had in settings a configuration leaves "as it is", and how plans put it back.</summary>
public sealed class KernelOriginalsTests
{
    private static readonly KernelState Kernel = State(Link(2, "wan0", mtu: 1450, up: false, mac: "02:00:00:00:00:01"), Link(3, "lan0", 1500, true, "02:00:00:00:00:02"));

    [Fact]
    public void The_first_change_records_what_the_kernel_had_and_a_later_change_keeps_it()
    {
        var managed = Config("""{ "name": "wan0", "mtu": 1400, "mac": "02:00:00:00:00:42" }""");
        var first = Apply(KernelOriginals.None, managed, Kernel);

        Assert.Equal([new LinkOriginal("wan0", 1450, false, MacAddress.Parse("02:00:00:00:00:01"))], first.Links);

        var changedAgain = Config("""{ "name": "wan0", "mtu": 1300, "mac": "02:00:00:00:00:43" }""");
        var now = State(Link(2, "wan0", 1400, true, "02:00:00:00:00:42"), Link(3, "lan0", 1500, true, "02:00:00:00:00:02"));
        Assert.Equal(first.Links, Apply(first, changedAgain, now).Links);
    }

    [Fact]
    public void A_setting_left_unset_again_is_put_back_and_then_forgotten()
    {
        var originals = new KernelOriginals([new LinkOriginal("wan0", 1450, null, MacAddress.Parse("02:00:00:00:00:01"))]);
        var now = State(Link(2, "wan0", 1400, true, "02:00:00:00:00:42"));
        var unset = Config("""{ "name": "wan0", "mac": "02:00:00:00:00:42" }""");

        var plan = Plan(unset, now, originals);
        var after = originals.After(unset, null, plan, now);

        var step = Assert.Single(plan.Steps.OfType<ChangeLinkStep>());
        Assert.Equal(("wan0", (int?)1450, (MacAddress?)null), (step.Name, step.Mtu, step.Mac));
        Assert.Equal([new LinkOriginal("wan0", null, null, MacAddress.Parse("02:00:00:00:00:01"))], after.Links);
    }

    [Fact]
    public void A_port_no_longer_named_gets_back_its_admin_state_mtu_and_mac()
    {
        var originals = new KernelOriginals([new LinkOriginal("wan0", 1450, false, MacAddress.Parse("02:00:00:00:00:01"))]);
        var now = State(Link(2, "wan0", 1400, true, "02:00:00:00:00:42"), Link(3, "lan0", 1500, true, null));
        var withoutWan = Config("""{ "name": "lan0" }""");

        var plan = Plan(withoutWan, now, originals);

        var step = Assert.Single(plan.Steps.OfType<ChangeLinkStep>());
        Assert.Equal(("wan0", (int?)1450, (bool?)false, (MacAddress?)MacAddress.Parse("02:00:00:00:00:01"), (string?)null), (step.Name, step.Mtu, step.Up, step.Mac, step.Master));
        Assert.Empty(originals.After(withoutWan, null, plan, now).Links);
    }

    [Fact]
    public void Without_records_a_setting_left_unset_is_not_touched()
    {
        var now = State(Link(2, "wan0", 1400, true, null));

        Assert.Empty(Plan(Config("""{ "name": "wan0" }"""), now, KernelOriginals.None).Steps.OfType<ChangeLinkStep>());
    }

    [Fact]
    public void Records_of_devices_deleted_or_created_go_and_of_missing_devices_wait()
    {
        var originals = new KernelOriginals([new LinkOriginal("br-old", 1400), new LinkOriginal("eth9", 1450)]);
        var plan = new Plan([], [
            new DeleteLinkStep("bridges[br-old]", "br-old", ChangeClass.AppliedLive, "delete"),
            new CreateBridgeStep("bridges[br-new]", "br-new", new Netlink.Route.BridgeAttributes()),
            new ChangeLinkStep("bridges[br-new]", "br-new", 1400, true, null, null, "br-new up"),
        ], "");

        var after = originals.After(RouterConfig.Empty, null, plan, State(Link(4, "br-old", 1500, true, null)));

        Assert.Equal([new LinkOriginal("eth9", 1450)], after.Links);
    }

    private static KernelOriginals Apply(KernelOriginals originals, RouterConfig config, KernelState kernel) =>
        originals.After(config, null, Plan(config, kernel, originals), kernel);

    private static Plan Plan(RouterConfig config, KernelState kernel, KernelOriginals originals)
    {
        var plan = Planner.Create(config, null, kernel, Capabilities.Full, null, originals);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Findings));
        return plan;
    }

    private static RouterConfig Config(string ports) => Configs.Parse($$"""{ "schemaVersion": 1, "ports": [ {{ports}} ] }""");

    private static KernelLink Link(int index, string name, int mtu, bool up, string? mac) =>
        new(index, name, null, mtu, up, null, null, mac is null ? null : MacAddress.Parse(mac), null, null, []);

    private static KernelState State(params KernelLink[] links) =>
        KernelState.Empty with { Links = links.ToDictionary(link => link.Name, StringComparer.Ordinal) };
}
