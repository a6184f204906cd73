using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RouterOS.Api.Hosting;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Http;

/// <summary>
/// Reads request bodies with the domain's strict reader, so the API reports a broken body the same
/// way everywhere: the JSON path and position of the first problem, and nothing changed.
/// </summary>
public static class BodyReader
{
    /// <summary>A whole configuration, which may be larger than any other body (<see cref="RouterApiOptions.MaxConfigBodyBytes"/>).</summary>
    public static async Task<RouterConfig> ReadConfigAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBytesAsync(request, Options(request).MaxConfigBodyBytes, cancellationToken);
        var result = RouterConfigJson.Read(body);
        return result.Config ?? throw new BadRequestException(result.Error!);
    }

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = await ReadBytesAsync(request, Options(request).MaxRequestBodyBytes, cancellationToken);
        var (value, error) = RouterConfigJson.ReadItem(body, typeInfo);
        return error is null ? value! : throw new BadRequestException(error);
    }

    private static RouterApiOptions Options(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<IOptions<RouterApiOptions>>().Value;

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"send the body as application/json, not {type}");
        // Kestrel enforces its limit too, set to MaxRequestBodyBytes: this body's own limit is set on
        // the request before it is read. The checks below hold behind any server or proxy.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = limit;
        if (request.ContentLength > limit)
            throw new PayloadTooLargeException(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new PayloadTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
