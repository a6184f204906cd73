using Bunit;
using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

public sealed class VlanGridTests
{
    private static readonly VlanId Ten = VlanId.From(10);
    private static readonly VlanId Twenty = VlanId.From(20);

    [Fact]
    public void A_cell_cycles_not_a_member_then_tagged_then_untagged_pvid_then_not_a_member()
    {
        var port = new BridgePort(Name("lan1"));
        var tagged = VlanMembership.With(port, Ten, VlanMembership.Next(VlanMembership.CellOf(port, Ten)));
        var access = VlanMembership.With(tagged, Ten, VlanMembership.Next(VlanMembership.CellOf(tagged, Ten)));
        var gone = VlanMembership.With(access, Ten, VlanMembership.Next(VlanMembership.CellOf(access, Ten)));

        Assert.Equal([new BridgeVlan(Ten)], tagged.Vlans);
        Assert.Equal([new BridgeVlan(Ten, Untagged: true, Pvid: true)], access.Vlans);
        Assert.Empty(gone.Vlans);
    }

    [Fact]
    public void A_port_keeps_one_pvid_the_old_one_becomes_tagged()
    {
        var port = new BridgePort(Name("lan1"), [new BridgeVlan(Ten, Untagged: true, Pvid: true)]);

        var moved = VlanMembership.With(port, Twenty, VlanCell.UntaggedPvid);

        Assert.Equal([new BridgeVlan(Ten), new BridgeVlan(Twenty, Untagged: true, Pvid: true)], moved.Vlans);
    }

    [Fact]
    public async Task The_grid_shows_each_port_and_vlan_and_a_click_changes_the_membership()
    {
        await using var context = new DashboardContext(ThreePorts());
        IReadOnlyList<BridgePort>? changed = null;
        BridgePort[] ports = [new(Name("lan1"), [new BridgeVlan(Ten, Untagged: true, Pvid: true)]), new(Name("lan2"), [new BridgeVlan(Twenty)])];
        var grid = context.Render<VlanGrid>(p => p
            .Add(g => g.Ports, ports)
            .Add(g => g.VlanFiltering, true)
            .Add(g => g.PortsChanged, (IReadOnlyList<BridgePort> value) => changed = value));

        Assert.Equal("U · PVID", grid.Find("[data-testid=cell-lan1-10]").TextContent.Trim());
        Assert.Equal("–", grid.Find("[data-testid=cell-lan1-20]").TextContent.Trim());
        Assert.Equal("T", grid.Find("[data-testid=cell-lan2-20]").TextContent.Trim());
        Assert.Equal("port lan2 VLAN 10: not a member", grid.Find("[data-testid=cell-lan2-10]").GetAttribute("aria-label"));

        grid.Find("[data-testid=cell-lan2-10]").Click();

        Assert.NotNull(changed);
        Assert.Equal([new BridgeVlan(Ten), new BridgeVlan(Twenty)], changed.Single(p => p.Name.Value == "lan2").Vlans);
        Assert.Equal(ports[0], changed.Single(p => p.Name.Value == "lan1"));
    }

    [Fact]
    public async Task A_vlan_column_can_be_added_and_an_out_of_range_id_is_refused_beside_the_field()
    {
        await using var context = new DashboardContext(ThreePorts());
        var grid = context.Render<VlanGrid>(p => p.Add(g => g.Ports, [new BridgePort(Name("lan1"))]).Add(g => g.VlanFiltering, true));

        Fields.Type(grid, "new-vlan", "5000");
        grid.Find("[data-testid=add-vlan-column]").Click();
        Assert.Contains("VLAN id 5000 is out of range: use 1 to 4094", Fields.Text(grid, "new-vlan"));
        Assert.Empty(grid.FindAll("[data-testid^=vlan-column-]"));

        Fields.Type(grid, "new-vlan", "30");
        grid.Find("[data-testid=add-vlan-column]").Click();
        Assert.Equal("–", grid.Find("[data-testid=cell-lan1-30]").TextContent.Trim());
    }

    [Fact]
    public async Task With_vlan_filtering_off_the_grid_says_the_membership_has_no_effect()
    {
        await using var context = new DashboardContext(ThreePorts());
        var grid = context.Render<VlanGrid>(p => p.Add(g => g.Ports, [new BridgePort(Name("lan1"))]).Add(g => g.VlanFiltering, false));

        Assert.Contains("VLAN filtering is off", grid.Markup);
    }
}
