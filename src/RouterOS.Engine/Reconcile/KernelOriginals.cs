using RouterOS.Domain.Model;
using RouterOS.Engine.Kernel;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// A link setting as the kernel had it before the engine first changed it: null where the engine
/// has not changed it (or has put it back).
/// </summary>
/// <param name="Mac">Lower-case colon form.</param>
public sealed record LinkOriginal(string Device, int? Mtu = null, bool? Up = null, string? Mac = null)
{
    internal bool IsEmpty => Mtu is null && Up is null && Mac is null;
}

/// <summary>
/// What the kernel had in the link settings a configuration may leave "as it is" (MTU and MAC
/// when not set; admin state, MTU and MAC of a device the configuration no longer names), from
/// before the engine first changed them. A plan puts a recorded value back wherever the desired
/// configuration leaves that setting to the kernel, so a rollback, or any later apply, restores
/// what was there; once put back, the record is dropped and the setting is the kernel's again.
/// The first value stays while a setting is managed: changing it again records nothing new.
/// </summary>
public sealed record KernelOriginals(IReadOnlyList<LinkOriginal> Links)
{
    public static KernelOriginals None { get; } = new([]);

    public LinkOriginal? Of(string device) => Links.FirstOrDefault(link => link.Device == device);

    /// <summary>
    /// The records after <paramref name="plan"/> for <paramref name="desired"/> ran in full:
    /// each setting it changed on a device that was there before (<paramref name="before"/>) is
    /// recorded if it was not yet; records of devices it deleted go (a new device starts from the
    /// kernel's defaults); settings <paramref name="desired"/> leaves to the kernel were put back
    /// by the plan, so their records go.
    /// </summary>
    public KernelOriginals After(RouterConfig desired, Plan plan, KernelState before)
    {
        var records = Links.ToDictionary(link => link.Device, StringComparer.Ordinal);
        var deleted = plan.Steps.OfType<DeleteLinkStep>().Select(step => step.Name).ToHashSet(StringComparer.Ordinal);
        var created = plan.Steps.Where(step => step is CreateBridgeStep or CreateVlanStep)
            .Select(step => step is CreateBridgeStep bridge ? bridge.Name : ((CreateVlanStep)step).Name).ToHashSet(StringComparer.Ordinal);
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
            };
        }
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
            var managed = ManagedSettings.Of(desired, device);
            var kept = record with
            {
                Mtu = managed.Mtu ? record.Mtu : null,
                Up = managed.Up ? record.Up : null,
                Mac = managed.Mac ? record.Mac : null,
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
}

/// <summary>Which link settings a configuration sets for a device (the rest it leaves to the kernel).</summary>
internal readonly record struct ManagedSettings(bool Mtu, bool Up, bool Mac)
{
    public static ManagedSettings Of(RouterConfig config, string device)
    {
        if (config.Ports.FirstOrDefault(port => port.Name.Value == device) is { } port)
        {
            return new(port.Mtu is not null, true, port.Mac is not null);
        }
        if (config.Bridges.FirstOrDefault(bridge => bridge.Name.Value == device) is { } bridge)
        {
            return new(bridge.Mtu is not null, true, bridge.Mac is not null);
        }
        if (config.Vlans.FirstOrDefault(vlan => vlan.Name.Value == device) is { } vlan)
        {
            return new(vlan.Mtu is not null, true, false);
        }
        return default;
    }
}
