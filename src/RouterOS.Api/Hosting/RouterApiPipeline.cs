using RouterOS.Api.Apis;
using RouterOS.Api.Auth;
using RouterOS.Api.Commits;
using RouterOS.Api.Engine;
using RouterOS.Api.Store;

namespace RouterOS.Api.Hosting;

public static class RouterApiPipeline
{
    /// <summary>
    /// Brings the store up to date (migrations, WAL) and settles commits a previous run left half
    /// done: a revision still "applying" means the API stopped between recording it and hearing
    /// the engine's answer.
    /// </summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RouterDbContext>();
        await db.Database.MigrateAsync();
        // WAL: readers never wait for the writer, and a crash mid-write loses nothing committed.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await RecoverInterruptedCommitsAsync(scope.ServiceProvider, app.Logger);
        await scope.ServiceProvider.GetRequiredService<SetupToken>().IssueIfNeededAsync(db, Console.Out);
    }

    public static WebApplication MapRouterApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Outermost, so it records the status the client finally got, errors included.
        app.UseAuditLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", scalar => scalar.WithTitle("RouterOS API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        var open = app.MapGroup("/api/v1");
        open.MapAuthApi();
        open.MapTokensApi();
        var api = app.MapGroup("/api/v1").RequireReadAndWritePolicies();
        api.MapAuditApi();
        api.MapCandidateApi();
        api.MapCommitApi();
        api.MapRevisionsApi();
        api.MapStatusApi();
        api.MapConfigResources();
        api.MapConfigSettings();
        return app;
    }

    private static async Task RecoverInterruptedCommitsAsync(IServiceProvider services, ILogger log)
    {
        var revisions = services.GetRequiredService<RevisionStore>();
        var interrupted = await revisions.InterruptedAsync(CancellationToken.None);
        if (interrupted.Count == 0)
            return;
        long? engineRunning = null;
        try
        {
            engineRunning = (await services.GetRequiredService<IEngineClient>().GetStatusAsync(CancellationToken.None)).RunningRevision;
        }
        catch (EngineUnavailableException)
        {
            // Not knowing, we cannot claim it was applied.
        }
        foreach (var number in interrupted)
        {
            var revision = (await revisions.GetAsync(number, CancellationToken.None))!;
            var (state, outcome) = engineRunning == number
                ? (revision.ConfirmDeadline is null ? RevisionState.Confirmed : RevisionState.Pending, "applied; the API stopped before it recorded the engine's answer")
                : (RevisionState.Failed, engineRunning is null
                    ? "interrupted: the API stopped while applying it, and the engine could not be asked whether it took effect"
                    : $"interrupted: the API stopped while applying it; the engine runs revision {engineRunning}");
            await revisions.SetStateAsync(number, state, outcome, CancellationToken.None);
            CommitLog.Interrupted(log, number, outcome);
        }
    }
}
