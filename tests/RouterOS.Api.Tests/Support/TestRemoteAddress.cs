using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// The in-memory test server has no remote address and no local port; a test names them in these
/// headers, so sign-in throttling can be seen per address and a plan judged for a client on the
/// LAN. Test-only: the product reads the connection's own.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public const string LocalPortHeader = "X-Test-Local-Port";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, RequestDelegate following) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value))
                http.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            if (http.Request.Headers.TryGetValue(LocalPortHeader, out var port))
                http.Connection.LocalPort = int.Parse(port.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            return following(http);
        });
        next(app);
    };

    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    /// <summary>The client comes from <paramref name="address"/> and reached the API on <paramref name="localPort"/>.</summary>
    public static HttpClient From(HttpClient client, string address, int localPort)
    {
        client.DefaultRequestHeaders.Add(LocalPortHeader, localPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return From(client, address);
    }
}
