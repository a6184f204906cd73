namespace RouterOS.Engine.Nft;

/// <summary>
/// The engine's table when no configuration holds: loaded before forwarding is switched on at
/// start, after a rollback to "nothing", and whenever the stored configuration cannot be
/// restored and the kernel no longer has the last ruleset. Nothing is forwarded; the router
/// itself answers only on loopback (the API's own address there) and to connections it opened;
/// what it sends leaves freely. It never depends on a configuration, so it always loads.
/// </summary>
public static class BaseRuleset
{
    /// <summary>The comment on the forward chain's policy, so a listing says why nothing passes.</summary>
    public const string Comment = "fail-closed base: no configuration applied";

    public static RulesetText Text { get; } = Build();

    private static RulesetText Build()
    {
        var output = new RulesetBuilder();
        output.Open($"table {RulesetText.Family} {RulesetText.Name}");
        output.Line($"comment \"{Comment}\"");
        output.Open("chain input");
        output.Line("type filter hook input priority filter; policy drop;");
        output.Line("iif \"lo\" accept");
        output.Line("ct state established,related accept");
        output.Close();
        output.Open("chain forward");
        output.Line("type filter hook forward priority filter; policy drop;");
        output.Close();
        output.Open("chain output");
        output.Line("type filter hook output priority filter; policy accept;");
        output.Close();
        output.Close();
        return output.Build();
    }
}
