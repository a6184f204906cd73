using System.Text.Json.Serialization.Metadata;
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
    public static async Task<RouterConfig> ReadConfigAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBytesAsync(request, cancellationToken);
        var result = RouterConfigJson.Read(body);
        return result.Config ?? throw new BadRequestException(result.Error!);
    }

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = await ReadBytesAsync(request, cancellationToken);
        var (value, error) = RouterConfigJson.ReadItem(body, typeInfo);
        return error is null ? value! : throw new BadRequestException(error);
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException($"send the body as application/json, not {type}");
        // Kestrel enforces MaxRequestBodySize too; this check holds behind any server or proxy.
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<RouterApiOptions>>().Value.MaxRequestBodyBytes;
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
