using System.Collections.Concurrent;
using RouterOS.Dashboard.Services;

namespace RouterOS.Dashboard.Tests.Support;

/// <summary>
/// The API's hubs as a test drives them: a component's subscription is kept by hub path and
/// method, and <see cref="Push"/> calls it as a message from the hub would.
/// </summary>
public sealed class FakeHubSource : IHubSource
{
    private readonly ConcurrentDictionary<(string Path, string Method), Action<object>> _subscribers = new();
    private readonly ConcurrentDictionary<string, Action<bool>> _connections = new();

    /// <summary>When set, connecting fails with it, as when the API cannot be reached.</summary>
    public HttpRequestException? Refuse { get; set; }

    public Task<IAsyncDisposable> SubscribeAsync<T>(string path, string method, Action<T> received, Action<bool> connected)
    {
        if (Refuse is { } refused)
            return Task.FromException<IAsyncDisposable>(refused);
        _subscribers[(path, method)] = message => received((T)message);
        _connections[path] = connected;
        return Task.FromResult<IAsyncDisposable>(new Subscription(() => _subscribers.TryRemove((path, method), out _)));
    }

    public bool IsSubscribed(string path, string method) => _subscribers.ContainsKey((path, method));

    /// <summary>Sends <paramref name="message"/> to whoever follows the hub at <paramref name="path"/>.</summary>
    public void Push<T>(string path, string method, T message) where T : notnull
    {
        Assert.True(_subscribers.TryGetValue((path, method), out var subscriber), $"nothing follows {path} ({method})");
        subscriber(message);
    }

    /// <summary>The connection to the hub at <paramref name="path"/> lost (true: back), as SignalR tells it.</summary>
    public void Connection(string path, bool connected)
    {
        Assert.True(_connections.TryGetValue(path, out var subscriber), $"nothing follows {path}");
        subscriber(connected);
    }

    private sealed class Subscription(Action end) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            end();
            return ValueTask.CompletedTask;
        }
    }
}
