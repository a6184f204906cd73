using System.Globalization;

namespace RouterOS.Engine.Services;

/// <summary>One lease dnsmasq handed out.</summary>
/// <param name="Expires">Null for a lease that never expires.</param>
/// <param name="Hostname">Null when the client sent none ("*" in the file).</param>
public sealed record DhcpLease(string Mac, string Address, string? Hostname, DateTimeOffset? Expires);

/// <summary>
/// dnsmasq's lease file: a line per lease, "EXPIRY MAC ADDRESS HOSTNAME CLIENT-ID", expiry in
/// seconds since the epoch (0: infinite), "*" for an absent hostname. Lines that do not have that
/// shape (IPv6's "duid" line, a torn write) are skipped, not guessed at.
/// </summary>
public static class DhcpLeases
{
    public static IReadOnlyList<DhcpLease> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var leases = new List<DhcpLease>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
                || !System.Net.IPAddress.TryParse(fields[2], out _))
                continue;
            leases.Add(new DhcpLease(fields[1], fields[2], fields[3] == "*" ? null : fields[3],
                expiry == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(expiry)));
        }
        return leases;
    }
}
