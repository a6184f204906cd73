using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// The in-memory test server has no remote address; a test names one in this header, so sign-in
/// throttling can be seen per address. Test-only: the product reads the connection's address.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, RequestDelegate following) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value))
                http.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            return following(http);
        });
        next(app);
    };

    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
