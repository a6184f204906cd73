using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;

namespace RouterOS.Api.Hosting;

/// <summary>
/// Answers only requests addressed to the router by one of its own names or addresses. A web page
/// on the internet can make a LAN browser send requests to the router under the page's own name
/// (DNS rebinding); the Host header then carries that foreign name, and is refused with 400.
/// Accepted: localhost, the host's name, <see cref="RouterApiOptions.HostNames"/>, the names the
/// running configuration gives the router (<see cref="ConfiguredHostNames"/>), and any address the
/// router has at this moment (they change with DHCP and PPPoE, so they are read again every few seconds).
/// </summary>
internal sealed class HostCheck(IOptions<RouterApiOptions> options, ConfiguredHostNames configured, TimeProvider time)
{
    private static readonly TimeSpan AddressesValidFor = TimeSpan.FromSeconds(5);

    private readonly HashSet<string> _names = new(
        ["localhost", Dns.GetHostName(), .. options.Value.HostNames], StringComparer.OrdinalIgnoreCase);

    private readonly Lock _lock = new();
    private HashSet<IPAddress> _addresses = [];
    private DateTimeOffset _addressesRead = DateTimeOffset.MinValue;

    public async ValueTask<bool> AcceptsAsync(HostString host, CancellationToken cancellationToken)
    {
        if (!host.HasValue)
            return false;
        var name = host.Host.TrimEnd('.');
        if (name.StartsWith('[') && name.EndsWith(']'))
            name = name[1..^1];
        if (!IPAddress.TryParse(name, out var address))
        {
            return _names.Contains(name) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                || (await configured.GetAsync(cancellationToken)).Contains(name);
        }
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : WithoutScope(address);
        return IPAddress.IsLoopback(address) || OwnAddresses().Contains(address);
    }

    private HashSet<IPAddress> OwnAddresses()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now - _addressesRead > AddressesValidFor || now < _addressesRead)
            {
                _addresses = [.. NetworkInterface.GetAllNetworkInterfaces()
                    .SelectMany(link => link.GetIPProperties().UnicastAddresses)
                    .Select(unicast => WithoutScope(unicast.Address))];
                _addressesRead = now;
            }
            return _addresses;
        }
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new IPAddress(address.GetAddressBytes()) : address;
}

internal static class HostCheckMiddleware
{
    public static IApplicationBuilder UseHostCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var check = http.RequestServices.GetRequiredService<HostCheck>();
        if (!http.RequestServices.GetRequiredService<IOptions<RouterApiOptions>>().Value.CheckHost || await check.AcceptsAsync(http.Request.Host, http.RequestAborted))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync("This router answers only to its own names and addresses (Host header refused).", http.RequestAborted);
    });
}
