using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Pppoe;
using RouterOS.Engine.State;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// The engine's state machine: plan, apply (restoring the previous state when a step fails),
/// commit-confirm with its own deadline, rollback, drift repair. All kernel work runs on the
/// router namespace's thread, and each of these operations as a whole passes one gate, so they
/// never overlap.
/// </summary>
public sealed partial class RouterEngine : IDisposable
{
    private readonly RouterKernel _kernel;
    private readonly EngineStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _timerLock = new();
    private readonly OperationGate _gate = new();
    private ITimer? _deadlineTimer;

    /// <summary>The DNS servers each uplink's lease or session gave (for the uplinks that use them), by device.</summary>
    private readonly Dictionary<string, IReadOnlyList<System.Net.IPAddress>> _uplinkDns = [];

    public RouterEngine(RouterKernel kernel, EngineStateStore store, TimeProvider time, ILogger<RouterEngine> logger)
    {
        _kernel = kernel;
        _store = store;
        _time = time;
        _logger = logger;
        Lan = new LanServices(kernel.NamespaceName, store.StateDirectory, time, logger);
        Uplinks = new UplinkServices(kernel.NamespaceName, store.StateDirectory, time, logger, ApplyLeaseAndDnsAsync, ApplySessionAsync);
    }

    /// <summary>The uplinks' DHCP clients and PPPoE sessions, applied after the kernel with each configuration.</summary>
    public UplinkServices Uplinks { get; }

    /// <summary>The DHCP server and DNS forwarder (dnsmasq), applied after the kernel with each configuration.</summary>
    public LanServices Lan { get; }

    public Capabilities Capabilities { get; private set; } = Capabilities.Full;

    /// <summary>For tests: return true to fail before a step, as a kernel error there would.</summary>
    internal Func<PlanStep, bool>? FaultBefore { get; set; }

    /// <summary>Every kernel change request sent so far (netlink messages and ruleset batches).</summary>
    public long KernelWrites => _kernel.Run(session => session.KernelWrites);

    public StoredRevision? Applied => _store.Applied;
    public StoredRevision? Confirmed => _store.Confirmed;
    public PendingConfirm? Pending => _store.Pending;

    /// <summary>Probes the kernel and puts back the last confirmed configuration (after a restart or reboot).</summary>
    public async Task StartAsync()
    {
        Capabilities = await _kernel.RunAsync(CapabilityProbe.Run);
        // Fail closed: the engine's table (the last one loaded, or the base) is in place before the router forwards a packet.
        await _kernel.RunAsync(session => ClosedFirewall.Hold(session, _store));
        BeforeForwarding?.Invoke();
        await _kernel.RunAsync(_ => ClosedFirewall.EnableForwarding());
        foreach (var note in Capabilities.Notes)
        {
            LogCapability(note);
        }
        await _gate.RunAsync(RestoreAtStartAsync);
    }

    public Task<Capabilities> ProbeAsync() => _kernel.RunAsync(session => Capabilities = CapabilityProbe.Run(session));

    /// <summary>What applying <paramref name="config"/> would do, with the kernel's own check of the ruleset.</summary>
    public async Task<Plan> PlanAsync(RouterConfig config) => WithServices(await _kernel.RunAsync(session =>
        Applier.CheckRuleset(Planner.Create(config, _store.Applied?.Config, session.Read(), Capabilities, _store.Ruleset, _store.Originals), session)), config);

    public Task<ApplyResult> ApplyAsync(RouterConfig config, long revision, TimeSpan? confirmWithin) =>
        _gate.RunAsync(() => ApplyUnderGateAsync(config, revision, confirmWithin));

    private async Task<ApplyResult> ApplyUnderGateAsync(RouterConfig config, long revision, TimeSpan? confirmWithin)
    {
        var result = await _kernel.RunAsync(session => ApplyOnThread(session, config));
        if (!result.Applied)
        {
            return result;
        }
        // The services follow the kernel: dnsmasq binds to devices this apply may have created.
        result = result with { Plan = WithServices(result.Plan, config) };
        await Lan.ApplyAsync(config);
        await Uplinks.ApplyAsync(config);
        _store.SaveApplied(revision, config);
        FailClosed = null;
        if (confirmWithin is { } window && window > TimeSpan.Zero)
        {
            var pending = new PendingConfirm(revision, _time.GetUtcNow() + window);
            _store.SavePending(pending);
            ArmDeadline(pending);
        }
        else
        {
            _store.SaveConfirmed(revision, config);
            _store.SavePending(null);
            ArmDeadline(null);
        }
        return result;
    }

