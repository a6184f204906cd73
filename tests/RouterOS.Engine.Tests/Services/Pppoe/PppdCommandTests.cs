using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Services.Pppoe;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services.Pppoe;

public sealed class PppdCommandTests
{
    private const string Password = "s3cr et'\"$x;`rm -rf`";

    private static PppoeUplink Uplink(Func<PppoeUplink, PppoeUplink>? change = null)
    {
        var uplink = new PppoeUplink(InterfaceName.Parse("ppp-wan"), InterfaceName.Parse("wan0"), PlainText.Parse("alice@isp"), Secret.Parse(Password));
        return change is null ? uplink : change(uplink);
    }

    [Fact]
    public void The_options_run_pppoe_on_the_parent_in_the_foreground_and_read_the_password_from_stdin()
    {
        var options = PppdCommand.Options(Uplink(), "/state/ppp/ppp-wan");

        Assert.Equal(
            "nodetach plugin pppoe.so nic-wan0 user alice@isp plugin passwordfd.so passwordfd 0 ifname ppp-wan linkname ppp-wan " +
            "ipparam /state/ppp/ppp-wan noipdefault nodefaultroute usepeerdns mtu 1492 mru 1492 lcp-echo-interval 10 lcp-echo-failure 3 " +
            "noauth hide-password noipv6 logfd 2",
            string.Join(' ', options));
    }

