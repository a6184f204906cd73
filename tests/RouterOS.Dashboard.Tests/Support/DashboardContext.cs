using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Services;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests.Support;

/// <summary>A bUnit context with the dashboard's services, talking to <see cref="FakeRouterHandler"/> and <see cref="FakeHubSource"/>.</summary>
public sealed class DashboardContext : BunitContext
{
    public DashboardContext(RouterConfig candidate)
    {
        Router = new FakeRouterHandler(candidate);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped(_ => new HttpClient(Router) { BaseAddress = new Uri("http://router.test/") });
        Services.AddScoped<RouterApi>();
        Services.AddScoped<SystemApi>();
        Services.AddScoped<ChangeState>();
        Services.AddScoped<ConfigEditor>();
        Services.AddScoped<PendingMarks>();
        Services.AddSingleton<IHubSource>(Hubs);
        Services.AddScoped<LiveConnection>();
        Services.AddScoped<LinkFeed>();
        Services.AddScoped<UplinkFeed>();
        Services.AddScoped<LeaseFeed>();
    }

    public FakeRouterHandler Router { get; }

    /// <summary>The API's live hubs: a test pushes what the API would send.</summary>
    public FakeHubSource Hubs { get; } = new();

    /// <summary>
    /// As in the browser, the app running, for the components that ask (the layout, sign-in, setup:
    /// they render differently at build time). Call it after adding services: it starts the renderer.
    /// </summary>
    public void RunInBrowser() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("WebAssembly", isInteractive: true));

    /// <summary>The candidate read as a page reads it before showing its forms.</summary>
    public async Task LoadCandidateAsync() => await Services.GetRequiredService<ConfigEditor>().LoadAsync();
}
