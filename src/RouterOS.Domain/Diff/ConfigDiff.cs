using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Diff;

/// <summary>
/// The keyed difference between two configurations: objects added, removed and changed, matched
/// by their key (name, device, address, route), never by position, so reordering a list is not a
/// change, except for the offload policy, source NAT and forward rules, whose order is their
/// meaning. Pure; used for the API's candidate diff and revision history. (The engine's plan, which also knows the kernel's state,
/// builds on the same keys.)
/// </summary>
public static class ConfigDiff
{
    public static EquatableArray<ConfigChange> Compute(RouterConfig before, RouterConfig after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var clear = RouterConfigJson.Metadata(redactSecrets: false);
        var redacted = RouterConfigJson.Metadata(redactSecrets: true);
        var changes = new List<ConfigChange>();
        var diff = new ListDiff(changes);

        diff.Single("system", before.SystemOrDefault, after.SystemOrDefault, clear.SystemSettings, redacted.SystemSettings);
        diff.Keyed("ports", before.Ports, after.Ports, p => p.Name.Value, clear.Port, redacted.Port);
        diff.Keyed("bridges", before.Bridges, after.Bridges, b => b.Name.Value, clear.Bridge, redacted.Bridge);
        diff.Keyed("vlans", before.Vlans, after.Vlans, v => v.Name.Value, clear.VlanDevice, redacted.VlanDevice);
        diff.Keyed("pppoe", before.Pppoe, after.Pppoe, p => p.Name.Value, clear.PppoeUplink, redacted.PppoeUplink);
        diff.Keyed("addresses", before.Addresses, after.Addresses, a => a.Address.ToString(), clear.AddressAssignment, redacted.AddressAssignment,
            replacedOn: a => a.Device.Value);
        diff.Keyed("routes", before.Routes, after.Routes, r => r.Key, clear.StaticRoute, redacted.StaticRoute);
        diff.Keyed("dhcp.clients", before.DhcpOrDefault.Clients, after.DhcpOrDefault.Clients, c => c.Device.Value, clear.DhcpClient, redacted.DhcpClient);
        diff.Keyed("dhcp.servers", before.DhcpOrDefault.Servers, after.DhcpOrDefault.Servers, s => s.Device.Value, clear.DhcpServer, redacted.DhcpServer);
        diff.Single("dns", before.DnsOrDefault, after.DnsOrDefault, clear.DnsSettings, redacted.DnsSettings);
        diff.Keyed("flowtables", before.Flowtables, after.Flowtables, f => f.Name.Value, clear.Flowtable, redacted.Flowtable);
        diff.Keyed("offloadPolicy", before.OffloadPolicy, after.OffloadPolicy, r => r.Name.Value, clear.OffloadRule, redacted.OffloadRule);
        diff.Order("offloadPolicy", before.OffloadPolicy.Select(r => r.Name.Value), after.OffloadPolicy.Select(r => r.Name.Value));
        var (fwBefore, fwAfter) = (before.FirewallOrDefault, after.FirewallOrDefault);
        diff.Keyed("firewall.zones", fwBefore.Zones, fwAfter.Zones, z => z.Name.Value, clear.Zone, redacted.Zone);
        diff.Keyed("firewall.forwardings", fwBefore.Forwardings, fwAfter.Forwardings, f => f.Key, clear.ZoneForwarding, redacted.ZoneForwarding);
        diff.Keyed("firewall.inputRules", fwBefore.InputRules, fwAfter.InputRules, r => r.Name.Value, clear.InputRule, redacted.InputRule);
        diff.Keyed("firewall.portForwards", fwBefore.PortForwards, fwAfter.PortForwards, r => r.Name.Value, clear.PortForward, redacted.PortForward);
        diff.Keyed("firewall.sourceNat", fwBefore.SourceNat, fwAfter.SourceNat, r => r.Name.Value, clear.SourceNatRule, redacted.SourceNatRule);
        diff.Order("firewall.sourceNat", fwBefore.SourceNat.Select(r => r.Name.Value), fwAfter.SourceNat.Select(r => r.Name.Value));
        diff.Keyed("firewall.forwardRules", fwBefore.ForwardRules, fwAfter.ForwardRules, r => r.Name.Value, clear.ForwardRule, redacted.ForwardRule);
        diff.Order("firewall.forwardRules", fwBefore.ForwardRules.Select(r => r.Name.Value), fwAfter.ForwardRules.Select(r => r.Name.Value));
        diff.Single("firewall.defaults", fwBefore.DefaultsOrDefault, fwAfter.DefaultsOrDefault, clear.FirewallDefaults, redacted.FirewallDefaults);
        var (v6Before, v6After) = (before.Ipv6OrDefault, after.Ipv6OrDefault);
        diff.Keyed("ipv6.clients", v6Before.Clients, v6After.Clients, c => c.Uplink.Value, clear.Dhcpv6Client, redacted.Dhcpv6Client);
        diff.Keyed("ipv6.staticPrefixes", v6Before.StaticPrefixes, v6After.StaticPrefixes, p => p.Uplink.Value, clear.StaticPrefix, redacted.StaticPrefix);
        diff.Keyed("ipv6.lans", v6Before.Lans, v6After.Lans, l => l.Device.Value, clear.LanIpv6, redacted.LanIpv6);
        diff.Keyed("shaping", before.Shaping, after.Shaping, s => s.Device.Value, clear.TrafficShaper, redacted.TrafficShaper);
        return [.. changes];
    }

