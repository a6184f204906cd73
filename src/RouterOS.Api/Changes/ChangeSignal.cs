using System.Threading.Channels;

namespace RouterOS.Api.Changes;

/// <summary>
/// Tells the <see cref="ChangeFeed"/> that the candidate or a revision's state changed. The stores
/// call it on every write, so no endpoint can forget to. Never waits: however many writes come
/// before the feed looks, it reads the store once (one slot, further notices dropped).
/// </summary>
public sealed class ChangeSignal
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Notify() => _pending.Writer.TryWrite(true);

    /// <summary>Returns once something changed since the last wait returned.</summary>
    internal async Task WaitAsync(CancellationToken cancellationToken) => await _pending.Reader.ReadAsync(cancellationToken);
}
