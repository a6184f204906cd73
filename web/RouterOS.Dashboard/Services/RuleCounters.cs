using System.Globalization;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The running firewall rules' counters as last read, by configuration path. A rule of the
/// candidate that is not running yet (or no longer) has no counter: it shows a dash, not a zero,
/// so nobody reads "nothing matched" into a rule the router does not have.
/// </summary>
public sealed class RuleCounters
{
    public const string NotRunning = "—";

    private Dictionary<string, RuleCounterView> _byPath = [];

    /// <summary>Why the counters could not be read the last time, in the API's words; null when they were.</summary>
    public string? Error { get; private set; }

    public void Update(IReadOnlyList<RuleCounterView> counters, string? error)
    {
        ArgumentNullException.ThrowIfNull(counters);
        Error = error;
        // Keep the last counters while the engine is briefly unreachable: the error says they are stale.
        if (error is null)
            _byPath = counters.ToDictionary(c => c.Path, StringComparer.Ordinal);
    }

    public RuleCounterView? Of(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>"12 packets · 3.4 kB", or a dash when the rule is not in the running configuration.</summary>
    public string Describe(string path) => Of(path) is { } counter
        ? string.Create(CultureInfo.InvariantCulture, $"{counter.Packets:N0} {(counter.Packets == 1 ? "packet" : "packets")} · {Format.Bytes(counter.Bytes)}")
        : NotRunning;
}
