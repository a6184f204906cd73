using MudBlazor.Services;
using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Services;

namespace RouterOS.Dashboard;

/// <summary>
/// The app's services, in one place for the browser (Program.cs) and for the sign-in and setup
/// pages rendered at build time (RouterOS.Dashboard.Prerender), so both render the same components
/// with the same dependencies.
/// </summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, Uri apiAddress)
    {
        // Same origin as the API: the browser's session cookie goes with every request.
        services.AddScoped(_ => new HttpClient { BaseAddress = apiAddress });
        services.AddScoped<RouterApi>();
        services.AddScoped<SystemApi>();
        services.AddScoped<FlowFeed>();
        services.AddScoped<IHubSource, SignalRHubSource>();
        services.AddScoped<LiveConnection>();
        services.AddScoped<UplinkFeed>();
        services.AddScoped<LinkFeed>();
        services.AddScoped<LeaseFeed>();
        services.AddScoped<ChangeState>();
        services.AddScoped<ConfigEditor>();
        services.AddScoped<PendingMarks>();
        services.AddMudServices();
        return services;
    }
}
