using System.Globalization;
using RouterOS.Api.Contracts;
using RouterOS.Api.Flows;
using RouterOS.Domain.Flows;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Engine;

internal static partial class EngineMessages
{
    public static FlowUpdate ToUpdate(this Proto.FlowBatch batch) => new(
        batch.Reset,
        [.. batch.Upserts.Select(ToView)],
        [.. batch.Removed],
        batch.Aggregates is null ? null : ToTotals(batch.Aggregates),
        batch.Complete);

    public static FlowView ToView(this Proto.Flow flow)
    {
        var original = ToDirection(flow.Original);
        var reply = ToDirection(flow.Reply);
        var offloadedSince = flow.OffloadedSince?.ToDateTimeOffset();
        return new FlowView(
            flow.Id, flow.ConntrackId, (int)flow.Zone, flow.Family, (int)flow.Protocol, flow.ProtocolName, original, reply,
            // Masquerade: the answers come back to the translated source.
            flow.SourceNat ? Endpoint(reply.Destination, reply.DestinationPort) : null,
            // A port forward: the answers come from the translated destination.
            flow.DestinationNat ? Endpoint(reply.Source, reply.SourcePort) : null,
            NullIfEmpty(flow.TcpState),
            flow.Offload, flow.Counters, CountersNote(flow.Counters, offloadedSince),
            offloadedSince, flow.Started?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
            // An engine before `expires` sent only the timeout as it read it.
            flow.Expires?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow.AddSeconds(flow.TimeoutSeconds),
            flow.Mark, NullIfEmpty(flow.Flowtable), NullIfEmpty(flow.OffloadRule),
            NullIfEmpty(flow.NotOffloadedReason), NullIfEmpty(flow.InputInterface), NullIfEmpty(flow.OutputInterface));
    }

    public static FlowTotals ToTotals(this Proto.FlowAggregates totals) => new(
        totals.At?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch,
        (int)totals.Total, (int)totals.Classic, (int)totals.SoftwareOffloaded, (int)totals.HardwareOffloaded,
        totals.FastPathBytesPerSecond, totals.ClassicBytesPerSecond, totals.NewFlowsPerSecond,
        totals.CountersSince?.ToDateTimeOffset(), totals.EventsLost, totals.Resyncs);

    /// <summary>Never silently stale numbers: say why they are not live.</summary>
    private static string? CountersNote(string counters, DateTimeOffset? offloadedSince) => counters switch
    {
        "missing" => "no counters: the connection began before flow accounting was turned on",
        "frozen_while_offloaded" => $"counters not updated while offloaded since {Since(offloadedSince)} (the flowtable has no counter)",
        "maybe_frozen_while_offloaded" => $"counters may not be updated while offloaded since {Since(offloadedSince)} (not every flowtable has counter)",
        _ => null,
    };

    private static string Since(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "an unknown time";

    private static FlowDirectionView ToDirection(Proto.FlowDirection? direction) => direction is null
        ? new FlowDirectionView("", 0, "", 0, 0, 0, 0, 0)
        : new FlowDirectionView(direction.Source?.Address ?? "", (int)(direction.Source?.Port ?? 0), direction.Destination?.Address ?? "", (int)(direction.Destination?.Port ?? 0),
            direction.Packets, direction.Bytes, direction.PacketsPerSecond, direction.BytesPerSecond,
            direction.Icmp is { } icmp ? new FlowIcmpView((int)icmp.Type, (int)icmp.Code, (int)icmp.Id) : null);

    private static string Endpoint(string address, int port) =>
        port == 0 ? address : address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";
}
