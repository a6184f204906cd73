using Google.Protobuf.WellKnownTypes;
using RouterOS.Contracts.Engine;

namespace RouterOS.Engine.Grpc;

/// <summary>dnsmasq's leases as the contract's DhcpLease messages, for ListDhcpLeases and WatchDhcpLeases alike.</summary>
internal static class LeaseMessages
{
    public static ListDhcpLeasesReply List(IEnumerable<Services.DhcpLease> leases)
    {
        var reply = new ListDhcpLeasesReply();
        reply.Leases.Add(leases.Select(lease => new DhcpLease
        {
            Mac = lease.Mac,
            Address = lease.Address,
            Hostname = lease.Hostname ?? "",
            Expires = lease.Expires is { } expires ? Timestamp.FromDateTimeOffset(expires) : null,
        }));
        return reply;
    }
}
