using RouterOS.Api.Contracts;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Engine;

internal static partial class EngineMessages
{
    public static List<DhcpLeaseView> ToViews(this Proto.ListDhcpLeasesReply reply) =>
        [.. reply.Leases.Select(lease => new DhcpLeaseView(lease.Mac, lease.Address, NullIfEmpty(lease.Hostname), lease.Expires?.ToDateTimeOffset()))];

    public static List<UplinkStatusView> ToViews(this Proto.ListUplinksReply reply) => [.. reply.Uplinks.Select(uplink => new UplinkStatusView(
        uplink.Device, uplink.Kind, uplink.State, NullIfEmpty(uplink.Address), NullIfEmpty(uplink.Gateway), [.. uplink.DnsServers],
        (int)uplink.LeaseSeconds, NullIfEmpty(uplink.Failure),
        [.. uplink.Timeline.Select(e => new UplinkEventView(e.At.ToDateTimeOffset(), e.State, e.Detail))],
        NullIfEmpty(uplink.FailureCheck), NullIfEmpty(uplink.Parent), uplink.SessionId == 0 ? null : (int)uplink.SessionId,
        NullIfEmpty(uplink.AccessConcentrator), uplink.UpSince?.ToDateTimeOffset(), (int)uplink.Reconnects,
        // -1: pppd has not exited yet.
        uplink.LastExitCode < 0 ? null : uplink.LastExitCode,
        NullIfEmpty(uplink.DelegatedPrefix), uplink.PrefixPreferredSeconds, uplink.PrefixValidSeconds,
        [.. uplink.LanPrefixes.Select(lan => new LanPrefixView(lan.Device, lan.Prefix))]))];
}
