using Microsoft.EntityFrameworkCore;
using RouterOS.Api.Http;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Store;

/// <summary>The candidate configuration with its version, the ETag clients send back in If-Match.</summary>
public sealed record Candidate(RouterConfig Config, long Version)
{
    public string ETag => ETagOf(Version);

    public static string ETagOf(long version) => $"\"{version}\"";
}

/// <summary>Reads and replaces the candidate, with optimistic concurrency on its version.</summary>
public sealed class CandidateStore(RouterDbContext db, StoredConfigCodec codec, RevisionStore revisions, TimeProvider time)
{
    public async Task<Candidate> GetAsync(CancellationToken cancellationToken)
    {
        var row = await LoadAsync(cancellationToken);
        return new Candidate(codec.Read(row.ConfigJson), row.Version);
    }

    /// <summary>
    /// Replaces the candidate. <paramref name="ifMatch"/> is the ETag the client read (or null to
    /// skip the check). Saving what is already there changes nothing, not even the version, so an
    /// import can be repeated.
    /// </summary>
    public async Task<Candidate> SaveAsync(RouterConfig config, string? ifMatch, string author, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(cancellationToken);
        if (ifMatch is not null && ifMatch != "*" && ifMatch != Candidate.ETagOf(row.Version))
            throw new PreconditionFailedException($"the candidate is at version {row.Version}, not {ifMatch}; read it again and reapply your change");
        var current = codec.Read(row.ConfigJson);
        if (current.Equals(config))
            return new Candidate(current, row.Version);
        row.ConfigJson = codec.Write(config);
        row.Version++;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = author;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PreconditionFailedException("the candidate was changed by another request at the same moment; read it again and reapply your change");
        }
        return new Candidate(config, row.Version);
    }

    /// <summary>Throws away the edits: the candidate becomes the running configuration again.</summary>
    public async Task<Candidate> DiscardAsync(string author, CancellationToken cancellationToken)
    {
        var running = await revisions.RunningAsync(cancellationToken);
        return await SaveAsync(running?.Config ?? RouterConfig.Empty, null, author, cancellationToken);
    }

    private async Task<CandidateRow> LoadAsync(CancellationToken cancellationToken)
    {
        var row = await db.Candidates.SingleOrDefaultAsync(cancellationToken);
        if (row is not null)
            return row;
        // First use: the candidate starts as what runs.
        var running = await revisions.RunningAsync(cancellationToken);
        row = new CandidateRow { ConfigJson = codec.Write(running?.Config ?? RouterConfig.Empty), UpdatedAt = time.GetUtcNow() };
        db.Candidates.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
