using RouterOS.Domain.Flows;

namespace RouterOS.Engine.Flows;

/// <summary>What a subscriber has not been sent yet: ids only, so values are read fresh when sent.</summary>
/// <param name="Reset">Send every flow: the subscriber starts over (first batch, or after a resync).</param>
public sealed record PendingFlows(bool Reset, IReadOnlyCollection<ulong> Upserted, IReadOnlyCollection<ulong> Removed, FlowTotals? Aggregates);

/// <summary>
/// One subscriber's mailbox. The monitor merges every change into it and never waits: a flow
/// changed ten times before the subscriber reads is sent once, with its latest values, and a
/// flow added then removed is not sent at all. A slow subscriber costs memory bounded by the
/// table, and never stalls the monitor or the other subscribers.
/// </summary>
public sealed class FlowSubscription : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Action<FlowSubscription> _onDispose;
    private HashSet<ulong> _upserted = [];
    private HashSet<ulong> _removed = [];
    private bool _reset = true;
    private FlowTotals? _aggregates;

    internal FlowSubscription(Action<FlowSubscription> onDispose, FlowTotals? aggregates)
    {
        _onDispose = onDispose;
        _aggregates = aggregates;
        Wake();
    }

    internal void Merge(FlowChanges changes, FlowTotals? aggregates)
    {
        lock (_lock)
        {
            if (!_reset)
            {
                foreach (var id in changes.Removed)
                {
                    // Added and gone before the subscriber heard of it: nothing to say.
                    if (!_upserted.Remove(id))
                    {
                        _removed.Add(id);
                    }
                }
                foreach (var id in changes.Upserted)
                {
                    _removed.Remove(id);
                    _upserted.Add(id);
                }
            }
            _aggregates = aggregates ?? _aggregates;
        }
        Wake();
    }

    /// <summary>After lost events: the subscriber gets the whole table again.</summary>
    internal void Reset()
    {
        lock (_lock)
        {
            _reset = true;
            _upserted = [];
            _removed = [];
        }
        Wake();
    }

    /// <summary>Waits for something to send, then takes all of it.</summary>
    public async Task<PendingFlows> NextAsync(CancellationToken cancellation)
    {
        await _signal.WaitAsync(cancellation);
        lock (_lock)
        {
            var pending = new PendingFlows(_reset, _upserted, _removed, _aggregates);
            _reset = false;
            _upserted = [];
            _removed = [];
            _aggregates = null;
            return pending;
        }
    }

    public void Dispose()
    {
        _onDispose(this);
        _signal.Dispose();
    }

    private void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake: the next read takes everything.
        }
        catch (ObjectDisposedException)
        {
            // Unsubscribed while a change was being merged.
        }
    }
}
