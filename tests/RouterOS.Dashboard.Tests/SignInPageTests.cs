using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Dashboard.Layout;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// Whoever has not signed in sees the sign-in form and nothing of what lies behind it: no menu,
/// and once setup is done no "first start" hint either.
/// </summary>
public sealed class SignInPageTests
{
    [Fact]
    public async Task After_setup_the_sign_in_page_shows_no_menu_and_no_first_start_hint()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var page = RenderAt<Login>(context, "login");

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=sign-in]")));
        Assert.False(page.Find("input[data-testid=password]").HasAttribute("disabled"), "the running app's form waits as if at build time");
        Assert.False(page.Find("[data-testid=sign-in]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll(".mud-nav-link"));
        Assert.Empty(page.FindAll("[aria-label=menu]"));
        Assert.DoesNotContain("First start", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("setup token", page.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signed_in_the_menu_is_there()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        context.Router.Session = "{\"user\":{\"name\":\"admin\",\"source\":\"session\",\"canWrite\":true},\"setupPending\":false}";
        var page = RenderAt<Login>(context, "tokens");

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll(".mud-nav-link")));
        Assert.Contains("Interfaces", page.Find(".mud-navmenu").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll(".mud-nav-link[href='system']"));
    }

    /// <summary>The layout around a page, as the router renders it at <paramref name="path"/>.</summary>
    private static IRenderedComponent<MainLayout> RenderAt<TPage>(DashboardContext context, string path) where TPage : IComponent
    {
        context.RunInBrowser();
        context.Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return context.Render<MainLayout>(layout => layout.Add(l => l.Body, builder =>
        {
            builder.OpenComponent<TPage>(0);
            builder.CloseComponent();
        }));
    }
}
