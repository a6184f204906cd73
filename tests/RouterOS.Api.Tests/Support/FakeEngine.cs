using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Flows;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Tests.Support;

/// <summary>A test double of the engine: records what it is asked and answers as told.</summary>
public sealed class FakeEngine : IEngineClient
{
    private readonly Lock _lock = new();

    /// <summary>When true, every call fails as an unreachable engine does; back up, it is a new engine process (a later <see cref="Started"/>).</summary>
    public bool Down
    {
        get;
        set
        {
            if (field && !value)
                Started = Started.AddMinutes(1);
            field = value;
        }
    }

    /// <summary>When the engine process started, as the status says.</summary>
    public DateTimeOffset Started { get; private set; } = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>When set, Apply refuses with this error (and path).</summary>
    public (string Error, string? Path)? Refuse { get; set; }

    public List<(long Revision, RouterConfig Config, TimeSpan? ConfirmWithin)> Applied { get; } = [];

    public List<long> Confirmed { get; } = [];

    public List<long> RolledBack { get; } = [];

    public long RunningRevision { get; private set; }

    public Task<EnginePlan> PlanAsync(RouterConfig config, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(new EnginePlan([], [new PlannedChange("table inet routeros", "change", "recreate", "the ruleset is replaced in one batch")],
            $"table inet routeros {{ # {config.Ports.Count} ports }}"));
    }

    /// <summary>When set, Apply signals <see cref="ApplyStarted"/> and waits for this before it applies (or for its cancellation, as a gRPC call would).</summary>
    public TaskCompletionSource? HoldApply { get; set; }

    public TaskCompletionSource<long> ApplyStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<EngineApplyResult> ApplyAsync(RouterConfig config, long revision, TimeSpan? confirmWithin, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        if (HoldApply is { } hold)
        {
            ApplyStarted.TrySetResult(revision);
            await hold.Task.WaitAsync(cancellationToken);
        }
        if (Refuse is { } refusal)
            return new EngineApplyResult(false, [], refusal.Error, refusal.Path);
        lock (_lock)
        {
            Applied.Add((revision, config, confirmWithin));
            RunningRevision = revision;
        }
        return new EngineApplyResult(true, [], null, null);
    }

    /// <summary>When set, Confirm refuses with this reason, as the engine does for a revision that is not the pending one.</summary>
    public string? RefuseConfirm { get; set; }

    public Task ConfirmAsync(long revision, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        if (RefuseConfirm is { } reason)
            throw new EngineRefusedException($"the engine did not confirm revision {revision}: {reason}");
        lock (_lock)
            Confirmed.Add(revision);
        return Task.CompletedTask;
    }

    public Task RollbackAsync(long revision, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
            RolledBack.Add(revision);
        return Task.CompletedTask;
    }

    /// <summary>What the status reports when the engine holds the firewall closed.</summary>
    public EngineFailClosed? FailClosed { get; set; }

    /// <summary>What the status reports of each device's hardware offload.</summary>
    public IReadOnlyList<DeviceHardwareOffload> Devices { get; set; } = [];

