using System.Globalization;
using System.Text;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Nft;

namespace RouterOS.Engine.Bench;

/// <summary>
/// A 50-object router the host kernel can hold (no flowtable, VLAN devices or VLAN filtering here),
/// and the `ip -batch` and `nft -f` scripts an administrator would write to build the same state.
/// Both come from the same loops, so they cannot drift apart.
/// </summary>
/// <param name="IpBatch">Builds the links, addresses and routes from empty.</param>
/// <param name="IpReapplyBatch">The careful administrator's re-run of <paramref name="IpBatch"/>: the bridges exist
/// already, addresses and routes are replaced, so it runs without errors (and still rewrites every object).</param>
internal sealed record ApplyBenchConfig(RouterConfig Config, string IpBatch, string IpReapplyBatch, string NftScript, IReadOnlyList<string> PortNames)
{
    public const string Wan = "wan0";
    private const int LanPorts = 7;
    private const int Bridges = 4;
    private const int ExtraRoutes = 18;

    public int ObjectCount => Config.Ports.Count + Config.Bridges.Count + Config.Addresses.Count + Config.Routes.Count
        + Config.FirewallOrDefault.Zones.Count + Config.FirewallOrDefault.Forwardings.Count;

    public static ApplyBenchConfig Build()
    {
        var ip = new StringBuilder();
        var portNames = new List<string> { Wan };
        portNames.AddRange(Enumerable.Range(0, LanPorts).Select(i => Invariant($"lan{i}")));
        var ports = portNames.Select(name => new Port(InterfaceName.Parse(name))).ToList();

        var bridges = new List<Bridge>();
        for (var b = 0; b < Bridges; b++)
        {
            var name = Invariant($"br{b}");
            var members = portNames.Skip(1 + (2 * b)).Take(2).ToList();
            bridges.Add(new Bridge(InterfaceName.Parse(name), [.. members.Select(m => new BridgePort(InterfaceName.Parse(m)))]));
            ip.AppendLine(Invariant($"link add {name} type bridge"));
            foreach (var member in members)
            {
                ip.AppendLine(Invariant($"link set {member} master {name}"));
            }
        }
        foreach (var port in portNames)
        {
            ip.AppendLine(Invariant($"link set {port} up"));
        }
        foreach (var bridge in bridges)
        {
            ip.AppendLine(Invariant($"link set {bridge.Name} up"));
        }

        var addresses = new List<AddressAssignment>();
        void Address(string device, string cidr)
        {
            addresses.Add(new AddressAssignment(InterfaceName.Parse(device), InterfaceAddress.Parse(cidr)));
            ip.AppendLine(Invariant($"address add {cidr} dev {device}"));
        }
        for (var b = 0; b < Bridges; b++)
        {
            Address(Invariant($"br{b}"), Invariant($"192.168.{b}.1/24"));
            Address(Invariant($"br{b}"), Invariant($"10.{b}.255.1/24"));
            Address(Invariant($"br{b}"), Invariant($"fd00:{b}::1/64"));
        }
        Address(Wan, "203.0.113.2/24");
        Address(Wan, "198.51.100.2/24");
        Address(Wan, "2001:db8::2/64");

        var routes = new List<StaticRoute>();
        void Route(string destination, string gateway)
        {
            routes.Add(new StaticRoute(Cidr.Parse(destination), IpAddress.Parse(gateway)));
            ip.AppendLine(Invariant($"route add {destination} via {gateway} proto 200"));
        }
        Route("0.0.0.0/0", "203.0.113.1");
        Route("::/0", "2001:db8::1");
        for (var r = 0; r < ExtraRoutes; r++)
        {
            Route(Invariant($"10.100.{r}.0/24"), Invariant($"192.168.{r % Bridges}.254"));
        }

        var lan = new Zone(ObjectName.Parse("lan"), [.. bridges.Select(b => b.Name)], ZonePolicy.Accept);
        var wan = new Zone(ObjectName.Parse("wan"), [InterfaceName.Parse(Wan)], ZonePolicy.Drop, Masquerade: true, MssClamping: true);
        var config = new RouterConfig(RouterConfig.CurrentSchemaVersion, Ports: [.. ports], Bridges: [.. bridges],
            Addresses: [.. addresses], Routes: [.. routes],
            Firewall: new FirewallSettings([lan, wan], [new ZoneForwarding(lan.Name, wan.Name)]));
        // The same table the engine loads: a hand-written one would be shorter or longer and skew the comparison.
        var nft = RulesetGenerator.Generate(config).ReplaceCommand;
        var reapply = string.Concat(ip.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith("link add ", StringComparison.Ordinal))
            .Select(line => line.Replace("address add ", "address replace ", StringComparison.Ordinal).Replace("route add ", "route replace ", StringComparison.Ordinal) + "\n"));
        return new ApplyBenchConfig(config, ip.ToString(), reapply, nft, portNames);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