    [Fact]
    public void Service_and_access_concentrator_follow_the_plugin_and_ipv6_is_asked_for_when_wanted()
    {
        var options = string.Join(' ', PppdCommand.Options(Uplink(u => u with
        {
            ServiceName = PlainText.Parse("fibre"),
            AccessConcentrator = PlainText.Parse("BRAS-1"),
            Mtu = Mtu.From(1480),
            Ipv6 = true,
        }), "/d"));

        Assert.Contains("plugin pppoe.so pppoe-service fibre pppoe-ac BRAS-1 nic-wan0", options, StringComparison.Ordinal);
        Assert.Contains("mtu 1480 mru 1492", options, StringComparison.Ordinal);
        Assert.Contains("+ipv6", options, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_is_never_an_argument_only_hidden_standard_input()
    {
        using var programs = new ProgramDirectory("unshare", "sh", "mount", "pppd");
        var spec = PppdCommand.Spec(Uplink(), "/state/ppp/ppp-wan", programs.Programs);

        Assert.DoesNotContain(spec.Arguments, argument => argument.Contains("s3cr", StringComparison.Ordinal));
        Assert.Equal(Password, spec.Input!.Text);
        Assert.DoesNotContain("s3cr", spec.ToString(), StringComparison.Ordinal);
        // pppd runs with the uplink's own /etc/ppp: the directory and the programs are arguments of the script, not part of it.
        Assert.Equal(["-c", "mount=$1 pppd=$2; shift 2; \"$mount\" --bind \"$0\" /etc/ppp && exec \"$pppd\" \"$@\"", "/state/ppp/ppp-wan"], spec.Arguments.Skip(5).Take(3));
    }

    [Fact]
    public void Pppd_lines_become_events()
    {
        // Lines as pppd 2.4.9 printed them against rp-pppoe's pppoe-server in the test VM.
        Assert.Equal(new PppdLine(PppdLineKind.SessionId, "PPP session is 1", Number: 1), PppdLine.Parse("PPP session is 1"));
        Assert.Equal("f6:eb:df:ca:e7:c2", PppdLine.Parse("Connected to F6:EB:DF:CA:E7:C2 via interface wan0").Text);
        Assert.Equal(PppdLineKind.LinkStarted, PppdLine.Parse("Connect: ppp-wan <--> wan0").Kind);
        Assert.Equal(new PppdLine(PppdLineKind.RemoteMessage, "Login incorrect"), PppdLine.Parse("Remote message: Login incorrect"));
        Assert.Equal(new PppdLine(PppdLineKind.AuthenticationFailed, "PAP"), PppdLine.Parse("PAP authentication failed"));
        Assert.Equal(new PppdLine(PppdLineKind.AuthenticationFailed, "CHAP", Message: "Access denied"), PppdLine.Parse("CHAP authentication failed: Access denied"));
        Assert.Equal(new PppdLine(PppdLineKind.AuthenticationSucceeded, "CHAP", Message: "Access granted"), PppdLine.Parse("CHAP authentication succeeded: Access granted"));
        Assert.Equal("10.64.0.10", PppdLine.Parse("local  IP address 10.64.0.10").Address!.ToString());
        Assert.Equal(PppdLineKind.RemoteAddress, PppdLine.Parse("remote IP address 10.64.0.1").Kind);
        Assert.Equal(PppdLineKind.LocalLinkLocal, PppdLine.Parse("local  LL address fe80::511e:d2be:d572:a373").Kind);
        Assert.Equal(3, PppdLine.Parse("No response to 3 echo-requests").Number);
        Assert.Equal(PppdLineKind.DiscoveryTimeout, PppdLine.Parse("Timeout waiting for PADO packets").Kind);
        Assert.Equal(PppdLineKind.PeerHungUp, PppdLine.Parse("Modem hangup").Kind);
        Assert.Equal(PppdLineKind.PeerHungUp, PppdLine.Parse("LCP terminated by peer (User request)").Kind);
        Assert.Equal(PppdLineKind.NoKernelSupport, PppdLine.Parse("Couldn't open the /dev/ppp device: No such device").Kind);
    }

    [Theory]
    [InlineData("remote IP address 10.64.0.999")]
    [InlineData("PPP session is 99999999999")]
    [InlineData("Connected to zz:eb:df:ca:e7:c2 via interface wan0")]
    [InlineData("")]
    public void Malformed_lines_are_other_never_an_error(string line) =>
        Assert.Equal(PppdLineKind.Other, PppdLine.Parse(line).Kind);

    [Fact]
    public void Peer_dns_comes_from_nameserver_lines_only()
    {
        var servers = PeerDns.Parse(["nameserver 10.64.0.53", "nameserver 10.64.0.53", "nameserver 2001:db8::53", "nameserver bad", "search x", "# c"]);

        Assert.Equal(["10.64.0.53", "2001:db8::53"], servers.Select(server => server.ToString()));
    }

    [Theory]
    [InlineData(PppdExit.AuthenticationFailed, "authentication failed: the server rejected the username or password")]
    [InlineData(PppdExit.ConnectFailed, "no PPPoE server answered on wan0 (discovery timed out)")]
    [InlineData(PppdExit.PeerDead, "the link stopped answering LCP echo requests")]
    [InlineData(PppdExit.HangUp, "the server ended the session")]
    [InlineData(42, "pppd stopped with exit code 42")]
    public void Exit_codes_are_said_in_plain_words(int code, string message) =>
        Assert.Equal(message, PppdExit.Describe(code, "wan0")!.Message);

    [Fact]
    public void A_stop_the_engine_asked_for_is_no_failure() => Assert.Null(PppdExit.Describe(PppdExit.UserRequest, "wan0"));

    [Fact]
    public void Only_what_pppd_dials_with_needs_a_new_session()
    {
        var running = Uplink();
        bool NeedsNewSession(Func<PppoeUplink, PppoeUplink> change) =>
            Engine.Services.UplinkServices.SessionSettings(running) != Engine.Services.UplinkServices.SessionSettings(change(running));

        Assert.True(NeedsNewSession(u => u with { Parent = InterfaceName.Parse("wan1") }));
        Assert.True(NeedsNewSession(u => u with { Username = PlainText.Parse("bob") }));
        Assert.True(NeedsNewSession(u => u with { Password = Secret.Parse("other") }));
        Assert.True(NeedsNewSession(u => u with { ServiceName = PlainText.Parse("fibre") }));
        Assert.True(NeedsNewSession(u => u with { AccessConcentrator = PlainText.Parse("BRAS-1") }));
        Assert.True(NeedsNewSession(u => u with { Mtu = Mtu.From(1480) }));
        Assert.False(NeedsNewSession(u => u with { Description = PlainText.Parse("fibre line") }));
        Assert.False(NeedsNewSession(u => u with { DefaultRouteMetric = 20 }));
        Assert.False(NeedsNewSession(u => u with { MssClamping = false, UsePeerDns = false, RetryHoldoffSeconds = 30 }));
    }
}