    public Task<EngineStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(new EngineStatus("test", "6.18.0", new EngineCapabilities(true, true, true, true, [], Devices), RunningRevision, RunningRevision, null, FailClosed, Started));
    }

    private readonly Channel<FlowUpdate> _flowStream = Channel.CreateUnbounded<FlowUpdate>();

    /// <summary>Ids KillFlowAsync kills (any other id is "no flow N").</summary>
    public HashSet<ulong> KillableFlows { get; } = [];

    public List<ulong> Killed { get; } = [];

    /// <summary>Sends a message down the flow stream the API is reading.</summary>
    public void PushFlows(FlowUpdate update) => _flowStream.Writer.TryWrite(update);

    public async IAsyncEnumerable<FlowUpdate> WatchFlowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDown();
        while (await _flowStream.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_flowStream.Reader.TryRead(out var update))
                yield return update;
        }
    }

    /// <summary>What ListRuleCountersAsync answers.</summary>
    public List<RuleCounterView> RuleCounters { get; } = [];

    public Task<IReadOnlyList<RuleCounterView>> ListRuleCountersAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RuleCounterView>>([.. RuleCounters]);
    }

    /// <summary>What ListDhcpLeasesAsync answers.</summary>
    public List<DhcpLeaseView> Leases { get; } = [];

    public Task<IReadOnlyList<DhcpLeaseView>> ListDhcpLeasesAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
            return Task.FromResult<IReadOnlyList<DhcpLeaseView>>([.. Leases]);
    }

    private readonly Channel<IReadOnlyList<DhcpLeaseView>> _leaseStream = Channel.CreateUnbounded<IReadOnlyList<DhcpLeaseView>>();

    /// <summary>Sends <see cref="Leases"/> as they are now down the lease stream, as the engine's lease watch does after dnsmasq wrote its file.</summary>
    public void PushLeases()
    {
        lock (_lock)
            _leaseStream.Writer.TryWrite([.. Leases]);
    }

    public async IAsyncEnumerable<IReadOnlyList<DhcpLeaseView>> WatchDhcpLeasesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDown();
        while (await _leaseStream.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_leaseStream.Reader.TryRead(out var leases))
                yield return leases;
        }
    }

    /// <summary>What ListUplinksAsync answers.</summary>
    public List<UplinkStatusView> Uplinks { get; } = [];

    public Task<IReadOnlyList<UplinkStatusView>> ListUplinksAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
            return Task.FromResult<IReadOnlyList<UplinkStatusView>>([.. Uplinks]);
    }

    private Channel<IReadOnlyList<UplinkStatusView>> _uplinkStream = Channel.CreateUnbounded<IReadOnlyList<UplinkStatusView>>();

    /// <summary>Breaks the uplink stream the API is reading, as the engine process going away does; a new one can be opened at once (unless <see cref="Down"/>).</summary>
    public void BreakUplinkStream()
    {
        lock (_lock)
        {
            _uplinkStream.Writer.TryComplete(new EngineUnavailableException("the engine went away"));
            _uplinkStream = Channel.CreateUnbounded<IReadOnlyList<UplinkStatusView>>();
        }
    }

    /// <summary>Sends <see cref="Uplinks"/> as they are now down the uplink stream the API is reading.</summary>
    public void PushUplinks()
    {
        lock (_lock)
            _uplinkStream.Writer.TryWrite([.. Uplinks]);
    }

    public async IAsyncEnumerable<IReadOnlyList<UplinkStatusView>> WatchUplinksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Channel<IReadOnlyList<UplinkStatusView>> stream;
        lock (_lock)
            stream = _uplinkStream;
        PushUplinks();
        while (await stream.Reader.WaitToReadAsync(cancellationToken))
        {
            while (stream.Reader.TryRead(out var uplinks))
                yield return uplinks;
        }
    }

    private readonly Channel<LinkSnapshotView> _linkStream = Channel.CreateUnbounded<LinkSnapshotView>();

    /// <summary>Sends a link table on the WatchLinks stream, as the engine's link watch does after a reading.</summary>
    public void PushLinks(params LinkStatusView[] links) => _linkStream.Writer.TryWrite(new LinkSnapshotView(links, DateTimeOffset.UtcNow, Connected: true));

    public async IAsyncEnumerable<LinkSnapshotView> WatchLinksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDown();
        while (await _linkStream.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_linkStream.Reader.TryRead(out var links))
                yield return links;
        }
    }

    /// <summary>The devices ReconnectUplinkAsync was asked to reconnect.</summary>
    public List<string> Reconnected { get; } = [];

    public Task<string?> ReconnectUplinkAsync(string device, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            if (!Uplinks.Any(uplink => uplink.Kind == "pppoe" && uplink.Device == device))
                return Task.FromResult<string?>($"no PPPoE uplink {device} is running");
            Reconnected.Add(device);
        }
        return Task.FromResult<string?>(null);
    }

    public Task<string?> KillFlowAsync(ulong id, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_lock)
        {
            if (!KillableFlows.Remove(id))
                return Task.FromResult<string?>($"no flow {id}");
            Killed.Add(id);
        }
        return Task.FromResult<string?>(null);
    }

    private void ThrowIfDown()
    {
        if (Down)
            throw new EngineUnavailableException("the engine is not running: there is no socket at /test/engine.sock");
    }
}
