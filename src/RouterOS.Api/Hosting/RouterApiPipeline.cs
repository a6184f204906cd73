using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RouterOS.Api.Apis;
using RouterOS.Api.Auth;
using RouterOS.Api.Commits;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Json;
using Scalar.AspNetCore;

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
        await CommitInitialConfigAsync(scope.ServiceProvider, app.Logger);
    }

    /// <summary>The first start with <see cref="RouterApiOptions.InitialConfig"/> commits it, so the router comes up configured.</summary>
    private static async Task CommitInitialConfigAsync(IServiceProvider services, ILogger log)
    {
        var path = services.GetRequiredService<IOptions<RouterApiOptions>>().Value.InitialConfig;
        if (string.IsNullOrEmpty(path) || await services.GetRequiredService<RevisionStore>().NextNumberAsync(CancellationToken.None) > 1)
            return;
        var read = RouterConfigJson.Read(await File.ReadAllBytesAsync(path));
        if (read.Config is not { } config)
        {
            InitialConfigLog.Invalid(log, path, read.Error?.Path, read.Error?.Message);
            return;
        }
        await services.GetRequiredService<CandidateStore>().SaveAsync(config, null, "system", CancellationToken.None);
        try
        {
            var revision = await services.GetRequiredService<CommitService>()
                .CommitAsync($"initial configuration from {Path.GetFileName(path)}", null, new Actor("system", "initial-config"), CancellationToken.None);
            InitialConfigLog.Committed(log, path, revision.Number);
        }
        catch (Exception exception) when (exception is EngineUnavailableException or EngineFailedException or ApiProblemException)
        {
            InitialConfigLog.NotCommitted(log, path, exception.Message);
        }
    }

    public static WebApplication MapRouterApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Before anything else: a request under a foreign name (DNS rebinding) gets nothing, and
        // plain HTTP from the network goes to HTTPS before a password or cookie is sent in clear.
        app.UseHostCheck();
        app.UseHttpsFromTheNetwork(app.Services.GetRequiredService<IOptions<RouterApiOptions>>().Value.HttpsPort);
        // Outermost of the rest, so it records the status the client finally got, errors included.
        app.UseAuditLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The dashboard's files are public (the app itself asks for sign-in); the data is not.
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapScalarApiReference("/api/docs", scalar => scalar.WithTitle("RouterOS API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        var open = app.MapGroup("/api/v1");
        open.MapAuthApi();
        open.MapTokensApi();
        open.MapAccountApi();
        var api = app.MapGroup("/api/v1").RequireReadAndWritePolicies();
        api.MapAuditApi();
        api.MapCandidateApi();
        api.MapCommitApi();
        api.MapRevisionsApi();
        api.MapStatusApi();
        api.MapFlowsApi();
        api.MapDhcpApi();
        api.MapPppoeApi();
        api.MapSystemApi();
        api.MapBackupApi();
        app.MapHub<Flows.FlowHub>("/hubs/flows");
        app.MapHub<Uplinks.UplinkHub>("/hubs/uplinks");
        // Any other path that is not the API's is a page of the dashboard (client-side routing).
        app.MapFallbackToFile("/", "index.html");
        app.MapFallbackToFile("{*path:regex(^(?!api/|hubs/|openapi/).*$)}", "index.html");
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

internal static partial class InitialConfigLog
{
    [LoggerMessage(LogLevel.Error, "The initial configuration {Path} is not valid: {ErrorPath}: {Message}")]
    public static partial void Invalid(ILogger logger, string path, string? errorPath, string? message);

    [LoggerMessage(LogLevel.Information, "Committed the initial configuration {Path} as revision {Revision}")]
    public static partial void Committed(ILogger logger, string path, long revision);

    [LoggerMessage(LogLevel.Error, "The initial configuration {Path} is the candidate but was not committed: {Message}")]
    public static partial void NotCommitted(ILogger logger, string path, string message);
}
