using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Flows.Stale;

/// <summary>
/// Keeps fast-path entries honest (issue 18): watches the router namespace's links, neighbours,
/// bridge forwarding entries and addresses over rtnetlink and, when one changes under some flows
/// (<see cref="NetworkChangeTracker"/>), deletes their conntrack entries; the flowtable entries
/// go with them and the next packet is routed afresh. A flow's devices are told by the routes as
/// they were before the change, since a link going down or an address going takes routes with
/// it: the routes are read again after every batch of events, and a flow is covered if either of
/// the last two readings puts it through the changed device (a change can land between a batch
/// and the reading after it). Runs on its own thread; an error is logged and the watch goes on.
/// </summary>
public sealed partial class StaleFlowWatch : IDisposable
{
    /// <summary>RTMGRP_LINK, RTMGRP_NEIGH, RTMGRP_IPV4_IFADDR, RTMGRP_IPV4_ROUTE, RTMGRP_IPV6_IFADDR, RTMGRP_IPV6_ROUTE (include/uapi/linux/rtnetlink.h).</summary>
    private const uint Groups = 0x1 | 0x4 | 0x10 | 0x40 | 0x100 | 0x400;

    private readonly ILogger _logger;
    private readonly NamespaceThread _thread;
    private readonly NetworkChangeTracker _tracker = new();
    private readonly CancellationTokenSource _stopping = new();
    private NetlinkSocket? _events;
    private NetlinkSocket? _conntrack;
    private RtnetlinkClient? _rtnetlink;
    private FlowRoutes _routes = FlowRoutes.Empty;
    private FlowRoutes _previousRoutes = FlowRoutes.Empty;
    private Thread? _reader;

    public StaleFlowWatch(string? namespaceName, ILogger<StaleFlowWatch> logger)
    {
        _logger = logger;
        _thread = new NamespaceThread(namespaceName);
    }

    /// <summary>Connections deleted so far (tests and diagnostics).</summary>
    public int Deleted { get; private set; }

    public void Start()
    {
        _thread.Run(() =>
        {
            // Sockets belong to the namespace they were opened in: this thread's.
            _events = new NetlinkSocket(NetlinkProtocol.Route, Groups, 4 << 20);
            _events.SetReceiveTimeout(TimeSpan.FromMilliseconds(250));
            _conntrack = new NetlinkSocket(NetlinkProtocol.Netfilter);
            _rtnetlink = new RtnetlinkClient();
            return true;
        });
        Resync();
        _reader = new Thread(Watch) { IsBackground = true, Name = "stale flow watch" };
        _reader.Start();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _reader?.Join();
        _thread.Run(() =>
        {
            _events?.Dispose();
            _conntrack?.Dispose();
            _rtnetlink?.Dispose();
            return true;
        });
        _thread.Dispose();
        _stopping.Dispose();
    }

    private void Watch()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var causes = new List<StaleCause>();
                var result = _events!.ReceiveEvents(message =>
                {
                    if (Interpret(message) is { } cause)
                        causes.Add(cause);
                });
                foreach (var cause in causes)
                {
                    Flush(cause);
                }
                if (result == EventReceive.Overrun)
                {
                    LogOverrun();
                    Resync();
                }
                else if (result == EventReceive.Received)
                {
                    ReadRoutes();
                }
            }
            catch (Exception exception) when (exception is KernelException or NetlinkParseException)
            {
                LogFailed(exception.Message);
            }
        }
    }

    private StaleCause? Interpret(NetlinkMessage message) => message.Type switch
    {
        Rtnetlink.NewLink or Rtnetlink.DeleteLink => _tracker.Link(LinkInfo.Parse(message), message.Type == Rtnetlink.DeleteLink),
        NeighbourInfo.NewNeighbour or NeighbourInfo.DeleteNeighbour => _tracker.Neighbour(NeighbourInfo.Parse(message), message.Type == NeighbourInfo.DeleteNeighbour),
        Rtnetlink.DeleteAddress => _tracker.AddressRemoved(AddressInfo.Parse(message)),
        _ => null,
    };

    /// <summary>The links and neighbours as they are now (at start, and after lost events) and the routes.</summary>
    private void Resync()
    {
        var links = new List<LinkInfo>();
        var neighbours = new List<NeighbourInfo>();
        _thread.Run(() =>
        {
            using var socket = new NetlinkSocket(NetlinkProtocol.Route);
            var writer = new NetlinkWriter();
            LinkRequests.Dump(writer, socket.NextSequence());
            socket.Dump(writer, "list links", message => links.Add(LinkInfo.Parse(message)));
            writer.Reset();
            NeighbourInfo.Dump(writer, socket.NextSequence());
            socket.Dump(writer, "list neighbours", message => neighbours.Add(NeighbourInfo.Parse(message)));
            return true;
        });
        foreach (var link in links)
        {
            _tracker.Link(link, deleted: false);
        }
        // Known now, so a later change is a change (what changed while events were lost is not known).
        foreach (var neighbour in neighbours)
        {
            _tracker.Neighbour(neighbour, deleted: false);
        }
        ReadRoutes();
    }

    private void ReadRoutes()
    {
        _previousRoutes = _routes;
        _routes = FlowRoutes.From(_rtnetlink!.Read(rulesetListing: null));
    }

    private void Flush(StaleCause cause)
    {
        var (routes, previous) = (_routes, _previousRoutes);
        var deleted = NetlinkConntrack.Delete(_conntrack!,
            (entry, _) => cause.Covers(entry, routes.PathOf(entry)) || cause.Covers(entry, previous.PathOf(entry)), $"delete a connection ({cause.Why})");
        Deleted += deleted;
        LogFlushed(cause.Why, deleted);
    }

    [LoggerMessage(LogLevel.Information, "Stale fast path: {Why}; {Count} connections through it deleted")]
    private partial void LogFlushed(string why, int count);

    [LoggerMessage(LogLevel.Warning, "Link and neighbour events were lost: resynchronising (a change meanwhile may have left flows on a stale fast path until they end)")]
    private partial void LogOverrun();

    [LoggerMessage(LogLevel.Warning, "Watching links and neighbours for stale flows failed: {Error}")]
    private partial void LogFailed(string error);
}
