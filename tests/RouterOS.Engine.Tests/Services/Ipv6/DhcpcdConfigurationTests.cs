using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Ipv6;

namespace RouterOS.Engine.Tests.Services.Ipv6;

/// <summary>What dhcpcd is told: ask on the uplink only, for what the client wants, and configure nothing itself.</summary>
public sealed class DhcpcdConfigurationTests
{
    [Fact]
    public void The_configuration_asks_for_an_address_and_a_prefix_of_the_hint_and_assigns_it_nowhere()
    {
        var text = UplinkDhcpv6Client.Configuration(new Dhcpv6Client(InterfaceName.Parse("wan0"), PrefixHintLength: 60)).ReplaceLineEndings("\n");

        Assert.EndsWith("interface wan0\n  ipv6rs\n  ia_na 1\n  ia_pd 2/::/60 -\n", text, StringComparison.Ordinal);
        Assert.StartsWith("# Written by the RouterOS engine; dhcpcd only reports (--noconfigure), the engine applies.\nallowinterfaces wan0\nnodev\nipv6only\nnoipv6rs\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ia_na", UplinkDhcpv6Client.Configuration(new Dhcpv6Client(InterfaceName.Parse("wan0"), RequestAddress: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Dhcpcd_runs_in_its_own_mount_namespace_as_a_manager_reports_only_and_gets_its_paths_as_arguments()
    {
        var programs = new HelperPrograms(HelperPrograms.SystemDirectories);
        Assert.SkipUnless(programs.Has("dhcpcd") && programs.Has("unshare"), "needs dhcpcd (dhcpcd-base) and unshare");

        var spec = UplinkDhcpv6Client.Spec("dhcpcd on wan0", new Dhcpv6Client(InterfaceName.Parse("wan0")), "/state/dhcpcd/wan0", "/state/dhcpcd/wan0/dhcpcd.conf", "/state/hook.sh", programs);

        Assert.EndsWith("/unshare", spec.Program, StringComparison.Ordinal);
        Assert.Equal(["--mount", "--propagation", "private", "--"], spec.Arguments.Take(4));
        // The shell's script names no path: they come after it, as $1 and $2.
        Assert.DoesNotContain("/state", spec.Arguments[6], StringComparison.Ordinal);
        Assert.Equal(["/state/dhcpcd/wan0/run", "/state/dhcpcd/wan0/lib"], spec.Arguments.Skip(8).Take(2));
        Assert.Equal(["-6", "-B", "-M", "--noconfigure", "-f", "/state/dhcpcd/wan0/dhcpcd.conf", "-c", "/state/hook.sh"], spec.Arguments.Skip(11));
    }
}
