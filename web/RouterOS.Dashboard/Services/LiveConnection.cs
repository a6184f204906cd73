using Microsoft.AspNetCore.SignalR.Client;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// Whether the browser is following the router's hubs: one of them losing its connection (the API
/// restarting, the network between the two down) makes every live value on screen possibly old,
/// and the layout says so until all of them are back. Hubs report here as they lose and regain their
/// connection; the engine side of each hub is reported in its own messages.
/// </summary>
public sealed class LiveConnection
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _interrupted = [];

    public event Action? Changed;

    /// <summary>Since when at least one hub has been without its connection; null while all are connected.</summary>
    public DateTimeOffset? InterruptedSince { get; private set; }

    /// <summary>Tells <paramref name="connected"/> false when <paramref name="hub"/> loses its connection (it is being tried again) and true when it is back.</summary>
    public static void Watch(HubConnection hub, Action<bool> connected)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(connected);
        hub.Reconnecting += _ => Tell(connected, false);
        hub.Reconnected += _ => Tell(connected, true);
        // Closed only when disposed, or when reconnecting gave up (HubRetry does not).
        hub.Closed += _ => Tell(connected, false);
    }

    /// <summary>What a hub at <paramref name="hub"/> (its path) says of its connection.</summary>
    public void Report(string hub, bool connected)
    {
        if (connected)
            Regained(hub);
        else
            Lost(hub);
    }

    private static Task Tell(Action<bool> connected, bool state)
    {
        connected(state);
        return Task.CompletedTask;
    }

    private void Lost(string hub)
    {
        lock (_lock)
        {
            if (!_interrupted.Add(hub))
                return;
            InterruptedSince ??= DateTimeOffset.UtcNow;
        }
        Changed?.Invoke();
    }

    private void Regained(string hub)
    {
        lock (_lock)
        {
            if (!_interrupted.Remove(hub))
                return;
            if (_interrupted.Count == 0)
                InterruptedSince = null;
        }
        Changed?.Invoke();
    }
}
