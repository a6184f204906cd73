using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Commits;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;

namespace RouterOS.Api.Apis;

/// <summary>Commit the candidate, confirm a commit, or roll a pending one back now.</summary>
public static class CommitApi
{
    public static RouteGroupBuilder MapCommitApi(this RouteGroupBuilder api)
    {
        var commit = api.MapGroup("/commit").WithTags("Commit");
        commit.MapPost("/", CommitAsync).Accepts<CommitRequest>("application/json").WithSummary("Apply the candidate as a new revision; with confirmWithinSeconds it rolls back unless confirmed in time.");
        commit.MapPost("/confirm", ConfirmAsync).WithSummary("Confirm the pending commit.");
        commit.MapPost("/rollback", RollbackAsync).WithSummary("Roll the pending commit back now.");
        return api;
    }

    private static async Task<Created<RevisionSummary>> CommitAsync(HttpContext http, CommitService commits, CancellationToken cancellationToken)
    {
        var request = http.Request.ContentLength is 0 ? new CommitRequest()
            : await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.CommitRequest, cancellationToken);
        var revision = await commits.CommitAsync(request.Message ?? "", request.ConfirmWithinSeconds, Actors.Of(http), cancellationToken);
        // The path says only "commit": the audit log names the revision it made.
        http.Items[Auth.AuditTrail.WordsKey] = request.ConfirmWithinSeconds is { } window
            ? $"committed revision {revision.Number} (to be confirmed within {window} s)"
            : $"committed revision {revision.Number}";
        return TypedResults.Created($"/api/v1/revisions/{revision.Number}", revision.Summary());
    }

    private static async Task<Ok<RevisionSummary>> ConfirmAsync(HttpContext http, CommitService commits, CancellationToken cancellationToken) =>
        TypedResults.Ok((await commits.ConfirmAsync(Actors.Of(http), cancellationToken)).Summary());

    private static async Task<Ok<RevisionSummary>> RollbackAsync(HttpContext http, CommitService commits, CancellationToken cancellationToken)
    {
        var rolledBack = await commits.RollbackPendingAsync($"rolled back by {Actors.Of(http).Name}", cancellationToken);
        // The path names no revision: the audit log says which one was rolled back and which one runs again.
        http.Items[Auth.AuditTrail.WordsKey] = Auth.AuditWords.RolledBackPending(rolledBack.Number, rolledBack.PreviousNumber);
        return TypedResults.Ok(rolledBack.Summary());
    }
}
