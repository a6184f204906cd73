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
        var values = new Dictionary<InterfaceName, T>();
        var onPath = new HashSet<InterfaceName>();
        var path = new Stack<(DeviceNode Node, IEnumerator<InterfaceName> Next)>();
        T Lookup(InterfaceName name) =>
            values.TryGetValue(name, out var value) ? value : onPath.Contains(name) ? cut : unknown;
        void Enter(DeviceNode node)
        {
            onPath.Add(node.Name);
            path.Push((node, graph.DependenciesOf(node.Name).GetEnumerator()));
        }

        foreach (var root in graph.Nodes)
        {
            if (values.ContainsKey(root.Name))
                continue;
            Enter(root);
            while (path.TryPeek(out var top))
            {
                if (top.Next.MoveNext())
                {
                    var dependency = top.Next.Current;
                    if (!values.ContainsKey(dependency) && !onPath.Contains(dependency) && graph.Find(dependency) is { } node)
                        Enter(node);
                    continue;
                }
                path.Pop();
                top.Next.Dispose();
                onPath.Remove(top.Node.Name);
                values[top.Node.Name] = combine(top.Node, Lookup);
            }
        }
        return values;
    }
}
