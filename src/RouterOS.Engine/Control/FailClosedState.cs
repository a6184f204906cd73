using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Control;

/// <summary>
/// Why the engine holds the firewall closed: the stored configuration could not be restored (it
/// no longer verifies or plans on this kernel, e.g. a port is gone after a hardware change, or
/// the kernel refused it), so the router runs the last ruleset the engine loaded or, when the
/// kernel no longer has it, the base ruleset. Cleared by the next apply that succeeds.
/// </summary>
/// <param name="Revision">The stored revision that could not be restored.</param>
/// <param name="Reason">In plain words: what failed and what the firewall holds.</param>
/// <param name="Findings">Why, each with the configuration path it is about.</param>
/// <param name="BaseRuleset">True when the base ruleset holds (nothing is forwarded); false when the last loaded ruleset stayed.</param>
public sealed record FailClosedState(long Revision, string Reason, IReadOnlyList<ConfigFinding> Findings, bool BaseRuleset, DateTimeOffset Since)
{
    public static FailClosedState From(long revision, ApplyResult result, bool baseRuleset, DateTimeOffset now)
    {
        IReadOnlyList<ConfigFinding> findings = [.. result.Plan.Findings.Where(finding => finding.Severity == Severity.Error)];
        if (findings.Count == 0)
        {
            // Verified and planned, but the kernel refused a step: that step is the reason.
            findings = [ConfigFinding.Error(result.ErrorPath ?? "", result.Error ?? "the apply failed")];
        }
        var held = baseRuleset
            ? "the base ruleset is loaded: nothing is forwarded and the router answers only on loopback and to its own connections"
            : "the last ruleset the engine loaded stays in place";
        var reason = $"the stored configuration (revision {revision}) could not be restored: {result.Error}. "
            + $"The firewall is held closed ({held}) until a configuration is applied.";
        return new FailClosedState(revision, reason, findings, baseRuleset, now);
    }
}
