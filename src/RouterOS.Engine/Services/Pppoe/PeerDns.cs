using System.Net;

namespace RouterOS.Engine.Services.Pppoe;

/// <summary>The DNS servers the peer gave, from the resolv.conf pppd writes (usepeerdns) in the uplink's private /etc/ppp.</summary>
public static class PeerDns
{
    public const string FileName = "resolv.conf";

    public static IReadOnlyList<IPAddress> Read(string etcDirectory)
    {
        var path = Path.Combine(etcDirectory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllLines(path)) : [];
    }

    /// <summary>"nameserver A" lines; anything else (or an address that does not parse) is ignored.</summary>
    public static IReadOnlyList<IPAddress> Parse(IEnumerable<string> lines) =>
        [.. lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words is ["nameserver", _])
            .Select(words => IPAddress.TryParse(words[1], out var address) ? address : null)
            .OfType<IPAddress>()
            .Distinct()];
}
