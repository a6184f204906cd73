using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// Renumbering a LAN is not a dead end: the address form offers to carry the DHCP range and static
/// leases along, static leases have a form of their own, and a blocked save always says why.
/// </summary>
public sealed class RenumberFormTests
{
    private static readonly MacAddress Nas = MacAddress.Parse("02:00:00:00:00:50");

    private static RouterConfig Lan(string range = "192.168.1.100", string lease = "192.168.1.50") => ThreePorts() with
    {
        Addresses = [new AddressAssignment(Name("lan1"), InterfaceAddress.Parse("192.168.1.1/24"))],
        Dhcp = new DhcpSettings(Servers: [new DhcpServer(Name("lan1"), IpAddress.Parse(range), IpAddress.Parse("192.168.1.199"),
            StaticLeases: [new StaticLease(Nas, IpAddress.Parse(lease), DnsName.Parse("nas"))])]),
    };

    private static DhcpServer SentServer((HttpMethod Method, string Path, string? IfMatch, string? Body) write)
    {
        Assert.Equal((HttpMethod.Put, "/api/v1/dhcp/servers/lan1"), (write.Method, write.Path));
        var (server, error) = RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(write.Body!), RouterConfigJson.Metadata(redactSecrets: false).DhcpServer);
        Assert.Null(error);
        return server!;
    }

    [Fact]
    public async Task Moving_the_lan_address_offers_to_carry_the_range_and_lease_and_saves_all_of_it_in_one_write()
    {
        await using var context = await ContextAsync(Lan());
        var form = context.Render<AddressForm>(p => p.Add(f => f.Existing, Lan().Addresses[0]));
        Assert.Empty(form.FindAll("[data-testid=address-carry]"));

        Fields.Type(form, "address-value", "192.168.2.1/24");

        var offer = form.Find("[data-testid=address-carry]").TextContent;
        Assert.Contains("Also move the DHCP range and 1 static lease into 192.168.2.0/24", offer, StringComparison.Ordinal);
        Assert.Contains("192.168.1.50 → 192.168.2.50", offer, StringComparison.Ordinal);
        await form.Find("[data-testid=address-save]").ClickAsync(new());

        // One write of the whole candidate, against the version read: the address never lands without its dependants.
        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/config"), (write.Method, write.Path));
        Assert.NotNull(write.IfMatch);
        var sent = RouterConfigJson.Parse(write.Body!);
        Assert.Equal("192.168.2.1/24", sent.Addresses.Single().Address.ToString());
        var server = sent.DhcpOrDefault.Servers.Single();
        Assert.Equal(("192.168.2.100", "192.168.2.199"), (server.RangeStart.ToString(), server.RangeEnd.ToString()));
        Assert.Equal(new StaticLease(Nas, IpAddress.Parse("192.168.2.50"), DnsName.Parse("nas")), server.StaticLeases.Single());
    }

    [Fact]
    public async Task Declining_the_offer_moves_only_the_address()
    {
        await using var context = await ContextAsync(Lan());
        var form = context.Render<AddressForm>(p => p.Add(f => f.Existing, Lan().Addresses[0]));
        Fields.Type(form, "address-value", "192.168.2.1/24");
        Fields.Input(form, "address-carry-accept").Change(false);

        await form.Find("[data-testid=address-save]").ClickAsync(new());

        Assert.Equal([HttpMethod.Put, HttpMethod.Delete], context.Router.Writes.Select(w => w.Method));
    }

    [Fact]
    public async Task A_new_static_lease_is_saved_by_writing_its_server()
    {
        await using var context = await ContextAsync(Lan());
        var form = context.Render<StaticLeaseForm>(p => p.Add(f => f.Device, Name("lan1")));
        Fields.Type(form, "lease-mac", "02:00:00:00:00:51");
        Fields.Type(form, "lease-address", "192.168.1.51");
        Fields.Type(form, "lease-hostname", "printer");

        await form.Find("[data-testid=lease-save]").ClickAsync(new());

        var server = SentServer(Assert.Single(context.Router.Writes));
        Assert.Equal(["192.168.1.50", "192.168.1.51"], server.StaticLeases.Select(l => l.Address.ToString()));
    }

    [Fact]
    public async Task A_lease_outside_the_subnet_is_explained_beside_its_address_and_not_sent()
    {
        await using var context = await ContextAsync(Lan());
        var form = context.Render<StaticLeaseForm>(p => p.Add(f => f.Device, Name("lan1")).Add(f => f.Existing, Lan().DhcpOrDefault.Servers[0].StaticLeases[0]));

        Fields.Type(form, "lease-address", "192.168.2.50");
        Assert.Contains("192.168.2.50 is outside lan1's subnet 192.168.1.0/24", Fields.Text(form, "lease-address"), StringComparison.Ordinal);
        await form.Find("[data-testid=lease-save]").ClickAsync(new());

        Assert.Empty(context.Router.Writes);
        Assert.Contains("Not saved: address: 192.168.2.50 is outside", form.Find("[data-testid=lease-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_blocked_by_a_lease_it_has_no_field_for_says_why_and_where_to_fix_it()
    {
        // The range fits, the lease does not: the server's form has no field for it.
        await using var context = await ContextAsync(Lan(lease: "10.0.0.50"));
        var form = context.Render<DhcpServerForm>(p => p.Add(f => f.Existing, Lan(lease: "10.0.0.50").DhcpOrDefault.Servers[0]));

        Assert.Contains("Static leases on lan1", form.Find("[data-testid=dhcp-leases-error]").TextContent, StringComparison.Ordinal);
        await form.Find("[data-testid=dhcp-save]").ClickAsync(new());

        Assert.Empty(context.Router.Writes);
        Assert.Contains("Not saved: staticLeases: 10.0.0.50 is outside lan1's subnet", form.Find("[data-testid=dhcp-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_plan_finding_stops_blocking_once_the_field_it_quoted_is_fixed()
    {
        await using var context = await ContextAsync(Lan());
        context.Services.GetRequiredService<ChangeState>().PlanFindings =
            [new ConfigFinding(Severity.Error, "dhcp.servers[lan1].rangeStart", "the kernel refused 192.168.1.100")];
        var form = context.Render<DhcpServerForm>(p => p.Add(f => f.Existing, Lan().DhcpOrDefault.Servers[0]));
        Assert.Contains("the kernel refused 192.168.1.100", Fields.Text(form, "dhcp-start"), StringComparison.Ordinal);

        Fields.Type(form, "dhcp-start", "192.168.1.110");
        Assert.DoesNotContain("the kernel refused", Fields.Text(form, "dhcp-start"), StringComparison.Ordinal);
        await form.Find("[data-testid=dhcp-save]").ClickAsync(new());

        Assert.Equal("192.168.1.110", SentServer(Assert.Single(context.Router.Writes)).RangeStart.ToString());
    }

    [Fact]
    public async Task A_live_lease_is_made_static_on_the_server_whose_subnet_holds_it()
    {
        await using var context = new DashboardContext(Lan());
        var page = context.Render<RouterOS.Dashboard.Pages.Dhcp>();
        await page.WaitForAssertionAsync(() => Assert.True(context.Hubs.IsSubscribed(LiveHubs.LeasesPath, LiveHubs.LeaseSnapshotMethod)));
        await page.InvokeAsync(() => context.Hubs.Push(LiveHubs.LeasesPath, LiveHubs.LeaseSnapshotMethod, new DhcpLeaseSnapshot(
            [new DhcpLeaseView("02:00:00:00:00:50", "192.168.1.50", "nas", null), new DhcpLeaseView("02:00:00:00:00:61", "192.168.1.161", "phone", null)], Connected: true)));
        await page.WaitForAssertionAsync(() => Assert.Equal(2, page.FindAll("[data-testid=lease]").Count));

        // The NAS's lease is static already: only the phone's can be made so.
        var button = Assert.Single(page.FindAll("[data-testid=make-static]"));
        Assert.Contains("192.168.1.161", button.Closest("tr")!.TextContent, StringComparison.Ordinal);
        await button.ClickAsync(new());

        var server = SentServer(Assert.Single(context.Router.Writes));
        Assert.Equal(new StaticLease(MacAddress.Parse("02:00:00:00:00:61"), IpAddress.Parse("192.168.1.161"), DnsName.Parse("phone")), server.StaticLeases[^1]);
        Assert.Equal(2, server.StaticLeases.Count);
    }

    [Fact]
    public async Task A_lease_left_outside_the_subnet_is_shown_above_its_section_on_the_dhcp_page()
    {
        await using var context = new DashboardContext(Lan(lease: "10.0.0.50"));
        var page = context.Render<RouterOS.Dashboard.Pages.Dhcp>();

        await page.WaitForAssertionAsync(() => Assert.Contains("10.0.0.50 is outside lan1's subnet 192.168.1.0/24",
            page.Find("[data-testid=lease-findings-lan1]").TextContent, StringComparison.Ordinal));
        Assert.Contains("10.0.0.50", page.Find("[data-testid='dhcp/servers/lan1/static-leases-row-02:00:00:00:00:50']").TextContent, StringComparison.Ordinal);
    }

    private static async Task<DashboardContext> ContextAsync(RouterConfig candidate)
    {
        var context = new DashboardContext(candidate);
        await context.LoadCandidateAsync();
        return context;
    }
}
