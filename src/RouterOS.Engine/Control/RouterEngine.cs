using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Uplinks;
using RouterOS.Engine.State;

namespace RouterOS.Engine.Control;

/// <summary>
/// The engine's state machine: plan, apply (restoring the previous state when a step fails),
/// commit-confirm with its own deadline, rollback, drift repair. All kernel work runs on the
/// router namespace's thread, and each of these operations as a whole passes one gate, so they
/// never overlap.
/// </summary>
public sealed partial class RouterEngine : IDisposable
{
    private readonly IRouterKernel _kernel;
    private readonly EngineStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KernelTransaction _transaction;
    private readonly UplinkRuntime _uplinks;
    private readonly OperationGate _gate = new();
    private readonly ConfirmDeadline _deadline;

    public RouterEngine(IRouterKernel kernel, EngineStateStore store, TimeProvider time, ILogger<RouterEngine> logger)
    {
        _kernel = kernel;
        _store = store;
        _time = time;
        _logger = logger;
        Started = time.GetUtcNow();
        _transaction = new KernelTransaction(store, logger);
        _deadline = new ConfirmDeadline(time, RollBackAtDeadlineAsync);
        Lan = new LanServices(kernel.NamespaceName, store.StateDirectory, time, logger);
        _uplinks = new UplinkRuntime(kernel, store.StateDirectory, Lan, () => Applied?.Config, RepairDriftLater, time, logger);
    }

    /// <summary>
    /// When this engine started: the API compares it across a broken stream to tell a restart (a new
    /// value) from a stream that broke while the engine kept running.
    /// </summary>
    public DateTimeOffset Started { get; }

    /// <summary>The uplinks' DHCP clients and PPPoE sessions, applied after the kernel with each configuration.</summary>
    public UplinkServices Uplinks => _uplinks.Services;

    /// <summary>The DHCP server and DNS forwarder (dnsmasq), applied after the kernel with each configuration.</summary>
    public LanServices Lan { get; }

    public Capabilities Capabilities { get; private set; } = Capabilities.Full;

    /// <summary>For tests: return true to fail before a step, as a kernel error there would.</summary>
    internal Func<PlanStep, bool>? FaultBefore { get => _transaction.FaultBefore; set => _transaction.FaultBefore = value; }

    /// <summary>Every kernel change request sent so far (netlink messages and ruleset batches).</summary>
    public long KernelWrites => _kernel.Run(session => session.KernelWrites);

    public StoredRevision? Applied => _store.Applied;
    public StoredRevision? Confirmed => _store.Confirmed;
    public PendingConfirm? Pending => _store.Pending;

    /// <summary>
    /// The firewall rules' counters as the kernel has them now, for the applied configuration's
    /// rules; empty before anything is applied. Read-only: no gate, since reading a counter
    /// changes nothing a plan or an apply depends on.
    /// </summary>
    public Task<IReadOnlyList<RuleCounterReading>> ReadRuleCountersAsync()
    {
        if (_store.Applied is not { } applied)
            return Task.FromResult<IReadOnlyList<RuleCounterReading>>([]);
        var paths = RuleCounters.PathsByName(applied.Config.FirewallOrDefault);
        if (paths.Count == 0)
            return Task.FromResult<IReadOnlyList<RuleCounterReading>>([]);
        return _kernel.RunAsync(session =>
        {
            var listing = session.Nft.ListStateJson(RuleCounterReader.Command);
            return listing.Succeeded ? RuleCounterReader.Read(listing.Output, paths) : [];
        });
    }

    /// <summary>Probes the kernel and puts back the last confirmed configuration (after a restart or reboot).</summary>
    public async Task StartAsync()
    {
        Capabilities = await _kernel.RunAsync(CapabilityProbe.Run);
        // Fail closed: the engine's table (the last one loaded, or the base) is in place before the router forwards a packet.
        await _kernel.RunAsync(session => ClosedFirewall.Hold(session, _store));
        BeforeForwarding?.Invoke();
        await _kernel.RunAsync(ClosedFirewall.EnableForwarding);
        foreach (var note in Capabilities.Notes)
        {
            LogCapability(note);
        }
        await _gate.RunAsync(RestoreAtStartAsync);
    }

    public Task<Capabilities> ProbeAsync() => _kernel.RunAsync(session => Capabilities = CapabilityProbe.Run(session));

    /// <summary>What applying <paramref name="config"/> would do, with the kernel's own check of the ruleset.</summary>
    public Task<Plan> PlanAsync(RouterConfig config)
    {
        var services = ServicesFor(config);
        return _kernel.RunAsync(session =>
            Applier.CheckRuleset(Planner.Create(config, _store.Applied?.Config, session.Read(), Capabilities, _store.Ruleset, _store.Originals, services), session));
    }

    /// <summary>What <paramref name="config"/> does to the supervised services, as they run now.</summary>
    private ServiceChanges ServicesFor(RouterConfig config) => new(Lan.ChangeFor(config), Uplinks.ChangesFor(config), Uplinks.SessionChangesFor(config), Uplinks.Dhcpv6ChangesFor(config));

    public Task<ApplyResult> ApplyAsync(RouterConfig config, long revision, TimeSpan? confirmWithin) =>
        _gate.RunAsync(() => ApplyUnderGateAsync(config, revision, confirmWithin));

    private async Task<ApplyResult> ApplyUnderGateAsync(RouterConfig config, long revision, TimeSpan? confirmWithin)
    {
        var services = ServicesFor(config);
        var result = await _kernel.RunAsync(session => _transaction.Apply(session, config, Capabilities, services));
        if (!result.Applied)
        {
            return result;
        }
        // The services follow the kernel: dnsmasq binds to devices this apply may have created.
        await Lan.ApplyAsync(config);
        await Uplinks.ApplyAsync(config);
        _store.SaveApplied(revision, config);
        FailClosed = null;
        if (confirmWithin is { } window && window > TimeSpan.Zero)
        {
            var pending = new PendingConfirm(revision, _time.GetUtcNow() + window);
            _store.SavePending(pending);
            _deadline.Arm(pending);
        }
        else
        {
            _store.SaveConfirmed(revision, config);
            _store.SavePending(null);
            _deadline.Arm(null);
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
        _deadline.Arm(null);
        _store.SaveConfirmed(revision, _store.Applied!.Config);
        _store.SavePending(null);
        return null;
    }

    /// <summary>Puts back the last confirmed configuration (the empty one, whose table is the base ruleset, if none was ever confirmed).</summary>
    public Task<ApplyResult> RollbackAsync() => _gate.RunAsync(RollbackUnderGateAsync);

    private async Task<ApplyResult> RollbackUnderGateAsync()
    {
        _deadline.Arm(null);
        var confirmed = _store.Confirmed;
        return await ApplyUnderGateAsync(confirmed?.Config ?? RouterConfig.Empty, confirmed?.Revision ?? 0, confirmWithin: null);
    }

    public void Dispose()
    {
        _deadline.Dispose();
        _uplinks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Lan.DisposeAsync().AsTask().GetAwaiter().GetResult();
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

    [LoggerMessage(LogLevel.Warning, "Capability: {Note}")]
    private partial void LogCapability(string note);

    [LoggerMessage(LogLevel.Error, "Could not restore revision {Revision}: {Error}")]
    private partial void LogRestoreFailed(long revision, string? error);

    [LoggerMessage(LogLevel.Warning, "Revision {Revision} was not confirmed in time: rolling back to the last confirmed configuration")]
    private partial void LogDeadline(long revision);
}
