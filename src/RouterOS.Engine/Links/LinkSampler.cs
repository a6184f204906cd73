using System.Net;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Links;

/// <summary>
/// Turns one reading of the kernel's links and addresses into a <see cref="KernelLinkTable"/>,
/// with rates from the counters' growth since the reading the last rates were taken at. A reading
/// made soon after the last one (an event's) keeps the rates it had: rates over a few
/// milliseconds would only be noise. Pure: no I/O, so it is tested with made-up readings.
/// </summary>
public sealed class LinkSampler(TimeSpan rateInterval)
{
    /// <summary>The counters rates were last taken from, per ifindex, and when.</summary>
    private Dictionary<int, (LinkCounters Counters, DateTimeOffset At)> _base = [];
    private Dictionary<int, LinkRates> _rates = [];

    public KernelLinkTable Sample(IReadOnlyList<LinkInfo> links, IReadOnlyList<AddressInfo> addresses, Func<LinkInfo, int?> speedOf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(speedOf);
        var nameOf = links.ToDictionary(link => link.Index, link => link.Name);
        var kindOf = links.ToDictionary(link => link.Index, link => link.Kind);
        var addressesOf = addresses.GroupBy(address => address.Index).ToDictionary(group => group.Key,
            group => (IReadOnlyList<KernelLinkAddress>)[.. group.Select(address => Describe(address, kindOf.GetValueOrDefault(address.Index)))]);
        var newBase = new Dictionary<int, (LinkCounters, DateTimeOffset)>();
        var newRates = new Dictionary<int, LinkRates>();
        var result = new List<KernelLinkState>(links.Count);
        foreach (var link in links.OrderBy(link => link.Name, StringComparer.Ordinal))
        {
            var stats = link.Stats;
            var counters = stats is null ? default : new LinkCounters(stats.RxBytes, stats.TxBytes, stats.RxPackets, stats.TxPackets);
            var rates = _rates.GetValueOrDefault(link.Index);
            if (_base.TryGetValue(link.Index, out var previous))
            {
                var seconds = (now - previous.At).TotalSeconds;
                if (seconds >= rateInterval.TotalSeconds * 0.9)
                {
                    rates = new LinkRates(Rate(previous.Counters.RxBytes, counters.RxBytes, seconds), Rate(previous.Counters.TxBytes, counters.TxBytes, seconds));
                    newBase[link.Index] = (counters, now);
                }
                else
                {
                    newBase[link.Index] = previous;
                }
            }
            else
            {
                newBase[link.Index] = (counters, now);
            }
            newRates[link.Index] = rates;
            result.Add(new KernelLinkState(
                link.Index, link.Name, link.Kind, link.IsUp,
                link.OperState is { } state ? OperStates.Name(state) : "unknown",
                link.Carrier, link.Mtu, speedOf(link),
                link.Master == 0 ? null : nameOf.GetValueOrDefault(link.Master),
                link.Parent == 0 ? null : nameOf.GetValueOrDefault(link.Parent),
                link.Master != 0 && link.BridgePortState is { } port ? BridgePortStates.Name(port) : null,
                counters, rates, addressesOf.GetValueOrDefault(link.Index) ?? []));
        }
        // Links that went away are forgotten; one recreated under the same index starts afresh
        // (its counters go back to zero: a negative growth counts as none).
        _base = newBase;
        _rates = newRates;
        return new KernelLinkTable(now, result);
    }

    private static double Rate(ulong before, ulong after, double seconds) =>
        after < before || seconds <= 0 ? 0 : (after - before) * 8 / seconds;

    /// <summary>Who gave an address: IFA_PROTO (include/uapi/linux/if_addr.h IFAPROT_*, and the engine's own tags).</summary>
    internal static KernelLinkAddress Describe(AddressInfo address, string? linkKind)
    {
        var text = $"{Format(address.Address)}/{address.PrefixLength}";
        return address.Protocol switch
        {
            EngineMarks.AddressProtocol => new(text, "config", false),
            EngineMarks.LeaseAddressProtocol => new(text, "dhcp", true),
            // pppd adds the session's address without a tag.
            _ when linkKind == "ppp" => new(text, "pppoe", true),
            1 => new(text, "loopback", false),  // IFAPROT_KERNEL_LO
            2 => new(text, "slaac", true),      // IFAPROT_KERNEL_RA
            3 => new(text, "link-local", false), // IFAPROT_KERNEL_LL
            _ => new(text, "other", false),
        };
    }

    private static string Format(IPAddress address) => address.ToString();
}
