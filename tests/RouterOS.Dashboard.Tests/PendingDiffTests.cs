using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Services;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>The "Not committed" marks' logic: each object of the candidate against the running revision, by key.</summary>
public sealed class PendingDiffTests
{
    private static readonly MacAddress Phone = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress Printer = MacAddress.Parse("02:00:00:00:00:02");

    [Fact]
    public void Nothing_is_marked_when_the_candidate_is_the_running_revision()
    {
        var diff = new PendingDiff(Firewalled(), Firewalled());

        Assert.All(Firewalled().Ports, port => Assert.Null(diff.Of(ConfigLists.Ports, port)));
        Assert.All(Firewalled().FirewallOrDefault.Zones, zone => Assert.Null(diff.Of(ConfigLists.Zones, zone)));
        Assert.Empty(diff.Removed(ConfigLists.Ports));
        Assert.Empty(diff.Removed(ConfigLists.Zones));
    }

    [Fact]
    public void An_object_only_in_the_candidate_is_marked_added()
    {
        var candidate = Firewalled() with { Ports = [.. Firewalled().Ports, new Port(Name("lan3"))] };

        var mark = new PendingDiff(candidate, Firewalled()).Of(ConfigLists.Ports, candidate.Ports[^1]);

        Assert.Equal(ChangeKind.Added, mark?.Kind);
        Assert.Equal("Not committed: added", mark?.Label);
        Assert.Null(new PendingDiff(candidate, Firewalled()).Of(ConfigLists.Ports, candidate.Ports[0]));
    }

    [Fact]
    public void A_changed_object_says_which_fields_differ_with_both_values()
    {
        var (running, candidate) = (ThreePorts(lan2Mtu: 1500), ThreePorts(lan2Mtu: 9000));

        var mark = new PendingDiff(candidate, running).Of(ConfigLists.Ports, candidate.Ports[1]);

        Assert.Equal(ChangeKind.Changed, mark?.Kind);
        Assert.Equal("Not committed: changed", mark?.Label);
        Assert.Equal(["MTU: 1500 running, 9000 in the candidate."], mark?.Differences);
    }

    [Fact]
    public void A_flag_reads_yes_or_no_and_an_unset_value_says_so()
    {
        var running = Firewalled();
        var zones = running.FirewallOrDefault.Zones;
        var candidate = running with
        {
            Firewall = running.FirewallOrDefault with { Zones = [zones[0] with { Masquerade = true }, zones[1]] },
            Ports = [running.Ports[0] with { Mtu = Mtu.From(1400) }, .. running.Ports.Skip(1)],
        };
        var diff = new PendingDiff(candidate, running);

        Assert.Equal(["Masquerade: no running, yes in the candidate."], diff.Of(ConfigLists.Zones, candidate.FirewallOrDefault.Zones[0])?.Differences);
        Assert.Equal(["MTU: not set running, 1400 in the candidate."], diff.Of(ConfigLists.Ports, candidate.Ports[0])?.Differences);
    }

    [Fact]
    public void An_object_deleted_from_the_candidate_is_listed_as_removed_with_its_running_values()
    {
        var running = Firewalled();
        var candidate = running with { Firewall = running.FirewallOrDefault with { Zones = [running.FirewallOrDefault.Zones[0]] } };

        var removed = new PendingDiff(candidate, running).Removed(ConfigLists.Zones);

        Assert.Equal([running.FirewallOrDefault.Zones[1]], removed);
        Assert.Equal(ChangeKind.Removed, PendingChange.Removal.Kind);
        Assert.Equal("Not committed: removed", PendingChange.Removal.Label);
    }

    [Fact]
    public void A_renumbered_address_is_one_change_not_a_removal_and_an_addition()
    {
        var running = Firewalled();
        var candidate = running with { Addresses = [new AddressAssignment(Name("lan1"), InterfaceAddress.Parse("192.168.2.1/24")), running.Addresses[1]] };
        var diff = new PendingDiff(candidate, running);

        Assert.Equal(ChangeKind.Changed, diff.Of(ConfigLists.Addresses, candidate.Addresses[0])?.Kind);
        Assert.Empty(diff.Removed(ConfigLists.Addresses));
    }

