using System.Net;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Flows.Stale;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>Which rtnetlink changes leave fast-path entries stale, and which flows they cover.</summary>
public sealed class NetworkChangeTrackerTests
{
    private const uint Running = IfLink.FlagUp | IfLink.FlagLowerUp;

    [Fact]
    public void A_link_that_stops_running_is_a_cause_once_and_a_repeat_is_not()
    {
        var tracker = new NetworkChangeTracker();
        Assert.Null(tracker.Link(Link(3, "wan0", Running), deleted: false));

        var down = tracker.Link(Link(3, "wan0", IfLink.FlagUp), deleted: false)!;

        Assert.Equal(new StaleCause("link wan0 went down", "wan0", []), down with { Neighbours = [] });
        Assert.Null(tracker.Link(Link(3, "wan0", IfLink.FlagUp), deleted: false));
        Assert.Null(tracker.Link(Link(3, "wan0", Running), deleted: false));
    }

    [Fact]
    public void A_neighbour_changing_its_mac_is_a_cause_for_flows_through_it()
    {
        var tracker = Known();
        Assert.Null(tracker.Neighbour(Neighbour(2, "192.168.1.100", "02:00:00:00:00:01"), deleted: false));
        Assert.Null(tracker.Neighbour(Neighbour(2, "192.168.1.100", "02:00:00:00:00:01"), deleted: false));

        var changed = tracker.Neighbour(Neighbour(2, "192.168.1.100", "02:00:00:00:00:02"), deleted: false)!;

        Assert.Equal("neighbour 192.168.1.100 on br-lan changed its MAC from 02:00:00:00:00:01 to 02:00:00:00:00:02", changed.Why);
        Assert.True(changed.Covers(Flow("192.168.1.100", "198.51.100.1"), new FlowPath("br-lan", Address("192.168.1.100"), "wan0", Address("203.0.113.1"), false, false)));
        Assert.False(changed.Covers(Flow("192.168.1.101", "198.51.100.1"), new FlowPath("br-lan", Address("192.168.1.101"), "wan0", Address("203.0.113.1"), false, false)));
    }

    [Fact]
    public void A_mac_learnt_on_another_bridge_port_moves_its_hosts_flows()
    {
        var tracker = Known();
        tracker.Neighbour(Neighbour(2, "192.168.1.100", "02:00:00:00:00:01"), deleted: false);
        Assert.Null(tracker.Neighbour(Fdb(4, master: 2, "02:00:00:00:00:01"), deleted: false));
        // The port goes down (its entries are flushed) and the host comes back on the other port.
        Assert.Null(tracker.Neighbour(Fdb(4, master: 2, "02:00:00:00:00:01"), deleted: true));

        var moved = tracker.Neighbour(Fdb(5, master: 2, "02:00:00:00:00:01"), deleted: false)!;

        Assert.Equal("02:00:00:00:00:01 moved from lan1 to lan2 on br-lan", moved.Why);
        Assert.Equal("br-lan", moved.Device);
        Assert.Equal([Address("192.168.1.100")], moved.Neighbours);
    }

    [Fact]
    public void A_bridge_port_going_down_covers_the_hosts_behind_it()
    {
        var tracker = Known();
        tracker.Neighbour(Neighbour(2, "192.168.1.100", "02:00:00:00:00:01"), deleted: false);
        tracker.Neighbour(Fdb(4, master: 2, "02:00:00:00:00:01"), deleted: false);

        var down = tracker.Link(Link(4, "lan1", IfLink.FlagUp, master: 2), deleted: false)!;

        Assert.Equal(("link lan1 went down (a port of br-lan)", "br-lan"), (down.Why, down.Device));
        Assert.Equal([Address("192.168.1.100")], down.Neighbours);
    }

    [Fact]
    public void A_removed_address_covers_flows_through_its_device_and_to_the_address()
    {
        var tracker = Known();

        var removed = tracker.AddressRemoved(new AddressInfo(3, IPAddress.Parse("203.0.113.2"), 24, 0, 201))!;

        Assert.Equal("address 203.0.113.2/24 was removed from wan0", removed.Why);
        Assert.True(removed.Covers(Flow("192.168.1.100", "198.51.100.1"), new FlowPath("br-lan", null, "wan0", null, false, false)));
        Assert.True(removed.Covers(Flow("203.0.113.2", "198.51.100.1"), new FlowPath(null, null, null, null, true, false)));
        Assert.False(removed.Covers(Flow("192.168.1.100", "192.168.2.1"), new FlowPath("br-lan", null, "lan9", null, false, false)));
    }

    [Fact]
    public void A_pppoe_sessions_device_is_left_to_the_sessions_end()
    {
        var tracker = new NetworkChangeTracker();
        var ppp = new LinkInfo(9, "ppp-wan", 512, Running, 1492, 0, 0, null, "ppp", null, null);
        tracker.Link(ppp, deleted: false);

        Assert.Null(tracker.AddressRemoved(new AddressInfo(9, IPAddress.Parse("10.64.0.10"), 32, 0, 0)));
        Assert.Null(tracker.Link(ppp, deleted: true));
    }

    private static NetworkChangeTracker Known()
    {
        var tracker = new NetworkChangeTracker();
        tracker.Link(Link(2, "br-lan", Running), deleted: false);
        tracker.Link(Link(3, "wan0", Running), deleted: false);
        tracker.Link(Link(4, "lan1", Running, master: 2), deleted: false);
        tracker.Link(Link(5, "lan2", Running, master: 2), deleted: false);
        return tracker;
    }

    private static LinkInfo Link(int index, string name, uint flags, int master = 0) => new(index, name, 1, flags, 1500, master, 0, null, null, null, null);

    private static NeighbourInfo Neighbour(int index, string address, string mac) => new(AddressFamilies.Inet, index, 0x02, Address(address), mac, 0);

    private static NeighbourInfo Fdb(int port, int master, string mac) => new(AddressFamilies.Bridge, port, 0x02, null, mac, master);

    private static FlowAddress Address(string text) => FlowAddress.Parse(text);

    private static ConntrackEntry Flow(string source, string destination)
    {
        var original = new ConntrackTuple(Address(source), Address(destination), 6, 40000, 443);
        return new ConntrackEntry(1, original, original with { Source = original.Destination, Destination = original.Source, SourcePort = 443, DestinationPort = 40000 }, 0, 30, 0, 0, 3, null, null, 0);
    }
}
