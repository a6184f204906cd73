using System.Text;
using CsCheck;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Tests.Support;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Tests.Properties;

public class ConfigProperties
{
    /// <summary>Random configurations, built from a shrinkable stream of choices.</summary>
    private static readonly Gen<RouterConfig> Configs =
        Gen.Int[0, int.MaxValue].Array[0, 400].Select(numbers => new RandomConfigBuilder(new Choices(numbers)).Build());

    [Fact]
    public void Random_valid_configurations_verify_without_errors() =>
        Configs.Sample(config =>
        {
            var result = ConfigVerifier.Verify(config);
            Assert.True(result.IsValid, result.ToString() + Environment.NewLine + RouterConfigJson.Write(config));
        }, iter: 2000);

    [Fact]
    public void Random_configurations_round_trip_through_json_unchanged() =>
        Configs.Sample(config =>
        {
            var json = RouterConfigJson.Write(config);
            var read = RouterConfigJson.Read(json);
            Assert.True(read.IsSuccess, read.Error?.ToString());
            Assert.Equal(config, read.Config);
            Assert.Equal(json, RouterConfigJson.Write(read.Config!));
        }, iter: 2000);

    [Fact]
    public void The_generator_reaches_every_part_of_the_model()
    {
        // A property over configurations that never hold bridges or flowtables would prove little.
        var seen = new HashSet<string>();
        Configs.Sample(config =>
        {
            lock (seen)
            {
                if (!config.Bridges.IsEmpty) seen.Add("bridges");
                if (config.Bridges.Any(b => b.Ports.Any(p => !p.Vlans.IsEmpty))) seen.Add("bridge vlans");
                if (config.Vlans.Any(v => config.Vlans.Any(w => w.Name == v.Parent))) seen.Add("qinq");
                if (!config.Pppoe.IsEmpty) seen.Add("pppoe");
                if (!config.Routes.IsEmpty) seen.Add("routes");
                if (!config.DhcpOrDefault.Servers.IsEmpty) seen.Add("dhcp servers");
                if (!config.DhcpOrDefault.Clients.IsEmpty) seen.Add("dhcp clients");
                if (config.Flowtables.Count > 1) seen.Add("flowtables");
                if (!config.OffloadPolicy.IsEmpty) seen.Add("offload rules");
                if (!config.FirewallOrDefault.InputRules.IsEmpty) seen.Add("input rules");
                if (!config.Shaping.IsEmpty) seen.Add("shaping");
                if (!config.Ipv6OrDefault.Lans.IsEmpty) seen.Add("ipv6 lans");
                if (config.FirewallOrDefault.PortForwards.Any(f => f.Hairpin && f.ShiftsPorts)) seen.Add("port forwards");
                if (!config.FirewallOrDefault.SourceNat.IsEmpty) seen.Add("source nat");
                if (config.FirewallOrDefault.ForwardRules.Any(r => r.SetDscp is not null)) seen.Add("forward rules");
            }
        }, iter: 2000, threads: 1);
        Assert.Equal(15, seen.Count);
    }

    [Fact]
    public void Random_bytes_give_a_validation_error_never_an_exception() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var result = RouterConfigJson.Read(bytes);
            Assert.True(result.IsSuccess || result.Error is not null);
        }, iter: 20000);

    [Fact]
    public void Mutated_example_documents_give_a_validation_error_never_an_exception()
    {
        var examples = ExampleConfigs.Names.Select(n => Encoding.UTF8.GetBytes(ExampleConfigs.Text(n))).ToArray();
        // Bytes that change a document's meaning most: JSON structure, quotes, digits, escapes.
        var noise = "{}[]\":,-+.0123456789eE\\ntfu \u00ff"u8.ToArray();
        var mutation = Gen.Select(Gen.Int[0, examples.Length - 1], Gen.Int[0, int.MaxValue].Array[1, 8], Gen.Int[0, noise.Length - 1].Array[8]);
        mutation.Sample((example, positions, replacements) =>
        {
            var bytes = (byte[])examples[example].Clone();
            for (var i = 0; i < positions.Length; i++)
                bytes[positions[i] % bytes.Length] = noise[replacements[i]];
            var result = RouterConfigJson.Read(bytes);
            if (result.IsSuccess)
                ConfigVerifier.Verify(result.Config!); // whatever reads must also verify without throwing
        }, iter: 20000);
    }

    [Fact]
    public void Random_token_soups_give_a_validation_error_never_an_exception()
    {
        string[] tokens =
        [
            "{", "}", "[", "]", ":", ",", "null", "true", "false", "0", "-1", "4094", "1e99", "1.5", "\"\"", "\"eth0\"", "\"10.0.0.1/24\"",
            "\"schemaVersion\"", "1", "\"ports\"", "\"name\"", "\"bridges\"", "\"vlans\"", "\"id\"", "\"parent\"", "\"mtu\"", "\"flowtables\"",
            "\"devices\"", "\"priority\"", "\"filter + 1\"", "\"offloadPolicy\"", "\"action\"", "\"offload\"", "\"match\"", "\"destinationPorts\"",
            "\"addresses\"", "\"address\"", "\"device\"", "\"firewall\"", "\"zones\"", "\"dhcp\"", "\"servers\"", "\"\\u0000\"",
        ];
        Gen.Int[0, tokens.Length - 1].Array[1, 60].Sample(picks =>
        {
            var json = "{\"schemaVersion\":1," + string.Concat(picks.Select(p => tokens[p]));
            var result = RouterConfigJson.Read(json);
            if (result.IsSuccess)
                ConfigVerifier.Verify(result.Config!);
        }, iter: 20000);
    }
}
