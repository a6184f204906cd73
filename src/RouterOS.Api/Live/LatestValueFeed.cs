using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Live;

/// <summary>
/// Follows one of the engine's "the whole thing, again after every change" streams (links, uplinks,
/// leases), keeps the latest snapshot for the hub's newcomers and the REST reads, and passes every
/// snapshot to the browsers on <typeparamref name="THub"/>, reconnecting whenever the engine goes away
/// or restarts (<see cref="EngineWatch"/>). While the stream is down the browsers keep the last
/// snapshot, marked as not connected, so a page can say the values are old.
/// </summary>
/// <typeparam name="TMessage">What the engine's stream yields.</typeparam>
/// <typeparam name="TSnapshot">What a browser gets: the message, with whether the stream is up.</typeparam>
/// <typeparam name="THub">The hub the browsers follow it on.</typeparam>
/// <param name="method">The hub method browsers receive a snapshot by (a <c>LiveHubs</c> name).</param>
/// <param name="initial">The snapshot before the engine said anything: empty, not connected.</param>
public abstract partial class LatestValueFeed<TMessage, TSnapshot, THub>(IHubContext<THub> hub, string method, TSnapshot initial, ILogger logger) : BackgroundService
    where TSnapshot : class
    where THub : Hub
{
    private volatile TSnapshot _latest = initial;

    public TSnapshot Latest => _latest;

    /// <summary>The hub method a snapshot is sent by, for the hub to greet a newcomer the same way.</summary>
    public string Method => method;

    /// <summary>Names the stream in the log ("link", "uplink", "lease").</summary>
    protected abstract string StreamName { get; }

    /// <summary>Opens the engine's stream (an <see cref="IEngineClient"/> Watch call).</summary>
    protected abstract IAsyncEnumerable<TMessage> Open(CancellationToken cancellationToken);

    /// <summary>A message from the engine as the snapshot browsers get: connected.</summary>
    protected abstract TSnapshot Connected(TMessage message);

    /// <summary>The last snapshot marked as no longer live; null when it is already marked (nothing to send).</summary>
    protected abstract TSnapshot? Disconnected(TSnapshot latest);

    /// <summary>After a message was passed on (the stream delivers).</summary>
    protected virtual Task StreamUpAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    /// <summary>As soon as the stream broke, before anything is sent.</summary>
    protected virtual void StreamDown()
    {
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => EngineWatch.FollowAsync(Open,
        async message =>
        {
            await PublishAsync(Connected(message));
            await StreamUpAsync(stoppingToken);
        },
        async error =>
        {
            StreamDown();
            if (error is not null)
                LogStreamDown(logger, StreamName, error);
            if (Disconnected(_latest) is { } stale)
                await PublishAsync(stale);
        },
        logger,
        stoppingToken);

    private async Task PublishAsync(TSnapshot snapshot)
    {
        _latest = snapshot;
        await hub.Clients.All.SendAsync(method, snapshot);
    }

    [LoggerMessage(LogLevel.Warning, "The engine's {Stream} stream is down: {Error}; reconnecting")]
    private static partial void LogStreamDown(ILogger logger, string stream, string error);
}
