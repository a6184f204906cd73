using System.Net;
using RouterOS.Domain.Values;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Privileged;

/// <summary>
/// The flush after a PPPoE session ends, on this kernel (it has no PPP: the router's wan0 stands
/// in for the ppp device, labelled by the same rule the engine writes for one).
/// </summary>
public sealed class ConntrackFlushTests
{
    [Fact]
    public async Task The_connections_labelled_for_the_session_and_those_of_its_address_are_deleted_and_no_others()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        var label = RulesetGenerator.SessionLabel(InterfaceName.Parse("wan0"));
        testbed.Router.Exec("nft", $"add rule inet testbed forward oifname \"wan0\" ct label set {label}");
        testbed.SendUdp(41000, 3, 10);
        // A connection of the router's own from its address, and one that carries no label (the
        // forwarded one has neither the address in its tuples: only its label can tell).
        testbed.Router.Exec("python3", "-c", "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('10.2.0.1', 42000)); s.sendto(b'x', ('10.2.0.2', 9000))");
        testbed.Router.Exec("python3", "-c", "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('10.1.0.1', 43000)); s.sendto(b'x', ('10.1.0.2', 9000))");
        Assert.Contains("sport=41000", Connections(testbed), StringComparison.Ordinal);

        using var thread = new NamespaceThread(testbed.Router.Name);
        var deleted = await thread.RunAsync(() => ConntrackFlush.DeleteSession(new NetlinkConntrack(), IPAddress.Parse("10.2.0.1"), label));

        var left = Connections(testbed);
        Assert.Equal(2, deleted);
        Assert.DoesNotContain("sport=41000", left, StringComparison.Ordinal);
        Assert.DoesNotContain("sport=42000", left, StringComparison.Ordinal);
        Assert.Contains("sport=43000", left, StringComparison.Ordinal);
    }

    private static string Connections(FlowTestbed testbed) => testbed.Router.Exec("conntrack", "-L");
}
