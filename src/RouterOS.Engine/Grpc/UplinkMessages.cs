using Google.Protobuf.WellKnownTypes;
using RouterOS.Contracts.Engine;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Ipv6;
using RouterOS.Engine.Services.Pppoe;

namespace RouterOS.Engine.Grpc;

/// <summary>The uplinks' clients as the contract's UplinkStatus messages.</summary>
internal static class UplinkMessages
{
    public static ListUplinksReply List(UplinkServices uplinks)
    {
        var reply = new ListUplinksReply();
        reply.Uplinks.Add(uplinks.Clients.OrderBy(client => client.Client.Device.Value, StringComparer.Ordinal).Select(ToContract));
        reply.Uplinks.Add(uplinks.Sessions.OrderBy(session => session.Uplink.Name.Value, StringComparer.Ordinal).Select(ToContract));
        reply.Uplinks.Add(uplinks.Dhcpv6Clients.OrderBy(client => client.Client.Uplink.Value, StringComparer.Ordinal).Select(ToContract));
        return reply;
    }

    private static UplinkStatus ToContract(UplinkDhcpv6Client client)
    {
        var lease = client.Lease;
        var left = client.PrefixLifetimeLeft;
        var status = new UplinkStatus
        {
            Device = client.Client.Uplink.Value,
            Kind = "dhcpv6",
            State = Wire(client.State),
            Address = lease.Address is { } address ? $"{address.Value}/128" : "",
            Gateway = lease.DefaultRouter?.ToString() ?? "",
            Failure = client.Failure ?? "",
            LastExitCode = -1,
            DelegatedPrefix = lease.Prefix?.Value.ToString() ?? "",
            PrefixPreferredSeconds = left?.PreferredSeconds ?? 0,
            PrefixValidSeconds = left?.ValidSeconds ?? 0,
        };
        status.DnsServers.Add(lease.DnsServers.Select(server => server.ToString()));
        if (lease.Prefix is { } prefix)
        {
            status.LanPrefixes.Add(Ipv6UplinkSteps.LanAddresses(client.Config, client.Client.Uplink, prefix.Value)
                .Select(item => new LanPrefix { Device = item.Device, Prefix = item.Address.Subnet.ToString() }));
        }
        status.Timeline.Add(client.Timeline.Select(ToContract));
        return status;
    }

    private static UplinkStatus ToContract(UplinkDhcpClient client)
    {
        var lease = client.Lease;
        var status = new UplinkStatus
        {
            Device = client.Client.Device.Value,
            Kind = "dhcp",
            State = Wire(client.State),
            Address = lease is null ? "" : $"{lease.Address}/{lease.PrefixLength}",
            Gateway = lease?.Gateway?.ToString() ?? "",
            LeaseSeconds = (uint)Math.Max(0, lease?.LeaseSeconds ?? 0),
            Failure = client.Failure ?? "",
            LastExitCode = -1,
        };
        status.DnsServers.Add(lease?.DnsServers.Select(server => server.ToString()) ?? []);
        status.Timeline.Add(client.Timeline.Select(ToContract));
        return status;
    }

    private static UplinkStatus ToContract(PppoeSession session)
    {
        var link = session.Link;
        var status = new UplinkStatus
        {
            Device = session.Uplink.Name.Value,
            Kind = "pppoe",
            State = Wire(session.State),
            Address = link is null ? "" : $"{link.Local}/32",
            Gateway = link?.Peer?.ToString() ?? "",
            Failure = session.Failure?.Message ?? "",
            FailureCheck = session.Failure?.Check ?? "",
            Parent = session.Uplink.Parent.Value,
            SessionId = (uint)(link is null ? 0 : session.SessionId ?? 0),
            AccessConcentrator = link is null ? "" : session.AccessConcentrator ?? "",
            UpSince = session.UpSince is { } since ? Timestamp.FromDateTimeOffset(since) : null,
            Reconnects = (uint)session.Reconnects,
            LastExitCode = session.LastExitCode ?? -1,
        };
        status.DnsServers.Add(link?.DnsServers.Select(server => server.ToString()) ?? []);
        status.Timeline.Add(session.Timeline.Select(ToContract));
        return status;
    }

    private static UplinkTimelineEvent ToContract<TState>(TimelineEvent<TState> e)
        where TState : struct, System.Enum => new()
        {
            At = Timestamp.FromDateTimeOffset(e.At),
            State = Wire(e.State),
            Detail = e.Detail,
        };

    private static string Wire<TState>(TState state)
        where TState : struct, System.Enum => state.ToString().ToLowerInvariant();
}
