using System.Net;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Links;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Links;

/// <summary>The link table from made-up readings: rates from counter growth, names of states, who gave an address.</summary>
public sealed class LinkSamplerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private readonly LinkSampler _sampler = new(TimeSpan.FromSeconds(1));

    [Fact]
    public void Rates_are_the_counters_growth_in_bits_per_second()
    {
        _sampler.Sample([Link(2, "eth0", rxBytes: 1_000, txBytes: 0)], [], _ => null, Start);
        var table = _sampler.Sample([Link(2, "eth0", rxBytes: 251_000, txBytes: 125_000)], [], _ => null, Start.AddSeconds(2));

        var link = Assert.Single(table.Links);
        Assert.Equal(1_000_000, link.Rates.RxBitsPerSecond);
        Assert.Equal(500_000, link.Rates.TxBitsPerSecond);
        Assert.Equal(251_000UL, link.Counters.RxBytes);
    }

    [Fact]
    public void A_reading_soon_after_the_last_keeps_its_rates()
    {
        _sampler.Sample([Link(2, "eth0", rxBytes: 0, txBytes: 0)], [], _ => null, Start);
        _sampler.Sample([Link(2, "eth0", rxBytes: 125_000, txBytes: 0)], [], _ => null, Start.AddSeconds(1));
        // An event's reading 50 ms later: 10 more bytes would be 1.6 kbit/s of noise.
        var table = _sampler.Sample([Link(2, "eth0", rxBytes: 125_010, txBytes: 0)], [], _ => null, Start.AddSeconds(1.05));

        Assert.Equal(1_000_000, Assert.Single(table.Links).Rates.RxBitsPerSecond);
    }

    [Fact]
    public void Counters_that_went_back_count_as_no_traffic()
    {
        _sampler.Sample([Link(2, "eth0", rxBytes: 9_000, txBytes: 9_000)], [], _ => null, Start);
        var table = _sampler.Sample([Link(2, "eth0", rxBytes: 10, txBytes: 10)], [], _ => null, Start.AddSeconds(1));
        Assert.Equal(new LinkRates(0, 0), Assert.Single(table.Links).Rates);
    }

    [Fact]
    public void States_masters_speeds_and_address_origins_are_named()
    {
        var bridge = Link(5, "br-lan", 0, 0);
        var port = Link(2, "lan1", 0, 0) with { Master = 5 };
        port = port with { OperState = OperStates.LowerLayerDown, Carrier = false, BridgePortState = BridgePortStates.Blocking };
        var ppp = new LinkInfo(9, "ppp-wan", 512, IfLink.FlagUp, 1492, 0, 0, null, "ppp", null, null);
        AddressInfo[] addresses =
        [
            new(5, IPAddress.Parse("192.168.1.1"), 24, 0, EngineMarks.AddressProtocol),
            new(2, IPAddress.Parse("203.0.113.7"), 24, 0, EngineMarks.LeaseAddressProtocol),
            new(9, IPAddress.Parse("198.51.100.2"), 32, 0, 0),
        ];

        var table = _sampler.Sample([bridge, port, ppp], addresses, link => link.Name == "lan1" ? 1000 : null, Start);

        var lan1 = table.Links.Single(link => link.Name == "lan1");
        Assert.Equal("lowerlayerdown", lan1.OperState);
        Assert.False(lan1.Carrier);
        Assert.Equal("br-lan", lan1.Master);
        Assert.Equal("blocking", lan1.BridgePortState);
        Assert.Equal(1000, lan1.SpeedMbps);
        Assert.Equal(new KernelLinkAddress("203.0.113.7/24", "dhcp", true), Assert.Single(lan1.Addresses));
        Assert.Equal(new KernelLinkAddress("192.168.1.1/24", "config", false), Assert.Single(table.Links.Single(link => link.Name == "br-lan").Addresses));
        Assert.Equal(new KernelLinkAddress("198.51.100.2/32", "pppoe", true), Assert.Single(table.Links.Single(link => link.Name == "ppp-wan").Addresses));
        Assert.Null(table.Links.Single(link => link.Name == "br-lan").BridgePortState);
        Assert.Equal("unknown", table.Links.Single(link => link.Name == "ppp-wan").OperState);
    }

    private static LinkInfo Link(int index, string name, ulong rxBytes, ulong txBytes) =>
        new LinkInfo(index, name, 1, IfLink.FlagUp, 1500, 0, 0, null, null, null, null)
        {
            OperState = OperStates.Up,
            Carrier = true,
            Stats = new LinkStats(0, 0, rxBytes, txBytes, 0, 0, 0, 0),
        };
}
