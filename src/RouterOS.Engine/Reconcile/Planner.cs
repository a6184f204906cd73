using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Probe;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// Verify, then a keyed diff of the configuration against what the kernel has: Verify -> Plan.
/// Pure: the kernel state, the capabilities and the previously applied configuration (which
/// says what the engine owns) are all inputs.
/// </summary>
public static class Planner
{
    /// <param name="previous">The configuration applied before: devices it names are the engine's to delete.</param>
    /// <param name="loadedRuleset">The table text the engine last loaded and the kernel's listing right after, if any.</param>
    /// <param name="originals">Link settings as the kernel had them before the engine changed them: put back where <paramref name="desired"/> leaves them unset.</param>
    /// <param name="services">What the configuration does to the supervised services: their steps follow the kernel's.</param>
    public static Plan Create(RouterConfig desired, RouterConfig? previous, KernelState kernel, Capabilities capabilities, LoadedRuleset? loadedRuleset,
        KernelOriginals? originals = null, ServiceChanges? services = null)
    {
        // One device graph for verify, the ruleset and the links: it is the same configuration.
        var devices = new DeviceGraph(desired);
        var findings = new List<ConfigFinding>(ConfigVerifier.Verify(desired, devices).Findings);
        findings.AddRange(CapabilityCheck.Findings(desired, devices, capabilities));
        findings.AddRange(NotYetApplied(desired));
        // Nothing configured (a rollback of the first commit) is the base ruleset, never no table.
        var ruleset = desired == RouterConfig.Empty ? BaseRuleset.Text : RulesetGenerator.Generate(desired, devices);
        if (findings.Any(finding => finding.Severity == Severity.Error))
        {
            return new Plan(findings, [], ruleset.Table);
        }
        var context = new PlanContext(desired, devices, previous ?? RouterConfig.Empty, kernel, findings, originals ?? KernelOriginals.None);
        var steps = new List<PlanStep>(RoomFor(desired));
        LinkPlanner.Plan(context, steps);
        steps.AddRange(AddressPlanner.Plan(context));
        steps.AddRange(RoutePlanner.Plan(context));
        steps.AddRange(RulesetPlanner.Plan(desired, previous, kernel, ruleset, loadedRuleset));
        // The ruleset goes first: its replace is atomic, so a table the kernel refuses stops the
        // apply with nothing changed (no separate dry run, which costs the kernel an RCU grace
        // period). It can: it names links by name only, and its flowtables hook real ports, which
        // exist before any link the plan creates. Then removals, so a create never collides with
        // what is being removed: routes, addresses, links (a link takes its addresses and routes along).
        // Link steps keep the link planner's order within each of these stages.
        var ordered = PlanStages.Order(steps, Stages * LinkPlanner.Stages, step => (Stage(step) * LinkPlanner.Stages) + LinkPlanner.Stage(step));
        if (findings.Any(finding => finding.Severity == Severity.Error))
        {
            return new Plan(findings, [], ruleset.Table);
        }
        // The services follow the kernel: dnsmasq binds to devices this plan may create.
        return new Plan(findings, services is null ? ordered : [.. ordered, .. ServicePlanner.Plan(services)], ruleset.Table);
    }

    /// <summary>
    /// Room for the steps of a plan that creates everything (each device created and configured,
    /// each bridge VLAN entry, address and route added), so that the list of a large configuration
    /// is not copied as it grows: each copy would be another large object for the GC.
    /// </summary>
    private static int RoomFor(RouterConfig desired) =>
        desired.Ports.Count + (2 * (desired.Bridges.Count + desired.Vlans.Count)) + desired.Addresses.Count + desired.Routes.Count + 1
        + desired.Bridges.Sum(bridge => bridge.SelfVlans.Count + 1 + bridge.Ports.Sum(port => port.Vlans.Count + 1));

    private const int Stages = 5;

    private static int Stage(PlanStep step) => step switch
    {
        RulesetStep => 0,
        RouteStep { Add: false } => 1,
        AddressStep { Add: false } => 2,
        DeleteLinkStep or BridgeVlanStep { Add: false } => 3,
        _ => 4,
    };

    /// <summary>Parts of the model this engine version does not apply yet: said, never silently dropped.</summary>
    private static IEnumerable<ConfigFinding> NotYetApplied(RouterConfig config)
    {
        foreach (var shaper in config.Shaping)
        {
            yield return ConfigFinding.Warning(ConfigPath.Item("shaping", shaper.Device), "traffic shaping is not applied by this engine version yet");
        }
    }
}

/// <summary>What every part of the planner reads.</summary>
/// <param name="Devices">The device graph of <paramref name="Desired"/>.</param>
internal sealed record PlanContext(RouterConfig Desired, DeviceGraph Devices, RouterConfig Previous, KernelState Kernel, List<ConfigFinding> Findings, KernelOriginals Originals);

/// <summary>The engine's last ruleset load: what it sent and how the kernel listed the table right after.</summary>
public sealed record LoadedRuleset(string Table, string Listing);
