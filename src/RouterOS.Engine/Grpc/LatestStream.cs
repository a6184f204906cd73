using Grpc.Core;

namespace RouterOS.Engine.Grpc;

/// <summary>
/// A server stream of "the whole thing, as it is now": sent at once and again after every change.
/// A change only wakes the writer, which then sends the state of that moment, so a burst of changes
/// (a session coming up says five things) costs one message or two and a slow reader never builds
/// a backlog in the engine.
/// </summary>
internal static class LatestStream
{
    /// <param name="subscribe">Adds the wake-up handler to the source's change event.</param>
    /// <param name="unsubscribe">Removes it again when the caller goes away.</param>
    /// <param name="current">The message for the state now; null when there is nothing to say yet.</param>
    public static async Task WriteAsync<T>(Action<Action> subscribe, Action<Action> unsubscribe, Func<T?> current, IServerStreamWriter<T> responseStream, CancellationToken cancel)
        where T : class
    {
        var changed = System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });
        void Wake() => changed.Writer.TryWrite(true);
        subscribe(Wake);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                if (current() is { } message)
                {
                    await responseStream.WriteAsync(message, cancel);
                }
                await changed.Reader.ReadAsync(cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // The caller went away.
        }
        finally
        {
            unsubscribe(Wake);
        }
    }
}
