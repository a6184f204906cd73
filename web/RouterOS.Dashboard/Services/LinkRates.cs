using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// Every link's receive and send rates over the last couple of minutes, kept from the link
/// readings as they arrive, so that choosing another link shows its recent past at once rather
/// than starting a chart from nothing.
/// </summary>
public sealed class LinkRates(int capacity = LinkRates.DefaultCapacity)
{
    /// <summary>Two minutes of the engine's once-a-second link readings.</summary>
    public const int DefaultCapacity = 120;

    private readonly Dictionary<string, RateHistory> _links = new(StringComparer.Ordinal);

    /// <summary>Adds each link's rates from a reading; a reading already counted adds nothing.</summary>
    public void Record(LinkSnapshotView? snapshot)
    {
        if (snapshot?.At is not { } at)
            return;
        foreach (var link in snapshot.Links)
            For(link.Name).Add(at, link.RxBitsPerSecond, link.TxBitsPerSecond);
    }

    /// <summary>The link's history, named "wan0 receive" and "wan0 send"; empty for a link not read yet.</summary>
    public RateHistory For(string link)
    {
        if (!_links.TryGetValue(link, out var history))
            _links[link] = history = new RateHistory([$"{link} receive", $"{link} send"], capacity);
        return history;
    }
}
