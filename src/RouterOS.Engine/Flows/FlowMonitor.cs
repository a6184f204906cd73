using System.Threading.Channels;
using RouterOS.Domain.Flows;
using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Flows;

/// <param name="DumpInterval">How often the whole table is read for counters and offload bits (default 1 s).</param>
/// <param name="EventBufferBytes">The event socket's kernel queue: large, so a burst of births and deaths is not lost.</param>
/// <param name="EventQueueLength">Events parsed but not yet applied; a full queue counts as lost events and forces a resync.</param>
public sealed record FlowMonitorOptions(TimeSpan DumpInterval, int EventBufferBytes = 64 << 20, int EventQueueLength = 200_000)
{
    public static FlowMonitorOptions Default { get; } = new(TimeSpan.FromSeconds(1));
}

/// <summary>
/// Watches every connection of the router's namespace (shared/DESIGN.md decision 5): periodic
/// ctnetlink dumps for counters and offload bits, NEW and DESTROY events for births and deaths
/// between dumps. One reader thread per socket; the event reader only parses and queues, never
/// waits on the table; lost events (ENOBUFS, or a full queue) are counted and answered with a dump.
/// </summary>
public sealed partial class FlowMonitor : IDisposable
{
    private readonly FlowMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<RouterConfig?> _runningConfig;
    private readonly Func<Probe.Capabilities?> _capabilities;
    private readonly NamespaceThread _thread;
    private readonly Lock _tableLock = new();
    private readonly FlowTable _table = new();
    private readonly List<FlowSubscription> _subscribers = [];
    private readonly Channel<(ConntrackMessageKind Kind, ConntrackEntry Entry)> _events;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _dumpNow = new(0, 1);

    /// <summary>The least time between two dumps when births or lost events ask for one early (a dump of a large table is not free).</summary>
    private static readonly TimeSpan EarlyDumpGap = TimeSpan.FromMilliseconds(100);
    private readonly NetlinkWriter _writer = new();
    private NetlinkSocket? _requests;
    private NetlinkSocket? _eventSocket;
    private RtnetlinkClient? _rtnetlink;
    private FlowRoutes _routes = FlowRoutes.Empty;
    private Thread? _eventReader;
    private Task? _dumpLoop;
    private Task? _eventLoop;
    private FlowTotals? _aggregates;
    private DateTimeOffset _lastAggregate;
    private int _bornSinceAggregate;
    private ulong _eventsLost;
    private ulong _resyncs;

