using RouterOS.Api.Contracts;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Services;

/// <summary>The kernel devices the router's uplinks run over, whose link readings are the uplinks' throughput.</summary>
public static class UplinkDevices
{
    /// <summary>
    /// Each PPPoE session's ppp device, each DHCP client's device and each default route's device,
    /// from the running revision, then any uplink the engine reports that the revision does not
    /// name (one still stopping after a commit); each once, in that order.
    /// </summary>
    public static IReadOnlyList<string> Of(RouterConfig? running, IReadOnlyList<UplinkStatusView> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var configured = running is null ? [] : running.Pppoe.Select(p => p.Name.Value)
            .Concat(running.DhcpOrDefault.Clients.Select(c => c.Device.Value))
            .Concat(running.Routes.Where(r => r.Destination.PrefixLength == 0 && r.Device is not null).Select(r => r.Device!.Value));
        return [.. configured.Concat(live.Select(u => u.Device)).Distinct(StringComparer.Ordinal)];
    }
}
