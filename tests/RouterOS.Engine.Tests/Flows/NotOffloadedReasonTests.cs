using RouterOS.Domain.Values;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Tests.Support;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>Why a flow is not on the fast path: one case per reason, from the configuration, the capabilities and the routes.</summary>
public sealed class NotOffloadedReasonTests
{
    private const string Router = """
    {
      "schemaVersion": 1,
      "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
      "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" } ] } ],
      "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "lan1", "address": "192.168.2.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
      "flowtables": [ { "name": "ft", "devices": [ "br-lan", "wan0" ], "hardwareOffload": true } ],
      "offloadPolicy": [
        { "name": "no-dns", "action": "never", "match": { "protocol": "udp", "destinationPorts": [ 53 ] } },
        { "name": "tos", "action": "offload", "flowtable": "ft", "match": { "source": "192.168.1.99/32", "dscp": 46 } },
        { "name": "lan-out", "action": "offload", "flowtable": "ft", "match": { "outputInterface": "wan0" } }
      ]
    }
    """;

    private static readonly FlowRoutes Routes = FlowRoutes.From(new KernelState(
        new Dictionary<string, KernelLink>(),
        [new("br-lan", InterfaceAddress.Parse("192.168.1.1/24"), true), new("lan1", InterfaceAddress.Parse("192.168.2.1/24"), true),
         new("wan0", InterfaceAddress.Parse("203.0.113.2/24"), true)],
        [new(Cidr.Parse("192.168.1.0/24"), null, "br-lan", 0, false), new(Cidr.Parse("192.168.2.0/24"), null, "lan1", 0, false),
         new(Cidr.Parse("203.0.113.0/24"), null, "wan0", 0, false), new(Cidr.Parse("0.0.0.0/0"), IpAddress.Parse("203.0.113.1"), "wan0", 0, true)],
        null));

    private static readonly FlowContext Context = new(Configs.Parse(Router), Capabilities.Full with { HardwareOffload = new Dictionary<string, bool> { ["lan0"] = true, ["wan0"] = false } }, Routes);

    [Fact]
    public void A_kernel_without_flowtables_says_so() =>
        Assert.Equal("the kernel has no flowtable support (nf_flow_table): every connection takes the classic path",
            Reason(Tcp("192.168.1.10", "198.51.100.1", 443), new FlowContext(Configs.Parse(Router), Capabilities.Full with { Flowtable = false }, Routes)));

    [Fact]
    public void Icmp_is_never_offloaded() =>
        Assert.Equal("only TCP and UDP connections can be offloaded", Reason(Flow(Ctnetlink.ProtocolIcmp, "192.168.1.10", 0, "198.51.100.1", 0, 0)));

    [Fact]
    public void The_routers_own_connections_are_not_forwarded()
    {
        Assert.Equal("a connection to the router itself: only forwarded connections are offloaded", Reason(Tcp("192.168.1.10", "192.168.1.1", 22)));
        Assert.Equal("a connection from the router itself: only forwarded connections are offloaded", Reason(Tcp("203.0.113.2", "198.51.100.1", 443)));
    }

    [Fact]
    public void An_empty_policy_matches_nothing() =>
        Assert.Equal("no offload rule matched: the offload policy is empty",
            Reason(Tcp("192.168.1.10", "198.51.100.1", 443), new FlowContext(Configs.Parse("""{ "schemaVersion": 1, "ports": [ { "name": "wan0" } ] }"""), Capabilities.Full, Routes)));

    [Fact]
    public void No_rule_matched_says_so() =>
        // From the LAN to the other LAN: lan-out wants wan0 as the way out.
        Assert.Equal("no offload rule matched", Reason(Tcp("192.168.1.10", "192.168.2.20", 443)));

    [Fact]
    public void A_never_rule_names_itself() =>
        Assert.Equal("excluded by offload rule 'no-dns'", Reason(Flow(Ctnetlink.ProtocolUdp, "192.168.1.10", 5000, "198.51.100.1", 53, 0, Ctnetlink.StatusSeenReply)));

    [Fact]
    public void A_dscp_rule_cannot_be_replayed() =>
        Assert.StartsWith("offload rule 'tos' matches on DSCP", Reason(Tcp("192.168.1.99", "198.51.100.1", 443)), StringComparison.Ordinal);

    [Fact]
    public void A_flow_through_a_device_no_flowtable_hooks_says_which()
    {
        var context = new FlowContext(Configs.Parse(Router.Replace("{ \"name\": \"no-dns\"", "{ \"name\": \"all\", \"action\": \"offload\", \"flowtable\": \"ft\" }, { \"name\": \"no-dns\"", StringComparison.Ordinal)), Capabilities.Full, Routes);

        Assert.Equal("no flowtable covers its devices: flowtable 'ft' hooks lan0, wan0, not lan1", Reason(Tcp("192.168.2.20", "198.51.100.1", 443), context));
    }

    [Fact]
    public void A_handshake_or_a_close_keeps_it_on_the_classic_path()
    {
        Assert.Equal("not established yet (TCP syn_sent)", Reason(Tcp("192.168.1.10", "198.51.100.1", 443, state: 1)));
        Assert.Equal("closing (TCP fin_wait): a closing connection is not offloaded", Reason(Tcp("192.168.1.10", "198.51.100.1", 443, state: 4)));
        Assert.Equal("not established yet: no reply seen", Reason(Flow(Ctnetlink.ProtocolUdp, "192.168.1.10", 5000, "198.51.100.1", 4500, 0)));
    }

    [Fact]
    public void An_interface_rule_is_decided_by_the_routes_and_named()
    {
        var flow = Record(Tcp("192.168.1.10", "198.51.100.1", 443));
        var snapshot = FlowSnapshot.Of(flow, Context);

        Assert.Equal("lan-out", snapshot.OffloadRule);
        Assert.Equal(("br-lan", "wan0"), (snapshot.Path.In, snapshot.Path.Out));
        Assert.Equal("offload rule 'lan-out' selects it for flowtable 'ft': the kernel offloads it at its next packet", snapshot.NotOffloadedReason);
    }

    [Fact]
    public void Hardware_offload_refused_names_the_device_and_a_flow_in_hardware_has_no_reason()
    {
        var software = Tcp("192.168.1.10", "198.51.100.1", 443) with { Status = Ctnetlink.StatusOffload };
        Assert.Equal("hardware offload refused for wan0: the software fast path carries it", Reason(software));

        var hardware = software with { Status = Ctnetlink.StatusOffload | Ctnetlink.StatusHardwareOffload };
        Assert.Null(Reason(hardware));
    }

    private static string? Reason(ConntrackEntry entry, FlowContext? context = null) => FlowSnapshot.Of(Record(entry), context ?? Context).NotOffloadedReason;

    private static FlowRecord Record(ConntrackEntry entry) => new(entry.Id, entry, DateTimeOffset.UnixEpoch);

    private static ConntrackEntry Tcp(string source, string destination, ushort port, byte state = TcpStates.Established) =>
        Flow(Ctnetlink.ProtocolTcp, source, 40000, destination, port, state, Ctnetlink.StatusSeenReply);

    private static ConntrackEntry Flow(byte protocol, string source, ushort sourcePort, string destination, ushort destinationPort, byte state, uint status = 0)
    {
        var original = new ConntrackTuple(FlowAddress.Parse(source), FlowAddress.Parse(destination), protocol, sourcePort, destinationPort);
        var reply = new ConntrackTuple(original.Destination, original.Source, protocol, destinationPort, sourcePort);
        return new ConntrackEntry(1, original, reply, status, 30, 0, 0, state, null, null, 0);
    }
}
