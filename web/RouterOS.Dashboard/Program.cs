using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using RouterOS.Dashboard;
using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
// Same origin as the API: the browser's session cookie goes with every request.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<RouterApi>();
builder.Services.AddScoped<SystemApi>();
builder.Services.AddScoped<FlowFeed>();
builder.Services.AddScoped<UplinkFeed>();
builder.Services.AddScoped<LinkFeed>();
builder.Services.AddScoped<ChangeState>();
builder.Services.AddScoped<ConfigEditor>();
builder.Services.AddScoped<PendingMarks>();
builder.Services.AddMudServices();
await builder.Build().RunAsync();