    /// <returns>An error, or null when confirmed.</returns>
    /// <remarks>Behind the gate: a confirm that arrives while the deadline's rollback runs is refused, not lost.</remarks>
    public Task<string?> ConfirmAsync(long revision) => _gate.RunAsync(() => Task.FromResult(ConfirmUnderGate(revision)));

    private string? ConfirmUnderGate(long revision)
    {
        if (_store.Pending is not { } pending)
        {
            return _store.Confirmed?.Revision == revision ? null : $"revision {revision} is not waiting for confirmation";
        }
        if (pending.Revision != revision)
        {
            return $"revision {pending.Revision} is waiting for confirmation, not {revision}";
        }
        ArmDeadline(null);
        _store.SaveConfirmed(revision, _store.Applied!.Config);
        _store.SavePending(null);
        return null;
    }

    /// <summary>Puts back the last confirmed configuration (the empty one, whose table is the base ruleset, if none was ever confirmed).</summary>
    public Task<ApplyResult> RollbackAsync() => _gate.RunAsync(RollbackUnderGateAsync);

    private async Task<ApplyResult> RollbackUnderGateAsync()
    {
        ArmDeadline(null);
        var confirmed = _store.Confirmed;
        return await ApplyUnderGateAsync(confirmed?.Config ?? RouterConfig.Empty, confirmed?.Revision ?? 0, confirmWithin: null);
    }

    /// <summary>Re-applies the running configuration: whatever changed behind the engine's back is put back.</summary>
    /// <returns>The steps that were needed (empty when nothing drifted).</returns>
    public Task<IReadOnlyList<PlanStep>> RepairDriftAsync() => _gate.RunAsync(RepairDriftUnderGateAsync);

    private async Task<IReadOnlyList<PlanStep>> RepairDriftUnderGateAsync()
    {
        if (FailClosed is not null)
        {
            return await KeepClosedAsync();
        }
        if (_store.Applied is not { } applied)
        {
            return [];
        }
        // One read of the kernel and one plan: the apply's own plan is the drift.
        var result = await _kernel.RunAsync(session => ApplyOnThread(session, applied.Config));
        if (!result.Applied)
        {
            return [];
        }
        foreach (var step in result.Plan.Steps)
        {
            LogDrift(step.ToString());
        }
        return result.Plan.Steps;
    }

    public void Dispose()
    {
        ArmDeadline(null);
        Uplinks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Lan.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task ApplyLeaseAndDnsAsync(DhcpClient client, LeaseEvent? lease, LeaseEvent? previous)
    {
        await ApplyLeaseAsync(client, lease, previous);
        await SetUplinkDnsAsync(client.Device.Value, lease is not null && client.UsePeerDns ? lease.DnsServers : null);
    }

    /// <summary>The router's DNS forwarder asks the servers the uplinks were given (when no upstream is configured).</summary>
    private async Task SetUplinkDnsAsync(string device, IReadOnlyList<System.Net.IPAddress>? servers)
    {
        List<System.Net.IPAddress> all;
        lock (_uplinkDns)
        {
            if (servers is null)
            {
                _uplinkDns.Remove(device);
            }
            else
            {
                _uplinkDns[device] = servers;
            }
            all = [.. _uplinkDns.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value).Distinct()];
        }
        await Lan.SetUplinkDnsAsync(all);
    }

    /// <summary>
    /// What a PPPoE session brings and leaves. Up: the default route through the ppp device
    /// (with the configured metric; pppd's own defaultroute cannot set one) and the peer's DNS.
    /// The firewall, masquerade and MSS clamping name the device, not its index, so they hold for
    /// every new session without a reload; static routes through it are put back by a drift
    /// repair (only what is missing is written). Ended: the connections through the dead
    /// session (labelled by the forward chain) and from its address are deleted, and their
    /// flowtable entries with them.
    /// </summary>
    private async Task ApplySessionAsync(PppoeUplink uplink, PppoeLink? up, PppoeLink? ended)
    {
        var device = uplink.Name.Value;
        if (ended is not null)
        {
            var flushed = await _kernel.RunAsync(_ => Flows.ConntrackFlush.DeleteSession(ended.Local, Nft.RulesetGenerator.SessionLabel(uplink.Name)));
            LogSessionFlows(device, ended.Local.ToString(), flushed);
        }
        if (up is not null)
        {
            await _kernel.RunAsync(session => ApplySessionRoute(session, uplink));
            if (Applied?.Config.Routes.Any(route => route.Device == uplink.Name) == true)
            {
                // Not awaited: this runs inside an apply when the apply updates the session, and
                // the apply waits for the session's handler; the repair queues behind the gate.
                RepairDriftLater();
            }
        }
        await SetUplinkDnsAsync(device, up is not null && uplink.UsePeerDns ? up.DnsServers : null);
    }

