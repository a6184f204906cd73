using RouterOS.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRouterApi();

var app = builder.Build();
await app.PrepareStoreAsync();
app.MapRouterApi();
await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
