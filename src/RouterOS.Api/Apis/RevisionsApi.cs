using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Commits;
using RouterOS.Api.Contracts;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Diff;

namespace RouterOS.Api.Apis;

/// <summary>The history: every commit as a revision, diffs between any two, and rollback to one.</summary>
public static class RevisionsApi
{
    private const int MaxPage = 200;

    public static RouteGroupBuilder MapRevisionsApi(this RouteGroupBuilder api)
    {
        var revisions = api.MapGroup("/revisions").WithTags("Revisions");
        revisions.MapGet("/", ListAsync).WithSummary("Revisions, newest first.");
        revisions.MapGet("/{number:long}", GetAsync).WithSummary("One revision with its configuration and changes.");
        revisions.MapGet("/{number:long}/diff/{other:long}", DiffAsync).WithSummary("What changes from revision {number} to revision {other}.");
        revisions.MapPost("/{number:long}/rollback", RollbackToAsync).WithSummary("Commit revision {number}'s configuration again, as a new revision.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<RevisionSummary>>> ListAsync(RevisionStore store, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        if (skip < 0 || take is < 1 or > MaxPage)
            throw new BadRequestException($"skip must be 0 or more and take 1 to {MaxPage}");
        var list = await store.ListAsync(skip, take, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RevisionSummary>>(list);
    }

    private static async Task<Ok<RevisionDetail>> GetAsync(long number, RevisionStore store, CancellationToken cancellationToken)
    {
        var revision = await FindAsync(store, number, cancellationToken);
        return TypedResults.Ok(new RevisionDetail(revision.Summary(), revision.Config, revision.Changes));
    }

    private static async Task<Ok<DiffView>> DiffAsync(long number, long other, RevisionStore store, CancellationToken cancellationToken)
    {
        var (from, to) = (await FindAsync(store, number, cancellationToken), await FindAsync(store, other, cancellationToken));
        return TypedResults.Ok(new DiffView($"revision {from.Number}", $"revision {to.Number}", ConfigDiff.Compute(from.Config, to.Config)));
    }

    private static async Task<Created<RevisionSummary>> RollbackToAsync(long number, HttpContext http, CommitService commits, CancellationToken cancellationToken)
    {
        var revision = await commits.RollbackToAsync(number, Actors.Of(http), cancellationToken);
        // The path names the old revision only: the audit log also names the new one the rollback made.
        http.Items[Auth.AuditTrail.WordsKey] = Auth.AuditWords.RolledBackTo(number, revision.Number);
        return TypedResults.Created($"/api/v1/revisions/{revision.Number}", revision.Summary());
    }

    private static async Task<Revision> FindAsync(RevisionStore store, long number, CancellationToken cancellationToken) =>
        await store.GetAsync(number, cancellationToken) ?? throw new NotFoundException($"there is no revision {number}");
}
