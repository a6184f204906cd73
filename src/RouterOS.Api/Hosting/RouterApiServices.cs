using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RouterOS.Api.Apis;
using RouterOS.Api.Auth;
using RouterOS.Api.Commits;
using RouterOS.Api.Engine;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Json;

namespace RouterOS.Api.Hosting;

public static class RouterApiServices
{
    /// <summary>Everything the API needs, configured from the "RouterOS" section.</summary>
    public static WebApplicationBuilder AddRouterApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = builder.Configuration.GetSection(RouterApiOptions.Section).Get<RouterApiOptions>() ?? new RouterApiOptions();
        if (Environment.IsPrivilegedProcess && !options.AllowRoot)
            throw new InvalidOperationException("the RouterOS API must not run as root (only the engine needs privileges); start it as an unprivileged user such as 'routeros'");
        services.Configure<RouterApiOptions>(builder.Configuration.GetSection(RouterApiOptions.Section));
        var dataDirectory = DataDirectory.Prepare(options.DataDirectory);

        services.TryAddSingleton(TimeProvider.System);
        // Every background loop catches and logs its own faults (BackgroundLoop, EngineWatch); should one
        // slip through anyway, the host logs it and keeps serving instead of stopping (the default).
        services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        // Made by the container, so the container disposes it (and closes its pool) with the host.
        services.AddSingleton(_ => new RouterDatabase(DataDirectory.DatabasePath(dataDirectory)));
        services.AddSingleton<UserStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<AuditStore>();
        var keys = Path.Combine(dataDirectory, DataDirectory.Keys);
        services.AddDataProtection().SetApplicationName("RouterOS");
        services.Configure<KeyManagementOptions>(management => management.XmlRepository = new DurableXmlRepository(keys));
        var certificate = HttpsCertificate.LoadOrCreate(keys);
        services.AddSingleton(certificate);
        services.AddSingleton<ConfiguredHostNames>();
        services.AddSingleton<HostCheck>();
        // Before the server starts: the admin compares this with what the browser shows.
        Console.WriteLine($"HTTPS certificate SHA-256: {certificate.Sha256Fingerprint}");
        if (HttpsEndpoints.WithHttps(builder.Configuration["urls"], options.HttpsPort) is { } urls)
            builder.WebHost.UseUrls(urls);
        services.AddSingleton<StoredConfigCodec>();
        services.AddScoped<RevisionStore>();
        services.AddScoped<CandidateStore>();
        services.AddScoped<CommitService>();
        services.AddScoped<Backups.BackupService>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService<AuditSummaryFlusher>();
        services.AddSingleton<CommitGate>();
        services.AddSingleton<PendingCommitSignal>();
        services.AddHostedService<RollbackWatcher>();
        services.AddHostedService<InitialConfigCommitter>();
        services.TryAddSingleton<IEngineClient, GrpcEngineClient>();
        services.TryAddSingleton<IEngineSystemClient, GrpcSystemClient>();
        services.AddSingleton<Flows.FlowCache>();
        services.AddHostedService<Flows.FlowFeed>();
        services.AddSingleton<Flows.FlowHubSubscribers>();
        services.AddHostedService<Flows.FlowHubPublisher>();
        services.AddSingleton<EngineRestarts>();
        services.AddSingleton<Uplinks.UplinkFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<Uplinks.UplinkFeed>());
        services.AddSingleton<Changes.ChangeSignal>();
        services.AddSingleton<Changes.ChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<Changes.ChangeFeed>());
        services.AddSingleton<Links.LinkFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<Links.LinkFeed>());
        services.AddSingleton<Leases.LeaseFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<Leases.LeaseFeed>());
        services.AddSignalR().AddJsonProtocol(json =>
        {
            // Only source-generated metadata, no reflection behind it: what the NativeAOT API has, so a
            // type missing from a context fails the tests, not the router.
            json.PayloadSerializerOptions.TypeInfoResolverChain.Clear();
            json.PayloadSerializerOptions.TypeInfoResolverChain.Add(ApiJsonContext.Default);
            json.PayloadSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });

        services.AddRouterAuth();
        services.AddRouterHealthChecks();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.ConfigureHttpJsonOptions(json =>
        {
            // As for the hubs: source-generated metadata only (problem details included, in ApiJsonContext).
            json.SerializerOptions.TypeInfoResolverChain.Clear();
            json.SerializerOptions.TypeInfoResolverChain.Add(ApiJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Add(RouterConfigJsonContext.Default);
            // Answers never carry a password; see SecretPlaceholders for how one is kept on import.
            json.SerializerOptions.Converters.Add(new RedactedSecretConverter());
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            // Numbers are numbers: the web default would also read "10" in quotes.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate.Certificate);
        });
        // The dashboard's files from the build output too (make run), not only from a published one.
        builder.WebHost.UseStaticWebAssets();
        services.AddOpenApi(openApi => openApi.DescribeConfigValues());
        return builder;
    }
}