    /// <summary>A drift repair after whatever operation runs now; its failure is logged, never thrown.</summary>
    private void RepairDriftLater() => _ = Task.Run(async () =>
    {
        try
        {
            await RepairDriftAsync();
        }
        catch (Exception exception) when (exception is KernelException or IOException)
        {
            LogRepairFailed(exception.Message);
        }
    });

    private static bool ApplySessionRoute(KernelSession session, PppoeUplink uplink)
    {
        var device = uplink.Name.Value;
        var state = session.ReadNetwork();
        if (state.Link(device) is not { } link)
        {
            return false;
        }
        // The session's default routes: through the device, no gateway (point-to-point), not the configuration's.
        var present = state.Routes.Where(route => route.Destination == "0.0.0.0/0" && route.Device == device && route.Gateway is null && !route.Ours).ToList();
        uint? wanted = uplink.DefaultRoute ? (uint)uplink.DefaultRouteMetric : null;
        foreach (var stale in present.Where(route => route.Metric != wanted))
        {
            session.Rtnetlink.DeleteRoute(SessionRoute(link.Index, stale.Metric), $"default dev {device} metric {stale.Metric} (PPPoE)");
        }
        if (wanted is { } metric && !present.Any(route => route.Metric == metric))
        {
            session.Rtnetlink.AddRoute(SessionRoute(link.Index, metric), $"default dev {device} metric {metric} (PPPoE session)");
        }
        return true;
    }

    private static Netlink.Route.RouteSpec SessionRoute(int index, uint metric) =>
        new(System.Net.IPAddress.Any, 0, null, index, metric, EngineMarks.SessionRouteProtocol);

    /// <summary>
    /// Puts a DHCP lease into the kernel (or takes the previous one out): its address, tagged as a
    /// lease's so drift repair leaves it, and the default route through its gateway (RTPROT_DHCP)
    /// with the configured metric. Runs on the namespace's thread like every kernel change.
    /// </summary>
    private Task<bool> ApplyLeaseAsync(DhcpClient client, LeaseEvent? lease, LeaseEvent? previous) => _kernel.RunAsync(session =>
    {
        var device = client.Device.Value;
        var state = session.ReadNetwork();
        if (state.Link(device) is not { } link)
        {
            return false;
        }
        var sameAddress = lease is not null && previous is not null && lease.Address!.Equals(previous.Address) && lease.PrefixLength == previous.PrefixLength;
        var sameRoute = lease is not null && previous is not null && lease.Gateway?.Equals(previous.Gateway) == true;
        if (previous is { Address: { } oldAddress } && !sameAddress
            && state.Addresses.Any(a => a.Device == device && a.Address == $"{oldAddress}/{previous.PrefixLength}"))
        {
            session.Rtnetlink.DeleteAddress(link.Index, device, oldAddress, previous.PrefixLength);
        }
        if (client.DefaultRoute && previous?.Gateway is { } oldGateway && !sameRoute
            && state.Routes.Any(r => r.Destination == "0.0.0.0/0" && r.Gateway == oldGateway.ToString() && r.Metric == (uint)client.RouteMetric))
        {
            session.Rtnetlink.DeleteRoute(DefaultRoute(oldGateway, link.Index, client), $"default via {oldGateway} (DHCP lease ended)");
        }
        if (lease is null)
        {
            return true;
        }
        if (!state.Addresses.Any(a => a.Device == device && a.Address == $"{lease.Address}/{lease.PrefixLength}"))
        {
            session.Rtnetlink.AddAddress(link.Index, device, lease.Address!, lease.PrefixLength, EngineMarks.LeaseAddressProtocol);
        }
        if (client.DefaultRoute && lease.Gateway is { } gateway
            && !state.Routes.Any(r => r.Destination == "0.0.0.0/0" && r.Gateway == gateway.ToString() && r.Metric == (uint)client.RouteMetric))
        {
            session.Rtnetlink.AddRoute(DefaultRoute(gateway, link.Index, client), $"default via {gateway} (DHCP lease)");
        }
        return true;
    });

