using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace RouterOS.Api.Tests.Support;

/// <summary>A test's hub client (signed in with an API token, through the test server) and what it received, waited for with a deadline.</summary>
internal static class HubUpdates
{
    /// <summary>A connection to the hub at <paramref name="path"/> that writes every <paramref name="method"/> call it receives to <paramref name="received"/>; not started.</summary>
    public static HubConnection Connect<T>(ApiFactory api, string path, string token, string method, Channel<T> received)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Server.BaseAddress, path), options =>
            {
                options.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        hub.On<T>(method, message => received.Writer.TryWrite(message));
        return hub;
    }

    public static async Task<T> NextAsync<T>(Channel<T> updates, Func<T, bool> wanted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var delta = await updates.Reader.ReadAsync(deadline.Token);
            if (wanted(delta))
                return delta;
        }
    }
}
