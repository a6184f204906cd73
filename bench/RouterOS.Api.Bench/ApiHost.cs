using RouterOS.Api.Auth;
using RouterOS.Api.Hosting;

namespace RouterOS.Api.Bench;

/// <summary>The real API on a loopback URL, in this process, with a fresh store: started, and onboarded to a write token.</summary>
internal static class ApiHost
{
    public static async Task<(WebApplication Api, string Token)> StartAsync(string url, string engineSocket, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Configuration["RouterOS:DataDirectory"] = dataDirectory;
        builder.Configuration["RouterOS:EngineSocket"] = engineSocket;
        builder.Configuration["RouterOS:AllowRoot"] = "true"; // `make bench` runs as root, like `make test`
        builder.AddRouterApi();
        var api = builder.Build();
        await api.PrepareStoreAsync();
        api.MapRouterApi();
        await api.StartAsync();
        return (api, await Onboarding.TokenAsync(url, api.Services.GetRequiredService<SetupToken>().Value!));
    }
}
