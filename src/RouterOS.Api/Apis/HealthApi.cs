using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RouterOS.Api.Engine;
using RouterOS.Api.Store;

namespace RouterOS.Api.Apis;

/// <summary>
/// Probes for a supervisor or a load balancer, unauthenticated: <c>GET /healthz</c> answers 200
/// while the process serves requests; <c>GET /readyz</c> answers 200 when the engine answers and
/// the store opens, else 503. Each body is one word (Healthy or Unhealthy): no version, no
/// configuration, no reason, nothing an anonymous caller could learn the router from
/// (<c>/api/v1/status</c>, which says why, stays signed-in only).
/// </summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddRouterHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<EngineReadiness>("engine", tags: [ReadyTag])
            .AddCheck<StoreReadiness>("store", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapHealthApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Liveness runs no check: answering at all is the proof.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The engine answers a status call, within a few seconds (a bounded probe).</summary>
    private sealed class EngineReadiness(IEngineClient engine) : IHealthCheck
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(Budget);
            try
            {
                await engine.GetStatusAsync(bounded.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is EngineUnavailableException or EngineFailedException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return HealthCheckResult.Unhealthy();
            }
        }
    }

    /// <summary>The configuration store opens and answers a query.</summary>
    private sealed class StoreReadiness(RouterDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
            await database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
    }
}
