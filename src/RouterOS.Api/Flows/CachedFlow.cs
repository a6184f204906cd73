using System.Globalization;
using System.Net;
using RouterOS.Api.Contracts;

namespace RouterOS.Api.Flows;

/// <summary>
/// A flow as the cache keeps it: what names it (its tuples, parsed addresses included), fixed for its
/// life, and what the engine sends again as it moves (counters, rates, state), updated in place.
/// </summary>
/// <remarks>
/// Why in place, and not the engine's view kept whole: a busy router sends every live flow again
/// every few seconds (a UDP flow's expiry moves with each packet). Kept whole, each flow's objects
/// would be replaced as often, and old copies that had lived long enough to reach the GC's oldest
/// generation would pile up there until a full collection: measured with 10,000 UDP flows, that
/// generation held 43 MB with each update kept whole and 23 MB with flows updated in place. A flow's
/// objects live as long as the flow, and the views are built for the page a query returns. Not thread-safe:
/// <see cref="FlowCache"/> holds its lock around every use.
/// </remarks>
public sealed class CachedFlow
{
    private readonly ulong _id;
    private readonly uint _conntrackId;
    private readonly int _zone;
    private readonly string _family;
    private readonly int _protocol;
    private readonly string _protocolName;
    private readonly Ends _originalEnds;
    private readonly Ends _replyEnds;
    private Direction _original;
    private Direction _reply;
    private string? _sourceNat;
    private string? _destinationNat;
    private string? _tcpState;
    private string _offload = "";
    private string _counters = "";
    private string? _countersNote;
    private DateTimeOffset? _offloadedSince;
    private DateTimeOffset _started;
    private DateTimeOffset? _expires;
    private uint _mark;
    private string? _flowtable;
    private string? _offloadRule;
    private string? _notOffloadedReason;
    private string? _inputInterface;
    private string? _outputInterface;

