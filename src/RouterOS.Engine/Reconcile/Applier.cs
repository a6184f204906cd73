using System.Text.RegularExpressions;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Engine.Nft;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Reconcile;

/// <summary>Runs a plan's steps in order against the kernel. The first failure stops it and says which step.</summary>
public static partial class Applier
{
    /// <returns>The ruleset loaded, if a ruleset step ran.</returns>
    public static ApplyOutcome Execute(Plan plan, KernelSession kernel, Func<PlanStep, bool>? faultBefore = null)
    {
        LoadedRuleset? loaded = null;
        var deleted = 0;
        var indexes = new IndexCache(kernel.Rtnetlink);
        foreach (var step in plan.Steps)
        {
            if (faultBefore?.Invoke(step) == true)
            {
                return new ApplyOutcome(false, step, "injected fault", step.Path, loaded, deleted);
            }
            try
            {
                if (step is SessionFlushStep flush)
                {
                    deleted += Flows.ConntrackFlush.DeleteSession(kernel.Conntrack, flush.Address, flush.Label);
                    continue;
                }
                var result = Run(step, kernel, indexes);
                loaded = result ?? loaded;
            }
            catch (KernelException exception)
            {
                return new ApplyOutcome(false, step, exception.Message, step.Path, loaded, deleted);
            }
            catch (RulesetException exception)
            {
                return new ApplyOutcome(false, step, exception.Message, exception.Path ?? step.Path, loaded, deleted);
            }
        }
        return new ApplyOutcome(true, null, null, null, loaded, deleted);
    }

    /// <summary>
    /// For the plan preview: the kernel checks the plan's table (a dry run, nothing committed), so
    /// a table it would refuse shows as an error at its configuration path before anyone commits.
    /// </summary>
    public static Plan CheckRuleset(Plan plan, KernelSession kernel)
    {
        if (plan.HasErrors || plan.Steps.OfType<RulesetStep>().FirstOrDefault() is not { Ruleset: { } ruleset } step)
        {
            return plan;
        }
        var check = kernel.Nft.RunScript(ruleset.ReplaceCommand, dryRun: true);
        if (check.Succeeded)
        {
            return plan;
        }
        var refused = RulesetException.From(check.Error, ruleset);
        return plan with { Findings = [.. plan.Findings, ConfigFinding.Error(refused.Path ?? step.Path, refused.Message)], Steps = [] };
    }

    private static LoadedRuleset? Run(PlanStep step, KernelSession kernel, IndexCache indexes)
    {
        var rtnl = kernel.Rtnetlink;
        switch (step)
        {
            case CreateBridgeStep create:
                rtnl.CreateBridge(create.Name, create.Attributes);
                indexes.Created(create.Name);
                return null;
            case ChangeBridgeStep change:
                rtnl.ChangeBridge(indexes.Of(change.Name), change.Name, change.Attributes);
                return null;
            case CreateVlanStep vlan:
                rtnl.CreateVlan(vlan.Name, indexes.Of(vlan.Parent), vlan.VlanId, vlan.Protocol);
                indexes.Created(vlan.Name);
                return null;
            case DeleteLinkStep delete:
                // A VLAN device goes with its parent: already gone is done.
                if (indexes.TryOf(delete.Name) is int index)
                {
                    rtnl.DeleteLink(index, delete.Name);
                }
                indexes.Deleted();
                return null;
            case ChangeLinkStep change:
                rtnl.ChangeLink(indexes.Of(change.Name), change.Name, new LinkChange(
                    change.Mtu, change.Up,
                    change.Master is null ? null : change.Master.Length == 0 ? 0 : indexes.Of(change.Master),
                    change.Mac?.ToOctets()));
                return null;
            case BridgeVlanStep vlan:
                rtnl.BridgeVlan(vlan.Add, indexes.Of(vlan.Device), vlan.Device, vlan.VlanId, vlan.Flags, vlan.Self);
                return null;
            case AddressStep address:
                // The step's InterfaceAddress, its IpAddress, and that one's System.Net form, which the netlink layer writes.
                var (ip, prefix) = (address.Address.Address.Address, (byte)address.Address.PrefixLength);
                if (address.Add)
                {
                    rtnl.AddAddress(indexes.Of(address.Device), address.Device, ip, prefix, AddressProtocol(address.Owner), address.Lifetime);
                }
                else if (indexes.TryOf(address.Device) is int addressDevice)
                {
                    // Gone with its device is removed.
                    rtnl.DeleteAddress(addressDevice, address.Device, ip, prefix);
                }
                return null;
            case RouteStep route:
                if (!route.Add && route.Device is not null && indexes.TryOf(route.Device) is null)
                {
                    return null;
                }
                var spec = new RouteSpec(route.Destination.Network.Address, (byte)route.Destination.PrefixLength, route.Gateway?.Address,
                    route.Device is null ? 0 : indexes.Of(route.Device), route.Metric, RouteProtocol(route.Owner), route.Unreachable);
                if (route.Add)
                {
                    rtnl.AddRoute(spec, route.Detail);
                }
                else
                {
                    rtnl.DeleteRoute(spec, route.Detail);
                }
                return null;
            case RulesetStep ruleset:
                return LoadRuleset(kernel, ruleset.Ruleset);
            case ServiceStep:
                // The supervised services follow the kernel steps: their runtimes apply them.
                return null;
            default:
                throw new InvalidOperationException($"no executor for {step.GetType().Name}");
        }
    }

