using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RouterOS.Api.Backups;
using RouterOS.Api.Contracts;
using RouterOS.Api.Hosting;
using RouterOS.Api.Http;

namespace RouterOS.Api.Apis;

/// <summary>
/// Backup and restore of the configuration and its revisions. Secrets travel only sealed with the
/// passphrase the administrator gives in <see cref="PassphraseHeader"/> (a header, so it is in no
/// URL, log line or audit row); the file itself is never stored on the router.
/// </summary>
public static class BackupApi
{
    public const string PassphraseHeader = "X-Backup-Passphrase";

    public static RouteGroupBuilder MapBackupApi(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").WithTags("System");
        // A GET, but it hands out the secrets (sealed with a passphrase its caller chooses): the write scope, and audited.
        system.MapGet("/backup", BackupAsync).AuditedRead()
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary($"Download a backup: the running configuration and the newest revisions as JSON, every secret sealed (AES-256-GCM) with a key from the passphrase in the {PassphraseHeader} header (at least {BackupKeys.MinPassphraseLength} characters; PBKDF2-HMAC-SHA256), the whole file sealed by an HMAC. Needs the write scope.");
        system.MapPost("/restore", RestoreAsync).AcceptsBinary("application/json")
            .WithSummary($"Restore a backup (the file as downloaded, with its passphrase in {PassphraseHeader}). It is checked whole first (format, passphrase, seal, every configuration verifies) and a bad one changes nothing; then its running configuration is committed as a new revision and its revisions are kept as archived revisions.");
        return api;
    }

    private static async Task<FileContentHttpResult> BackupAsync(HttpContext http, BackupService backups, TimeProvider time, CancellationToken cancellationToken)
    {
        var file = await backups.CreateAsync(Passphrase(http), cancellationToken);
        return TypedResults.File(file, "application/json", $"routeros-backup-{time.GetUtcNow():yyyyMMdd-HHmmss}.json");
    }

    private static async Task<Ok<SystemActionResult>> RestoreAsync(HttpContext http, BackupService backups, IOptions<RouterApiOptions> options, CancellationToken cancellationToken)
    {
        var passphrase = Passphrase(http);
        var file = await ReadAsync(http.Request, options.Value.MaxBackupBytes, cancellationToken);
        try
        {
            var (revision, first, archived) = await backups.RestoreAsync(file, passphrase, Actors.Of(http), cancellationToken);
            return TypedResults.Ok(new SystemActionResult(revision.Message, revision.Number, archived));
        }
        catch (BackupRejectedException rejected)
        {
            throw new RefusedException("The backup cannot be restored", $"{rejected.Message}; nothing was changed") { Findings = rejected.Findings };
        }
    }

    private static string Passphrase(HttpContext http) =>
        http.Request.Headers[PassphraseHeader].ToString() is { Length: > 0 } passphrase ? passphrase
            : throw new BadRequestException($"give the backup's passphrase in the {PassphraseHeader} header");

    private static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = limit;
        if (request.ContentLength > limit)
            throw new PayloadTooLargeException(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new PayloadTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length > 0 ? buffer.ToArray() : throw new BadRequestException("the body is empty: send the backup file");
    }
}
