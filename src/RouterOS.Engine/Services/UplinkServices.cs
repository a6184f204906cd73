using RouterOS.Domain.Model;

namespace RouterOS.Engine.Services;

/// <summary>
/// The DHCP clients of the uplinks, one per configured client: started, restarted when their
/// settings change, stopped (releasing the lease, removing its address and route) when removed.
/// </summary>
public sealed class UplinkServices : IAsyncDisposable
{
    /// <summary>udhcpc runs this hook on every event; it only reports (the engine applies the lease).</summary>
    private const string Hook = """
        #!/bin/sh
        # Written by the RouterOS engine: report the DHCP event on one line; configure nothing.
        echo "routeros-dhcp|$1|$ip|$mask|$router|$dns|$lease|$serverid"
        exit 0
        """;

    private readonly string? _namespaceName;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UplinkDhcpClient.LeaseApplier _apply;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, UplinkDhcpClient> _clients = [];

    public UplinkServices(string? namespaceName, string directory, TimeProvider time, ILogger logger, UplinkDhcpClient.LeaseApplier apply)
    {
        _namespaceName = namespaceName;
        _directory = directory;
        _time = time;
        _logger = logger;
        _apply = apply;
    }

    public string HookFile => Path.Combine(_directory, "udhcpc-hook.sh");

    public IReadOnlyList<UplinkDhcpClient> Clients
    {
        get
        {
            lock (_clients)
                return [.. _clients.Values];
        }
    }

    public UplinkDhcpClient? Find(string device)
    {
        lock (_clients)
            return _clients.GetValueOrDefault(device);
    }

    /// <summary>What applying <paramref name="config"/> does to each DHCP client: (device, change).</summary>
    public IEnumerable<(string Device, ServiceChange Change)> ChangesFor(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var wanted = config.DhcpOrDefault.Clients.ToDictionary(client => client.Device.Value);
        lock (_clients)
        {
            foreach (var (device, client) in wanted)
            {
                if (!_clients.TryGetValue(device, out var running))
                    yield return (device, ServiceChange.Start);
                else if (running.Client != client)
                    yield return (device, ServiceChange.Restart);
            }
            foreach (var device in _clients.Keys.Where(device => !wanted.ContainsKey(device)).ToList())
                yield return (device, ServiceChange.Stop);
        }
    }

    public async Task ApplyAsync(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        await _gate.WaitAsync();
        try
        {
            var wanted = config.DhcpOrDefault.Clients.ToDictionary(client => client.Device.Value);
            foreach (var (device, running) in Clients.Select(client => (client.Client.Device.Value, client)).ToList())
            {
                if (wanted.TryGetValue(device, out var client) && client == running.Client)
                    continue;
                await running.DisposeAsync();
                lock (_clients)
                    _clients.Remove(device);
            }
            if (wanted.Count > 0)
            {
                await File.WriteAllTextAsync(HookFile, Hook.ReplaceLineEndings("\n") + "\n");
                File.SetUnixFileMode(HookFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var hostname = config.SystemOrDefault.Hostname?.ToString() ?? "router";
            foreach (var (device, client) in wanted.Where(pair => Find(pair.Key) is null))
            {
                var started = new UplinkDhcpClient(client, _namespaceName, HookFile, client.Hostname?.ToString() ?? hostname, _time, _logger, _apply);
                lock (_clients)
                    _clients[device] = started;
                started.Start();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
            await client.DisposeAsync();
        _gate.Dispose();
    }
}
