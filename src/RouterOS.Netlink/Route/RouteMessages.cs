using System.Net;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Wire;

namespace RouterOS.Netlink.Route;

/// <summary>A route as the kernel reports it (RTM_NEWROUTE).</summary>
/// <param name="Destination">Null for a default route (no RTA_DST).</param>
public sealed record RouteInfo(
    byte Family,
    IPAddress? Destination,
    byte DestinationLength,
    IPAddress? Gateway,
    int OutputInterface,
    uint Metric,
    uint Table,
    byte Protocol,
    byte Scope,
    byte Type)
{
    public static RouteInfo Parse(NetlinkMessage message)
    {
        var header = message.FixedHeader(Rtnetlink.RouteHeaderSize);
        var family = header[0];
        var destinationLength = header[1];
        uint table = header[4];
        var protocol = header[5];
        var scope = header[6];
        var type = header[7];
        IPAddress? destination = null, gateway = null;
        int outputInterface = 0;
        uint metric = 0;
        var attributes = message.Attributes(Rtnetlink.RouteHeaderSize);
        while (attributes.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Rtnetlink.RouteDestination: destination = AddressBytes.ToAddress(family, attribute.Value, attribute.Offset); break;
                case Rtnetlink.RouteGateway: gateway = AddressBytes.ToAddress(family, attribute.Value, attribute.Offset); break;
                case Rtnetlink.RouteOutputInterface: outputInterface = (int)attribute.U32(); break;
                case Rtnetlink.RoutePriority: metric = attribute.U32(); break;
                case Rtnetlink.RouteTable: table = attribute.U32(); break;
            }
        }
        return new RouteInfo(family, destination, destinationLength, gateway, outputInterface, metric, table, protocol, scope, type);
    }
}

/// <summary>What a route request adds or removes, in the main table.</summary>
/// <param name="Destination">The network address (host bits zero).</param>
/// <param name="OutputInterface">0 when only a gateway is given.</param>
/// <param name="Unreachable">RTN_UNREACHABLE: no gateway, no device; the kernel answers ICMP unreachable.</param>
public sealed record RouteSpec(IPAddress Destination, byte DestinationLength, IPAddress? Gateway, int OutputInterface, uint Metric, byte Protocol, bool Unreachable = false);

/// <summary>RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE requests.</summary>
public static class RouteRequests
{
    public static void Dump(NetlinkWriter writer, uint sequence)
    {
        var message = writer.BeginMessage(Rtnetlink.GetRoute, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagDump, sequence);
        writer.WriteFixedHeader(Rtnetlink.RouteHeaderSize);
        writer.EndMessage(message);
    }

    public static void Add(NetlinkWriter writer, uint sequence, RouteSpec route) =>
        Write(writer, sequence, Rtnetlink.NewRoute,
            NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck | NetlinkProtocol.FlagCreate | NetlinkProtocol.FlagExclusive, route);

    public static void Delete(NetlinkWriter writer, uint sequence, RouteSpec route) =>
        Write(writer, sequence, Rtnetlink.DeleteRoute, NetlinkProtocol.FlagRequest | NetlinkProtocol.FlagAck, route);

    /// <summary>struct rtmsg { family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; } + attributes, as `ip route add` sends them.</summary>
    private static void Write(NetlinkWriter writer, uint sequence, ushort type, ushort flags, RouteSpec route)
    {
        var message = writer.BeginMessage(type, flags, sequence);
        var header = writer.WriteFixedHeader(Rtnetlink.RouteHeaderSize);
        header[0] = AddressBytes.FamilyOf(route.Destination);
        header[1] = route.DestinationLength;
        header[4] = Rtnetlink.TableMain;
        header[5] = route.Protocol;
        var delete = type == Rtnetlink.DeleteRoute;
        // A route with no gateway reaches its destination directly on the link. A delete matches
        // any scope and type (RT_SCOPE_NOWHERE, 0), as `ip route del` asks.
        header[6] = delete ? Rtnetlink.ScopeNowhere : route.Gateway is null && !route.Unreachable ? Rtnetlink.ScopeLink : Rtnetlink.ScopeUniverse;
        header[7] = delete ? (byte)0 : route.Unreachable ? Rtnetlink.RouteTypeUnreachable : Rtnetlink.RouteTypeUnicast;
        Span<byte> bytes = stackalloc byte[16];
        if (route.DestinationLength > 0)
        {
            route.Destination.TryWriteBytes(bytes, out var written);
            writer.WriteBytes(Rtnetlink.RouteDestination, bytes[..written]);
        }
        if (route.Metric != 0)
        {
            writer.WriteU32(Rtnetlink.RoutePriority, route.Metric);
        }
        if (route.Gateway is { } gateway)
        {
            gateway.TryWriteBytes(bytes, out var written);
            writer.WriteBytes(Rtnetlink.RouteGateway, bytes[..written]);
        }
        if (route.OutputInterface != 0)
        {
            writer.WriteU32(Rtnetlink.RouteOutputInterface, checked((uint)route.OutputInterface));
        }
        writer.EndMessage(message);
    }
}
