using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// No device may stand on itself, however indirectly (a VLAN on a VLAN on the first, a bridge
/// holding a VLAN of itself): such a stack cannot be built in any order.
/// </summary>
internal static class CycleRules
{
    private enum Mark
    {
        Visiting,
        Done,
    }

    public static void Check(VerifyContext context)
    {
        var marks = new Dictionary<InterfaceName, Mark>();
        var stack = new List<InterfaceName>();
        foreach (var node in context.Devices.Nodes.OrderBy(n => n.Name.Value, StringComparer.Ordinal))
            Visit(context, node.Name, marks, stack);
    }

    private static void Visit(VerifyContext context, InterfaceName device, Dictionary<InterfaceName, Mark> marks, List<InterfaceName> stack)
    {
        if (marks.TryGetValue(device, out var mark))
        {
            if (mark == Mark.Visiting)
                Report(context, stack[stack.IndexOf(device)..]);
            return;
        }
        if (!context.Devices.Contains(device))
            return;
        marks[device] = Mark.Visiting;
        stack.Add(device);
        foreach (var dependency in context.Devices.DependenciesOf(device))
            Visit(context, dependency, marks, stack);
        stack.RemoveAt(stack.Count - 1);
        marks[device] = Mark.Done;
    }

    private static void Report(VerifyContext context, List<InterfaceName> cycle)
    {
        var first = context.Devices.Find(cycle[0])!;
        var chain = string.Join(" -> ", cycle.Append(cycle[0]));
        context.Error(first.Path, $"devices stand on each other in a cycle ({chain}); none of them can be created");
    }
}
