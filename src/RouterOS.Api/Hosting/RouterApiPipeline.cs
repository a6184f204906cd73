using Microsoft.Extensions.Options;
using RouterOS.Api.Apis;
using RouterOS.Api.Auth;
using RouterOS.Api.Commits;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Store;
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
        var database = scope.ServiceProvider.GetRequiredService<RouterDatabase>();
        await SchemaMigrations.ApplyAsync(database, CancellationToken.None);
        await database.UseWriteAheadLogAsync(CancellationToken.None);
        await RecoverInterruptedCommitsAsync(scope.ServiceProvider, app.Logger);
        await scope.ServiceProvider.GetRequiredService<SetupToken>().IssueIfNeededAsync(scope.ServiceProvider.GetRequiredService<UserStore>(), Console.Out);
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
        app.UseDashboardEntry();
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
        Links.LinksApi.Map(api);
        api.MapFlowsApi();
        api.MapDhcpApi();
        api.MapFirewallApi();
        api.MapPppoeApi();
        api.MapSystemApi();
        api.MapBackupApi();
        app.MapHub<Flows.FlowHub>(LiveHubs.FlowsPath);
        app.MapHub<Uplinks.UplinkHub>(LiveHubs.UplinksPath);
        app.MapHub<Links.LinkHub>(LiveHubs.LinksPath);
        app.MapHub<Leases.LeaseHub>(LiveHubs.LeasesPath);
        app.MapHub<Changes.ChangeHub>(LiveHubs.ChangesPath);
        // Any other path that is not the API's is a page of the dashboard (client-side routing).
        // Served by the static file middleware, not MapStaticAssets, so it would go out with no
        // Cache-Control at all, which lets a browser reuse it by heuristics after an upgrade: it is
        // the one file that names the others, so it is revalidated on every load, as index.html is.
        var page = new StaticFileOptions { OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache" };
        // Sign-in and setup as rendered at build time (RouterOS.Dashboard.Prerender): their form shows
        // while the app starts.
        app.MapFallbackToFile("/login", "login.html", page);
        app.MapFallbackToFile("/setup", "setup.html", page);
        app.MapFallbackToFile("/", "index.html", page);
        app.MapFallbackToFile("{*path:regex(^(?!api/|hubs/|openapi/).*$)}", "index.html", page);
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
