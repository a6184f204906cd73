using System.Runtime.CompilerServices;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using RouterOS.Api.Contracts;
using RouterOS.Api.Flows;
using RouterOS.Api.Hosting;
using RouterOS.Contracts.Engine;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Engine;

/// <summary>The engine over gRPC on its Unix socket; <see cref="EngineMessages"/> reads its answers.</summary>
public sealed class GrpcEngineClient : IEngineClient, IDisposable
{
    // A plan or a status answer is quick; an apply may wait for slow kernel work (link deletes take
    // tens of milliseconds each), so it gets longer.
    private static readonly TimeSpan QuickCall = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ApplyCall = TimeSpan.FromMinutes(2);

    private readonly GrpcChannel _channel;
    private readonly Proto.Engine.EngineClient _engine;
    private readonly string _socketPath;

    public GrpcEngineClient(IOptions<RouterApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _socketPath = options.Value.EngineSocket;
        _channel = EngineChannel.Create(_socketPath);
        _engine = new Proto.Engine.EngineClient(_channel);
    }

    public Task<EnginePlan> PlanAsync(RouterConfig config, CancellationToken cancellationToken) => Call(async () =>
    {
        var reply = await _engine.PlanAsync(new PlanRequest { ConfigJson = RouterConfigJson.Write(config) }, deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return reply.ToPlan();
    });

    public Task<EngineApplyResult> ApplyAsync(RouterConfig config, long revision, TimeSpan? confirmWithin, CancellationToken cancellationToken) => Call(async () =>
    {
        var request = new ApplyRequest
        {
            ConfigJson = RouterConfigJson.Write(config),
            Revision = (ulong)revision,
            ConfirmWithinSeconds = (uint)(confirmWithin?.TotalSeconds ?? 0),
        };
        var reply = await _engine.ApplyAsync(request, deadline: Deadline(ApplyCall), cancellationToken: cancellationToken);
        return reply.ToResult();
    });

    public Task ConfirmAsync(long revision, CancellationToken cancellationToken) => Call(async () =>
    {
        var reply = await _engine.ConfirmAsync(new ConfirmRequest { Revision = (ulong)revision }, deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return reply.Confirmed ? true : throw new EngineRefusedException($"the engine did not confirm revision {revision}: {Reason(reply.Error)}");
    });

    public Task RollbackAsync(long revision, CancellationToken cancellationToken) => Call(async () =>
    {
        var reply = await _engine.RollbackAsync(new RollbackRequest { Revision = (ulong)revision }, deadline: Deadline(ApplyCall), cancellationToken: cancellationToken);
        return reply.RolledBack ? true : throw new EngineRefusedException($"the engine did not roll back revision {revision}: {Reason(reply.Error)}");
    });

    public Task<EngineStatus> GetStatusAsync(CancellationToken cancellationToken) => Call(async () =>
    {
        var reply = await _engine.GetStatusAsync(new StatusRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return reply.ToStatus();
    });

    public void Dispose() => _channel.Dispose();

    public IAsyncEnumerable<FlowUpdate> WatchFlowsAsync(CancellationToken cancellationToken) =>
        Stream(() => _engine.WatchFlows(new WatchFlowsRequest(), cancellationToken: cancellationToken), batch => batch.ToUpdate(), cancellationToken);

    public Task<string?> KillFlowAsync(ulong id, CancellationToken cancellationToken) => Call(async () =>
    {
        var reply = await _engine.KillFlowAsync(new KillFlowRequest { Id = id }, deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return reply.Killed ? null : reply.Error;
    });

    public Task<IReadOnlyList<DhcpLeaseView>> ListDhcpLeasesAsync(CancellationToken cancellationToken) => Call<IReadOnlyList<DhcpLeaseView>>(async () =>
    {
        var reply = await _engine.ListDhcpLeasesAsync(new ListDhcpLeasesRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return reply.ToViews();
    });

    public Task<IReadOnlyList<RuleCounterView>> ListRuleCountersAsync(CancellationToken cancellationToken) => Call<IReadOnlyList<RuleCounterView>>(async () =>
    {
        var reply = await _engine.ListRuleCountersAsync(new ListRuleCountersRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return [.. reply.Counters.Select(counter => new RuleCounterView(counter.Path, counter.Packets, counter.Bytes))];
    });

    public Task<IReadOnlyList<UplinkStatusView>> ListUplinksAsync(CancellationToken cancellationToken) => Call<IReadOnlyList<UplinkStatusView>>(async () =>
        (await _engine.ListUplinksAsync(new ListUplinksRequest(), deadline: Deadline(QuickCall), cancellationToken: cancellationToken)).ToViews());

    public IAsyncEnumerable<IReadOnlyList<UplinkStatusView>> WatchUplinksAsync(CancellationToken cancellationToken) =>
        Stream<ListUplinksReply, IReadOnlyList<UplinkStatusView>>(() => _engine.WatchUplinks(new ListUplinksRequest(), cancellationToken: cancellationToken), reply => reply.ToViews(), cancellationToken);

    public IAsyncEnumerable<LinkSnapshotView> WatchLinksAsync(CancellationToken cancellationToken) =>
        Stream(() => _engine.WatchLinks(new WatchLinksRequest(), cancellationToken: cancellationToken), snapshot => snapshot.ToView(), cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<DhcpLeaseView>> WatchDhcpLeasesAsync(CancellationToken cancellationToken) =>
        Stream<ListDhcpLeasesReply, IReadOnlyList<DhcpLeaseView>>(() => _engine.WatchDhcpLeases(new ListDhcpLeasesRequest(), cancellationToken: cancellationToken), reply => reply.ToViews(), cancellationToken);

    public Task<string?> ReconnectUplinkAsync(string device, CancellationToken cancellationToken) => Call(async () =>
    {
        var reply = await _engine.ReconnectUplinkAsync(new ReconnectUplinkRequest { Device = device }, deadline: Deadline(QuickCall), cancellationToken: cancellationToken);
        return EngineMessages.NullIfEmpty(reply.Error);
    });

    private Task<T> Call<T>(Func<Task<T>> call) => EngineCalls.Run(_socketPath, call);

    /// <summary>One of the engine's server streams, each message read as the API's view of it. No deadline: the stream lasts as long as both ends do.</summary>
    private async IAsyncEnumerable<TView> Stream<TMessage, TView>(Func<Grpc.Core.AsyncServerStreamingCall<TMessage>> open, Func<TMessage, TView> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = await Call(() => Task.FromResult(open()));
        var stream = call.ResponseStream;
        while (await Call(() => stream.MoveNext(cancellationToken)))
        {
            yield return read(stream.Current);
        }
    }

    private static DateTime Deadline(TimeSpan after) => EngineCalls.Deadline(after);

    private static string Reason(string error) => error.Length == 0 ? "it gave no reason" : error;
}
