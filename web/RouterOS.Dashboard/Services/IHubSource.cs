namespace RouterOS.Dashboard.Services;

/// <summary>
/// Where the dashboard's live feeds come from: the API's SignalR hubs (<see cref="SignalRHubSource"/>);
/// in the component tests, a source the test pushes to, so a page is seen taking a push as it comes.
/// </summary>
public interface IHubSource
{
    /// <summary>
    /// Connects to the hub at <paramref name="path"/> and passes every <paramref name="method"/> call to
    /// <paramref name="received"/>; <paramref name="connected"/> is told false when the connection is
    /// lost (it is being tried again) and true when it is back.
    /// </summary>
    /// <returns>Disposing it disconnects.</returns>
    Task<IAsyncDisposable> SubscribeAsync<T>(string path, string method, Action<T> received, Action<bool> connected);
}
