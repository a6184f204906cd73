using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// A device's settings as the kernel had them before the engine first changed them: null where the
/// engine has not changed them (or has put them back).
/// </summary>
/// <param name="Master">The bridge it was a port of; "" when it was in none.</param>
/// <param name="Bridge">A bridge's own settings the engine changed (null fields: not changed).</param>
/// <param name="Adopted">
/// A bridge or VLAN device the kernel already had when a configuration first named it: not the
/// engine's to delete when no configuration names it any more, only to put back as it was.
/// </param>
public sealed record LinkOriginal(string Device, int? Mtu = null, bool? Up = null, MacAddress? Mac = null,
    string? Master = null, BridgeAttributes? Bridge = null, bool Adopted = false)
{
    internal bool IsEmpty => Mtu is null && Up is null && Mac is null && Master is null && Bridge is null && !Adopted;
}

/// <summary>
/// What the kernel had in the settings a configuration may leave "as it is" (MTU and MAC when not
/// set; bridge membership of a device in no bridge of the configuration; admin state, MTU, MAC,
/// membership and bridge settings of a device the configuration no longer names), from before the
/// engine first changed them, and which bridges and VLAN devices it found rather than made. A plan
/// puts a recorded value back wherever the desired configuration leaves that setting to the
/// kernel, so a rollback, or any later apply, restores what was there; once put back, the record
/// is dropped and the setting is the kernel's again. The first value stays while a setting is
/// managed: changing it again records nothing new.
/// </summary>
public sealed record KernelOriginals(IReadOnlyList<LinkOriginal> Links)
{
    public static KernelOriginals None { get; } = new([]);

    public LinkOriginal? Of(string device) => Links.FirstOrDefault(link => link.Device == device);

    /// <summary>
    /// The records after <paramref name="plan"/> for <paramref name="desired"/> ran in full:
    /// each setting it changed on a device that was there before (<paramref name="before"/>) is
    /// recorded if it was not yet; a bridge or VLAN device <paramref name="desired"/> names that was
    /// there and that <paramref name="previous"/> did not name is adopted; records of devices it
    /// deleted go (a new device starts from the kernel's defaults); settings
    /// <paramref name="desired"/> leaves to the kernel were put back by the plan, so their records go.
    /// </summary>
    public KernelOriginals After(RouterConfig desired, RouterConfig? previous, Plan plan, KernelState before)
    {
        var records = Links.ToDictionary(link => link.Device, StringComparer.Ordinal);
        var deleted = plan.Steps.OfType<DeleteLinkStep>().Select(step => step.Name).ToHashSet(StringComparer.Ordinal);
        var created = plan.Steps.Where(step => step is CreateBridgeStep or CreateVlanStep)
            .Select(step => step is CreateBridgeStep bridge ? bridge.Name : ((CreateVlanStep)step).Name).ToHashSet(StringComparer.Ordinal);
        RecordAdopted(records, desired, previous, before, created);
        var made = EngineMadeBridges(records, desired, previous);
        foreach (var change in plan.Steps.OfType<ChangeLinkStep>())
        {
            if (created.Contains(change.Name) || before.Link(change.Name) is not { } was)
            {
                continue;
            }
            var record = records.GetValueOrDefault(change.Name) ?? new LinkOriginal(change.Name);
            records[change.Name] = record with
            {
                Mtu = record.Mtu ?? (change.Mtu is null ? null : was.Mtu),
                Up = record.Up ?? (change.Up is null ? null : was.Up),
                Mac = record.Mac ?? (change.Mac is null ? null : was.Mac),
                // A bridge the engine made is no kernel original: before it, the device was in none.
                Master = record.Master ?? (change.Master is null ? null : was.Master is { } master && !made.Contains(master) ? master : ""),
            };
        }
        foreach (var change in plan.Steps.OfType<ChangeBridgeStep>())
        {
            if (created.Contains(change.Name) || before.Link(change.Name) is not { } was)
            {
                continue;
            }
            var record = records.GetValueOrDefault(change.Name) ?? new LinkOriginal(change.Name);
            records[change.Name] = record with { Bridge = BridgeOriginals.Record(record.Bridge, change.Attributes, was.Bridge ?? new BridgeAttributes()) };
        }
        var index = ManagedSettings.Index(desired);
        var bridges = desired.Bridges.Select(bridge => bridge.Name.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (device, record) in records.ToList())
        {
            if (deleted.Contains(device))
            {
                records.Remove(device);
                continue;
            }
            if (before.Link(device) is null)
            {
                // Not there (a port unplugged): nothing was put back; the record waits for it.
                continue;
            }
            var managed = index.GetValueOrDefault(device);
            var kept = record with
            {
                Mtu = managed.Mtu ? record.Mtu : null,
                Up = managed.Up ? record.Up : null,
                Mac = managed.Mac ? record.Mac : null,
                // Kept, not put back, while the device is named and its bridge too: the configuration keeps it out of that bridge.
                Master = managed.Master || (managed != default && record.Master is { } master && bridges.Contains(master)) ? record.Master : null,
                Bridge = BridgeOriginals.Keep(record.Bridge, managed),
                Adopted = managed.Device && record.Adopted,
            };
            if (kept.IsEmpty)
            {
                records.Remove(device);
            }
            else
            {
                records[device] = kept;
            }
        }
        return new KernelOriginals([.. records.Values.OrderBy(link => link.Device, StringComparer.Ordinal)]);
    }

    /// <summary>Bridges and VLAN devices <paramref name="desired"/> names that the kernel had and the engine did not make.</summary>
    private static void RecordAdopted(Dictionary<string, LinkOriginal> records, RouterConfig desired, RouterConfig? previous, KernelState before,
        HashSet<string> created)
    {
        var named = (previous ?? RouterConfig.Empty).Bridges.Select(bridge => bridge.Name.Value)
            .Concat((previous ?? RouterConfig.Empty).Vlans.Select(vlan => vlan.Name.Value)).ToHashSet(StringComparer.Ordinal);
        var devices = desired.Bridges.Select(bridge => bridge.Name.Value).Concat(desired.Vlans.Select(vlan => vlan.Name.Value));
        foreach (var device in devices.Where(device => before.Link(device) is not null && !created.Contains(device) && !named.Contains(device)))
        {
            records[device] = (records.GetValueOrDefault(device) ?? new LinkOriginal(device)) with { Adopted = true };
        }
    }

    /// <summary>The bridges the engine made: those the configurations name, less the ones it adopted.</summary>
    internal static HashSet<string> EngineMadeBridges(IReadOnlyDictionary<string, LinkOriginal> records, RouterConfig desired, RouterConfig? previous) =>
        desired.Bridges.Concat((previous ?? RouterConfig.Empty).Bridges).Select(bridge => bridge.Name.Value)
            .Where(name => records.GetValueOrDefault(name)?.Adopted != true).ToHashSet(StringComparer.Ordinal);
}