    private static Netlink.Route.RouteSpec DefaultRoute(System.Net.IPAddress gateway, int index, DhcpClient client) =>
        new(System.Net.IPAddress.Any, 0, gateway, index, (uint)client.RouteMetric, EngineMarks.LeaseRouteProtocol);

    /// <summary>The plan with what the configuration does to the supervised services (after its kernel steps).</summary>
    private Plan WithServices(Plan plan, RouterConfig config)
    {
        if (plan.HasErrors)
        {
            return plan;
        }
        var step = Lan.ChangeFor(config) switch
        {
            ServiceChange.Start => new ServiceStep("dhcp.servers", "create", ChangeClass.AppliedLive, "start dnsmasq (DHCP server and DNS forwarder for the LANs)"),
            ServiceChange.Restart => new ServiceStep("dhcp.servers", "change", ChangeClass.Restart, "restart dnsmasq with the new DHCP and DNS settings (leases are kept)"),
            ServiceChange.Stop => new ServiceStep("dhcp.servers", "delete", ChangeClass.AppliedLive, "stop dnsmasq: no DHCP server is configured"),
            _ => null,
        };
        var uplinks = Uplinks.ChangesFor(config).Select(change => change.Change switch
        {
            ServiceChange.Start => new ServiceStep(ConfigPath.Item("dhcp.clients", change.Device), "create", ChangeClass.AppliedLive, $"start the DHCP client on {change.Device}"),
            ServiceChange.Restart => new ServiceStep(ConfigPath.Item("dhcp.clients", change.Device), "change", ChangeClass.Restart, $"restart the DHCP client on {change.Device}: it asks for a new lease"),
            _ => new ServiceStep(ConfigPath.Item("dhcp.clients", change.Device), "delete", ChangeClass.AppliedLive, $"stop the DHCP client on {change.Device}: its lease is released and removed"),
        });
        var sessions = Uplinks.SessionChangesFor(config).Select(change => change.Change switch
        {
            ServiceChange.Start => new ServiceStep(ConfigPath.Item("pppoe", change.Name), "create", ChangeClass.AppliedLive, $"start the PPPoE session {change.Name}"),
            ServiceChange.Restart => new ServiceStep(ConfigPath.Item("pppoe", change.Name), "change", ChangeClass.Restart,
                $"restart the PPPoE session {change.Name}: a setting it dials with changed (the session ends with PADT and dials again)"),
            ServiceChange.Update => new ServiceStep(ConfigPath.Item("pppoe", change.Name), "change", ChangeClass.AppliedLive,
                $"update the PPPoE uplink {change.Name}: the session stays up"),
            _ => new ServiceStep(ConfigPath.Item("pppoe", change.Name), "delete", ChangeClass.AppliedLive, $"stop the PPPoE session {change.Name} (PADT)"),
        });
        return plan with { Steps = [.. plan.Steps, .. step is null ? [] : new[] { step }, .. uplinks, .. sessions] };
    }

    private ApplyResult ApplyOnThread(KernelSession session, RouterConfig config)
    {
        var previous = _store.Applied?.Config;
        var before = session.Read();
        var originals = _store.Originals;
        var plan = Planner.Create(config, previous, before, Capabilities, _store.Ruleset, originals);
        if (plan.HasErrors)
        {
            var first = plan.Findings.First(finding => finding.Severity == Domain.Verification.Severity.Error);
            return new ApplyResult(false, plan, first.Message, first.Path, 0);
        }
        var writesBefore = session.KernelWrites;
        var outcome = Applier.Execute(plan, session, FaultBefore);
        if (outcome.Ruleset is { } loaded)
        {
            _store.SaveRuleset(loaded);
        }
        if (outcome.Succeeded)
        {
            SaveOriginals(originals, originals.After(config, previous, plan, before));
            FlushNoLongerForwarded(session, previous, config, before);
            return new ApplyResult(true, plan, null, null, session.KernelWrites - writesBefore);
        }
        LogApplyFailed(outcome.FailedStep!.ToString(), outcome.Error);
        Restore(session, previous, config, before);
        return new ApplyResult(false, plan, $"{outcome.FailedStep.Detail} failed: {outcome.Error}; the previous state was restored", outcome.ErrorPath, session.KernelWrites - writesBefore);
    }

