using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Services;

namespace RouterOS.Dashboard.Tests;

/// <summary>The flows page's NAT column: a port forward shows the outside and the inside end, source NAT what the client left as.</summary>
public sealed class FlowTranslationTests
{
    [Fact]
    public void A_port_forwarded_flow_shows_the_outside_address_it_asked_for_and_the_inside_host_it_reached() =>
        Assert.Equal("forwarded 203.0.113.2:8022 → 192.168.1.3:7022",
            Format.Translations(Flow(new("198.51.100.7", 50000, "203.0.113.2", 8022, 1, 60, 0, 0), sourceNat: null, destinationNat: "192.168.1.3:7022")));

    [Fact]
    public void A_hairpinned_flow_shows_both_translations() =>
        Assert.Equal("forwarded 203.0.113.2:8022 → 192.168.1.3:7022; sent as 192.168.1.1:40000",
            Format.Translations(Flow(new("192.168.1.2", 40000, "203.0.113.2", 8022, 1, 60, 0, 0), sourceNat: "192.168.1.1:40000", destinationNat: "192.168.1.3:7022")));

    [Fact]
    public void A_flow_without_translation_shows_nothing() =>
        Assert.Equal("", Format.Translations(Flow(new("192.168.1.2", 40000, "192.168.2.2", 22, 1, 60, 0, 0), null, null)));

    private static FlowView Flow(FlowDirectionView original, string? sourceNat, string? destinationNat) => new(
        1, 1, 0, "ipv4", 6, "tcp", original, new FlowDirectionView("192.168.1.3", 7022, "203.0.113.2", 40000, 1, 60, 0, 0),
        sourceNat, destinationNat, "established", "software", "live", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(30), 0, null, null);
}