    [Fact]
    public void Static_leases_inside_a_server_are_marked_one_by_one()
    {
        var running = WithLeases(new StaticLease(Phone, IpAddress.Parse("192.168.1.10")), new StaticLease(Printer, IpAddress.Parse("192.168.1.20")));
        var moved = new StaticLease(Phone, IpAddress.Parse("192.168.1.11"));
        var added = new StaticLease(MacAddress.Parse("02:00:00:00:00:03"), IpAddress.Parse("192.168.1.30"));
        var candidate = WithLeases(moved, added);
        var leases = StaticLeases.Of(Name("lan1"));
        var diff = new PendingDiff(candidate, running);

        Assert.Equal(["Address: 192.168.1.10 running, 192.168.1.11 in the candidate."], diff.Of(leases, moved)?.Differences);
        Assert.Equal(ChangeKind.Added, diff.Of(leases, added)?.Kind);
        Assert.Equal([Printer], diff.Removed(leases).Select(lease => lease.Mac));
        Assert.Null(new PendingDiff(running, running).Of(leases, running.DhcpOrDefault.Servers[0].StaticLeases[0]));
    }

    [Fact]
    public void A_new_order_of_rules_is_marked_on_the_list()
    {
        var (a, b) = (new ForwardRule(ObjectName.Parse("a")), new ForwardRule(ObjectName.Parse("b")));
        var running = Firewalled() with { Firewall = Firewalled().FirewallOrDefault with { ForwardRules = [a, b] } };
        var candidate = running with { Firewall = running.FirewallOrDefault with { ForwardRules = [b, a] } };

        var mark = new PendingDiff(candidate, running).At(ConfigLists.ForwardRules.PathName);

        Assert.Equal(["Order: a, b running; b, a in the candidate."], mark?.Differences);
        Assert.Null(new PendingDiff(running, running).At(ConfigLists.ForwardRules.PathName));
    }

    private static RouterConfig WithLeases(params StaticLease[] leases) => Firewalled() with
    {
        Dhcp = new DhcpSettings(Servers: [new DhcpServer(Name("lan1"), IpAddress.Parse("192.168.1.100"), IpAddress.Parse("192.168.1.200"), StaticLeases: [.. leases])]),
    };

    [Fact]
    public void A_changed_password_is_taken_from_the_api_which_alone_sees_it()
    {
        // As the API sends them: the password redacted in both, so the two look the same here.
        var (running, candidate) = (WithUplink("(secret)", mtu: 1492), WithUplink("(secret)", mtu: 1480));
        var apiChanges = RedactedChanges(WithUplink("old", mtu: 1492), WithUplink("new", mtu: 1480));

        var mark = new PendingDiff(candidate, running, apiChanges).Of(ConfigLists.Pppoe, candidate.Pppoe[0]);

        Assert.Equal(ChangeKind.Changed, mark?.Kind);
        Assert.Equal(["MTU: 1492 running, 1480 in the candidate.", "Password differs from the running revision."], mark?.Differences);
        Assert.Null(new PendingDiff(candidate, running).Of(ConfigLists.Pppoe, candidate.Pppoe[0])?.Differences.FirstOrDefault(d => d.StartsWith("Password", StringComparison.Ordinal)));
    }

    [Fact]
    public void Only_redacted_fields_are_taken_from_the_api_the_rest_is_what_the_page_shows()
    {
        var same = WithUplink("(secret)", mtu: 1492);
        // The API's change set, read before the page's candidate: its MTU change is not what the page shows.
        var apiChanges = RedactedChanges(WithUplink("same", mtu: 1492), WithUplink("same", mtu: 1480));

        Assert.Null(new PendingDiff(same, same, apiChanges).Of(ConfigLists.Pppoe, same.Pppoe[0]));
    }

    private static RouterConfig WithUplink(string password, int mtu) => ThreePorts() with
    {
        Pppoe = [new PppoeUplink(Name("ppp0"), Name("wan0"), PlainText.Parse("user@isp"), Secret.Parse(password), Mtu: Mtu.From(mtu))],
    };

    private static ConfigChange[] RedactedChanges(RouterConfig before, RouterConfig after) =>
        System.Text.Json.JsonSerializer.Deserialize(
            System.Text.Json.JsonSerializer.Serialize(ConfigDiff.Compute(before, after), RouterOS.Domain.Json.RouterConfigJson.Metadata(redactSecrets: true).EquatableArrayConfigChange),
            RouterOS.Domain.Json.RouterConfigJson.Metadata(redactSecrets: false).EquatableArrayConfigChange).ToArray();
}