    /// <summary>
    /// After a failed step: back to the previous configuration, deleting what the failed attempt
    /// created, then every link that was there before back to its MTU, admin state, MAC and bridge.
    /// </summary>
    private void Restore(KernelSession session, RouterConfig? previous, RouterConfig attempted, KernelState before)
    {
        var target = previous ?? RouterConfig.Empty;
        var plan = Planner.Create(target, Ownership.Union(previous, Ownership.CreatedBy(attempted, before)), session.Read(), Capabilities, loadedRuleset: null, _store.Originals);
        var steps = previous is null ? plan.Steps.Where(step => step is not RulesetStep).ToList() : plan.Steps;
        var outcome = Applier.Execute(plan with { Steps = steps }, session);
        if (previous is null)
        {
            ClosedFirewall.LoadBase(session, _store);
        }
        else if (outcome.Ruleset is { } loaded)
        {
            _store.SaveRuleset(loaded);
        }
        if (!outcome.Succeeded)
        {
            LogRestoreFailed(0, outcome.Error);
        }
        var linksBack = LinkRestore.StepsBack(before, session.Read());
        if (linksBack.Count > 0)
        {
            var back = Applier.Execute(new Plan([], linksBack, ""), session);
            if (!back.Succeeded)
            {
                LogRestoreFailed(0, back.Error);
            }
        }
    }

    /// <summary>Written only when something changed: a drift repair usually changes nothing.</summary>
    private void SaveOriginals(KernelOriginals was, KernelOriginals now)
    {
        if (!was.Links.SequenceEqual(now.Links))
        {
            _store.SaveOriginals(now);
        }
    }

    /// <summary>Rolls back at <paramref name="pending"/>'s deadline (at once when it has passed); null disarms.</summary>
    private void ArmDeadline(PendingConfirm? pending)
    {
        lock (_timerLock)
        {
            _deadlineTimer?.Dispose();
            _deadlineTimer = pending is null ? null : _time.CreateTimer(_ => _ = RollBackAtDeadlineAsync(pending), null,
                TimeSpan.FromTicks(Math.Max(0, (pending.Deadline - _time.GetUtcNow()).Ticks)), Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RollBackAtDeadlineAsync(PendingConfirm armedFor)
    {
        try
        {
            var result = await _gate.RunAsync<ApplyResult?>(async () =>
            {
                // A confirm or a newer commit may have come first, while this waited for the gate.
                if (_store.Pending != armedFor)
                {
                    return null;
                }
                LogDeadline(armedFor.Revision);
                return await RollbackUnderGateAsync();
            });
            if (result is { Applied: false })
            {
                LogRestoreFailed(_store.Confirmed?.Revision ?? 0, result.Error);
            }
        }
        catch (Exception exception) when (exception is KernelException or IOException)
        {
            LogRestoreFailed(_store.Confirmed?.Revision ?? 0, exception.Message);
        }
    }

    [LoggerMessage(LogLevel.Information, "PPPoE {Device}: the session with {Address} ended; {Count} connections through it deleted")]
    private partial void LogSessionFlows(string device, string address, int count);

    [LoggerMessage(LogLevel.Warning, "Capability: {Note}")]
    private partial void LogCapability(string note);

    [LoggerMessage(LogLevel.Error, "Could not restore revision {Revision}: {Error}")]
    private partial void LogRestoreFailed(long revision, string? error);

    [LoggerMessage(LogLevel.Error, "Apply failed at {Step}: {Error}; restoring the previous state")]
    private partial void LogApplyFailed(string step, string? error);

    [LoggerMessage(LogLevel.Error, "Drift repair failed: {Error}")]
    private partial void LogRepairFailed(string error);

    [LoggerMessage(LogLevel.Warning, "Drift repaired: {Step}")]
    private partial void LogDrift(string step);

    [LoggerMessage(LogLevel.Warning, "Revision {Revision} was not confirmed in time: rolling back to the last confirmed configuration")]
    private partial void LogDeadline(long revision);
}

/// <param name="KernelWrites">Kernel change requests this apply sent (0 for a re-apply of the same configuration).</param>
public sealed record ApplyResult(bool Applied, Plan Plan, string? Error, string? ErrorPath, long KernelWrites);
