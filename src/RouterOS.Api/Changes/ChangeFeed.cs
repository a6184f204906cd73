using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Changes;

/// <summary>
/// Keeps the latest change state and sends it to the browsers on <see cref="ChangeHub"/> whenever
/// the stores say something changed (<see cref="ChangeSignal"/>). Latest value only: a burst of
/// edits costs one read of the store and one message. Writers never wait for a browser; a browser
/// that does not take its message within <see cref="SendDeadline"/> only delays the next state.
/// </summary>
public sealed partial class ChangeFeed(IServiceScopeFactory scopes, ChangeSignal signal, IHubContext<ChangeHub> hub, ILogger<ChangeFeed> logger) : BackgroundService
{
    private static readonly TimeSpan SendDeadline = TimeSpan.FromSeconds(5);

    // Browsers that connected since the last pass; each gets the state once, from the loop, in order with the broadcasts.
    private readonly ConcurrentQueue<string> _newcomers = new();
    private ChangeStateView? _latest;

    /// <summary>Sends the current state to a browser that just connected.</summary>
    public void Welcome(string connectionId)
    {
        _newcomers.Enqueue(connectionId);
        signal.Notify();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishAsync(stoppingToken);
                await signal.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store was busy or a browser did not take its message in time: the loop reads and sends again after a pause.
                LogFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task PublishAsync(CancellationToken stoppingToken)
    {
        ChangeStateView state;
        using (var scope = scopes.CreateScope())
            state = await ChangeStateReader.ReadAsync(scope.ServiceProvider, stoppingToken);
        // Taken after the read: a browser that connected during it gets this state or a later one.
        var newcomers = new List<string>();
        while (_newcomers.TryDequeue(out var id))
            newcomers.Add(id);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(SendDeadline);
        try
        {
            if (state != _latest)
            {
                await hub.Clients.All.SendAsync(LiveHubs.ChangeStateMethod, state, deadline.Token);
                // Only once sent: a broadcast that failed is sent again by the retry, not taken as done.
                _latest = state;
            }
            else if (newcomers.Count > 0)
            {
                await hub.Clients.Clients(newcomers).SendAsync(LiveHubs.ChangeStateMethod, state, deadline.Token);
            }
        }
        catch
        {
            // The retry welcomes them again.
            foreach (var id in newcomers)
                _newcomers.Enqueue(id);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Publishing the change state failed; trying again in a second")]
    private partial void LogFailed(Exception exception);
}
