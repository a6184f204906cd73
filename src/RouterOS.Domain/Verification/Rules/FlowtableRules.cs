using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// Flowtables: each device once; each real device hooked by one flowtable only (the kernel answers
/// EEXIST for a second flowtable on the same ingress hook, nf_tables_api.c); and warnings where the
/// admin's choice resolves to other devices, or where the fast path will not do what they expect.
/// </summary>
internal static class FlowtableRules
{
    public static void Check(VerifyContext context)
    {
        var hookedBy = new Dictionary<InterfaceName, (ObjectName Flowtable, InterfaceName Via)>();
        var used = context.Config.OffloadPolicy.Where(r => r.Enabled && r.Action == OffloadAction.Offload && r.Flowtable is not null)
            .Select(r => r.Flowtable!).ToHashSet();
        foreach (var flowtable in context.Config.Flowtables)
        {
            var path = ConfigPath.Item("flowtables", flowtable.Name);
            if (flowtable.Devices.IsEmpty)
                context.Warning(path.Field("devices"), "no devices: the flowtable hooks nothing, so flows offloaded into it never take the fast path");
            var listed = new HashSet<InterfaceName>();
            foreach (var device in flowtable.Devices)
            {
                var devicePath = path.Item("devices", device);
                if (!listed.Add(device))
                {
                    context.Error(devicePath, $"{device} is listed twice in flowtable {flowtable.Name}");
                    continue;
                }
                if (context.RequireDevice(devicePath, device) is { } node)
                    CheckDevice(context, devicePath, flowtable, node, hookedBy);
            }
            WarnWhenUnused(context, path, flowtable, used);
            WarnAboutShaping(context, path, flowtable);
        }
    }

    private static void CheckDevice(VerifyContext context, string devicePath, Flowtable flowtable, DeviceNode node,
        Dictionary<InterfaceName, (ObjectName Flowtable, InterfaceName Via)> hookedBy)
    {
        var real = context.Devices.ResolveRealDevices(node.Name);
        if (node.Kind != DeviceKind.Port)
        {
            context.Warning(devicePath, real.Count == 0
                ? $"{node.Description} resolves to no real device (it has no ports), so the flowtable hooks nothing for it"
                : $"{node.Description} is not where packets arrive; the flowtable will hook the real device{(real.Count > 1 ? "s" : "")} under it: {string.Join(", ", real)}");
        }
        foreach (var device in real)
        {
            if (!hookedBy.TryAdd(device, (flowtable.Name, node.Name)))
            {
                var (otherTable, via) = hookedBy[device];
                if (otherTable == flowtable.Name)
                    context.Warning(devicePath, $"{device} is already in this flowtable{Through(via, device)}; it is hooked once");
                else
                    context.Error(devicePath, $"{device}{Through(node.Name, device)} is already hooked by flowtable {otherTable}{Through(via, device)}; a device can be in only one flowtable (the kernel refuses a second flowtable on its ingress hook)");
            }
        }
    }

    private static string Through(InterfaceName via, InterfaceName device) => via == device ? "" : $" (through {via})";

    private static void WarnWhenUnused(VerifyContext context, string path, Flowtable flowtable, HashSet<ObjectName> used)
    {
        if (!used.Contains(flowtable.Name))
            context.Warning(path, $"no enabled offload rule sends flows to {flowtable.Name}, so nothing takes its fast path");
    }

    // Flows in hardware never meet the kernel's qdiscs, so a shaper on the same device stops shaping them.
    private static void WarnAboutShaping(VerifyContext context, string path, Flowtable flowtable)
    {
        if (!flowtable.HardwareOffload)
            return;
        var hooked = flowtable.Devices.Where(context.Devices.Contains).SelectMany(context.Devices.ResolveRealDevices).ToHashSet();
        foreach (var shaper in context.Config.Shaping)
        {
            if (context.Devices.Contains(shaper.Device) && context.Devices.ResolveRealDevices(shaper.Device).Any(hooked.Contains))
                context.Warning(path.Field("hardwareOffload"), $"hardware offload bypasses the traffic shaper on {shaper.Device}: flows offloaded to the NIC are not shaped. Exclude the shaped traffic with a 'never' offload rule, or turn hardware offload off");
        }
    }
}
