namespace RouterOS.Engine.Flows;

/// <summary>The dashboard's totals after one dump.</summary>
/// <param name="FastPathBytesPerSecond">Bytes per second of offloaded flows (software and hardware).</param>
/// <param name="CountersSince">When this engine turned accounting on: flows older than that have no counters. Null when it was on already.</param>
/// <param name="EventsLost">Times the kernel dropped events (ENOBUFS) or the monitor's queue was full; each was followed by a resync.</param>
public sealed record FlowAggregates(
    DateTimeOffset At,
    int Total,
    int Classic,
    int SoftwareOffloaded,
    int HardwareOffloaded,
    double FastPathBytesPerSecond,
    double ClassicBytesPerSecond,
    double NewFlowsPerSecond,
    DateTimeOffset? CountersSince,
    ulong EventsLost,
    ulong Resyncs);
