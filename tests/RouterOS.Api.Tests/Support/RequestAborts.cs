using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RouterOS.Api.Tests.Support;

/// <summary>Tells a test when the server saw a client go away from a request (its RequestAborted fired), by path.</summary>
public sealed class RequestAborts : IStartupFilter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _aborted = new();

    public Task AbortedAsync(string path) => Source(path).Task;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            var path = http.Request.Path.Value ?? "";
            using var registration = http.RequestAborted.Register(() => Source(path).TrySetResult());
            await nextMiddleware(http);
        });
        next(app);
    };

    private TaskCompletionSource Source(string path) => _aborted.GetOrAdd(path, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
