using CsCheck;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Tests.Properties;
using RouterOS.Domain.Tests.Support;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Diff;

public class ConfigDiffTests
{
    private static readonly RouterConfig Home = ExampleConfigs.Load("home-router");

    [Fact]
    public void The_same_configuration_has_no_changes() => Assert.Empty(ConfigDiff.Compute(Home, Home));

    [Fact]
    public void Added_removed_and_changed_objects_are_found_by_key()
    {
        var after = Home with
        {
            Ports = [.. Home.Ports.Where(p => p.Name.Value != "eth2").Select(p => p.Name.Value == "eth1" ? p with { Mtu = Mtu.From(9000) } : p), new Port(InterfaceName.Parse("eth3"))],
        };

        var changes = ConfigDiff.Compute(Home, after);

        Assert.Equal(["~ ports[eth1] (mtu)", "+ ports[eth3]", "- ports[eth2]"], changes.Select(c => c.ToString()));
        var changed = changes[0];
        Assert.DoesNotContain("mtu", changed.Before!, StringComparison.Ordinal);
        Assert.Contains("\"mtu\":9000", changed.After!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_renumbered_is_one_changed_address_not_a_removal_and_an_addition()
    {
        var lan = Home.Addresses.First(a => a.Device.Value == "br-lan");
        var renumbered = lan with { Address = InterfaceAddress.Parse("192.168.2.1/24") };
        var after = Home with { Addresses = [.. Home.Addresses.Select(a => a == lan ? renumbered : a)] };

        var changes = ConfigDiff.Compute(Home, after);

        var change = Assert.Single(changes);
        Assert.Equal("~ addresses[192.168.2.1/24] (address)", change.ToString());
        Assert.Contains(lan.Address.ToString(), change.Before!, StringComparison.Ordinal);
        Assert.Contains("192.168.2.1/24", change.After!, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_removed_and_added_on_different_devices_stay_a_removal_and_an_addition()
    {
        var lan = Home.Addresses.First(a => a.Device.Value == "br-lan");
        var moved = new AddressAssignment(InterfaceName.Parse("eth9"), InterfaceAddress.Parse("10.9.0.1/24"));
        var extra = lan with { Address = InterfaceAddress.Parse("192.168.3.1/24") };
        var after = Home with { Addresses = [.. Home.Addresses.Where(a => a != lan), moved] };
        var twoOnLan = Home with { Addresses = [.. Home.Addresses, extra] };

        Assert.Equal(["+ addresses[10.9.0.1/24]", $"- addresses[{lan.Address}]"], ConfigDiff.Compute(Home, after).Select(c => c.ToString()));
        // A second address on a device that keeps its first is an addition.
        Assert.Equal(["+ addresses[192.168.3.1/24]"], ConfigDiff.Compute(Home, twoOnLan).Select(c => c.ToString()));
    }

    [Fact]
    public void Reordering_a_keyed_list_is_no_change() =>
        Assert.Empty(ConfigDiff.Compute(Home, Home with { Ports = [.. Home.Ports.Reverse()] }));

    [Fact]
    public void Reordering_the_offload_policy_is_a_change_since_the_first_match_wins()
    {
        var two = Home with { OffloadPolicy = [.. Home.OffloadPolicy, new OffloadRule(ObjectName.Parse("never-nas"), OffloadAction.Never)] };
        var swapped = two with { OffloadPolicy = [.. two.OffloadPolicy.Reverse()] };

        var change = Assert.Single(ConfigDiff.Compute(two, swapped));

        Assert.Equal("offloadPolicy", change.Path);
        Assert.Equal(["order"], change.Fields);
        Assert.Equal("never-nas, lan-to-internet", change.After);
    }

    [Fact]
    public void A_changed_password_is_named_but_never_shown()
    {
        var after = Home with { Pppoe = [Home.Pppoe[0] with { Password = Secret.Parse("new-password") }] };

        var change = Assert.Single(ConfigDiff.Compute(Home, after));

        Assert.Equal(["password"], change.Fields);
        Assert.Contains(RedactedSecretConverter.Placeholder, change.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("new-password", change.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("change-me", change.Before!, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_settings_compare_as_a_whole()
    {
        var after = Home with { Dns = new DnsSettings(CacheSize: 5) };
        var change = Assert.Single(ConfigDiff.Compute(Home, after));
        Assert.Equal("dns", change.Path);
        Assert.Equal(["cacheSize"], change.Fields);
    }

    [Fact]
    public void A_static_host_name_is_a_change_of_the_dns_settings_hosts()
    {
        var after = Home with { Dns = Home.DnsOrDefault with { Hosts = [new DnsHost(DnsName.Parse("nas.lan"), IpAddress.Parse("192.168.1.5"))] } };
        var change = Assert.Single(ConfigDiff.Compute(Home, after));
        Assert.Equal("dns", change.Path);
        Assert.Equal(["hosts"], change.Fields);
        Assert.Contains("nas.lan", change.After!, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_configurations_have_no_changes_against_themselves_and_add_every_object_from_empty() =>
        Gen.Int[0, int.MaxValue].Array[0, 400].Select(n => new RandomConfigBuilder(new Choices(n)).Build()).Sample(config =>
        {
            Assert.Empty(ConfigDiff.Compute(config, config));
            var fromEmpty = ConfigDiff.Compute(RouterConfig.Empty, config);
            Assert.All(fromEmpty.Where(c => c.Kind != ChangeKind.Changed), c => Assert.Equal(ChangeKind.Added, c.Kind));
            var objects = config.Ports.Count + config.Bridges.Count + config.Vlans.Count + config.Pppoe.Count + config.Addresses.Count
                + config.Routes.Count + config.DhcpOrDefault.Clients.Count + config.DhcpOrDefault.Servers.Count + config.Flowtables.Count
                + config.OffloadPolicy.Count + config.FirewallOrDefault.Zones.Count + config.FirewallOrDefault.Forwardings.Count
                + config.FirewallOrDefault.InputRules.Count + config.FirewallOrDefault.PortForwards.Count + config.FirewallOrDefault.SourceNat.Count
                + config.FirewallOrDefault.ForwardRules.Count + config.Shaping.Count
                + config.Ipv6OrDefault.Clients.Count + config.Ipv6OrDefault.StaticPrefixes.Count + config.Ipv6OrDefault.Lans.Count;
            Assert.Equal(objects, fromEmpty.Count(c => c.Kind == ChangeKind.Added));
            Assert.Empty(ConfigDiff.Compute(config, RouterConfigJson.Parse(RouterConfigJson.Write(config))));
        }, iter: 500);
}
