using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Store;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Apis;

public static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetAsync).WithTags("Status").WithSummary("Engine reachability and capabilities, the running revision, a pending confirm deadline.");
        return api;
    }

    private static async Task<Ok<StatusView>> GetAsync(IEngineClient engine, RevisionStore revisions, CandidateStore candidates, Hosting.HttpsCertificate certificate, CancellationToken cancellationToken)
    {
        EngineStatus? status = null;
        string? error = null;
        try
        {
            status = await engine.GetStatusAsync(cancellationToken);
        }
        catch (EngineUnavailableException e)
        {
            error = e.Message;
        }
        var running = await revisions.RunningAsync(cancellationToken);
        var pending = await revisions.PendingAsync(cancellationToken);
        var candidate = await candidates.GetAsync(cancellationToken);
        var edits = ConfigDiff.Compute(running?.Config ?? RouterConfig.Empty, candidate.Config).Count;
        return TypedResults.Ok(new StatusView(status is not null, error, status, running?.Number, pending?.Number, pending?.ConfirmDeadline, candidate.Version, edits, certificate.Sha256Fingerprint));
    }
}
