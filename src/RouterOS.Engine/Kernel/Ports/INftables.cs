namespace RouterOS.Engine.Kernel.Ports;

/// <summary>
/// What the engine asks of libnftables: run commands or a script (a dry run commits nothing) and
/// list its table. The real one is <see cref="NftContext"/>.
/// </summary>
public interface INftables
{
    /// <summary>Rulesets loaded for real (not dry runs): each is one kernel batch.</summary>
    long BatchesSent { get; }

    NftResult Run(string commands, bool dryRun = false);

    /// <summary>Runs a multi-line script as one batch; errors name its lines.</summary>
    NftResult RunScript(string script, bool dryRun = false);

    NftResult List(string command);

    /// <summary>A listing with its state (counter values), as libnftables JSON: read-only.</summary>
    NftResult ListStateJson(string command);
}

/// <param name="Error">libnftables' error text, e.g. "Error: Could not process rule: No such file or directory" with the offending line.</param>
public sealed record NftResult(bool Succeeded, string Output, string Error);
