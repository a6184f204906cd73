using Grpc.Core;

namespace RouterOS.Api.Engine;

/// <summary>
/// How a call to the engine fails, the same for each of its gRPC services: the connect callback's
/// own verdict (no socket) wins whatever status gRPC wrapped it in; an engine that does not answer
/// in time or at all is unavailable; anything else is the engine's error, unless the service's
/// client reads that status more precisely first.
/// </summary>
internal static class EngineCalls
{
    /// <param name="socketPath">Named in the error: where the engine was looked for.</param>
    /// <param name="call">The call.</param>
    /// <param name="precise">A service's own reading of a status (e.g. FailedPrecondition is a refusal); null: the general one.</param>
    public static async Task<T> Run<T>(string socketPath, Func<Task<T>> call, Func<RpcException, Exception?>? precise = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (FindUnavailable(e) is { } down)
        {
            throw down;
        }
        catch (RpcException e)
        {
            throw precise?.Invoke(e) ?? (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
                ? new EngineUnavailableException($"the engine is not reachable on {socketPath}: {e.Status.Detail}", e)
                : new EngineFailedException($"the engine answered with an error ({e.StatusCode}): {e.Status.Detail}", e));
        }
    }

    public static DateTime Deadline(TimeSpan after) => DateTime.UtcNow + after;

    private static EngineUnavailableException? FindUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is EngineUnavailableException down)
                return down;
        }
        return null;
    }
}
