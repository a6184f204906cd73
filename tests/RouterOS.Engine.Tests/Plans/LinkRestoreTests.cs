using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>What a failed apply puts back on links that were there before it.</summary>
public sealed class LinkRestoreTests
{
    [Fact]
    public void Changed_settings_of_links_that_existed_before_go_back()
    {
        var before = State(Link(2, "eth0", mtu: 1500, up: false, master: null), Link(3, "eth1", mtu: 1500, up: true, master: "br-old"), Link(4, "br-old", 1500, true, null));
        var now = State(Link(2, "eth0", mtu: 9000, up: true, master: "br-new"), Link(3, "eth1", mtu: 1500, up: true, master: null), Link(4, "br-old", 1500, true, null));

        var steps = LinkRestore.StepsBack(before, now).Cast<ChangeLinkStep>().ToList();

        Assert.Equal(2, steps.Count);
        Assert.Equal(("eth0", 1500, false, ""), (steps[0].Name, steps[0].Mtu, steps[0].Up, steps[0].Master));
        Assert.Equal(("eth1", (int?)null, (bool?)null, "br-old"), (steps[1].Name, steps[1].Mtu, steps[1].Up, steps[1].Master));
    }

    [Fact]
    public void Links_created_since_recreated_or_unchanged_are_left_alone()
    {
        var before = State(Link(2, "eth0", 1500, true, null), Link(5, "br0", 1500, true, null), Link(6, "br-gone", 1500, true, null), Link(7, "eth1", 1500, true, "br-gone"));
        // br0 was deleted and made again (new index); br-new is new; eth1's old bridge is gone.
        var now = State(Link(2, "eth0", 1500, true, null), Link(8, "br0", 1400, true, null), Link(9, "br-new", 1500, true, null), Link(7, "eth1", 1500, true, null));

        Assert.Empty(LinkRestore.StepsBack(before, now));
    }

    private static KernelLink Link(int index, string name, int mtu, bool up, string? master) =>
        new(index, name, null, mtu, up, master, null, null, null, null, []);

    private static KernelState State(params KernelLink[] links) =>
        KernelState.Empty with { Links = links.ToDictionary(link => link.Name, StringComparer.Ordinal) };
}
