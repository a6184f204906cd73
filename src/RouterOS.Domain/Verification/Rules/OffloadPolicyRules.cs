using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// The ordered offload policy: actions that fit, references that exist, and warnings for a rule
/// that can never match or whose flows will not reach the fast path.
/// </summary>
internal static class OffloadPolicyRules
{
    public static void Check(VerifyContext context)
    {
        // Shadowing compares each rule with those above it: quadratic, bounded by Limits.OffloadRules.
        var earlier = new List<OffloadRule>();
        var flowtables = new Dictionary<ObjectName, Flowtable>();
        foreach (var flowtable in context.Config.Flowtables)
            flowtables.TryAdd(flowtable.Name, flowtable);
        var hookedBy = new Dictionary<ObjectName, HashSet<InterfaceName>>();
        foreach (var rule in context.Config.OffloadPolicy)
        {
            var path = ConfigPath.Item("offloadPolicy", rule.Name);
            var flowtable = CheckAction(context, path, rule, flowtables);
            var match = rule.MatchOrDefault;
            var matchPath = path.Field("match");
            if (!match.DestinationPorts.IsEmpty && match.Protocol == L4Protocol.Any)
                context.Error(matchPath.Field("destinationPorts"), "ports need protocol tcp or udp");
            CheckInterface(context, matchPath.Field("inputInterface"), match.InputInterface);
            CheckInterface(context, matchPath.Field("outputInterface"), match.OutputInterface);
            if (match.Source is { } source && match.Destination is { } destination && source.Family != destination.Family)
                context.Warning(path, $"can never match: source {source} and destination {destination} are of different address families");
            if (!rule.Enabled)
                continue;
            if (earlier.FirstOrDefault(e => OffloadMatchCoverage.Covers(e.MatchOrDefault, match)) is { } shadow)
                context.Warning(path, $"can never match: rule {shadow.Name} above it matches every flow this one does");
            if (flowtable is not null)
                WarnAboutUnhookedInterfaces(context, path, match, flowtable, hookedBy);
            earlier.Add(rule);
        }
    }

    private static Flowtable? CheckAction(VerifyContext context, string path, OffloadRule rule, Dictionary<ObjectName, Flowtable> flowtables)
    {
        if (rule.Action == OffloadAction.Never)
        {
            if (rule.Flowtable is not null)
                context.Error(path.Field("flowtable"), "a 'never' rule offloads nothing; remove its flowtable");
            return null;
        }
        if (rule.Flowtable is not { } name)
        {
            context.Error(path.Field("flowtable"), "an 'offload' rule needs the flowtable to offload into");
            return null;
        }
        var flowtable = flowtables.GetValueOrDefault(name);
        if (flowtable is null)
            context.Error(path.Field("flowtable"), $"no such flowtable: {name}");
        return flowtable;
    }

    private static void CheckInterface(VerifyContext context, string path, InterfaceName? name)
    {
        if (name is null || context.RequireDevice(path, name) is null)
            return;
        if (context.Devices.BridgeOf(name) is { } bridge)
            context.Warning(path, $"can never match: {name} is a port of bridge {bridge}, and routed traffic enters and leaves through {bridge}");
    }

    // The fast path starts only where a flowtable hooks the device a packet arrives on.
    private static void WarnAboutUnhookedInterfaces(VerifyContext context, string path, OffloadMatch match, Flowtable flowtable,
        Dictionary<ObjectName, HashSet<InterfaceName>> hookedBy)
    {
        // Resolved once per flowtable, not once per rule that offloads into it.
        if (!hookedBy.TryGetValue(flowtable.Name, out var hooked))
            hookedBy[flowtable.Name] = hooked = flowtable.Devices.Where(context.Devices.Contains).SelectMany(context.Devices.ResolveRealDevices).ToHashSet();
        foreach (var name in new[] { match.InputInterface, match.OutputInterface })
        {
            if (name is null || !context.Devices.Contains(name) || context.Devices.BridgeOf(name) is not null)
                continue;
            var missing = context.Devices.ResolveRealDevices(name).Where(d => !hooked.Contains(d)).ToList();
            if (missing.Count > 0)
                context.Warning(path, $"flows through {name} stay on the classic path: flowtable {flowtable.Name} does not hook {string.Join(", ", missing)}");
        }
    }
}
