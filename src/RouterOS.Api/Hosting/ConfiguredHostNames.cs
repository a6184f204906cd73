using System.Collections.Frozen;
using RouterOS.Api.Store;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Hosting;

/// <summary>
/// The names the running configuration gives the router, for <see cref="HostCheck"/>:
/// <c>system.hostname</c>, and <c>hostname.domain</c> for every LAN domain its DHCP servers hand out
/// (a client on that LAN types "router" or "router.lan"). Read from the store when first asked and
/// again after the running revision may have changed (<see cref="RevisionStore"/> says so on every
/// change of a revision's state), so a hostname is accepted as soon as it is committed and the old
/// one is refused from then on, without restarting the API. Between changes, no request touches the store.
/// </summary>
public sealed class ConfiguredHostNames(IServiceScopeFactory scopes)
{
    private sealed record Loaded(long Version, FrozenSet<string> Names);

    private long _version;
    private Loaded? _loaded;

    /// <summary>The running revision may have changed: read the names again when next asked.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    public async ValueTask<FrozenSet<string>> GetAsync(CancellationToken cancellationToken)
    {
        var version = Volatile.Read(ref _version);
        if (Volatile.Read(ref _loaded) is { } loaded && loaded.Version == version)
            return loaded.Names;
        await using var scope = scopes.CreateAsyncScope();
        var running = await scope.ServiceProvider.GetRequiredService<RevisionStore>().RunningAsync(cancellationToken);
        var names = NamesOf(running?.Config);
        // Stamped with the version read before the store was: a change during the read leaves the
        // stamp behind the counter, and the next request reads again.
        Volatile.Write(ref _loaded, new Loaded(version, names));
        return names;
    }

    public static FrozenSet<string> NamesOf(RouterConfig? config)
    {
        if (config?.SystemOrDefault.Hostname?.ToString() is not { } hostname)
            return FrozenSet<string>.Empty;
        // Every server's domain, enabled or not: "hostname.domain" is the router's own name by its
        // configuration, never a stranger's, whichever DNS server answers it.
        var domains = config.DhcpOrDefault.Servers.Select(server => server.Domain?.ToString()).OfType<string>();
        return new[] { hostname }.Concat(domains.Select(domain => $"{hostname}.{domain}"))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
