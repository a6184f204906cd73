using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Uplinks;

/// <summary>
/// Follows the engine's uplink stream and passes every snapshot to the browsers on
/// <see cref="UplinkHub"/>, reconnecting (with a growing pause, up to 10 s) whenever the engine
/// goes away or restarts.
/// </summary>
public sealed partial class UplinkFeed(IEngineClient engine, IHubContext<UplinkHub, IUplinkClient> hub, ILogger<UplinkFeed> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    private volatile UplinkSnapshot _latest = new([], Connected: false);

    public UplinkSnapshot Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var uplinks in engine.WatchUplinksAsync(stoppingToken))
                {
                    await PublishAsync(new UplinkSnapshot(uplinks, Connected: true));
                    pause = FirstPause;
                }
            }
            catch (Exception exception) when (exception is EngineUnavailableException or EngineFailedException)
            {
                LogStreamDown(exception.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (_latest.Connected)
            {
                await PublishAsync(_latest with { Connected = false });
            }
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, pause.Ticks * 2));
        }
    }

    private async Task PublishAsync(UplinkSnapshot snapshot)
    {
        _latest = snapshot;
        await hub.Clients.All.Uplinks(snapshot);
    }

    [LoggerMessage(LogLevel.Warning, "The engine's uplink stream is down: {Error}; reconnecting")]
    private partial void LogStreamDown(string error);
}
