using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// What applying a configuration would do to this kernel: the findings (errors stop the apply),
/// the ordered steps, and the ruleset text. A value: printable, comparable, unit-tested.
/// </summary>
public sealed record Plan(IReadOnlyList<ConfigFinding> Findings, IReadOnlyList<PlanStep> Steps, string RulesetText)
{
    public bool HasErrors => Findings.Any(finding => finding.Severity == Severity.Error);

    public bool IsEmpty => Steps.Count == 0;

    public override string ToString() =>
        string.Join('\n', Findings.Select(finding => $"{finding.Severity.ToString().ToLowerInvariant()} {finding.Path}: {finding.Message}")
            .Concat(Steps.Select(step => step.ToString())));
}