    private static byte AddressProtocol(Owner owner) => owner switch
    {
        Owner.Configuration => EngineMarks.AddressProtocol,
        Owner.Lease => EngineMarks.LeaseAddressProtocol,
        _ => throw new InvalidOperationException("a PPPoE session's address is pppd's to add"),
    };

    private static byte RouteProtocol(Owner owner) => owner switch
    {
        Owner.Configuration => EngineMarks.RouteProtocol,
        Owner.Lease => EngineMarks.LeaseRouteProtocol,
        _ => EngineMarks.SessionRouteProtocol,
    };

    /// <summary>
    /// The atomic replace of the whole table (one kernel batch). There is no removal: "no
    /// configuration" is <see cref="BaseRuleset"/>, so the router never runs without the table.
    /// </summary>
    public static LoadedRuleset LoadRuleset(KernelSession kernel, RulesetText ruleset)
    {
        var load = kernel.Nft.RunScript(ruleset.ReplaceCommand);
        if (!load.Succeeded)
        {
            throw RulesetException.From(load.Error, ruleset);
        }
        return new LoadedRuleset(ruleset.Table, kernel.ListRuleset() ?? "");
    }

    /// <summary>
    /// Names to indexes: one link dump at first use; a link created since is looked up alone by
    /// name (one small request, not another dump of every link).
    /// </summary>
    private sealed class IndexCache(IRtnetlink rtnetlink)
    {
        private Dictionary<string, int>? _indexes;

        public void Created(string device) => _indexes?.Remove(device);

        /// <summary>Deleting a link takes the VLAN devices on it along: read everything again.</summary>
        public void Deleted() => _indexes = null;

        public int? TryOf(string device)
        {
            var indexes = _indexes ??= rtnetlink.ReadIndexes();
            if (indexes.TryGetValue(device, out var known))
            {
                return known;
            }
            if (rtnetlink.IndexOf(device) is not int found)
            {
                return null;
            }
            indexes[device] = found;
            return found;
        }

        public int Of(string device) =>
            TryOf(device) ?? throw new KernelException($"find device {device}", KernelException.ENODEV, "no such device in the router's namespace");
    }
}

/// <param name="FailedStep">The step that failed, when <paramref name="Succeeded"/> is false.</param>
/// <param name="ErrorPath">The configuration path the failure is about.</param>
/// <param name="Ruleset">The ruleset the apply loaded, when it got that far.</param>
/// <param name="ConnectionsDeleted">Connections the plan's flush steps deleted.</param>
public sealed record ApplyOutcome(bool Succeeded, PlanStep? FailedStep, string? Error, string? ErrorPath, LoadedRuleset? Ruleset, int ConnectionsDeleted = 0);

/// <summary>libnftables refused the ruleset; <see cref="Path"/> is the configuration object of the offending line.</summary>
public sealed partial class RulesetException : Exception
{
    public RulesetException() { }

    public RulesetException(string message) : base(message) { }

    public RulesetException(string message, Exception innerException) : base(message, innerException) { }

    public string? Path { get; init; }

    internal static RulesetException From(string error, RulesetText ruleset)
    {
        // libnftables names the line as "FILE:LINE:COLUMNS: Error: ..." (see NftContext.RunScript).
        var match = LinePattern().Match(error);
        var path = match.Success ? ruleset.PathOfCommandLine(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
        var message = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(line => line.Contains("Error:", StringComparison.Ordinal)) ?? error.Trim();
        var plain = message[(message.IndexOf("Error:", StringComparison.Ordinal) is var at and >= 0 ? at + 7 : 0)..].Trim();
        return new RulesetException($"the kernel refused the ruleset: {plain}") { Path = path };
    }

    [GeneratedRegex(@":(\d+):\d+(-\d+)?: Error:")]
    private static partial Regex LinePattern();
}
