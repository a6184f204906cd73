using RouterOS.Engine.Kernel.Ports;
using RouterOS.Engine.Nft;

namespace RouterOS.Engine.Tests.Support.Fakes;

/// <summary>
/// libnftables holding the engine's one table: a loaded script's table is what a listing returns
/// (the real kernel lists it reformatted, but the engine only compares listings with listings).
/// <see cref="Refuse"/> scripts the kernel's refusal of a script or command (dry run or not).
/// </summary>
internal sealed class FakeNftables : INftables
{
    /// <summary>The table the kernel has now; null when there is none.</summary>
    public string? Table { get; private set; }

    /// <summary>Scripted refusals: the error text for a script or command, or null to accept it.</summary>
    public Func<string, string?> Refuse { get; set; } = _ => null;

    /// <summary>Every script or command sent for real (not dry runs), in order.</summary>
    public List<string> Journal { get; } = [];

    public long BatchesSent { get; private set; }

    /// <summary>What `nft flush ruleset` or `nft delete table inet routeros` by hand does.</summary>
    public void DeleteBehindTheEngine() => Table = null;

    /// <summary>An edit by hand: the listing is no longer what the engine loaded.</summary>
    public void EditBehindTheEngine(string table) => Table = table;

    public NftResult Run(string commands, bool dryRun = false) => Execute(commands, dryRun);

    public NftResult RunScript(string script, bool dryRun = false) => Execute(script, dryRun);

    public NftResult List(string command) =>
        Table is null ? new NftResult(false, "", "Error: No such file or directory; did you mean table 'routeros' in family inet?") : new NftResult(true, Table, "");

    /// <summary>What <see cref="ListStateJson"/> answers: libnftables' JSON for the counters a test sets.</summary>
    public string CountersJson { get; set; } = """{"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}}]}""";

    public NftResult ListStateJson(string command) =>
        Table is null ? new NftResult(false, "", "Error: No such file or directory") : new NftResult(true, CountersJson, "");

    private NftResult Execute(string script, bool dryRun)
    {
        if (Refuse(script) is { } error)
        {
            return new NftResult(false, "", error);
        }
        if (dryRun)
        {
            return new NftResult(true, "", "");
        }
        Journal.Add(script);
        BatchesSent++;
        var lines = script.Split('\n');
        // The engine's replace: "table inet routeros", "delete table inet routeros", then the table.
        if (lines.Length > RulesetText.ReplacePrefixLines && lines[1] == $"delete table {RulesetText.Family} {RulesetText.Name}")
        {
            Table = string.Join('\n', lines.Skip(RulesetText.ReplacePrefixLines));
        }
        return new NftResult(true, "", "");
    }
}
