namespace RouterOS.Dashboard.Services;

/// <summary>
/// One of the API's latest-value hubs (links, uplinks, leases): it sends the whole thing on
/// connecting and again after every change, and this holds the last one. Pages read
/// <see cref="Snapshot"/> and are told by <see cref="Changed"/>; one connection for every page of
/// the app that follows it.
/// </summary>
/// <param name="path">The hub (a <c>LiveHubs</c> path).</param>
/// <param name="method">The method it sends a snapshot by.</param>
/// <param name="live">Told when the browser loses and regains the hub.</param>
public abstract class HubSnapshotFeed<TSnapshot>(IHubSource hubs, LiveConnection live, string path, string method) : IAsyncDisposable
    where TSnapshot : class
{
    private Task<IAsyncDisposable>? _subscription;

    public event Action? Changed;

    /// <summary>The last snapshot the hub sent; null before the first.</summary>
    public TSnapshot? Snapshot { get; private set; }

    /// <summary>Connects, once: pages that call it again share the connection. A failed connect is forgotten, so the next page tries again.</summary>
    public async Task StartAsync()
    {
        var subscription = _subscription ??= hubs.SubscribeAsync<TSnapshot>(path, method, Receive, connected => live.Report(path, connected));
        try
        {
            await subscription;
        }
        catch (Exception) when (ReferenceEquals(_subscription, subscription))
        {
            _subscription = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is { IsCompletedSuccessfully: true } connected)
            await connected.Result.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Receive(TSnapshot snapshot)
    {
        Snapshot = snapshot;
        Changed?.Invoke();
    }
}
