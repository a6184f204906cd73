using Microsoft.Extensions.Options;
using RouterOS.Api.Commits;
using RouterOS.Api.Hosting;
using RouterOS.Api.Store;

namespace RouterOS.Api.Backups;

/// <summary>Makes a backup from the store, and restores one through the normal commit path.</summary>
public sealed class BackupService(RevisionStore revisions, CommitService commits, IOptions<RouterApiOptions> options, TimeProvider time)
{
    public async Task<byte[]> CreateAsync(string passphrase, CancellationToken cancellationToken)
    {
        RequireStrong(passphrase);
        var running = await revisions.RunningAsync(cancellationToken);
        var (newest, total) = await revisions.NewestAsync(options.Value.MaxBackupRevisions, cancellationToken);
        // Archived revisions are another router's history: a backup carries this router's own.
        var own = newest.Where(r => r.State != Contracts.RevisionState.Archived).ToList();
        var content = new BackupContent(time.GetUtcNow(), Apis.SystemApi.BuildVersion, running?.Number, running?.Config,
            [.. own.Select(r => new BackupRevision(r.Number, r.CreatedAt, r.Author, r.Source, r.Message, r.State, r.Outcome, r.Config))], total - newest.Count);
        return BackupFile.Write(content, passphrase);
    }

    /// <summary>Checks the whole backup first; only a backup that passes every check is committed.</summary>
    /// <exception cref="BackupRejectedException">It does not pass; nothing was changed.</exception>
    public async Task<(Revision Revision, long FirstArchived, int Archived)> RestoreAsync(byte[] file, string passphrase, Actor actor, CancellationToken cancellationToken)
    {
        var backup = BackupFile.Read(file, passphrase);
        if (backup.Running is null)
            throw new BackupRejectedException("this backup holds no running configuration (it was made before the first commit): there is nothing to restore");
        return await commits.RestoreAsync(backup, actor, cancellationToken);
    }

    public static void RequireStrong(string passphrase)
    {
        if (passphrase.Length < BackupKeys.MinPassphraseLength)
            throw new Http.BadRequestException($"the backup passphrase must be at least {BackupKeys.MinPassphraseLength} characters: it is all that protects the secrets in the file");
    }
}
