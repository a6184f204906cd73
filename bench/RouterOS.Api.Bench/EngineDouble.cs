using Grpc.Core;
using RouterOS.Contracts.Engine;

namespace RouterOS.Api.Bench;

/// <summary>
/// An engine that answers at once, on a Unix socket: the benchmark measures the API (HTTP, auth,
/// store, verify, diff, gRPC round trip), not the kernel work a real engine adds to a plan.
/// </summary>
internal sealed class EngineDouble : RouterOS.Contracts.Engine.Engine.EngineBase
{
    public override Task<PlanReply> Plan(PlanRequest request, ServerCallContext context) =>
        Task.FromResult(new PlanReply { NftRuleset = "table inet routeros { }" });

    public override Task<ApplyReply> Apply(ApplyRequest request, ServerCallContext context) =>
        Task.FromResult(new ApplyReply { Applied = true });

    public override Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context) =>
        Task.FromResult(new StatusReply { EngineVersion = "bench", Capabilities = new Capabilities() });
}
