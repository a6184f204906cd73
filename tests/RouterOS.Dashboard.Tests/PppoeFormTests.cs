using System.Text;
using Bunit;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// The PPPoE uplink form: the API shows a stored password only as its placeholder, so an edit that
/// leaves the password empty sends the placeholder back (the API keeps the password), and a typed
/// one replaces it.
/// </summary>
public sealed class PppoeFormTests
{
    private static readonly PppoeUplink Uplink = new(Name("ppp-wan"), Name("wan0"), PlainText.Parse("user@isp"), Secret.Parse(RedactedSecretConverter.Placeholder));

    [Fact]
    public async Task An_edit_that_leaves_the_password_empty_sends_the_placeholder_that_keeps_the_stored_one()
    {
        await using var context = await ContextAsync();
        var form = context.Render<PppoeForm>(p => p.Add(f => f.Existing, Uplink));
        Assert.Equal("", Fields.Input(form, "pppoe-password").GetAttribute("value") ?? "");
        Fields.Type(form, "pppoe-service", "internet");
        Fields.Type(form, "pppoe-ac", "ac-7");
        Fields.Input(form, "pppoe-mtu").Input("1480");
        Fields.Input(form, "pppoe-ipv6").Change(true);
        Fields.Input(form, "pppoe-mss").Change(false);
        Fields.Input(form, "pppoe-metric").Input("20");

        await form.Find("[data-testid=pppoe-save]").ClickAsync(new());

        var sent = Sent(context);
        Assert.Equal("/api/v1/pppoe/ppp-wan", Assert.Single(context.Router.Writes).Path);
        Assert.Equal(RedactedSecretConverter.Placeholder, sent.Password.Reveal());
        Assert.Equal(Uplink with
        {
            ServiceName = PlainText.Parse("internet"),
            AccessConcentrator = PlainText.Parse("ac-7"),
            Mtu = Mtu.From(1480),
            Ipv6 = true,
            MssClamping = false,
            DefaultRouteMetric = 20,
        }, sent);
    }

    [Fact]
    public async Task A_typed_password_replaces_the_stored_one_as_typed()
    {
        await using var context = await ContextAsync();
        var form = context.Render<PppoeForm>(p => p.Add(f => f.Existing, Uplink));
        Fields.Type(form, "pppoe-password", " new secret ");

        await form.Find("[data-testid=pppoe-save]").ClickAsync(new());

        Assert.Equal(" new secret ", Sent(context).Password.Reveal());
    }

    [Fact]
    public async Task A_new_uplink_needs_a_password_and_nothing_is_sent_without_one()
    {
        await using var context = await ContextAsync();
        var form = context.Render<PppoeForm>();
        Fields.Type(form, "pppoe-name", "ppp-wan");
        Fields.Type(form, "pppoe-username", "user@isp");

        await form.Find("[data-testid=pppoe-save]").ClickAsync(new());

        Assert.Contains("a password must not be empty", Fields.Text(form, "pppoe-password"));
        Assert.Contains("must not be empty", Fields.Text(form, "pppoe-parent"));
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task A_renamed_uplink_needs_its_password_typed_again()
    {
        await using var context = await ContextAsync();
        var form = context.Render<PppoeForm>(p => p.Add(f => f.Existing, Uplink));
        Fields.Type(form, "pppoe-name", "ppp-isp");

        await form.Find("[data-testid=pppoe-save]").ClickAsync(new());

        Assert.Contains("type the password again", Fields.Text(form, "pppoe-password"));
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task An_mtu_that_does_not_fit_the_parent_is_refused_beside_the_field()
    {
        await using var context = await ContextAsync();
        var form = context.Render<PppoeForm>(p => p.Add(f => f.Existing, Uplink));
        Fields.Input(form, "pppoe-mtu").Input("1500");

        Assert.Contains("use at most 1492", Fields.Text(form, "pppoe-mtu"));
        await form.Find("[data-testid=pppoe-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    private static PppoeUplink Sent(DashboardContext context)
    {
        var (sent, error) = RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(context.Router.Writes.Single().Body!), ConfigLists.Pppoe.ItemJson);
        Assert.Null(error);
        return sent!;
    }

    private static async Task<DashboardContext> ContextAsync()
    {
        var context = new DashboardContext(ThreePorts() with { Pppoe = [Uplink] });
        await context.LoadCandidateAsync();
        return context;
    }
}