    private sealed class ListDiff(List<ConfigChange> changes)
    {
        // Readable text: no \u0027 for an apostrophe in a description.
        private static readonly JsonSerializerOptions TextOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <param name="replacedOn">
        /// For a list keyed by its value (addresses): what the value belongs to. An item removed and
        /// one added on the same owner (a device renumbered from 192.168.1.1/24 to 192.168.2.1/24) are
        /// one change of that item, under its new key, as an administrator sees it; not a removal and
        /// an addition. Pairs are made in the order the lists hold them.
        /// </param>
        public void Keyed<T>(string list, EquatableArray<T> before, EquatableArray<T> after, Func<T, string> key, JsonTypeInfo<T> clear, JsonTypeInfo<T> redacted,
            Func<T, string>? replacedOn = null)
            where T : class
        {
            // An invalid configuration may repeat a key; the first one stands for it, as verify reports the rest.
            var old = before.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var added = new List<T>();
            foreach (var item in after)
            {
                var name = key(item);
                if (!seen.Add(name))
                    continue;
                if (!old.TryGetValue(name, out var previous))
                    added.Add(item);
                else if (!previous.Equals(item))
                    changes.Add(new ConfigChange(ConfigPathOf(list, name), ChangeKind.Changed, ChangedFields(previous, item, clear), Compact(previous, redacted), Compact(item, redacted)));
            }
            var removed = old.Where(pair => !seen.Contains(pair.Key)).Select(pair => pair.Value).ToList();
            var replacements = replacedOn is null ? [] : Pairs(removed, added, replacedOn);
            foreach (var item in added)
            {
                var path = ConfigPathOf(list, key(item));
                if (replacements.TryGetValue(item, out var previous))
                    changes.Add(new ConfigChange(path, ChangeKind.Changed, ChangedFields(previous, item, clear), Compact(previous, redacted), Compact(item, redacted)));
                else
                    changes.Add(new ConfigChange(path, ChangeKind.Added, [], null, Compact(item, redacted)));
            }
            var replaced = replacements.Values.ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var item in removed.Where(item => !replaced.Contains(item)))
                changes.Add(new ConfigChange(ConfigPathOf(list, key(item)), ChangeKind.Removed, [], Compact(item, redacted), null));
        }

        /// <summary>Each added item mapped to the removed one it replaces: the n-th removed and the n-th added on the same owner.</summary>
        private static Dictionary<T, T> Pairs<T>(List<T> removed, List<T> added, Func<T, string> owner) where T : class
        {
            var pairs = new Dictionary<T, T>(ReferenceEqualityComparer.Instance);
            var waiting = removed.GroupBy(owner, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<T>(g), StringComparer.Ordinal);
            foreach (var item in added)
            {
                if (waiting.TryGetValue(owner(item), out var queue) && queue.TryDequeue(out var previous))
                    pairs[item] = previous;
            }
            return pairs;
        }

        public void Single<T>(string path, T before, T after, JsonTypeInfo<T> clear, JsonTypeInfo<T> redacted) where T : class
        {
            if (!before.Equals(after))
                changes.Add(new ConfigChange(path, ChangeKind.Changed, ChangedFields(before, after, clear), Compact(before, redacted), Compact(after, redacted)));
        }

        /// <summary>Reports a new order of the objects both sides share, where order decides which rule wins.</summary>
        public void Order(string path, IEnumerable<string> before, IEnumerable<string> after)
        {
            var kept = before.Intersect(after, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            var oldOrder = before.Where(kept.Contains).ToList();
            var newOrder = after.Where(kept.Contains).ToList();
            if (!oldOrder.SequenceEqual(newOrder, StringComparer.Ordinal))
                changes.Add(new ConfigChange(path, ChangeKind.Changed, ["order"], string.Join(", ", oldOrder), string.Join(", ", newOrder)));
        }

        private static string ConfigPathOf(string list, string key) => Verification.ConfigPath.Item(list, key);

        private static string Compact<T>(T item, JsonTypeInfo<T> redacted) => JsonSerializer.SerializeToNode(item, redacted)!.ToJsonString(TextOptions);

        private static EquatableArray<string> ChangedFields<T>(T before, T after, JsonTypeInfo<T> clear)
        {
            var a = JsonSerializer.SerializeToNode(before, clear)!.AsObject();
            var b = JsonSerializer.SerializeToNode(after, clear)!.AsObject();
            return [.. a.Select(p => p.Key).Union(b.Select(p => p.Key))
                .Where(field => !JsonNode.DeepEquals(a[field], b[field]))];
        }
    }
}
