using System.Net;

namespace RouterOS.Api.Hosting;

/// <summary>
/// HTTPS beside HTTP: for every http:// address the API listens on, https:// on the same host at
/// <see cref="RouterApiOptions.HttpsPort"/>; plain HTTP from anywhere but the router itself is
/// redirected there (a password typed on the LAN is never sent in clear). Loopback keeps plain
/// HTTP: nothing on the wire to protect, and the lab's http://127.0.0.1:8080 keeps working.
/// </summary>
internal static class HttpsEndpoints
{
    /// <summary>The configured URLs ("urls", from --urls or ASPNETCORE_URLS) with an HTTPS twin for each HTTP one.</summary>
    public static string? WithHttps(string? urls, int httpsPort)
    {
        if (string.IsNullOrWhiteSpace(urls) || httpsPort <= 0)
            return urls;
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (list.Any(url => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            return urls;
        var https = list.Where(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            .Select(url => $"https://{HostOf(url)}:{httpsPort}").Distinct();
        return string.Join(';', list.Concat(https));
    }

    // "http://127.0.0.1:8080" -> "127.0.0.1"; "http://[::]:80" -> "[::]"; "http://*:80" -> "*".
    private static string HostOf(string url)
    {
        var rest = url["http://".Length..].TrimEnd('/');
        var colon = rest.StartsWith('[') ? rest.IndexOf("]:", StringComparison.Ordinal) + 1 : rest.LastIndexOf(':');
        return colon > 0 ? rest[..colon] : rest;
    }

    public static IApplicationBuilder UseHttpsFromTheNetwork(this IApplicationBuilder app, int httpsPort) => app.Use(async (http, next) =>
    {
        if (httpsPort <= 0 || http.Request.IsHttps || IsLocal(http.Connection.RemoteIpAddress))
        {
            await next(http);
            return;
        }
        var request = http.Request;
        var target = $"https://{new HostString(request.Host.Host, httpsPort)}{request.PathBase}{request.Path}{request.QueryString}";
        // 308: the method and body are kept (a POST stays a POST).
        http.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        http.Response.Headers.Location = target;
    });

    /// <summary>The router itself (or an in-process host with no network connection at all).</summary>
    private static bool IsLocal(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
}
