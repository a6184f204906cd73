using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;
using RouterOS.Api.Hosting;
using RouterOS.Domain.Flows;

namespace RouterOS.Api.Flows;

/// <summary>One browser's query and what it was sent last (the base of its next delta).</summary>
public sealed class HubSubscriber(string connectionId, FlowQuery query)
{
    public string ConnectionId { get; } = connectionId;
    public FlowQuery Query { get; } = query;
    internal Dictionary<ulong, FlowView>? LastRows { get; set; }
    internal List<ulong> LastOrder { get; set; } = [];
    internal (int Matching, int Total, FlowTotals? Totals, bool Connected) LastHeader { get; set; }

    /// <summary>1 while an update is on its way to the browser.</summary>
    internal int Sending;

    /// <summary>1 when a round skipped this browser because it was still receiving.</summary>
    internal int Missed;
}

/// <summary>The browsers subscribed to the flow hub, by connection.</summary>
public sealed class FlowHubSubscribers
{
    private readonly ConcurrentDictionary<string, HubSubscriber> _subscribers = new();
    private TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    public ICollection<HubSubscriber> All => _subscribers.Values;

    /// <summary>Completes when a browser subscribes or finishes receiving after a missed round.</summary>
    public Task Woken
    {
        get
        {
            lock (_lock)
            {
                return _woken.Task;
            }
        }
    }

    /// <summary>A new query starts over: the next update is a reset.</summary>
    public void Set(string connectionId, FlowQuery query)
    {
        _subscribers[connectionId] = new HubSubscriber(connectionId, query);
        Wake();
    }

    public void Remove(string connectionId) => _subscribers.TryRemove(connectionId, out _);

    public void Wake()
    {
        lock (_lock)
        {
            _woken.TrySetResult();
            _woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

/// <summary>
/// Sends each subscribed browser its page as a delta whenever the flow table or its query
/// changes: at once after a quiet spell, otherwise <see cref="MinimumGap"/> after the last round
/// (changes in between are coalesced into one delta). A browser still receiving the previous
/// update is skipped (its next delta covers both): a slow browser never holds up the others or
/// the feed from the engine.
/// </summary>
public sealed partial class FlowHubPublisher(FlowCache cache, FlowHubSubscribers subscribers, IHubContext<FlowHub> hub, TimeProvider time, ILogger<FlowHubPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(100);

    private long? _lastRound;

    // What the next round waits for, taken before this round reads anything: a change or a wake
    // during the round completes it. Taken at the next round's start instead, a change arriving
    // after this round's query completed a task nobody waited for, and its update was not sent
    // until something else changed.
    private Task _next = Task.CompletedTask;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => BackgroundLoop.RunAsync(nameof(FlowHubPublisher), RoundAsync, logger, stoppingToken);

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        await _next.WaitAsync(stoppingToken);
        _next = Task.WhenAny(cache.Changed, subscribers.Woken);
        if (_lastRound is { } last && time.GetElapsedTime(last) is var sinceLast && sinceLast < MinimumGap)
        {
            await Task.Delay(MinimumGap - sinceLast, stoppingToken);
        }
        _lastRound = time.GetTimestamp();
        foreach (var subscriber in subscribers.All)
        {
            try
            {
                Push(subscriber);
            }
            catch (Exception exception)
            {
                // Its query fails (a bug; it would fail again each round): drop it, keep serving the others.
                subscribers.Remove(subscriber.ConnectionId);
                Volatile.Write(ref subscriber.Sending, 0);
                LogPushFailed(subscriber.ConnectionId, exception);
            }
        }
    }

    private void Push(HubSubscriber subscriber)
    {
        // Missed is raised before Sending is tested, and the sender lowers Sending before it reads
        // Missed (both with full fences): either this round sends, or the sender sees Missed and
        // wakes the next round. Raised after the test, a send ending in between left the change
        // unsent until the next one (a hub test lost its second update under load).
        Interlocked.Exchange(ref subscriber.Missed, 1);
        if (Interlocked.CompareExchange(ref subscriber.Sending, 1, 0) != 0)
        {
            return;
        }
        Interlocked.Exchange(ref subscriber.Missed, 0);
        var page = cache.Query(subscriber.Query);
        var delta = Delta(subscriber, page);
        if (delta is null)
        {
            subscriber.Sending = 0;
            return;
        }
        _ = SendAsync(subscriber, delta);
    }

    private async Task SendAsync(HubSubscriber subscriber, FlowPageDelta delta)
    {
        try
        {
            await hub.Clients.Client(subscriber.ConnectionId).SendAsync(LiveHubs.FlowUpdate, delta);
        }
        catch (Exception exception)
        {
            // Gone or broken (or a fault in sending): the next update starts it over.
            subscriber.LastRows = null;
            LogSendFailed(subscriber.ConnectionId, exception.Message);
        }
        finally
        {
            Interlocked.Exchange(ref subscriber.Sending, 0);
            if (Interlocked.Exchange(ref subscriber.Missed, 0) == 1)
            {
                subscribers.Wake();
            }
        }
    }

    /// <summary>What changed on the subscriber's page since its last update; null when nothing did.</summary>
    internal static FlowPageDelta? Delta(HubSubscriber subscriber, FlowPage page)
    {
        var reset = subscriber.LastRows is null;
        var last = subscriber.LastRows ?? [];
        var rows = page.Rows.ToDictionary(row => row.Id);
        var upserts = page.Rows.Where(row => !last.TryGetValue(row.Id, out var before) || before != row).ToList();
        var removed = reset ? [] : last.Keys.Where(id => !rows.ContainsKey(id)).ToList();
        var order = page.Rows.Select(row => row.Id).ToList();
        var header = (page.Matching, page.Total, page.Totals, page.Connected);
        if (!reset && upserts.Count == 0 && removed.Count == 0 && order.SequenceEqual(subscriber.LastOrder) && header == subscriber.LastHeader)
        {
            return null;
        }
        subscriber.LastRows = rows;
        subscriber.LastOrder = order;
        subscriber.LastHeader = header;
        return new FlowPageDelta(reset, upserts, removed, order, page.Matching, page.Total, page.Totals, page.Connected);
    }

    [LoggerMessage(LogLevel.Error, "The flows of hub connection {ConnectionId} could not be computed; it is unsubscribed (it may subscribe again)")]
    private partial void LogPushFailed(string connectionId, Exception exception);

    [LoggerMessage(LogLevel.Debug, "Could not send flows to {ConnectionId}: {Error}")]
    private partial void LogSendFailed(string connectionId, string error);
}
