using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Links;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// The link watch against a real kernel in a scratch namespace (root only). The periodic reading
/// is set to an hour, so every change seen here came through the multicast events, at once.
/// </summary>
public sealed class LinkWatchTests
{
    [Fact]
    public async Task Carrier_state_mtu_and_bridge_port_changes_show_in_the_next_table()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var scratch = new TestNamespace();
        scratch.AddPort("lan0");
        scratch.Exec("ip", "link", "set", "lan0", "up");
        using var watch = new LinkWatch(scratch.Name, TimeProvider.System, NullLogger<LinkWatch>.Instance, TimeSpan.FromHours(1));
        watch.Start();
        KernelLinkState? Lan0() => watch.Latest.Links.FirstOrDefault(link => link.Name == "lan0");

        await Poll.UntilAsync(() => Lan0() is { OperState: "up", Carrier: true, AdminUp: true, Mtu: 1500 }, "lan0 up with a carrier");
        // veth reports a speed through ethtool: read in the namespace, not from the host's /sys.
        Assert.Equal(10_000, Lan0()!.SpeedMbps);

        // The far end going down takes the carrier away.
        scratch.Exec("ip", "link", "set", "lan0p", "down");
        await Poll.UntilAsync(() => Lan0() is { Carrier: false, OperState: not "up", AdminUp: true }, "lan0 without a carrier");

        scratch.Exec("ip", "link", "set", "lan0", "down");
        await Poll.UntilAsync(() => Lan0() is { AdminUp: false, OperState: "down" }, "lan0 set down");

        scratch.Exec("ip", "link", "set", "lan0", "mtu", "1400");
        await Poll.UntilAsync(() => Lan0() is { Mtu: 1400 }, "lan0's MTU 1400");

        scratch.Exec("ip", "link", "add", "br0", "type", "bridge");
        scratch.Exec("ip", "link", "set", "lan0", "master", "br0");
        scratch.Exec("ip", "link", "set", "lan0p", "up");
        scratch.Exec("ip", "link", "set", "lan0", "up");
        scratch.Exec("ip", "link", "set", "br0", "up");
        // Without STP a port goes straight to forwarding.
        await Poll.UntilAsync(() => Lan0() is { Master: "br0", BridgePortState: "forwarding" }, "lan0 forwarding in br0");

        scratch.Exec("ip", "address", "add", "10.99.0.1/24", "dev", "br0");
        await Poll.UntilAsync(() => watch.Latest.Links.Any(link => link.Name == "br0" && link.Addresses.Any(a => a.Address == "10.99.0.1/24" && !a.Dynamic)),
            "br0's address");
    }
}
