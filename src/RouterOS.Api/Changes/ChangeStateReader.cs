using RouterOS.Api.Contracts;
using RouterOS.Api.Store;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Changes;

/// <summary>The change state as the store has it now (what GET /api/v1/status says of it, without the engine).</summary>
internal static class ChangeStateReader
{
    public static async Task<ChangeStateView> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var revisions = services.GetRequiredService<RevisionStore>();
        var candidates = services.GetRequiredService<CandidateStore>();
        var running = await revisions.RunningAsync(cancellationToken);
        var pending = await revisions.PendingAsync(cancellationToken);
        var candidate = await candidates.GetAsync(cancellationToken);
        var edits = ConfigDiff.Compute(running?.Config ?? RouterConfig.Empty, candidate.Config).Count;
        return new ChangeStateView(candidate.Version, edits, running?.Number, pending?.Number, pending?.ConfirmDeadline);
    }
}
