using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RouterOS.Contracts.Engine;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Control;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Reconcile;
using ContractEngine = RouterOS.Contracts.Engine.Engine;

namespace RouterOS.Engine.Grpc;

/// <summary>The gRPC contract (src/RouterOS.Contracts/Protos/engine.proto) over <see cref="RouterEngine"/>.</summary>
/// <param name="links">The link watch; a host without one (some tests, benchmarks) answers WatchLinks with Unavailable.</param>
/// <param name="leases">The lease watch; a host without one answers WatchDhcpLeases with Unavailable, as for the links.</param>
public sealed class EngineGrpcService(RouterEngine engine, FlowMonitor flows, Links.LinkWatch? links = null, Services.LeaseWatch? leases = null) : ContractEngine.EngineBase
{
    /// <summary>
    /// Flows per message: each message is built, sent and let go before the next, so what is in
    /// flight is one message, not the table (10,000 flows held as messages at once were most of
    /// what the engine's heap grew by). At about 250 bytes a flow, a message of 250 stays under the
    /// 85,000 bytes past which .NET puts a buffer in the large object heap, which only a full
    /// collection frees, on both ends; and far under gRPC's 4 MB message limit.
    /// </summary>
    private const int FlowsPerMessage = 250;

    public override async Task WatchFlows(WatchFlowsRequest request, IServerStreamWriter<FlowBatch> responseStream, ServerCallContext context)
    {
        using var subscription = flows.Subscribe();
        var cancel = context.CancellationToken;
        while (!cancel.IsCancellationRequested)
        {
            PendingFlows pending;
            try
            {
                pending = await subscription.NextAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // Copied out a message's worth at a time: a flow gone meanwhile is skipped (its removal
            // comes in the next batch), one born meanwhile comes in the next batch.
            var keys = pending.Reset ? flows.ShownKeys() : [.. pending.Upserted];
            // At least one message, the last one marked complete with the removals and totals.
            var offset = 0;
            do
            {
                var end = Math.Min(keys.Count, offset + FlowsPerMessage);
                var batch = new FlowBatch { Reset = pending.Reset && offset == 0 };
                foreach (var snapshot in flows.Snapshot(keys[offset..end]))
                {
                    batch.Upserts.Add(FlowMessages.ToContract(snapshot));
                }
                if (end == keys.Count)
                {
                    if (!pending.Reset)
                    {
                        batch.Removed.Add(pending.Removed);
                    }
                    if (pending.Aggregates is { } totals)
                    {
                        batch.Aggregates = FlowMessages.ToContract(totals);
                    }
                    batch.Complete = true;
                }
                await responseStream.WriteAsync(batch, cancel);
                offset = end;
            }
            while (offset < keys.Count);
        }
    }

    public override async Task<KillFlowReply> KillFlow(KillFlowRequest request, ServerCallContext context)
    {
        var error = await flows.KillAsync(request.Id);
        return new KillFlowReply { Killed = error is null, Error = error ?? "" };
    }

    public override Task<ListDhcpLeasesReply> ListDhcpLeases(ListDhcpLeasesRequest request, ServerCallContext context) =>
        Task.FromResult(LeaseMessages.List(engine.Lan.Leases()));

    public override Task WatchDhcpLeases(ListDhcpLeasesRequest request, IServerStreamWriter<ListDhcpLeasesReply> responseStream, ServerCallContext context)
    {
        if (leases is null)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "this engine does not watch its DHCP leases"));
        }
        return LatestStream.WriteAsync(wake => leases.Changed += wake, wake => leases.Changed -= wake,
            () => LeaseMessages.List(leases.Latest), responseStream, context.CancellationToken);
    }

    public override async Task<ListRuleCountersReply> ListRuleCounters(ListRuleCountersRequest request, ServerCallContext context)
    {
        var reply = new ListRuleCountersReply();
        reply.Counters.Add((await engine.ReadRuleCountersAsync()).Select(reading => new RuleCounter { Path = reading.Path, Packets = reading.Packets, Bytes = reading.Bytes }));
        return reply;
    }

    public override Task<ListUplinksReply> ListUplinks(ListUplinksRequest request, ServerCallContext context) =>
        Task.FromResult(UplinkMessages.List(engine.Uplinks));

    public override Task WatchUplinks(ListUplinksRequest request, IServerStreamWriter<ListUplinksReply> responseStream, ServerCallContext context) =>
        LatestStream.WriteAsync(wake => engine.Uplinks.Changed += wake, wake => engine.Uplinks.Changed -= wake,
            () => UplinkMessages.List(engine.Uplinks), responseStream, context.CancellationToken);

    public override Task WatchLinks(WatchLinksRequest request, IServerStreamWriter<LinkSnapshot> responseStream, ServerCallContext context)
    {
        if (links is null)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "this engine does not watch its links"));
        }
        // Nothing before the first reading: an empty table would say every link is missing.
        return LatestStream.WriteAsync(wake => links.Changed += wake, wake => links.Changed -= wake,
            () => links.Latest.Links.Count > 0 ? LinkMessages.ToContract(links.Latest) : null, responseStream, context.CancellationToken);
    }

    public override Task<ReconnectUplinkReply> ReconnectUplink(ReconnectUplinkRequest request, ServerCallContext context)
    {
        if (engine.Uplinks.FindSession(request.Device) is not { } session)
        {
            return Task.FromResult(new ReconnectUplinkReply { Error = $"no PPPoE uplink {request.Device} is running" });
        }
        session.Reconnect();
        return Task.FromResult(new ReconnectUplinkReply());
    }

    public override async Task<PlanReply> Plan(PlanRequest request, ServerCallContext context)
    {
        var reply = new PlanReply();
        if (!TryRead(request.ConfigJson, out var config, out var error))
        {
            reply.Findings.Add(error);
            return reply;
        }
        var plan = await engine.PlanAsync(config);
        reply.Findings.Add(plan.Findings.Select(ToContract));
        reply.Changes.Add(plan.Steps.Select(step => new Contracts.Engine.PlannedChange
        {
            Path = step.Path,
            Action = step.Action,
            ChangeClass = step.Class.Wire(),
            Detail = step.Detail,
        }));
        reply.NftRuleset = plan.RulesetText;
        return reply;
    }

    public override async Task<ApplyReply> Apply(ApplyRequest request, ServerCallContext context)
    {
        if (!TryRead(request.ConfigJson, out var config, out var error))
        {
            return new ApplyReply { Applied = false, Findings = { error }, Error = error.Message, ErrorPath = error.Path };
        }
        var confirmWithin = request.ConfirmWithinSeconds > 0 ? TimeSpan.FromSeconds(request.ConfirmWithinSeconds) : (TimeSpan?)null;
        var result = await engine.ApplyAsync(config, (long)request.Revision, confirmWithin);
        return new ApplyReply
        {
            Applied = result.Applied,
            Findings = { result.Plan.Findings.Select(ToContract) },
            Error = result.Error ?? "",
            ErrorPath = result.ErrorPath ?? "",
        };
    }

    public override async Task<ConfirmReply> Confirm(ConfirmRequest request, ServerCallContext context)
    {
        var error = await engine.ConfirmAsync((long)request.Revision);
        return new ConfirmReply { Confirmed = error is null, Error = error ?? "" };
    }

    public override async Task<RollbackReply> Rollback(RollbackRequest request, ServerCallContext context)
    {
        var result = await engine.RollbackAsync();
        return new RollbackReply
        {
            RolledBack = result.Applied,
            RunningRevision = (ulong)(engine.Applied?.Revision ?? 0),
            Error = result.Error ?? "",
        };
    }

    public override Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context)
    {
        var capabilities = engine.Capabilities;
        var reply = new StatusReply
        {
            EngineVersion = Firmware.FirmwareManager.BuildVersion,
            KernelRelease = Environment.OSVersion.Version.ToString(),
            Capabilities = new Capabilities
            {
                Flowtable = capabilities.Flowtable,
                Vlan8021Q = capabilities.Vlan8021Q,
                BridgeVlanFiltering = capabilities.BridgeVlanFiltering,
                Ppp = capabilities.Ppp,
                Devices =
                {
                    capabilities.HardwareOffload.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new DeviceOffload
                    {
                        Device = pair.Key,
                        HardwareOffload = pair.Value,
                        Reason = pair.Value ? "" : Probe.Capabilities.NoHardwareOffload(pair.Key),
                    }),
                },
                Notes = { capabilities.Notes },
            },
            RunningRevision = (ulong)(engine.Applied?.Revision ?? 0),
            ConfirmedRevision = (ulong)(engine.Confirmed?.Revision ?? 0),
            Started = Timestamp.FromDateTimeOffset(engine.Started),
        };
        if (engine.Pending is { } pending)
        {
            reply.ConfirmDeadline = Timestamp.FromDateTimeOffset(pending.Deadline);
        }
        if (engine.FailClosed is { } held)
        {
            reply.FailClosed = new FailClosed
            {
                Reason = held.Reason,
                Findings = { held.Findings.Select(ToContract) },
                BaseRuleset = held.BaseRuleset,
                Revision = (ulong)held.Revision,
                Since = Timestamp.FromDateTimeOffset(held.Since),
            };
        }
        return Task.FromResult(reply);
    }

    /// <summary>The engine re-reads and re-verifies everything it is given: bad JSON is a finding, not a fault.</summary>
    private static bool TryRead(string json, out RouterConfig config, out Finding error)
    {
        var result = RouterConfigJson.Read(json);
        if (result.Config is { } parsed)
        {
            config = parsed;
            error = new Finding();
            return true;
        }
        config = RouterConfig.Empty;
        var first = result.Error ?? ConfigFinding.Error("", "the configuration could not be read");
        error = ToContract(first);
        return false;
    }

    private static Finding ToContract(ConfigFinding finding) => new()
    {
        Severity = finding.Severity == Severity.Error ? "error" : "warning",
        Path = finding.Path,
        Message = finding.Message,
    };
}
