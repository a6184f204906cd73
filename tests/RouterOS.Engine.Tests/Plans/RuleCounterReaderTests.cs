using RouterOS.Engine.Nft;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>The rules' counters out of libnftables' JSON: only our table's, only the configuration's rules', and nothing from a listing of another shape.</summary>
public sealed class RuleCounterReaderTests
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["pf_web"] = "firewall.portForwards[web]",
        ["fr_no-ping"] = "firewall.forwardRules[no-ping]",
    };

    [Fact]
    public void Counters_of_the_configuration_s_rules_are_read_with_their_paths()
    {
        const string json = """
            {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
              {"counter": {"family": "inet", "name": "pf_web", "table": "routeros", "handle": 5, "packets": 2, "bytes": 120}},
              {"counter": {"family": "inet", "name": "fr_no-ping", "table": "routeros", "handle": 6, "packets": 18446744073709551615, "bytes": 252}},
              {"counter": {"family": "inet", "name": "pf_gone", "table": "routeros", "handle": 7, "packets": 9, "bytes": 9}},
              {"counter": {"family": "ip", "name": "pf_web", "table": "other", "handle": 1, "packets": 9, "bytes": 9}}]}
            """;

        var readings = RuleCounterReader.Read(json, Paths);

        Assert.Equal(
            [new RuleCounterReading("firewall.portForwards[web]", 2, 120), new RuleCounterReading("firewall.forwardRules[no-ping]", ulong.MaxValue, 252)],
            readings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"nftables": {}}""")]
    [InlineData("""{"nftables": [1, "x", {"counter": 5}, {"counter": {"family": "inet", "table": "routeros", "name": "pf_web", "packets": -1, "bytes": 1}}]}""")]
    public void A_listing_of_another_shape_gives_no_readings_and_no_exception(string json) =>
        Assert.Empty(RuleCounterReader.Read(json, Paths));
}
