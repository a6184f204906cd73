using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Links;

/// <summary>
/// The kernel's view of the router namespace's links, live (issue 23): joins the link and address
/// multicast groups, so a link going down is read again at once, and reads every link with its
/// counters once a second for the rates. Each reading replaces <see cref="Latest"/> and raises
/// <see cref="Changed"/>. Runs on its own thread; an error is logged and the watch goes on.
/// </summary>
public sealed partial class LinkWatch : IDisposable
{
    /// <summary>RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR (include/uapi/linux/rtnetlink.h).</summary>
    private const uint Groups = 0x1 | 0x10 | 0x100;

    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly NamespaceThread _thread;
    private readonly LinkSampler _sampler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly NetlinkWriter _writer = new();
    private NetlinkSocket? _events;
    private NetlinkSocket? _query;
    private EthtoolSpeed? _ethtool;
    private Thread? _reader;
    private volatile KernelLinkTable _latest = KernelLinkTable.Empty;

    public LinkWatch(string? namespaceName, TimeProvider time, ILogger<LinkWatch> logger, TimeSpan? interval = null)
    {
        _logger = logger;
        _time = time;
        _interval = interval ?? TimeSpan.FromSeconds(1);
        _sampler = new LinkSampler(_interval);
        _thread = new NamespaceThread(namespaceName);
    }

    /// <summary>The last reading (empty before the first).</summary>
    public KernelLinkTable Latest => _latest;

    /// <summary>After every reading. Handlers must be quick (they run on the watch's thread) and must not throw.</summary>
    public event Action? Changed;

    public void Start()
    {
        _thread.Run(() =>
        {
            // Sockets belong to the namespace they were opened in: this thread's.
            _events = new NetlinkSocket(NetlinkProtocol.Route, Groups, 1 << 20);
            _events.SetReceiveTimeout(ReceiveTimeout);
            _query = new NetlinkSocket(NetlinkProtocol.Route);
            _ethtool = new EthtoolSpeed();
            return true;
        });
        _reader = new Thread(Watch) { IsBackground = true, Name = "link watch" };
        _reader.Start();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _reader?.Join();
        _thread.Run(() =>
        {
            _events?.Dispose();
            _query?.Dispose();
            _ethtool?.Dispose();
            return true;
        });
        _thread.Dispose();
        _stopping.Dispose();
    }

    private void Watch()
    {
        var next = _time.GetUtcNow();
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var changed = false;
                var result = _events!.ReceiveEvents(message => changed |= message.Type
                    is Rtnetlink.NewLink or Rtnetlink.DeleteLink or Rtnetlink.NewAddress or Rtnetlink.DeleteAddress);
                if (result == EventReceive.Overrun)
                {
                    LogOverrun();
                }
                // Lost events (an overrun) cost nothing more than a reading: it is the whole table.
                if (changed || result == EventReceive.Overrun || _time.GetUtcNow() >= next)
                {
                    Read();
                    next = _time.GetUtcNow() + _interval;
                }
            }
            catch (Exception exception)
            {
                // Nothing here may end the engine: log, pause, try again.
                LogFailed(exception.Message);
                _stopping.Token.WaitHandle.WaitOne(ErrorPause);
            }
        }
    }

    private void Read()
    {
        var links = new List<LinkInfo>();
        _writer.Reset();
        LinkRequests.Dump(_writer, _query!.NextSequence());
        _query.Dump(_writer, "list links", message => links.Add(LinkInfo.Parse(message)));
        var addresses = new List<AddressInfo>();
        _writer.Reset();
        AddressRequests.Dump(_writer, _query.NextSequence());
        _query.Dump(_writer, "list addresses", message => addresses.Add(AddressInfo.Parse(message)));
        _latest = _sampler.Sample(links, addresses, link => _ethtool!.SpeedMbps(link.Name), _time.GetUtcNow());
        try
        {
            Changed?.Invoke();
        }
        catch (Exception exception)
        {
            LogFailed($"a subscriber failed: {exception.Message}");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Link events were lost (the queue overflowed): the links are read again whole")]
    private partial void LogOverrun();

    [LoggerMessage(LogLevel.Warning, "Watching the links failed: {Error}; trying again")]
    private partial void LogFailed(string error);
}
