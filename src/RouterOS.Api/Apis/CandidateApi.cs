using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Apis;

/// <summary>
/// The whole configuration (export and import) and the candidate: edits change the candidate;
/// diff and plan show what a commit would do; delete discards the edits.
/// </summary>
public static class CandidateApi
{
    public static RouteGroupBuilder MapCandidateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/config", GetRunningAsync).WithSummary("The running configuration (secrets redacted).");
        api.MapPut("/config", ImportAsync).Accepts<RouterConfig>("application/json").WithSummary("Replace the candidate with a complete configuration; repeating it changes nothing.");
        var candidate = api.MapGroup("/candidate").WithTags("Candidate");
        candidate.MapGet("/", GetCandidateAsync).WithSummary("The candidate configuration, with its ETag.");
        candidate.MapDelete("/", DiscardAsync).WithSummary("Discard the edits: the candidate becomes the running configuration.");
        candidate.MapGet("/diff", DiffAsync).WithSummary("What the candidate changes against the running configuration.");
        candidate.MapPost("/plan", PlanAsync).ChangesNothing().WithSummary("Verify the candidate and ask the engine what a commit would do.");
        return api;
    }

    private static async Task<Ok<RouterConfig>> GetRunningAsync(RevisionStore revisions, CancellationToken cancellationToken) =>
        TypedResults.Ok((await revisions.RunningAsync(cancellationToken))?.Config ?? RouterConfig.Empty);

    private static async Task<Ok<CandidateView>> ImportAsync(HttpContext http, CandidateStore candidates, CancellationToken cancellationToken)
    {
        var incoming = await BodyReader.ReadConfigAsync(http.Request, cancellationToken);
        var saved = await SaveCandidateAsync(http, candidates, current => SecretPlaceholders.KeepExisting(incoming, current), cancellationToken);
        return TypedResults.Ok(new CandidateView(saved.Version, saved.Config));
    }

    private static async Task<Ok<CandidateView>> GetCandidateAsync(HttpContext http, CandidateStore candidates, CancellationToken cancellationToken)
    {
        var candidate = await candidates.GetAsync(cancellationToken);
        http.Response.Headers.ETag = candidate.ETag;
        return TypedResults.Ok(new CandidateView(candidate.Version, candidate.Config));
    }

    private static async Task<Ok<CandidateView>> DiscardAsync(HttpContext http, CandidateStore candidates, CancellationToken cancellationToken)
    {
        var candidate = await candidates.DiscardAsync(Actors.Of(http).Name, cancellationToken);
        http.Response.Headers.ETag = candidate.ETag;
        return TypedResults.Ok(new CandidateView(candidate.Version, candidate.Config));
    }

    private static async Task<Ok<DiffView>> DiffAsync(CandidateStore candidates, RevisionStore revisions, CancellationToken cancellationToken)
    {
        var (candidate, running) = (await candidates.GetAsync(cancellationToken), await revisions.RunningAsync(cancellationToken));
        return TypedResults.Ok(new DiffView(running is null ? "nothing (no revision yet)" : $"running revision {running.Number}",
            $"candidate version {candidate.Version}", ConfigDiff.Compute(running?.Config ?? RouterConfig.Empty, candidate.Config)));
    }

    private static async Task<Ok<PlanView>> PlanAsync(HttpContext http, CandidateStore candidates, RevisionStore revisions, IEngineClient engine, CancellationToken cancellationToken)
    {
        var (candidate, running) = (await candidates.GetAsync(cancellationToken), await revisions.RunningAsync(cancellationToken));
        var verify = ConfigVerifier.Verify(candidate.Config);
        var changes = ConfigDiff.Compute(running?.Config ?? RouterConfig.Empty, candidate.Config);
        var lockout = ManagementClient.Warnings(http.Connection, running?.Config ?? RouterConfig.Empty, candidate.Config);
        if (!verify.IsValid)
            return TypedResults.Ok(new PlanView(false, [.. verify.Findings], changes, [], "", lockout));
        var plan = await engine.PlanAsync(candidate.Config, cancellationToken);
        var findings = verify.Findings.Concat(plan.Findings).Distinct().ToList();
        return TypedResults.Ok(new PlanView(findings.All(f => f.Severity != Severity.Error), findings, changes, plan.Changes, plan.NftRuleset, lockout));
    }

    /// <summary>Reads the candidate, applies an edit to it, and saves it under the client's If-Match.</summary>
    internal static async Task<Candidate> SaveCandidateAsync(HttpContext http, CandidateStore candidates, Func<RouterConfig, RouterConfig> edit, CancellationToken cancellationToken)
    {
        var current = await candidates.GetAsync(cancellationToken);
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var saved = await candidates.SaveAsync(edit(current.Config), ifMatch.Length == 0 ? null : ifMatch, Actors.Of(http).Name, cancellationToken);
        http.Response.Headers.ETag = saved.ETag;
        return saved;
    }
}
