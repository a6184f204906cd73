using RouterOS.Domain.Values;

namespace RouterOS.Domain.Topology;

/// <summary>
/// Computes a value for every device from the values of the devices it stands on (a VLAN's
/// parent, a bridge's members), each device once, with an explicit stack instead of recursion: the
/// graph may come from an unverified configuration, where a stack thousands of devices deep would
/// overflow the thread's stack and end the process.
/// </summary>
internal static class DeviceFold
{
    /// <param name="unknown">The value of a name the configuration does not define.</param>
    /// <param name="cut">The value seen for a device that stands, however indirectly, on the one being computed (a cycle).</param>
    /// <param name="combine">A device's value from its node and a lookup of the values it depends on.</param>
    public static Dictionary<InterfaceName, T> Compute<T>(DeviceGraph graph, T unknown, T cut, Func<DeviceNode, Func<InterfaceName, T>, T> combine)
    {
        var values = new Dictionary<InterfaceName, T>(graph.Nodes.Count());
        var onPath = new HashSet<InterfaceName>();
        // Each device on the path with its dependencies and the next of them to visit.
        var path = new List<(DeviceNode Node, EquatableArray<InterfaceName> Dependencies, int Next)>();
        // One delegate for every combine, not one per device.
        Func<InterfaceName, T> lookup = name =>
            values.TryGetValue(name, out var value) ? value : onPath.Contains(name) ? cut : unknown;
        void Enter(DeviceNode node)
        {
            onPath.Add(node.Name);
            path.Add((node, graph.DependenciesOf(node.Name), 0));
        }

        foreach (var root in graph.Nodes)
        {
            if (values.ContainsKey(root.Name))
                continue;
            Enter(root);
            while (path.Count > 0)
            {
                var (node, dependencies, next) = path[^1];
                if (next < dependencies.Count)
                {
                    path[^1] = (node, dependencies, next + 1);
                    var dependency = dependencies[next];
                    if (!values.ContainsKey(dependency) && !onPath.Contains(dependency) && graph.Find(dependency) is { } found)
                        Enter(found);
                    continue;
                }
                path.RemoveAt(path.Count - 1);
                onPath.Remove(node.Name);
                values[node.Name] = combine(node, lookup);
            }
        }
        return values;
    }
}
