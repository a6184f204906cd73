namespace RouterOS.Domain.Flows;

/// <summary>
/// The router's flow totals after one conntrack dump: flows per path, bytes per second on the fast
/// and classic paths, new flows per second. One definition: the engine computes it, the API sends it
/// as JSON and the dashboard draws it.
/// </summary>
/// <param name="FastPathBytesPerSecond">Bytes per second of offloaded flows (software and hardware).</param>
/// <param name="CountersSince">When the engine turned accounting on: flows older than that have no counters. Null when it was on already.</param>
/// <param name="EventsLost">Times the kernel dropped events (ENOBUFS) or the monitor's queue was full; each was followed by a resync.</param>
public sealed record FlowTotals(
    DateTimeOffset At,
    int Total,
    int Classic,
    int SoftwareOffloaded,
    int HardwareOffloaded,
    double FastPathBytesPerSecond,
    double ClassicBytesPerSecond,
    double NewFlowsPerSecond,
    DateTimeOffset? CountersSince,
    // Unsigned, as engine.proto sends them (uint64).
    ulong EventsLost,
    ulong Resyncs);
