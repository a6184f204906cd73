using System.Buffers.Binary;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Tests;

/// <summary>
/// The live parts of RTM_NEWLINK (operational state, carrier, IFLA_STATS64, a bridge port's STP
/// state) on messages built as the kernel lays them out (rtnl_fill_ifinfo, br_fill_ifinfo).
/// </summary>
public sealed class LinkStateTests
{
    [Fact]
    public void Operational_state_carrier_mtu_and_counters_are_read()
    {
        var bytes = Message(AddressFamilies.Unspecified, 7, writer =>
        {
            writer.WriteString(IfLink.Name, "eth1");
            writer.WriteU32(IfLink.Mtu, 1400);
            writer.WriteU8(IfLink.OperState, OperStates.LowerLayerDown);
            writer.WriteU8(IfLink.Carrier, 0);
            writer.WriteBytes(IfLink.Stats64, Stats64(rxPackets: 10, txPackets: 20, rxBytes: 1_500_000, txBytes: 64, fields: 25));
        });

        var link = ParseOne(bytes);

        Assert.Equal("eth1", link.Name);
        Assert.Equal(1400, link.Mtu);
        Assert.Equal(OperStates.LowerLayerDown, link.OperState);
        Assert.False(link.Carrier);
        Assert.Equal(new LinkStats(10, 20, 1_500_000, 64, 5, 6, 7, 8), link.Stats);
        Assert.Null(link.BridgePortState);
    }

    [Fact]
    public void A_message_without_the_live_attributes_leaves_them_unknown()
    {
        var link = ParseOne(Message(AddressFamilies.Unspecified, 3, writer => writer.WriteString(IfLink.Name, "lo")));
        Assert.Null(link.OperState);
        Assert.Null(link.Carrier);
        Assert.Null(link.Stats);
    }

    [Fact]
    public void A_bridge_ports_state_comes_from_its_slave_data()
    {
        var bytes = Message(AddressFamilies.Unspecified, 4, writer =>
        {
            writer.WriteString(IfLink.Name, "lan1");
            writer.WriteU32(IfLink.Master, 9);
            var info = writer.BeginNested(IfLink.LinkInfo);
            writer.WriteString(IfLink.InfoSlaveKind, "bridge", nulTerminated: false);
            var data = writer.BeginNested(IfLink.InfoSlaveData);
            writer.WriteU8(IfLink.BridgePortState, BridgePortStates.Blocking);
            writer.EndNested(data);
            writer.EndNested(info);
        });

        var link = ParseOne(bytes);

        Assert.Equal(9, link.Master);
        Assert.Equal(BridgePortStates.Blocking, link.BridgePortState);
        Assert.Equal("blocking", BridgePortStates.Name(link.BridgePortState!.Value));
    }

    [Fact]
    public void An_af_bridge_message_carries_the_port_state_in_protinfo()
    {
        var bytes = Message(AddressFamilies.Bridge, 4, writer =>
        {
            writer.WriteString(IfLink.Name, "lan1");
            var info = writer.BeginNested(IfLink.ProtInfo, markNested: true);
            writer.WriteU8(IfLink.BridgePortState, BridgePortStates.Forwarding);
            writer.EndNested(info);
        });

        var link = ParseOne(bytes);

        Assert.Equal(AddressFamilies.Bridge, link.Family);
        Assert.Equal(BridgePortStates.Forwarding, link.BridgePortState);
    }

    [Fact]
    public void Protinfo_of_another_family_is_not_taken_for_a_port_state()
    {
        // AF_INET6 puts IFLA_INET6_FLAGS (also type 1, but a u32) in IFLA_PROTINFO.
        var bytes = Message(AddressFamilies.Inet6, 4, writer =>
        {
            var info = writer.BeginNested(IfLink.ProtInfo);
            writer.WriteU32(1, 0x80000000);
            writer.EndNested(info);
        });
        Assert.Null(ParseOne(bytes).BridgePortState);
    }

    [Fact]
    public void Short_stats_are_a_parse_error_with_their_offset()
    {
        var bytes = Message(AddressFamilies.Unspecified, 2, writer =>
        {
            writer.WriteString(IfLink.Name, "eth0");
            writer.WriteBytes(IfLink.Stats64, new byte[24]);
        });
        var error = Assert.Throws<NetlinkParseException>(() => ParseOne(bytes));
        Assert.Contains("IFLA_STATS64", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void A_short_operstate_is_a_parse_error()
    {
        var bytes = Message(AddressFamilies.Unspecified, 2, writer => writer.WriteBytes(IfLink.OperState, []));
        Assert.Throws<NetlinkParseException>(() => ParseOne(bytes));
    }

    [Theory]
    [InlineData(OperStates.Up, "up")]
    [InlineData(OperStates.Down, "down")]
    [InlineData(OperStates.LowerLayerDown, "lowerlayerdown")]
    [InlineData(OperStates.Unknown, "unknown")]
    [InlineData(77, "state 77")]
    public void Operational_states_are_named_as_ip_link_prints_them(byte state, string name) =>
        Assert.Equal(name, OperStates.Name(state));

    private static byte[] Message(byte family, int index, Action<NetlinkWriter> attributes)
    {
        var writer = new NetlinkWriter();
        var message = writer.BeginMessage(Rtnetlink.NewLink, 0, 1);
        var header = writer.WriteFixedHeader(Rtnetlink.LinkHeaderSize);
        header[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], index);
        attributes(writer);
        writer.EndMessage(message);
        return writer.Written.ToArray();
    }

    /// <summary>struct rtnl_link_stats64 with <paramref name="fields"/> u64: the first four as given, then 5, 6, 7...</summary>
    private static byte[] Stats64(ulong rxPackets, ulong txPackets, ulong rxBytes, ulong txBytes, int fields)
    {
        var bytes = new byte[fields * sizeof(ulong)];
        ulong[] first = [rxPackets, txPackets, rxBytes, txBytes];
        for (var field = 0; field < fields; field++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(field * sizeof(ulong)), field < 4 ? first[field] : (ulong)field + 1);
        }
        return bytes;
    }

    private static LinkInfo ParseOne(byte[] bytes)
    {
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var message));
        return LinkInfo.Parse(message);
    }
}
