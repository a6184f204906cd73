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
/// generation would pile up there until a full collection: measured with 10,000 UDP flows, the
/// API's heap held about 40 MB for 17 MB of flows. Updated in place, a flow's objects live as long as
/// the flow, and the views are built for the page a query returns. Not thread-safe:
/// <see cref="FlowCache"/> holds its lock around every use.
/// </remarks>
public sealed class CachedFlow
{
    private readonly FlowView _identity;
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
        // The identity keeps the view's names; its counters and state are read from the fields below.
        _identity = view with
        {
            Family = words.Intern(view.Family),
            ProtocolName = words.Intern(view.ProtocolName),
            Original = Fixed(view.Original),
            Reply = Fixed(view.Reply),
        };
        Addresses = [.. new[] { view.Original.Source, view.Original.Destination, view.Reply.Source, view.Reply.Destination }
            .Select(text => IPAddress.TryParse(text, out var address) ? address : null).OfType<IPAddress>().Distinct()];
        Update(view, words);
    }

    public ulong Id => _identity.Id;

    public int Protocol => _identity.Protocol;

    public IReadOnlyList<IPAddress> Addresses { get; }

    public string Offload => _offload;

    public bool HasPort(int port) =>
        _identity.Original.SourcePort == port || _identity.Original.DestinationPort == port || _identity.Reply.SourcePort == port || _identity.Reply.DestinationPort == port;

    /// <summary>Whether <paramref name="view"/> is this flow again (its id and tuples), and not another that took its id.</summary>
    public bool IsSameFlow(FlowView view) =>
        view.Id == _identity.Id && view.ConntrackId == _identity.ConntrackId && view.Zone == _identity.Zone && view.Protocol == _identity.Protocol
        && SameEnds(view.Original, _identity.Original) && SameEnds(view.Reply, _identity.Reply);

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

    public FlowKey Key => new(_original.Bytes + _reply.Bytes, _original.BytesPerSecond + _reply.BytesPerSecond, _started.UtcTicks, _identity.Id);

    /// <summary>Whether a filter's plain word is in the flow's text (as `conntrack -L` would show it), case-insensitively.</summary>
    public bool Mentions(string word)
    {
        var original = _identity.Original;
        var reply = _identity.Reply;
        return Contains(_identity.Id.ToString(CultureInfo.InvariantCulture), word) || Contains(_identity.ProtocolName, word)
            || Contains(Endpoint(original.Source, original.SourcePort), word) || Contains(Endpoint(original.Destination, original.DestinationPort), word)
            || Contains(Endpoint(reply.Source, reply.SourcePort), word) || Contains(Endpoint(reply.Destination, reply.DestinationPort), word)
            || Contains(_tcpState, word) || Contains(_offload, word) || Contains(_flowtable, word);
    }

    /// <summary>The flow as REST and the hub show it, now.</summary>
    public FlowView ToView() => _identity with
    {
        Original = _identity.Original with
        {
            Packets = _original.Packets,
            Bytes = _original.Bytes,
            PacketsPerSecond = _original.PacketsPerSecond,
            BytesPerSecond = _original.BytesPerSecond,
        },
        Reply = _identity.Reply with
        {
            Packets = _reply.Packets,
            Bytes = _reply.Bytes,
            PacketsPerSecond = _reply.PacketsPerSecond,
            BytesPerSecond = _reply.BytesPerSecond,
        },
        SourceNat = _sourceNat,
        DestinationNat = _destinationNat,
        TcpState = _tcpState,
        Offload = _offload,
        Counters = _counters,
        CountersNote = _countersNote,
        OffloadedSince = _offloadedSince,
        Started = _started,
        Expires = _expires,
        Mark = _mark,
        Flowtable = _flowtable,
        OffloadRule = _offloadRule,
        NotOffloadedReason = _notOffloadedReason,
        InputInterface = _inputInterface,
        OutputInterface = _outputInterface,
    };

    // A direction's ends with its counters zeroed: the counters live in the fields.
    private static FlowDirectionView Fixed(FlowDirectionView direction) => direction with { Packets = 0, Bytes = 0, PacketsPerSecond = 0, BytesPerSecond = 0 };

    private static bool SameEnds(FlowDirectionView a, FlowDirectionView b) =>
        a.Source == b.Source && a.SourcePort == b.SourcePort && a.Destination == b.Destination && a.DestinationPort == b.DestinationPort && a.Icmp == b.Icmp;

    private static string? Keep(string? kept, string? fresh) => kept == fresh ? kept : fresh;

    private static string Endpoint(string address, int port) => string.Concat(address, ":", port.ToString(CultureInfo.InvariantCulture));

    private static bool Contains(string? text, string word) => text?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;

    private readonly record struct Direction(ulong Packets, ulong Bytes, double PacketsPerSecond, double BytesPerSecond);
}
