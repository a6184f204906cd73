using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification;

/// <summary>Everything verify found: every error and warning, not just the first.</summary>
public sealed record VerifyResult(EquatableArray<ConfigFinding> Findings)
{
    public IEnumerable<ConfigFinding> Errors => Findings.Where(f => f.Severity == Severity.Error);

    public IEnumerable<ConfigFinding> Warnings => Findings.Where(f => f.Severity == Severity.Warning);

    /// <summary>No errors: the configuration may be applied (warnings do not stop it).</summary>
    public bool IsValid => !Errors.Any();

    public override string ToString() => Findings.IsEmpty ? "no findings" : string.Join(Environment.NewLine, Findings);
}
