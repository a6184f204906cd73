using System.Runtime.CompilerServices;
using RouterOS.Dashboard.Prerender;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// Sign-in and setup are served as rendered at build time (login.html and setup.html, checked in
/// beside index.html): they must be what the components render now, so that a changed page, layout
/// or theme cannot ship with an old picture of itself in front of it.
/// </summary>
public sealed class PrerenderedPagesTests
{
    private static string Wwwroot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "web", "RouterOS.Dashboard", "wwwroot"));

    [Fact]
    public async Task The_checked_in_pages_are_what_the_components_render_now_run_make_prerender_if_not()
    {
        var pages = await StaticPages.RenderAsync(await File.ReadAllTextAsync(Path.Combine(Wwwroot(), "index.html"), TestContext.Current.CancellationToken));

        Assert.Equal(["login.html", "setup.html"], pages.Select(p => p.File));
        foreach (var (file, html) in pages)
            Assert.True(html == await File.ReadAllTextAsync(Path.Combine(Wwwroot(), file), TestContext.Current.CancellationToken), $"{file} is stale: run make prerender");
    }

    [Fact]
    public async Task Each_page_shows_its_form_disabled_in_the_layout_without_the_menu_and_renders_the_same_twice()
    {
        var index = await File.ReadAllTextAsync(Path.Combine(Wwwroot(), "index.html"), TestContext.Current.CancellationToken);

        var pages = (await StaticPages.RenderAsync(index)).ToDictionary(p => p.File, p => p.Html);
        var again = (await StaticPages.RenderAsync(index)).ToDictionary(p => p.File, p => p.Html);

        Assert.Matches("<input [^>]*data-testid=\"username\"[^>]* disabled", pages["login.html"]);
        Assert.Matches("<button [^>]*data-testid=\"sign-in\"[^>]* disabled", pages["login.html"]);
        Assert.Matches("<input [^>]*data-testid=\"setup-token\"[^>]* disabled", pages["setup.html"]);
        Assert.Contains("mud-appbar", pages["setup.html"], StringComparison.Ordinal);
        foreach (var html in pages.Values)
        {
            Assert.DoesNotContain("data-testid=\"skeleton\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("mud-navmenu", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<!-- app:start -->", html, StringComparison.Ordinal);
        }
        Assert.Equal(pages, again);
    }

    [Fact]
    public async Task An_index_html_without_its_marked_placeholder_is_refused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => StaticPages.RenderAsync("<html><body><div id=\"app\"></div></body></html>"));
}
