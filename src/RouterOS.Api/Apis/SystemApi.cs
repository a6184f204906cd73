using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Hosting;
using RouterOS.Api.Http;

namespace RouterOS.Api.Apis;

/// <summary>The device's firmware: versions and slots, upgrade, reboot, factory reset (backup and restore: <see cref="BackupApi"/>).</summary>
public static class SystemApi
{
    public const string NdjsonType = "application/x-ndjson";

    /// <summary>What is read from the request and sent to the engine at a time: well under gRPC's 4 MB message.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>This API's build (RouterOSVersion in Directory.Build.props).</summary>
    public static string BuildVersion { get; } =
        typeof(SystemApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0-dev";

    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").WithTags("System");
        // GET /api/v1/system itself is the configuration's system settings (hostname): the firmware is a resource beside them.
        system.MapGet("/firmware", GetAsync).WithSummary("The versions that run and, on a device image, each root slot (A, B): its state, version, boot status, and which one the next boot tries.");
        system.MapPost("/upgrade", UpgradeAsync)
            .AcceptsBinary("application/octet-stream")
            .Produces<UpgradeProgress>(StatusCodes.Status200OK, NdjsonType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Upload a signed upgrade bundle (the body, as application/octet-stream). A bundle that is unsigned, wrongly signed or for another device is refused (422) before anything is written; otherwise it is installed into the other slot and the progress streams back as NDJSON lines, the last one the outcome. Reboot to start it: a slot that does not come up healthy falls back by itself.");
        system.MapPost("/reboot", RebootAsync).Accepts<SystemActionRequest>("application/json")
            .WithSummary("Reboot now. The body must be {\"confirm\": \"reboot\"}.");
        system.MapPost("/factory-reset", FactoryResetAsync).Accepts<SystemActionRequest>("application/json")
            .WithSummary("Erase the data partition (configuration, revisions, accounts, keys) and reboot to the first-boot defaults. The body must be {\"confirm\": \"factory-reset\"}.");
        return api;
    }

    private static async Task<Ok<SystemView>> GetAsync(IEngineSystemClient engine, CancellationToken cancellationToken)
    {
        var info = await engine.GetSystemInfoAsync(cancellationToken);
        // On a device image the firmware's version is the image's (what an upgrade bundle names), not
        // this assembly's build: two images from one build differ only in their release file.
        var version = info.NotDeviceImage is null ? info.Version : BuildVersion;
        return TypedResults.Ok(new SystemView(version, info.Version, info.NotDeviceImage is null, info.NotDeviceImage, info.Compatible, info.Booted, info.Primary,
            info.Slots, info.MaxBundleBytes));
    }

    private static async Task UpgradeAsync(HttpContext http, IEngineSystemClient engine, IOptions<RouterApiOptions> options, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"send the bundle file itself as the body, as application/octet-stream, not {request.ContentType ?? "no content type"}");
        var limit = options.Value.MaxBundleBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = limit;
        if (request.ContentLength > limit)
            throw new PayloadTooLargeException(limit);

        string upload;
        try
        {
            upload = await engine.UploadBundleAsync(Chunks(request.Body, limit, cancellationToken), cancellationToken);
        }
        catch (BundleTooLargeForEngineException e)
        {
            throw new TooLargeException(e.Message);
        }

        // The engine checks before it writes: a refusal comes before any install step, and is answered as
        // an error (422) rather than as a 200 whose last line says so.
        await using var progress = engine.InstallBundleAsync(upload, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var first = new List<UpgradeProgress>();
        while (await progress.MoveNextAsync())
        {
            first.Add(progress.Current);
            if (progress.Current.Phase != "checking")
                break;
        }
        if (first.LastOrDefault() is { Phase: "refused" } refused)
            throw new RefusedException("The bundle was refused", refused.Message);

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = NdjsonType;
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        foreach (var line in first)
            await WriteLineAsync(http.Response, line, cancellationToken);
        try
        {
            while (await progress.MoveNextAsync())
                await WriteLineAsync(http.Response, progress.Current, cancellationToken);
        }
        catch (Exception e) when (e is EngineUnavailableException or EngineFailedException)
        {
            // The status is sent already: the outcome line says what is known.
            await WriteLineAsync(http.Response, new UpgradeProgress("failed", 100,
                $"the engine stopped answering during the install ({e.Message}); it may still be installing: see GET /api/v1/system/firmware"), cancellationToken);
        }
    }

    private static async Task<Accepted<SystemActionResult>> RebootAsync(HttpContext http, IEngineSystemClient engine, CancellationToken cancellationToken)
    {
        await RequireConfirmationAsync(http, "reboot", cancellationToken);
        await engine.RebootAsync(cancellationToken);
        return TypedResults.Accepted("/api/v1/system/firmware", new SystemActionResult("rebooting: the router is back in about a minute"));
    }

    private static async Task<Accepted<SystemActionResult>> FactoryResetAsync(HttpContext http, IEngineSystemClient engine, CancellationToken cancellationToken)
    {
        await RequireConfirmationAsync(http, "factory-reset", cancellationToken);
        await engine.FactoryResetAsync(cancellationToken);
        return TypedResults.Accepted("/api/v1/system/firmware", new SystemActionResult(
            "the data partition is erased at the next boot, which starts now: the router comes back with its first-boot defaults and a new setup token on its console"));
    }

    /// <summary>A stray or replayed empty POST must not reboot or erase the router: the body names the action.</summary>
    private static async Task RequireConfirmationAsync(HttpContext http, string action, CancellationToken cancellationToken)
    {
        var body = http.Request.ContentLength is 0 ? new SystemActionRequest()
            : await BodyReader.ReadAsync(http.Request, ApiJsonContext.Default.SystemActionRequest, cancellationToken);
        if (body.Confirm != action)
            throw new BadRequestException($"nothing was done: to {action.Replace('-', ' ')}, send {{\"confirm\": \"{action}\"}}");
    }

    /// <summary>The request body in chunks, at most <paramref name="limit"/> bytes in all, one buffer reused (the engine client copies each chunk).</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(Stream body, long limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
                throw new PayloadTooLargeException(limit);
            yield return buffer.AsMemory(0, read);
        }
        if (total == 0)
            throw new BadRequestException("the body is empty: send the bundle file");
    }

    private static async Task WriteLineAsync(HttpResponse response, UpgradeProgress line, CancellationToken cancellationToken)
    {
        await response.WriteAsync(JsonSerializer.Serialize(line, ApiJsonContext.Default.UpgradeProgress) + "\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
