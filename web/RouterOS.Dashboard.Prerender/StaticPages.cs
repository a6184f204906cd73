using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using RouterOS.Dashboard.Layout;
using RouterOS.Dashboard.Pages;

namespace RouterOS.Dashboard.Prerender;

/// <summary>
/// The open pages (sign-in, setup) rendered with the app's own components, layout and services, as
/// a browser nobody signed in on first sees them, put in place of index.html's skeleton. The app
/// replaces them with its live render once it starts.
/// </summary>
public static partial class StaticPages
{
    /// <summary>The pages, each with the file it is written to beside index.html.</summary>
    public static readonly IReadOnlyList<(string Route, Type Page, string File)> Open =
        [("login", typeof(Login), "login.html"), ("setup", typeof(Setup), "setup.html")];

    // index.html marks what stands in for the app while it starts: the part these pages replace.
    [GeneratedRegex("(?s)<!-- app:start -->.*<!-- app:end -->")]
    private static partial Regex Placeholder();

    // MudBlazor gives its inputs random ids (label for= names them): numbered in order instead, so
    // that the same components render the same bytes and a stale page shows as a difference.
    [GeneratedRegex("\\bid=\"(mud[a-z0-9]+)[\"-]")]
    private static partial Regex GeneratedId();

    private static readonly Uri Origin = new("http://router.invalid/");

    /// <summary>Each open page's whole document: index.html with the page in place of the skeleton.</summary>
    public static async Task<IReadOnlyList<(string File, string Html)>> RenderAsync(string indexHtml)
    {
        if (Placeholder().Count(indexHtml) != 1)
            throw new InvalidOperationException("index.html has no single <!-- app:start --> ... <!-- app:end --> part to replace");
        var pages = new List<(string, string)>();
        foreach (var (route, page, file) in Open)
        {
            var body = await RenderPageAsync(route, page);
            pages.Add((file, Placeholder().Replace(indexHtml, _ => $"<!-- app:start: {route}, rendered at build time by RouterOS.Dashboard.Prerender -->\n{body}\n        <!-- app:end -->")));
        }
        return pages;
    }

    private static async Task<string> RenderPageAsync(string route, Type page)
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<NavigationManager>(new BuildTimeNavigation(Origin, new Uri(Origin, route)))
            .AddSingleton<IJSRuntime, NoJavaScript>()
            .AddDashboard(Origin);
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(RouteView.RouteData)] = new RouteData(page, new Dictionary<string, object?>()),
                [nameof(RouteView.DefaultLayout)] = typeof(MainLayout),
            });
            var output = await renderer.RenderComponentAsync<RouteView>(parameters);
            return NumberIds(output.ToHtmlString());
        });
    }

    private static string NumberIds(string html)
    {
        var ids = GeneratedId().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < ids.Count; i++)
            html = html.Replace(ids[i], $"prerendered-{i + 1}", StringComparison.Ordinal);
        return html;
    }
}