    /// <param name="capabilities">The kernel's probed capabilities (why flows are not offloaded); null: not probed.</param>
    public FlowMonitor(string? namespaceName, FlowMonitorOptions options, TimeProvider time, ILogger<FlowMonitor> logger, Func<RouterConfig?> runningConfig,
        Func<Probe.Capabilities?>? capabilities = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _runningConfig = runningConfig;
        _capabilities = capabilities ?? (() => null);
        _thread = new NamespaceThread(namespaceName);
        _events = Channel.CreateBounded<(ConntrackMessageKind, ConntrackEntry)>(new BoundedChannelOptions(options.EventQueueLength)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    /// <summary>When this monitor turned on nf_conntrack_acct (null: it was on already).</summary>
    public DateTimeOffset? CountersSince { get; private set; }

    public ulong EventsLost => Interlocked.Read(ref _eventsLost);

    public ulong Resyncs => Interlocked.Read(ref _resyncs);

    public FlowTotals? Aggregates
    {
        get
        {
            lock (_tableLock)
            {
                return _aggregates;
            }
        }
    }

    /// <summary>Turns on accounting and timestamps in the namespace, opens the sockets, starts reading.</summary>
    public void Start()
    {
        _thread.Run(() =>
        {
            // /proc/sys/net is the namespace of the thread that opens it: this one's.
            if (SetSysctl("net/netfilter/nf_conntrack_acct", "1"))
            {
                CountersSince = _time.GetUtcNow();
                LogAccountingOn();
            }
            _ = SetSysctl("net/netfilter/nf_conntrack_timestamp", "1");
            // 1: events for every entry, not only while a listener existed when it was made (2, "auto").
            _ = SetSysctl("net/netfilter/nf_conntrack_events", "1");
            _requests = new NetlinkSocket(NetlinkProtocol.Netfilter);
            _rtnetlink = new RtnetlinkClient();
            _eventSocket = new NetlinkSocket(NetlinkProtocol.Netfilter,
                Ctnetlink.GroupMask(Ctnetlink.GroupNew) | Ctnetlink.GroupMask(Ctnetlink.GroupDestroy), _options.EventBufferBytes);
            _eventSocket.SetReceiveTimeout(TimeSpan.FromMilliseconds(250));
            return true;
        });
        _eventReader = new Thread(ReadEvents) { IsBackground = true, Name = "conntrack events" };
        _eventReader.Start();
        _eventLoop = Task.Run(ApplyEventsAsync);
        _dumpLoop = Task.Run(DumpLoopAsync);
    }

    /// <summary>A new subscriber: its first batch is the whole table.</summary>
    public FlowSubscription Subscribe()
    {
        lock (_tableLock)
        {
            var subscription = new FlowSubscription(Unsubscribe, _aggregates);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Reads flows under the table's lock (the records are live: copy what you need inside).</summary>
    public T Read<T>(Func<FlowTable, T> read)
    {
        lock (_tableLock)
        {
            return read(_table);
        }
    }

    /// <summary>The routes read with the last dump: a flow's devices.</summary>
    public FlowRoutes Routes => Volatile.Read(ref _routes);

    /// <summary>
    /// Copies flows out (all shown, or the given ids) with how far their counters can be trusted,
    /// the flowtable they are in when that is certain, and why they are not offloaded: quick
    /// under the lock, the caller formats them after.
    /// </summary>
    public List<FlowSnapshot> Snapshot(IReadOnlyCollection<ulong>? keys = null)
    {
        var context = new FlowContext(_runningConfig(), _capabilities(), Routes);
        lock (_tableLock)
        {
            var result = new List<FlowSnapshot>(keys?.Count ?? _table.Count);
            foreach (var flow in keys is null ? _table.Shown : keys.Select(_table.Find).OfType<FlowRecord>().Where(flow => flow.Read))
            {
                result.Add(FlowSnapshot.Of(flow, context));
            }
            return result;
        }
    }

    /// <summary>The ids of the flows shown now, to copy out in pieces with <see cref="Snapshot"/>.</summary>
    public List<ulong> ShownKeys()
    {
        lock (_tableLock)
        {
            return [.. _table.Shown.Select(flow => flow.Key)];
        }
    }

    /// <summary>Kills a connection: deletes its conntrack entry (the id guards against a reused tuple).</summary>
    /// <returns>An error in plain words, or null when the kernel deleted it.</returns>
    public async Task<string?> KillAsync(ulong key)
    {
        var flow = Read(table => table.Find(key)?.Entry);
        if (flow is not { } entry)
        {
            return $"no flow {key}";
        }
        try
        {
            await _thread.RunAsync(() =>
            {
                _writer.Reset();
                ConntrackRequests.Delete(_writer, _requests!.NextSequence(), entry.Original, entry.Id);
                _requests.Execute(_writer, $"delete flow {key}");
                return true;
            });
        }
        catch (KernelException exception) when (exception.Errno == KernelException.ENOENT)
        {
            return $"flow {key} has already ended";
        }
        var changes = new FlowChanges();
        lock (_tableLock)
        {
            _table.Destroyed(entry, changes);
        }
        Publish(changes, null);
        return null;
    }

    /// <summary>Reads the whole table now (tests; the dump loop does this every interval).</summary>
    public Task DumpNowAsync() => _thread.RunAsync(Dump);

    public void Dispose()
    {
        _stopping.Cancel();
        _events.Writer.TryComplete();
        _eventReader?.Join();
        try
        {
            Task.WaitAll([.. new[] { _dumpLoop, _eventLoop }.OfType<Task>()], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(inner => inner is OperationCanceledException))
        {
            // Stopped as asked.
        }
        _thread.Run(() =>
        {
            _requests?.Dispose();
            _eventSocket?.Dispose();
            _rtnetlink?.Dispose();
            return true;
        });
        _thread.Dispose();
        _stopping.Dispose();
        _dumpNow.Dispose();
    }

    private async Task DumpLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _thread.RunAsync(Dump);
            }
            catch (Exception exception) when (exception is KernelException or NetlinkParseException)
            {
                LogDumpFailed(exception.Message);
            }
            try
            {
                // The interval, or early when events were lost or flows were born (a flow is
                // shown once a dump has read it: not later than this gap after its NEW event).
                var gap = _options.DumpInterval < EarlyDumpGap ? _options.DumpInterval : EarlyDumpGap;
                await Task.Delay(gap, _stopping.Token);
                _ = await _dumpNow.WaitAsync(_options.DumpInterval - gap, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Dump()
    {
        // Read before the table: a flow the dump shows has the routes it was made with, or newer.
        Volatile.Write(ref _routes, FlowRoutes.From(_rtnetlink!.Read(rulesetListing: null)));
        var changes = new FlowChanges();
        FlowTotals aggregates;
        lock (_tableLock)
        {
            var now = _time.GetUtcNow();
            _table.BeginDump();
            _writer.Reset();
            ConntrackRequests.Dump(_writer, _requests!.NextSequence());
            _requests.DumpOverlapped(_writer, "dump conntrack", message =>
            {
                if (ConntrackEntry.KindOf(message) != ConntrackMessageKind.Other)
                {
                    _table.Observe(ConntrackEntry.Parse(message), now, changes);
                }
            });
            _table.EndDump(changes);
            aggregates = Aggregate(now, changes.Born);
        }
        Publish(changes, aggregates);
    }

    private FlowTotals Aggregate(DateTimeOffset now, int bornInDump)
    {
        int classic = 0, software = 0, hardware = 0;
        double fast = 0, slow = 0;
        foreach (var flow in _table.All)
        {
            switch (flow.Offload)
            {
                case OffloadState.None: classic++; slow += flow.BytesPerSecond; break;
                case OffloadState.Software: software++; fast += flow.BytesPerSecond; break;
                case OffloadState.Hardware: hardware++; fast += flow.BytesPerSecond; break;
            }
        }
        var seconds = (now - _lastAggregate).TotalSeconds;
        var born = _bornSinceAggregate + bornInDump;
        var newPerSecond = _lastAggregate == default || seconds <= 0 ? 0 : born / seconds;
        _lastAggregate = now;
        _bornSinceAggregate = 0;
        _aggregates = new FlowTotals(now, _table.Count, classic, software, hardware, fast, slow, newPerSecond, CountersSince, EventsLost, Resyncs);
        return _aggregates;
    }

    private void ReadEvents()
    {
        var socket = _eventSocket!;
        while (!_stopping.IsCancellationRequested)
        {
            EventReceive result;
            try
            {
                result = socket.ReceiveEvents(message =>
                {
                    var kind = ConntrackEntry.KindOf(message);
                    if (kind is ConntrackMessageKind.Created or ConntrackMessageKind.Destroyed && !_events.Writer.TryWrite((kind, ConntrackEntry.Parse(message))))
                    {
                        Lost();
                    }
                });
            }
            catch (Exception exception) when (exception is KernelException or NetlinkParseException)
            {
                LogEventReadFailed(exception.Message);
                Lost();
                continue;
            }
            if (result == EventReceive.Overrun)
            {
                Lost();
            }
        }
    }

    /// <summary>Events were dropped: count it and have the dump loop read the whole table now.</summary>
    private void Lost()
    {
        _ = Interlocked.Increment(ref _eventsLost);
        _ = Interlocked.Increment(ref _resyncs);
        DumpSoon();
    }

    private void DumpSoon()
    {
        try
        {
            if (_dumpNow.CurrentCount == 0)
            {
                _dumpNow.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // A resync is already due.
        }
    }

    private async Task ApplyEventsAsync()
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                var changes = new FlowChanges();
                lock (_tableLock)
                {
                    var now = _time.GetUtcNow();
                    while (reader.TryRead(out var item))
                    {
                        if (item.Kind == ConntrackMessageKind.Created)
                        {
                            _table.Created(item.Entry, now, changes);
                        }
                        else
                        {
                            _table.Destroyed(item.Entry, changes);
                        }
                    }
                    _bornSinceAggregate += changes.Born;
                }
                if (changes.Born > 0)
                {
                    DumpSoon();
                }
                Publish(changes, null);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Publish(FlowChanges changes, FlowTotals? aggregates)
    {
        if (changes.IsEmpty && aggregates is null)
        {
            return;
        }
        FlowSubscription[] subscribers;
        lock (_tableLock)
        {
            subscribers = [.. _subscribers];
        }
        foreach (var subscriber in subscribers)
        {
            subscriber.Merge(changes, aggregates);
        }
    }

    private void Unsubscribe(FlowSubscription subscription)
    {
        lock (_tableLock)
        {
            _ = _subscribers.Remove(subscription);
        }
    }

    /// <returns>True if the value was changed (it was not already <paramref name="value"/>).</returns>
    private bool SetSysctl(string name, string value)
    {
        var path = $"/proc/sys/{name}";
        try
        {
            if (File.ReadAllText(path).Trim() == value)
            {
                return false;
            }
            File.WriteAllText(path, value);
            return true;
        }
        catch (IOException exception)
        {
            LogSysctlFailed(name, exception.Message);
            return false;
        }
        catch (UnauthorizedAccessException exception)
        {
            LogSysctlFailed(name, exception.Message);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Information, "Flow accounting (nf_conntrack_acct) turned on: connections that began before now have no counters")]
    private partial void LogAccountingOn();

    [LoggerMessage(LogLevel.Warning, "Reading the conntrack table failed: {Error}")]
    private partial void LogDumpFailed(string error);

    [LoggerMessage(LogLevel.Warning, "Reading conntrack events failed: {Error}; resynchronising")]
    private partial void LogEventReadFailed(string error);

    [LoggerMessage(LogLevel.Warning, "Could not set {Name}: {Error}")]
    private partial void LogSysctlFailed(string name, string error);
}
