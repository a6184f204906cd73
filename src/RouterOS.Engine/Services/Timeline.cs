namespace RouterOS.Engine.Services;

/// <summary>One moment of an uplink's life, for its timeline.</summary>
public sealed record TimelineEvent<TState>(DateTimeOffset At, TState State, string Detail)
    where TState : struct, Enum;

/// <summary>The last <see cref="Length"/> events of an uplink, oldest first; safe to read while it grows.</summary>
public sealed class Timeline<TState>
    where TState : struct, Enum
{
    public const int Length = 50;

    private readonly Lock _lock = new();
    private readonly Queue<TimelineEvent<TState>> _events = new();

    public void Add(TimelineEvent<TState> e)
    {
        lock (_lock)
        {
            _events.Enqueue(e);
            if (_events.Count > Length)
                _events.Dequeue();
        }
    }

    public IReadOnlyList<TimelineEvent<TState>> Snapshot()
    {
        lock (_lock)
            return [.. _events];
    }
}
