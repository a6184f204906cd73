using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services.Pppoe;

namespace RouterOS.Engine.Services.Uplinks;

/// <summary>
/// The uplinks at run time: their supervised DHCP clients and PPPoE sessions
/// (<see cref="UplinkServices"/>), and what their leases and sessions do to the router. A lease
/// or a session becomes plan steps (<see cref="UplinkSteps"/>) that the <see cref="Applier"/> runs
/// on the kernel's thread, the one write path every configuration change takes; the DNS servers
/// they bring go to the LANs' forwarder.
/// </summary>
public sealed partial class UplinkRuntime : IAsyncDisposable
{
    private readonly IRouterKernel _kernel;
    private readonly LanServices _lan;
    private readonly Func<RouterConfig?> _applied;
    private readonly Action _repairDrift;
    private readonly ILogger _logger;
    private readonly UplinkDns _dns = new();
    private readonly TimeProvider _time;

    /// <param name="applied">The configuration applied now (its static routes through a session come back with it).</param>
    /// <param name="repairDrift">Queues a drift repair behind whatever operation runs now; never throws.</param>
    public UplinkRuntime(IRouterKernel kernel, string stateDirectory, LanServices lan, Func<RouterConfig?> applied, Action repairDrift, TimeProvider time, ILogger logger)
    {
        _kernel = kernel;
        _lan = lan;
        _applied = applied;
        _repairDrift = repairDrift;
        _logger = logger;
        _time = time;
        Services = new UplinkServices(kernel.NamespaceName, stateDirectory, time, logger, OnLeaseAsync, OnSessionAsync, OnDhcpv6LeaseAsync);
    }

    public UplinkServices Services { get; }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private async Task OnLeaseAsync(DhcpClient client, LeaseEvent? lease, LeaseEvent? previous)
    {
        await RunAsync(state => UplinkSteps.ForLease(client, lease, previous, state));
        await _lan.SetUplinkDnsAsync(_dns.Set(client.Device.Value, lease is not null && client.UsePeerDns ? lease.DnsServers : null));
    }

    /// <summary>
    /// What an uplink's DHCPv6 lease brings: the LANs' addresses from the delegated prefix, the
    /// uplink's address and default route, and the DNS servers (under the uplink's name with "/6",
    /// beside its DHCPv4 lease's).
    /// </summary>
    private async Task OnDhcpv6LeaseAsync(RouterConfig config, Dhcpv6Client client, Ipv6.Dhcpv6Lease lease, Ipv6.Dhcpv6Lease previous)
    {
        var now = _time.GetUtcNow();
        await RunAsync(state => Ipv6.Ipv6UplinkSteps.ForLease(config, client, lease, previous, state, now));
        await _lan.SetUplinkDnsAsync(_dns.Set($"{client.Uplink}/6", client.UsePeerDns && lease.DnsServers.Count > 0 ? lease.DnsServers : null));
    }

    /// <summary>
    /// What a PPPoE session brings and leaves. Up: its default route and the peer's DNS. The
    /// firewall, masquerade and MSS clamping name the device, not its index, so they hold for
    /// every new session without a reload; static routes through it are put back by a drift
    /// repair. Ended: the connections through the dead session are deleted, and their flowtable
    /// entries with them.
    /// </summary>
    private async Task OnSessionAsync(PppoeUplink uplink, PppoeLink? up, PppoeLink? ended)
    {
        var device = uplink.Name.Value;
        if (ended is not null)
        {
            var flushed = await _kernel.RunAsync(session => Execute(session, [UplinkSteps.ForSessionEnd(uplink, ended)]));
            LogSessionFlows(device, ended.Local.ToString(), flushed);
        }
        if (up is not null)
        {
            await RunAsync(state => UplinkSteps.ForSession(uplink, state));
            if (_applied()?.Routes.Any(route => route.Device == uplink.Name) == true)
            {
                // Not awaited: this runs inside an apply when the apply updates the session, and
                // the apply waits for the session's handler; the repair queues behind the apply.
                _repairDrift();
            }
        }
        await _lan.SetUplinkDnsAsync(_dns.Set(device, up is not null && uplink.UsePeerDns ? up.DnsServers : null));
    }

    /// <summary>Reads the network, plans from it and applies, in one piece of work on the kernel's thread.</summary>
    private Task<int> RunAsync(Func<KernelState, IReadOnlyList<PlanStep>> plan) =>
        _kernel.RunAsync(session => Execute(session, plan(session.ReadNetwork())));

    /// <returns>How many connections the steps deleted.</returns>
    /// <exception cref="KernelException">A step failed: the lease or session reports it as its failure.</exception>
    private static int Execute(KernelSession session, IReadOnlyList<PlanStep> steps)
    {
        if (steps.Count == 0)
        {
            return 0;
        }
        var outcome = Applier.Execute(new Plan([], steps, ""), session);
        return outcome.Succeeded ? outcome.ConnectionsDeleted : throw new KernelException(outcome.Error ?? "a kernel change failed");
    }

    [LoggerMessage(LogLevel.Information, "PPPoE {Device}: the session with {Address} ended; {Count} connections through it deleted")]
    private partial void LogSessionFlows(string device, string address, int count);
}
