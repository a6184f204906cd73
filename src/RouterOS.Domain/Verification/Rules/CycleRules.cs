using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// No device may stand on itself, however indirectly (a VLAN on a VLAN on the first, a bridge
/// holding a VLAN of itself): such a stack cannot be built in any order. A depth-first walk with
/// its own stack, each device once: linear, and no recursion for a deep stack to overflow.
/// </summary>
internal static class CycleRules
{
    public static void Check(VerifyContext context)
    {
        var done = new HashSet<InterfaceName>();
        // Where each device on the current path sits in it, so a cycle is cut out of the path at once.
        var positions = new Dictionary<InterfaceName, int>();
        // Each device on the path with its dependencies and the next of them to visit.
        var path = new List<(InterfaceName Device, EquatableArray<InterfaceName> Dependencies, int Next)>();
        foreach (var node in context.Devices.Nodes.OrderBy(n => n.Name.Value, StringComparer.Ordinal))
        {
            if (done.Contains(node.Name))
                continue;
            Enter(context, node.Name, positions, path);
            while (path.Count > 0)
            {
                var (device, dependencies, next) = path[^1];
                if (next == dependencies.Count)
                {
                    path.RemoveAt(path.Count - 1);
                    positions.Remove(device);
                    done.Add(device);
                    continue;
                }
                path[^1] = (device, dependencies, next + 1);
                var dependency = dependencies[next];
                if (positions.TryGetValue(dependency, out var start))
                    Report(context, [.. path.Skip(start).Select(step => step.Device)]);
                else if (!done.Contains(dependency) && context.Devices.Contains(dependency))
                    Enter(context, dependency, positions, path);
            }
        }
    }

    private static void Enter(VerifyContext context, InterfaceName device, Dictionary<InterfaceName, int> positions,
        List<(InterfaceName, EquatableArray<InterfaceName>, int)> path)
    {
        positions[device] = path.Count;
        path.Add((device, context.Devices.DependenciesOf(device), 0));
    }

    private static void Report(VerifyContext context, List<InterfaceName> cycle)
    {
        var first = context.Devices.Find(cycle[0])!;
        var chain = string.Join(" -> ", cycle.Append(cycle[0]));
        context.Error(first.Path, $"devices stand on each other in a cycle ({chain}); none of them can be created");
    }
}
