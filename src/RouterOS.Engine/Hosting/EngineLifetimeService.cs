using RouterOS.Engine.Control;

namespace RouterOS.Engine.Hosting;

/// <summary>Repairs drift at an interval: what someone changed by hand is put back and logged.</summary>
internal sealed class EngineLifetimeService(RouterEngine engine, EngineOptions options, TimeProvider time, ILogger<EngineLifetimeService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DriftRepairLoop.RunAsync(() => engine.RepairDriftAsync(), options.ReconcileInterval, time, logger, stoppingToken);
}
