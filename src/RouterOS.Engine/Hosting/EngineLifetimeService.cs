using RouterOS.Engine.Reconcile;

namespace RouterOS.Engine.Hosting;

/// <summary>Repairs drift at an interval: what someone changed by hand is put back and logged.</summary>
internal sealed class EngineLifetimeService(RouterEngine engine, Hosting.EngineOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReconcileInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await engine.RepairDriftAsync();
        }
    }
}