    public CachedFlow(FlowView view, FlowWords words)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(words);
        (_id, _conntrackId, _zone, _protocol) = (view.Id, view.ConntrackId, view.Zone, view.Protocol);
        _family = words.Intern(view.Family);
        _protocolName = words.Intern(view.ProtocolName);
        _originalEnds = new(view.Original.Source, view.Original.SourcePort, view.Original.Destination, view.Original.DestinationPort, view.Original.Icmp);
        // The reply's ends are the original's swapped, unless translated: one copy of each address.
        _replyEnds = new(
            view.Reply.Source == _originalEnds.Destination ? _originalEnds.Destination : view.Reply.Source, view.Reply.SourcePort,
            view.Reply.Destination == _originalEnds.Source ? _originalEnds.Source : view.Reply.Destination, view.Reply.DestinationPort, view.Reply.Icmp);
        Addresses = [.. new[] { view.Original.Source, view.Original.Destination, view.Reply.Source, view.Reply.Destination }
            .Select(text => IPAddress.TryParse(text, out var address) ? address : null).OfType<IPAddress>().Distinct()];
        Update(view, words);
    }

    public ulong Id => _id;

    public int Protocol => _protocol;

    public IReadOnlyList<IPAddress> Addresses { get; }

    public string Offload => _offload;

    public bool HasPort(int port) =>
        _originalEnds.SourcePort == port || _originalEnds.DestinationPort == port || _replyEnds.SourcePort == port || _replyEnds.DestinationPort == port;

    /// <summary>Whether <paramref name="view"/> is this flow again (its id and tuples), and not another that took its id.</summary>
    public bool IsSameFlow(FlowView view) =>
        view.Id == _id && view.ConntrackId == _conntrackId && view.Zone == _zone && view.Protocol == _protocol
        && _originalEnds.Match(view.Original) && _replyEnds.Match(view.Reply);

    /// <summary>Takes what moved from a newer view of this flow (<see cref="IsSameFlow"/>), keeping the strings it already holds where they are equal.</summary>
    public void Update(FlowView view, FlowWords words)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(words);
        _original = new(view.Original.Packets, view.Original.Bytes, view.Original.PacketsPerSecond, view.Original.BytesPerSecond);
        _reply = new(view.Reply.Packets, view.Reply.Bytes, view.Reply.PacketsPerSecond, view.Reply.BytesPerSecond);
        _sourceNat = Keep(_sourceNat, view.SourceNat);
        _destinationNat = Keep(_destinationNat, view.DestinationNat);
        _tcpState = words.Intern(view.TcpState);
        _offload = words.Intern(view.Offload);
        _counters = words.Intern(view.Counters);
        _countersNote = Keep(_countersNote, view.CountersNote);
        _offloadedSince = view.OffloadedSince;
        _started = view.Started;
        _expires = view.Expires;
        _mark = view.Mark;
        _flowtable = words.Intern(view.Flowtable);
        _offloadRule = words.Intern(view.OffloadRule);
        _notOffloadedReason = words.Intern(view.NotOffloadedReason);
        _inputInterface = words.Intern(view.InputInterface);
        _outputInterface = words.Intern(view.OutputInterface);
    }

    public FlowKey Key => new(_original.Bytes + _reply.Bytes, _original.BytesPerSecond + _reply.BytesPerSecond, _started.UtcTicks, _id);

    /// <summary>
    /// Whether a filter's plain word is in the flow's text (as `conntrack -L` would show it: the id,
    /// the protocol, each end as address:port, the TCP state, the offload, the flowtable),
    /// case-insensitively. Read for every flow of every query with words, the hub's included, so
    /// the id and the ends are formatted on the stack, not into strings.
    /// </summary>
    public bool Mentions(string word)
    {
        Span<char> id = stackalloc char[20];
        _ = _id.TryFormat(id, out var written, provider: CultureInfo.InvariantCulture);
        return Contains(id[..written], word) || Contains(_protocolName, word)
            || EndMentions(_originalEnds.Source, _originalEnds.SourcePort, word) || EndMentions(_originalEnds.Destination, _originalEnds.DestinationPort, word)
            || EndMentions(_replyEnds.Source, _replyEnds.SourcePort, word) || EndMentions(_replyEnds.Destination, _replyEnds.DestinationPort, word)
            || Contains(_tcpState, word) || Contains(_offload, word) || Contains(_flowtable, word);
    }

    /// <summary>The flow as REST and the hub show it, now.</summary>
    public FlowView ToView() => new(
        _id, _conntrackId, _zone, _family, _protocol, _protocolName, _originalEnds.View(_original), _replyEnds.View(_reply),
        _sourceNat, _destinationNat, _tcpState, _offload, _counters, _countersNote, _offloadedSince, _started, _expires, _mark,
        _flowtable, _offloadRule, _notOffloadedReason, _inputInterface, _outputInterface);

    private static string? Keep(string? kept, string? fresh) => kept == fresh ? kept : fresh;

    /// <summary>Whether <paramref name="word"/> is in "address:port".</summary>
    private static bool EndMentions(string address, int port, string word)
    {
        // An address is at most 45 characters (IPv6 with an IPv4 tail); a longer text from the
        // engine is still matched, through a string.
        if (address.Length > 64)
        {
            return Contains(string.Concat(address, ":", port.ToString(CultureInfo.InvariantCulture)), word);
        }
        Span<char> text = stackalloc char[64 + 1 + 11];
        address.CopyTo(text);
        text[address.Length] = ':';
        _ = port.TryFormat(text[(address.Length + 1)..], out var digits, provider: CultureInfo.InvariantCulture);
        return Contains(text[..(address.Length + 1 + digits)], word);
    }

    private static bool Contains(ReadOnlySpan<char> text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>A direction's counters and rates, as they move.</summary>
    private readonly record struct Direction(ulong Packets, ulong Bytes, double PacketsPerSecond, double BytesPerSecond);

    /// <summary>A direction's ends, fixed for the flow's life.</summary>
    private readonly record struct Ends(string Source, int SourcePort, string Destination, int DestinationPort, FlowIcmpView? Icmp)
    {
        public bool Match(FlowDirectionView view) =>
            view.Source == Source && view.SourcePort == SourcePort && view.Destination == Destination && view.DestinationPort == DestinationPort && view.Icmp == Icmp;

        public FlowDirectionView View(Direction moved) =>
            new(Source, SourcePort, Destination, DestinationPort, moved.Packets, moved.Bytes, moved.PacketsPerSecond, moved.BytesPerSecond, Icmp);
    }
}
