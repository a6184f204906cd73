using System.Net;

namespace RouterOS.Engine.Services.Uplinks;

/// <summary>The DNS servers each uplink's lease or session gave (for the uplinks that use them), merged for the router's forwarder.</summary>
internal sealed class UplinkDns
{
    private readonly Dictionary<string, IReadOnlyList<IPAddress>> _byDevice = [];

    /// <summary>Records <paramref name="device"/>'s servers (null: none) and returns every uplink's, in device order, without repeats.</summary>
    public IReadOnlyList<IPAddress> Set(string device, IReadOnlyList<IPAddress>? servers)
    {
        lock (_byDevice)
        {
            if (servers is null)
            {
                _byDevice.Remove(device);
            }
            else
            {
                _byDevice[device] = servers;
            }
            return [.. _byDevice.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value).Distinct()];
        }
    }
}
